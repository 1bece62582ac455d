// Entities at query time (entities.h): a name field's value resolved to an
// entity of the index, the query that finds it under any variant, and the
// entities a hit names.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "entity_table.h"
#include "searcher.h"

namespace telusur {

// For rewrite_query (query.h): the code "E.V" of the entity of `table` that
// the value of name field `field` ("person", "place", "org", "name") names,
// E the entity's index and V the variant's; nothing when it names none.
std::optional<std::string> entity_code(const EntityTable& table, std::string_view field,
                                       std::string_view value);

// "xentity" FIELD ":E.V" (see kEntityField): the value's words as a name
// field matches them (variant V of entity E, in each of `prefixes`), OR'ed
// in one OP_SYNONYM with the exact term of every variant of the entity, so
// the entity is found under any spelling. `table` must outlive it.
class EntityProcessor : public Xapian::FieldProcessor {
 public:
  EntityProcessor(const EntityTable& table, std::vector<std::string> prefixes)
      : table_(table), prefixes_(std::move(prefixes)) {}
  Xapian::Query operator()(const std::string& code) override;

 private:
  const EntityTable& table_;
  std::vector<std::string> prefixes_;
};

// The entities a document names, as its names value lists them, each once.
std::vector<HitEntity> entities_of(const EntityTable& table, const Xapian::Document& doc);

}  // namespace telusur
