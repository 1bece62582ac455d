#include "entity_facets.h"

#include <algorithm>
#include <cmath>

#include "document.h"
#include "names.h"
#include "schema.h"

namespace telusur {

namespace {

int type_slot(char type) { return type == kPersonLetter ? 0 : type == kPlaceLetter ? 1 : 2; }

}  // namespace

std::uint32_t FacetRows::row_of(char type, std::string_view name) {
  Cache& cache = cache_[type_slot(type)];
  if (const auto it = cache.find(name); it != cache.end()) return it->second;
  std::string key = std::string(1, type) + name_key(name);
  const Entity* e = table_.find_key(key);
  // An entity of several variants has one row; any other name one per key.
  const auto next = static_cast<std::uint32_t>(rows_.size());
  const std::uint32_t row = e ? entity_rows_.emplace(e, next).first->second
                              : rows_by_key_.emplace(std::move(key), next).first->second;
  if (row == next) {
    rows_.push_back({type, e, std::string(name)});
    type_indexes_.push_back(static_cast<std::uint8_t>(type_slot(type)));
  }
  cache.emplace(std::string(name), row);
  return row;
}

std::span<const std::uint32_t> FacetRows::rows_of(const Xapian::Document& doc) {
  const Xapian::docid id = doc.get_docid();
  if (id >= doc_extent_.size()) doc_extent_.resize(id + 1);
  Extent& extent = doc_extent_[id];
  if (extent.size == kUnread) {
    const std::string value = doc.get_value(schema::kNamesSlot);
    ++documents_read_;
    const std::size_t begin = pool_.size();
    for_each_name(value, [&](char type, std::string_view name, std::string_view) {
      const std::uint32_t row = row_of(type, name);
      if (std::find(pool_.begin() + static_cast<std::ptrdiff_t>(begin), pool_.end(), row) ==
          pool_.end())
        pool_.push_back(row);
    });
    extent = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(pool_.size() - begin)};
  }
  return {pool_.data() + extent.begin, extent.size};
}

void EntityFacetSpy::operator()(const Xapian::Document& doc, double) {
  ++documents_;
  const std::span<const std::uint32_t> rows = rows_.rows_of(doc);
  if (counts_.size() < rows_.rows().size()) counts_.resize(rows_.rows().size());
  for (std::uint32_t row : rows)
    if (counts_[row]++ == 0) counted_[rows_.type_index(row)].push_back(row);
}

std::vector<Facet> EntityFacetSpy::top(char type, std::size_t n, double scale) const {
  const std::vector<FacetRows::Row>& rows = rows_.rows();
  std::vector<std::uint32_t> of_type = counted_[type_slot(type)];
  const auto name_of = [&](std::uint32_t r) -> const std::string& {
    return rows[r].entity ? rows[r].entity->name : rows[r].display;
  };
  const auto better = [&](std::uint32_t a, std::uint32_t b) {
    return counts_[a] != counts_[b] ? counts_[a] > counts_[b] : name_of(a) < name_of(b);
  };
  const std::size_t k = std::min(n, of_type.size());
  std::partial_sort(of_type.begin(), of_type.begin() + static_cast<std::ptrdiff_t>(k),
                    of_type.end(), better);
  std::vector<Facet> out;
  for (std::size_t i = 0; i < k; ++i) {
    const FacetRows::Row& row = rows[of_type[i]];
    Facet f;
    f.name = name_of(of_type[i]);
    f.count = scale == 1 ? counts_[of_type[i]]
                         : static_cast<std::uint64_t>(std::llround(counts_[of_type[i]] * scale));
    f.id = row.entity ? row.entity->id : entity_id(type, row.display);
    if (row.entity)
      for (const EntityVariant& v : row.entity->variants) f.variants.push_back(v.name);
    else
      f.variants.push_back(row.display);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace telusur
