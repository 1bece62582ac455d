// The index's spelling data follows its articles: the words of an added
// article are added, those of a deleted or replaced one taken out (Xapian
// does not do that by itself). Internal to the index writer.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "article.h"
#include "schema.h"

namespace telusur {

// Whether a term feeds the spelling corrector: an unprefixed word of three
// or more bytes without digits (names included, numbers and stems not).
bool spelling_word(const std::string& term);

// Adds (or removes) a document's words to the spelling data, each with its
// wdf, so the data always sums the words of the articles in the index.
void adjust_spellings(Xapian::WritableDatabase& db, const Xapian::Document& doc, bool add);

// Removes the spelling data of the article with `id_term`, if the index holds it.
void remove_old_spellings(Xapian::WritableDatabase& db, const std::string& id_term);

}  // namespace telusur
