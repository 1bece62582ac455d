// Facets by entity: a match spy that counts, for every matching article,
// each entity its names belong to (entity_table.h) once. A name of no
// entity of several variants is an entity of its own, counted under its
// name_key, so case variants count together.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entity_table.h"
#include "searcher.h"

namespace telusur {

// The facet row each stored name counts in: found once per distinct name
// and kept across the queries of one index revision (a searcher keeps one),
// so a facet query pays one look-up per name it reads.
class FacetRows {
 public:
  struct Row {
    char type = 0;
    const Entity* entity = nullptr;  // null: the name alone
    std::string display;             // the name as first met
  };
  // `table` must outlive the rows.
  explicit FacetRows(const EntityTable& table) : table_(table) {}

  std::uint32_t row_of(char type, std::string_view name);
  const std::vector<Row>& rows() const { return rows_; }
  // The type of row `row` as 0 (person), 1 (place) or 2 (organisation),
  // kept apart from the rows so a count touches one byte.
  std::uint8_t type_index(std::uint32_t row) const { return type_indexes_[row]; }

  // The rows of document `doc` (each once), read from its names value the
  // first time and kept: a later facet query reads no value for it.
  std::span<const std::uint32_t> rows_of(const Xapian::Document& doc);
  // Documents whose names value was read so far.
  std::size_t documents_read() const { return documents_read_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Cache = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

  const EntityTable& table_;
  std::vector<Row> rows_;
  std::vector<std::uint8_t> type_indexes_;  // per row
  Cache cache_[3];  // per type: the name as stored -> row
  std::unordered_map<const Entity*, std::uint32_t> entity_rows_;
  std::unordered_map<std::string, std::uint32_t> rows_by_key_;  // type + name_key
  // Each read document's rows, one after another in `pool_`; by docid,
  // where they start and how many (kUnread: not read yet).
  static constexpr std::uint32_t kUnread = UINT32_MAX;
  struct Extent {
    std::uint32_t begin = 0;
    std::uint32_t size = kUnread;
  };
  std::vector<std::uint32_t> pool_;
  std::vector<Extent> doc_extent_;
  std::size_t documents_read_ = 0;
};

class EntityFacetSpy : public Xapian::MatchSpy {
 public:
  // `rows` must outlive the spy.
  explicit EntityFacetSpy(FacetRows& rows) : rows_(rows) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  std::string name() const override { return "telusur::EntityFacetSpy"; }

  // The `n` entities of type `type` (a type letter) in most articles, then
  // by name; each count multiplied by `scale` (rounded) when it is not 1.
  std::vector<Facet> top(char type, std::size_t n, double scale = 1) const;
  // Matching documents counted so far.
  std::uint64_t documents() const { return documents_; }

 private:
  FacetRows& rows_;
  std::vector<std::uint32_t> counts_;      // per row
  std::vector<std::uint32_t> counted_[3];  // per type: the rows with a count, each once
  std::uint64_t documents_ = 0;
};

}  // namespace telusur
