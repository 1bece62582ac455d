#include "entity_facets.h"

#include <algorithm>

#include "document.h"
#include "names.h"
#include "schema.h"

namespace telusur {

namespace {

int type_index(char type) { return type == kPersonLetter ? 0 : type == kPlaceLetter ? 1 : 2; }

}  // namespace

std::uint32_t EntityFacetSpy::slot_of(char type, std::string_view name) {
  Cache& cache = cache_[type_index(type)];
  if (const auto it = cache.find(name); it != cache.end()) return it->second;
  std::string key = std::string(1, type) + name_key(name);
  const Entity* e = table_.find_key(key);
  // An entity of several variants has one slot; any other name one per key.
  const auto next = static_cast<std::uint32_t>(slots_.size());
  std::uint32_t slot;
  if (e)
    slot = entity_slots_.emplace(e, next).first->second;
  else
    slot = slots_by_key_.emplace(std::move(key), next).first->second;
  if (slot == next) slots_.push_back({type, e, std::string(name), 0});
  cache.emplace(std::string(name), slot);
  return slot;
}

void EntityFacetSpy::operator()(const Xapian::Document& doc, double) {
  const std::string value = doc.get_value(schema::kNamesSlot);
  seen_.clear();
  for (const StoredName& n : decode_names(value)) {
    const std::uint32_t slot = slot_of(n.type, n.name);
    if (std::find(seen_.begin(), seen_.end(), slot) != seen_.end()) continue;
    seen_.push_back(slot);
    ++slots_[slot].count;
  }
}

std::vector<Facet> EntityFacetSpy::top(char type, std::size_t n) const {
  std::vector<const Slot*> of_type;
  for (const Slot& s : slots_)
    if (s.type == type) of_type.push_back(&s);
  const auto name_of = [](const Slot* s) -> const std::string& {
    return s->entity ? s->entity->name : s->display;
  };
  const auto better = [&](const Slot* a, const Slot* b) {
    return a->count != b->count ? a->count > b->count : name_of(a) < name_of(b);
  };
  const std::size_t k = std::min(n, of_type.size());
  std::partial_sort(of_type.begin(), of_type.begin() + static_cast<std::ptrdiff_t>(k),
                    of_type.end(), better);
  std::vector<Facet> out;
  for (std::size_t i = 0; i < k; ++i) {
    const Slot& s = *of_type[i];
    Facet f;
    f.name = name_of(&s);
    f.count = s.count;
    f.id = s.entity ? s.entity->id : entity_id(type, s.display);
    if (s.entity)
      for (const EntityVariant& v : s.entity->variants) f.variants.push_back(v.name);
    else
      f.variants.push_back(s.display);
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace telusur
