// Facets by entity: a match spy that counts, for every matching article,
// each entity its names belong to (entity_table.h) once. A name of no
// entity of several variants is an entity of its own, counted under its
// name_key, so case variants count together.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <functional>
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

  // The rows of document `docid` (each once), read from its names value the
  // first time and kept: a later facet query reads no value for it.
  const std::vector<std::uint32_t>& rows_of(const Xapian::Document& doc);
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
  Cache cache_[3];  // per type: the name as stored -> row
  std::unordered_map<const Entity*, std::uint32_t> entity_rows_;
  std::unordered_map<std::string, std::uint32_t> rows_by_key_;  // type + name_key
  std::vector<std::vector<std::uint32_t>> doc_rows_;             // by docid
  std::vector<bool> doc_known_;                                  // by docid
  std::size_t documents_read_ = 0;
};

class EntityFacetSpy : public Xapian::MatchSpy {
 public:
  // `rows` must outlive the spy.
  explicit EntityFacetSpy(FacetRows& rows) : rows_(rows) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  std::string name() const override { return "telusur::EntityFacetSpy"; }

  // The `n` entities of type `type` (a type letter) in most articles, then
  // by name.
  std::vector<Facet> top(char type, std::size_t n) const;

 private:
  FacetRows& rows_;
  std::vector<std::uint64_t> counts_;  // per row
  std::vector<std::uint32_t> counted_;  // the rows with a count, each once
};

}  // namespace telusur
