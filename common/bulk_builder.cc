#include "bulk_builder.h"

#include <algorithm>
#include <charconv>
#include <fstream>

#include "analysis_fingerprint.h"

namespace telusur {

std::string part_manifest(const std::string& stemmer, NameIndexing names, bool stem_table) {
  return "schema=" + str(schema::kSchemaVersion) + " analysis=" + analysis_fingerprint() +
         " stemmer=" + stemmer + " names=" + std::to_string(static_cast<int>(names)) +
         " stem-table=" + (stem_table ? "1" : "0");
}

std::vector<std::string> recover_parts(const std::string& parts_dir, const std::string& manifest,
                                       unsigned& next_generation) {
  next_generation = 0;
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(parts_dir, ec))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  std::vector<std::string> kept;
  for (const std::string& name : names) {
    const std::string path = parts_dir + "/" + name;
    unsigned generation = 0;
    const auto [end, err] = std::from_chars(name.data(), name.data() + name.size(), generation);
    bool keep = err == std::errc() && end != name.data() + name.size() && *end == '-';
    if (keep) {
      try {
        const Xapian::Database db(path);
        keep = db.get_metadata(str(kMetaPart)) == manifest && db.get_doccount() > 0;
      } catch (const Xapian::Error&) {
        keep = false;  // never committed, or damaged: built again
      }
    }
    if (keep) {
      kept.push_back(path);
      next_generation = std::max(next_generation, generation + 1);
    } else {
      std::filesystem::remove_all(path, ec);
    }
  }
  return kept;
}

namespace {

constexpr const char* kBuildMarker = "/BUILD";

}  // namespace

void write_build_marker(const std::string& index_dir, bool rebuild, const std::string& manifest) {
  std::ofstream out(index_dir + ".parts" + kBuildMarker, std::ios::trunc);
  out << (rebuild ? "rebuild" : "fresh") << "\n" << manifest << "\n";
  out.flush();  // a marker that did not land only means no resume of a rebuild
}

bool interrupted_rebuild(const std::string& index_dir, const std::string& manifest) {
  std::ifstream in(index_dir + ".parts" + kBuildMarker);
  std::string mode, written;
  return std::getline(in, mode) && std::getline(in, written) && mode == "rebuild" &&
         written == manifest;
}

}  // namespace telusur
