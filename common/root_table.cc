#include "root_table.h"

#include <charconv>
#include <vector>

#include "hash.h"
#include "schema.h"

namespace telusur {
namespace {

constexpr std::string_view kRootKey = "root:";
constexpr std::string_view kFixedKey = "rootfix:";

void clear_keys(Xapian::WritableDatabase& db, std::string_view prefix) {
  std::vector<std::string> keys;
  for (auto k = db.metadata_keys_begin(std::string(prefix)); k != db.metadata_keys_end(std::string(prefix)); ++k)
    keys.push_back(*k);
  for (const std::string& k : keys) db.set_metadata(k, "");
}

}  // namespace

void write_root_table(Xapian::WritableDatabase& db) {
  const std::string hash = hex64(RootDictionary::default_hash());
  if (db.get_metadata(std::string(schema::kMetaRoots)) == hash) return;
  const auto roots = RootDictionary::load_default();
  clear_keys(db, kRootKey);
  clear_keys(db, kFixedKey);
  for (const auto& [word, flags] : roots->roots())
    if (!word.empty() && word.size() < 200) db.set_metadata(std::string(kRootKey) + word, std::to_string(flags));
  for (const auto& [word, stem] : roots->fixed_stems())
    if (!word.empty() && word.size() < 200) db.set_metadata(std::string(kFixedKey) + word, stem);
  db.set_metadata(std::string(schema::kMetaRoots), hash);
}

bool has_root_table(const Xapian::Database& db) {
  return !db.get_metadata(std::string(schema::kMetaRoots)).empty();
}

std::optional<std::uint32_t> IndexRootTable::flags(const std::string& word) const {
  if (auto it = flags_.find(word); it != flags_.end()) return it->second;
  ++lookups_;
  const std::string v = db_.get_metadata(std::string(kRootKey) + word);
  std::optional<std::uint32_t> out;
  std::uint32_t f = 0;
  if (!v.empty() && std::from_chars(v.data(), v.data() + v.size(), f).ec == std::errc()) out = f;
  return flags_.emplace(word, out).first->second;
}

std::optional<std::string> IndexRootTable::fixed_stem(const std::string& word) const {
  if (auto it = fixed_.find(word); it != fixed_.end()) return it->second;
  ++lookups_;
  const std::string v = db_.get_metadata(std::string(kFixedKey) + word);
  std::optional<std::string> out;
  if (!v.empty()) out = v;
  return fixed_.emplace(word, out).first->second;
}

}  // namespace telusur
