// The entity table an index keeps (entities.h): encoded and decoded here
// only, and looked up by variant.
//
// Encoding, two metadata values (schema::kMetaEntities, kMetaEntitySingles):
// the entities with two or more variants (or whose canonical name is not
// their one variant's), one line each,
//   TYPE \t ID \t ARTICLES \t CANONICAL (\t VARIANT \t ARTICLES)... \n
// and the entities of one variant, one line each, TYPE \t ARTICLES \t NAME \n
// (their id is entity_id(TYPE, NAME)). Searches read the first alone (small);
// listings read both.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "entities.h"

namespace telusur {

class EntityTable {
 public:
  EntityTable() = default;
  // Decodes what encode_merged() and encode_singles() wrote; malformed
  // lines are skipped. `singles` may be empty (a search needs none).
  static EntityTable decode(std::string_view merged, std::string_view singles = {});

  // The entities stored in each value, encoded.
  static std::string encode_merged(const std::vector<Entity>& entities);
  static std::string encode_singles(const std::vector<Entity>& entities);

  // The entity of the merged value that holds a name of `type` (a type
  // letter) as a variant (compared by name_key); null for any other name,
  // which is an entity of its own.
  const Entity* find(char type, std::string_view name) const;
  // The same for a type letter followed by a name_key ("ptempo").
  const Entity* find_key(const std::string& typed_key) const;

  // Every entity decoded, as stored (most articles first).
  const std::vector<Entity>& entities() const { return entities_; }
  bool empty() const { return entities_.empty(); }

 private:
  std::vector<Entity> entities_;
  std::unordered_map<std::string, std::size_t> by_variant_;  // type + name_key -> entity
};

}  // namespace telusur
