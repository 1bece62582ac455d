#include "entity_table.h"

#include <algorithm>
#include <charconv>

#include "names.h"
#include "text.h"

namespace telusur {

namespace {

bool parse_count(std::string_view s, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

// One line of the merged table; false when malformed.
bool decode_merged_line(std::string_view line, Entity& e) {
  const std::vector<std::string_view> f = split(line, '\t');
  if (f.size() < 6 || f.size() % 2 != 0 || f[0].size() != 1 || f[3].empty()) return false;
  e.type = f[0][0];
  e.id = std::string(f[1]);
  e.name = std::string(f[3]);
  if (!parse_count(f[2], e.articles)) return false;
  for (std::size_t i = 4; i + 1 < f.size(); i += 2) {
    EntityVariant v{std::string(f[i]), 0};
    if (v.name.empty() || !parse_count(f[i + 1], v.articles)) return false;
    e.variants.push_back(std::move(v));
  }
  return true;
}

bool decode_single_line(std::string_view line, Entity& e) {
  const std::vector<std::string_view> f = split(line, '\t');
  if (f.size() != 3 || f[0].size() != 1 || f[2].empty() || !parse_count(f[1], e.articles))
    return false;
  e.type = f[0][0];
  e.name = std::string(f[2]);
  e.id = entity_id(e.type, e.name);
  e.variants.push_back({e.name, e.articles});
  return true;
}

// Whether an entity is stored with the merged ones: two or more variants,
// or a canonical name other than its one variant (an alias group's name).
bool is_merged(const Entity& e) {
  return e.variants.size() != 1 || e.variants[0].name != e.name;
}

}  // namespace

EntityTable EntityTable::decode(std::string_view merged, std::string_view singles) {
  EntityTable t;
  for (std::string_view line : split_lines(merged)) {
    Entity e;
    if (!decode_merged_line(line, e)) continue;
    for (const EntityVariant& v : e.variants)
      t.by_variant_.emplace(std::string(1, e.type) + name_key(v.name), t.entities_.size());
    t.entities_.push_back(std::move(e));
  }
  if (singles.empty()) return t;
  for (std::string_view line : split_lines(singles)) {
    Entity e;
    if (decode_single_line(line, e)) t.entities_.push_back(std::move(e));
  }
  // One list, most articles first (the merged ones keep their indexes in
  // by_variant_ only while singles are not read: rebuild it).
  std::stable_sort(t.entities_.begin(), t.entities_.end(), [](const Entity& x, const Entity& y) {
    if (x.articles != y.articles) return x.articles > y.articles;
    return x.type != y.type ? x.type < y.type : x.name < y.name;
  });
  t.by_variant_.clear();
  for (std::size_t i = 0; i < t.entities_.size(); ++i)
    if (is_merged(t.entities_[i]))
      for (const EntityVariant& v : t.entities_[i].variants)
        t.by_variant_.emplace(std::string(1, t.entities_[i].type) + name_key(v.name), i);
  return t;
}

std::string EntityTable::encode_merged(const std::vector<Entity>& entities) {
  std::string out;
  for (const Entity& e : entities) {
    if (!is_merged(e)) continue;
    out += e.type;
    out += '\t' + e.id + '\t' + std::to_string(e.articles) + '\t' + e.name;
    for (const EntityVariant& v : e.variants) out += '\t' + v.name + '\t' + std::to_string(v.articles);
    out += '\n';
  }
  return out;
}

std::string EntityTable::encode_singles(const std::vector<Entity>& entities) {
  std::string out;
  for (const Entity& e : entities) {
    if (is_merged(e)) continue;
    out += e.type;
    out += '\t' + std::to_string(e.articles) + '\t' + e.name + '\n';
  }
  return out;
}

const Entity* EntityTable::find(char type, std::string_view name) const {
  return find_key(std::string(1, type) + name_key(name));
}

const Entity* EntityTable::find_key(const std::string& typed_key) const {
  const auto it = by_variant_.find(typed_key);
  return it == by_variant_.end() ? nullptr : &entities_[it->second];
}

}  // namespace telusur
