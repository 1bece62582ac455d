// What the index writer records of the files it read, to read only what
// changed: file identities, signatures and article hashes. Internal to the
// index writer.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <sstream>
#include <vector>

#include "article.h"
#include "hash.h"
#include "schema.h"
#include "status.h"

namespace telusur {

// The identity of a file across runs: its absolute path with symbolic links
// of its directories resolved. Directories are resolved once each (a
// corpus is many files in few directories).
class FileIdentities {
 public:
  std::string operator()(const std::filesystem::path& file) {
    if (cwd_.empty()) cwd_ = std::filesystem::current_path();
    const std::filesystem::path absolute =
        (file.is_absolute() ? file : cwd_ / file).lexically_normal();
    const std::string parent = absolute.parent_path().string();
    auto it = dirs_.find(parent);
    if (it == dirs_.end()) {
      std::error_code ec;
      std::filesystem::path resolved = std::filesystem::weakly_canonical(parent, ec);
      it = dirs_.emplace(parent, ec ? parent : resolved.string()).first;
    }
    return (std::filesystem::path(it->second) / absolute.filename()).string();
  }

 private:
  std::filesystem::path cwd_;
  std::unordered_map<std::string, std::string> dirs_;
};

// The content of an article that the index shows or searches: its
// signature changes when any of it does (not with its line number).
std::uint64_t article_hash(const Article& a);

// A file's signature, kept as one metadata entry per file:
//   key   "telusur.file." FILE_HASH " " SIZE " " MTIME_NS " " ARTICLES
//   value CONTENT_HASH "\n" PATH
// Size, mtime and the article count sit in the key, so one scan of the keys
// (no lookup per file) tells which files are unchanged. ARTICLES: how many
// of the index's articles came from the file.
struct FileSignature {
  std::string file_hash;  // hex of the path's hash, as in the kFilePrefix term
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t articles = 0;
  std::string content_hash;  // from the value: read on demand
  std::string path;          // from the value: read on demand

  std::string key() const {
    return str(schema::kMetaFilePrefix) + file_hash + " " + std::to_string(size) + " " +
           std::to_string(mtime_ns) + " " + std::to_string(articles);
  }
  std::string value() const { return content_hash + "\n" + path; }
  static std::optional<FileSignature> from_key(const std::string& key) {
    FileSignature s;
    std::istringstream in(key.substr(schema::kMetaFilePrefix.size()));
    if (!(in >> s.file_hash >> s.size >> s.mtime_ns >> s.articles)) return std::nullopt;
    return s;
  }
  void read_value(const std::string& value) {
    const std::size_t nl = value.find('\n');
    content_hash = value.substr(0, nl);
    path = nl == std::string::npos ? std::string() : value.substr(nl + 1);
  }
};

// hash_of() of a file's bytes, read in blocks (a file of any size costs one
// buffer, not its size in memory); nullopt when it cannot be read.
std::optional<std::uint64_t> file_content_hash(const std::filesystem::path& file);

}  // namespace telusur
