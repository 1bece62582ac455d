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

class EntityFacetSpy : public Xapian::MatchSpy {
 public:
  // `table` must outlive the spy.
  explicit EntityFacetSpy(const EntityTable& table) : table_(table) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  std::string name() const override { return "telusur::EntityFacetSpy"; }

  // The `n` entities of type `type` (a type letter) in most articles, then
  // by name.
  std::vector<Facet> top(char type, std::size_t n) const;

  // Names mapped to entities so far (each distinct name once).
  std::size_t names_resolved() const { return slots_by_key_.size() + entity_slots_.size(); }

 private:
  struct Slot {
    char type = 0;
    const Entity* entity = nullptr;  // null: the name alone
    std::string display;             // the name as first seen
    std::uint64_t count = 0;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Cache = std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>;

  std::uint32_t slot_of(char type, std::string_view name);

  const EntityTable& table_;
  std::vector<Slot> slots_;
  Cache cache_[3];  // per type: the name as stored -> slot
  std::unordered_map<const Entity*, std::uint32_t> entity_slots_;
  std::unordered_map<std::string, std::uint32_t> slots_by_key_;  // type + name_key
  std::vector<std::uint32_t> seen_;                               // this article's slots
};

}  // namespace telusur
