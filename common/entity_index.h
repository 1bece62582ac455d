// The entity table of an index (entity_table.h), resolved from the names
// value of every article (entities.h) and kept in the index's metadata.
#pragma once

#include <xapian.h>

#include <string>
#include <utility>
#include <vector>

#include "entity_table.h"

namespace telusur {

// The entity table of every article of `docs` as the metadata entries that
// keep it (key, value). `docs` may be an index itself, or the parts or
// shards of a collection. Xapian errors propagate.
std::vector<std::pair<std::string, std::string>> entity_table_entries(const Xapian::Database& docs);

// Resolves the entities of every article of `docs` and writes the table
// into `db`'s metadata (not committed). `docs` may be `db` itself.
void write_entity_table(Xapian::WritableDatabase& db, const Xapian::Database& docs);

// The table kept in `db` (empty for an index built before entities were
// kept): with `singles`, the entities of one variant too.
EntityTable read_entity_table(const Xapian::Database& db, bool singles);

}  // namespace telusur
