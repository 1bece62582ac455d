// Fuzzes the query front end end to end: a query string against a small
// index (built once), through parsing (fields, dates, operators), matching,
// spelling, grouping and snippets.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "fuzz_common.h"
#include "index_writer.h"
#include "searcher.h"
#include "status.h"

namespace {

telusur::Searcher& searcher() {
  static std::unique_ptr<telusur::Searcher> s = [] {
    const std::string dir = (std::filesystem::temp_directory_path() /
                             ("telusur-fuzz-query-" + std::to_string(::getpid())))
                                .string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/articles.jsonl";
    {
      std::ofstream out(file);
      out << R"({"id": "a1", "title": "Korea Utara dan China Perkuat Hubungan", "date": "2025-09-29", "body": "Menteri Luar Negeri Wang Yi bertemu Choe Son Hui di Beijing. Kata Wang Yi, hubungan kedua negara erat."})"
          << "\n"
          << R"({"id": "a2", "title": "Banjir di Jakarta", "date": "2025-09-30", "body": "Banjir melanda Jakarta Timur; warga mengungsi ke tenda darurat, kata BPBD DKI."})"
          << "\n"
          << R"({"id": "a3", "title": "Harga beras naik", "body": "Harga beras premium naik di pasar induk Cipinang, kata pedagang."})"
          << "\n";
    }
    {
      telusur::WriterOptions o;
      o.threads = 1;
      telusur::IndexWriter w(dir + "/db", o);
      if (w.file_changed(file))
        telusur::read_article_file(
            file, [&](telusur::Article&& a) { w.add(a); }, [](const telusur::ReadIssue&) {});
      w.end_file(true);
      w.finish();
    }
    auto searcher = std::make_unique<telusur::Searcher>(dir + "/db");
    std::filesystem::remove_all(dir);  // the open database keeps its files
    return searcher;
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto text = telusur::fuzz::as_text(data, size);
  if (!text) return 0;
  for (bool group : {false, true}) {
    telusur::SearchOptions o;
    o.query = *text;
    o.group = group;
    o.facets = group ? 5 : 0;
    try {
      searcher().search(o);
    } catch (const telusur::QueryError&) {
    }
  }
  return 0;
}
