#include "index_command.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

#include "index_writer.h"
#include "options.h"
#include "readers.h"
#include "status.h"
#include "stemmer.h"

namespace po = boost::program_options;

namespace telusur {
namespace {

constexpr std::size_t kStubBodyBytes = 50;

std::string where(const ReadIssue& issue) {
  return issue.line ? issue.path + ":" + std::to_string(issue.line) : issue.path;
}

}  // namespace

int run_index(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  std::string index_dir;
  std::string stemmer;
  std::vector<std::string> paths;
  bool rebuild = false, verbose = false, quiet = false, no_names = false;
  std::size_t threads = 0;

  po::options_description visible("Options");
  visible.add_options()("help,h", "show this help and exit")(
      "index,i", po::value(&index_dir)->default_value(cli::default_index()),
      "index directory (default: $TELUSUR_INDEX, else ./telusur.db)")(
      "rebuild", po::bool_switch(&rebuild), "discard the index and build it anew")(
      "stemmer", po::value(&stemmer)->default_value(std::string(kDefaultStemmer)),
      "dictionary (default: Telusur's dictionary-backed Indonesian stemmer), snowball (Xapian's "
      "Snowball Indonesian) or none; recorded in the index, changing it needs --rebuild")(
      "no-names", po::bool_switch(&no_names),
      "do not extract person, place and organisation names (faster)")(
      "threads", po::value(&threads)->default_value(0),
      "threads that analyse articles while another writes the index (default 0: one per "
      "core)")("verbose,v", po::bool_switch(&verbose), "also list articles with stub bodies")(
      "quiet,q", po::bool_switch(&quiet), "print only warnings and errors");
  po::variables_map vm;
  if (!cli::parse(argc, argv, visible, paths, vm, err, "telusur-index")) return 2;
  if (vm.count("help")) {
    out << "Usage: telusur-index [--index DIR] [--rebuild] PATH...\n\n"
           "Indexes Indonesian news articles for telusur. PATH is a file or a directory\n"
           "(searched recursively) of plain-text articles (*.txt) and JSON Lines streams\n"
           "(*.jsonl, *.jsonl.zst). Articles already in the index are replaced by id.\n\n"
        << visible
        << "\nExit status: 0 all articles indexed, 1 some skipped (each named on stderr),\n"
           "2 fatal error.\n";
    return 0;
  }
  if (paths.empty()) {
    err << "telusur-index: error: no PATH given (see telusur-index --help)\n";
    return 2;
  }

  const bool progress = !quiet && &err == &std::cerr && isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  const auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::size_t indexed = 0, skipped = 0, stubs = 0, files_read = 0;
  bool progress_shown = false;
  auto clear_progress = [&] {
    if (progress_shown) err << "\r\033[K";
    progress_shown = false;
  };
  const IssueFn on_issue = [&](const ReadIssue& issue) {
    clear_progress();
    if (issue.skipped) ++skipped;
    err << "telusur-index: " << (issue.skipped ? "skipped " : "warning: ") << where(issue) << ": "
        << issue.message << "\n";
  };

  try {
    WriterOptions options;
    options.rebuild = rebuild;
    options.stemmer = stemmer;
    options.extract_names = !no_names;
    options.threads = threads;
    IndexWriter writer(index_dir, options);
    std::vector<std::filesystem::path> inputs(paths.begin(), paths.end());
    const std::vector<std::filesystem::path> files = collect_article_files(inputs, on_issue);
    for (const auto& file : files) {
      ++files_read;
      read_article_file(
          file,
          [&](Article&& a) {
            if (!writer.add(a)) {
              on_issue({a.path, a.line,
                        "duplicate id '" + a.id +
                            "' (an article with this id was indexed earlier in this run)",
                        true});
              return;
            }
            ++indexed;
            if (a.body.size() < kStubBodyBytes) {
              ++stubs;
              if (verbose) {
                clear_progress();
                err << "telusur-index: note: "
                    << (a.line ? a.path + ":" + std::to_string(a.line) : a.path) << ": stub body ("
                    << a.body.size() << " bytes), indexed by its title: " << a.id << "\n";
              }
            }
            if (progress && indexed % 500 == 0) {
              err << "\r\033[K" << indexed << " articles indexed, " << files_read << "/"
                  << files.size() << " files, " << std::fixed << std::setprecision(1) << seconds()
                  << " s" << std::flush;
              progress_shown = true;
            }
          },
          on_issue);
    }
    const bool compacted = writer.finish();
    clear_progress();
    if (!quiet) {
      err << "telusur-index: indexed " << indexed << " article" << (indexed == 1 ? "" : "s")
          << " from " << files_read << " file" << (files_read == 1 ? "" : "s") << ", skipped "
          << skipped;
      if (stubs)
        err << ", " << stubs << " with a stub body (under " << kStubBodyBytes << " bytes"
            << (verbose ? "" : "; list them with --verbose") << ")";
      err << "; " << std::fixed << std::setprecision(2) << seconds() << " s; index '" << index_dir
          << "' holds " << writer.document_count() << " articles (stemmer " << writer.stemmer()
          << (compacted ? ", compacted" : "") << ")\n";
    }
  } catch (const Error& e) {
    clear_progress();
    err << "telusur-index: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    clear_progress();
    err << "telusur-index: error: " << e.what() << "\n";
    return 2;
  }
  return skipped ? 1 : 0;
}

}  // namespace telusur
