// The index schema in one place: term prefixes, value slots, metadata keys and
// query field names. The indexer writes and the searcher reads only through
// these names (Xapian Omega conventions where they exist).
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

namespace telusur {

// A schema name (or any view) as a string, for building terms and keys.
inline std::string str(std::string_view s) { return std::string(s); }

}  // namespace telusur

namespace telusur::schema {

// Bumped whenever the meaning of a term, value or data field changes; the
// searcher refuses an index with another version.
inline constexpr std::string_view kSchemaVersion = "8";

// Document data: the article's body as it is (read only for snippets and
// test collections); its other fields are in kFieldsSlot (stored_fields.h).

// Term prefixes.
inline constexpr std::string_view kIdPrefix = "Q";           // unique id (boolean)
inline constexpr std::string_view kTitlePrefix = "S";        // title words
inline constexpr std::string_view kAuthorPrefix = "A";       // author words
inline constexpr std::string_view kSourcePrefix = "XSRC";    // source / publisher words
inline constexpr std::string_view kCategoryPrefix = "XCAT";  // category words
inline constexpr std::string_view kYearPrefix = "Y";         // YYYY (boolean)
inline constexpr std::string_view kMonthPrefix = "M";        // YYYYMM (boolean)
inline constexpr std::string_view kDayPrefix = "D";          // YYYYMMDD (boolean)
inline constexpr std::string_view kStemPrefix = "Z";         // stemmed form of any of the above
// The file an article was read from: hex XXH3 of its absolute path (boolean).
inline constexpr std::string_view kFilePrefix = "XF";
// Names found by the name extractor: free text (positional, stemmed like any
// field) and the exact normalised name (boolean, for filters and facets).
inline constexpr std::string_view kPersonPrefix = "XP";
inline constexpr std::string_view kPlacePrefix = "XL";
inline constexpr std::string_view kOrgPrefix = "XO";
inline constexpr std::string_view kPersonExactPrefix = "XPN";
inline constexpr std::string_view kPlaceExactPrefix = "XLN";
inline constexpr std::string_view kOrgExactPrefix = "XON";

// Answer-type markers (boolean): the article's text holds a number, or a
// date (a month name, or a year from 1900 to 2099). Questions asking
// "berapa" or "kapan" prefer such articles (questions.h).
inline constexpr std::string_view kHasNumberTerm = "XTN";
inline constexpr std::string_view kHasDateTerm = "XTD";

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;    // YYYYMMDD, empty when undated
inline constexpr Xapian::valueno kSourceSlot = 1;  // source as written
// Change detection: hex XXH3 of the article's content (of its raw line, for a
// JSONL article), then of its file's path.
inline constexpr Xapian::valueno kSignatureSlot = 2;
// The article's names, one per line: a type letter (p, l, o), a tab, the
// canonical name, and the other ways it was written (document.h). Read by
// the facet match spy and entity resolution.
inline constexpr Xapian::valueno kNamesSlot = 3;
// The article's fields for display (id, title, date, ...): stored_fields.h.
inline constexpr Xapian::valueno kFieldsSlot = 4;

// Metadata keys.
inline constexpr std::string_view kMetaSchema = "telusur.schema";
inline constexpr std::string_view kMetaStemmer = "telusur.stemmer";
inline constexpr std::string_view kMetaVersion = "telusur.version";
// Hash of the alias list and stemmer the alias synonyms were made with.
inline constexpr std::string_view kMetaAliases = "telusur.aliases";
// Hash of the root dictionary written into the index (root_table.h).
inline constexpr std::string_view kMetaRoots = "telusur.roots";
// The collection's entities (entity_table.h): those of several variants,
// and those of one.
inline constexpr std::string_view kMetaEntities = "telusur.entities";
inline constexpr std::string_view kMetaEntitySingles = "telusur.entities.single";
// Per file read completely: key "telusur.file." FILE_HASH " " SIZE " "
// MTIME_NS " " ARTICLES (FILE_HASH as in its kFilePrefix term), value
// CONTENT_HASH "\n" PATH.
inline constexpr std::string_view kMetaFilePrefix = "telusur.file.";

// Position gap between the title and the body, so a phrase never spans them.
inline constexpr Xapian::termpos kTitleBodyGap = 100;
// Within-document frequency increment of a title word (the body's is 1).
inline constexpr Xapian::termcount kTitleWdf = 3;

}  // namespace telusur::schema
