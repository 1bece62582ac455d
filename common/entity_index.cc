#include "entity_index.h"

#include "document.h"
#include "names.h"
#include "schema.h"

namespace telusur {

std::vector<std::pair<std::string, std::string>> entity_table_entries(const Xapian::Database& docs) {
  const NameExtractor& names = NameExtractor::builtin_rules();
  EntityResolver resolver(builtin_alias_groups(), [&](std::string_view key) {
    return static_cast<int>(names.name_prefix(key));
  });
  for (auto v = docs.valuestream_begin(schema::kNamesSlot);
       v != docs.valuestream_end(schema::kNamesSlot); ++v) {
    const std::string value = *v;  // outlives the decoded views
    resolver.add_article(decode_names(value));
  }
  const std::vector<Entity> entities = resolver.resolve();
  return {{str(schema::kMetaEntities), EntityTable::encode_merged(entities)},
          {str(schema::kMetaEntitySingles), EntityTable::encode_singles(entities)}};
}

void write_entity_table(Xapian::WritableDatabase& db, const Xapian::Database& docs) {
  for (const auto& [key, value] : entity_table_entries(docs)) db.set_metadata(key, value);
}

EntityTable read_entity_table(const Xapian::Database& db, bool singles) {
  return EntityTable::decode(db.get_metadata(str(schema::kMetaEntities)),
                             singles ? db.get_metadata(str(schema::kMetaEntitySingles)) : "");
}

}  // namespace telusur
