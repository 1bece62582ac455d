// The dictionary stemmer's roots written into an index, so that a searcher
// analyses a word the index has never seen without loading the hunspell-id
// word list: a few metadata look-ups per word instead of a load that grows
// with the vocabulary.
//
// Encoding (metadata): "root:" WORD -> its RootSource flags in decimal;
// "rootfix:" WORD -> the stem a correction fixes; schema::kMetaRoots -> the
// hex hash (RootDictionary::default_hash) of the dictionary written.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "indonesian_stemmer.h"

namespace telusur {

// Writes the default root dictionary into `db` unless the same one is there
// (the hash matches: then the word list is read and hashed, not parsed).
// Throws telusur::Error when the word list cannot be read.
void write_root_table(Xapian::WritableDatabase& db);

// Whether `db` holds a root table.
bool has_root_table(const Xapian::Database& db);

// The roots of an index's root table, looked up word by word (memoised).
// Not thread-safe.
class IndexRootTable : public RootSource {
 public:
  explicit IndexRootTable(Xapian::Database db) : db_(std::move(db)) {}

  std::optional<std::uint32_t> flags(const std::string& word) const override;
  std::optional<std::string> fixed_stem(const std::string& word) const override;

  // Metadata look-ups made so far.
  std::size_t lookups() const { return lookups_; }

 private:
  Xapian::Database db_;
  mutable std::unordered_map<std::string, std::optional<std::uint32_t>> flags_;
  mutable std::unordered_map<std::string, std::optional<std::string>> fixed_;
  mutable std::size_t lookups_ = 0;
};

}  // namespace telusur
