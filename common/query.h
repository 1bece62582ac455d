// The query front end: turns what a user typed into the syntax Xapian's
// QueryParser reads, so that query words become exactly the terms the indexer
// made (same ICU normalisation, case folding and word splitting), field names
// are checked (with Indonesian aliases), and dates are validated.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// A free-text query field and the term prefix it searches.
struct QueryField {
  std::string_view name;                   // canonical name, as passed to Xapian ("title")
  std::vector<std::string_view> prefixes;  // term prefixes from schema.h ("S"; name: all three)
  std::vector<std::string_view> aliases;   // every name a user may type ("title", "judul")
};

// Free-text fields (title, author, source, category, person, place, org, name).
const std::vector<QueryField>& free_text_fields();

// Whether a field searches names (person, place, org), which are indexed unstemmed.
bool is_name_field(const QueryField& field);

// Whether a word is a query operator as typed: AND, OR, NOT, XOR, NEAR, ADJ
// (upper case), NEAR/N, ADJ/N.
bool is_query_operator(std::string_view word);

// Alias groups (data/names/aliases.txt) in a rewritten query: a form in free
// text becomes the field "xalias:G" and a field value that is a form
// "xalias" FIELD ":G" ("xaliasplace:2"), G the group's index; the searcher
// turns each into one OP_SYNONYM over the group's forms.
inline constexpr std::string_view kAliasField = "xalias";

// A name field's value that names an entity of the index (entity_table.h)
// in a rewritten query: "xentity" FIELD ":" CODE ("xentityperson:12.0"),
// CODE what the EntityLookup returned; the searcher turns it into the
// value's own words OR'ed with every variant of the entity.
inline constexpr std::string_view kEntityField = "xentity";
// For a name field ("person", "place", "org", "name") and its value as
// typed: the code of the entity it names, or nothing (not an entity of
// several variants, or no entity table).
using EntityLookup =
    std::function<std::optional<std::string>(std::string_view field, std::string_view value)>;

// Every alias group's forms as normalised keys ("korea utara", "korut"), each once.
const std::vector<std::vector<std::string>>& alias_keys();

// The forms of alias group `group` as their words ({{"korea", "utara"},
// {"korut"}, {"dprk"}}); empty for an unknown group.
const std::vector<std::vector<std::string>>& alias_forms(std::size_t group);

// Free-text words (as tokenize() makes them, joined by spaces) with every
// alias form written as "xalias:G", as rewrite_query() does.
std::string mark_aliases(std::string_view words);

// Rewrites `query` for Xapian's QueryParser (with the fields above, the
// boolean prefix "year" and the value range "date:"): words are normalised,
// case-folded and split like indexed text ("Tegaskan" -> "tegaskan",
// "okezone.com" -> "okezone-com", a phrase); AND/OR/NOT/XOR/NEAR/ADJ (upper
// case), +/-, parentheses, "phrases" and trailing * pass through; field names
// and aliases map to canonical names; year:/tahun: take a 4-digit year;
// date:/tanggal: take YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B (either end
// may be left open) and become "date:YYYYMMDD..YYYYMMDD".
// A name field's value that `entities` resolves becomes "xentity" FIELD
// ":" CODE (see kEntityField); an alias form stays an alias group.
// Throws QueryError naming the problem and its 1-based character position:
// an unbalanced quote or parenthesis, an unknown field, a bad year or date.
std::string rewrite_query(std::string_view query, const EntityLookup& entities = {});

// A date bound for --since (lower) or --until (`upper`): YYYY, YYYY-MM,
// YYYY-MM-DD, a date in words ("Maret 2021", "12 Maret 2021"), or a time
// before `today` (YYYYMMDD): "7d", "2w", "3m", "1y" (days, weeks, months,
// years ago). A month or year stands for its first day as a lower bound and
// its last as an upper one. Returns YYYYMMDD; throws QueryError naming the text.
std::string resolve_date_bound(std::string_view text, bool upper, const std::string& today);

// A date filter, resolved: YYYYMMDD bounds, empty where open.
struct DateBounds {
  std::string from;
  std::string to;
  bool bounded() const { return !from.empty() || !to.empty(); }
};

// The bounds of --since `since` and --until `until` (either may be empty),
// relative ones counted back from `today` (YYYYMMDD; empty: the local
// date). Throws QueryError for a bad bound, or when `since` is after `until`.
DateBounds resolve_date_bounds(std::string_view since, std::string_view until,
                               std::string today = "");

}  // namespace telusur
