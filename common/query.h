// The query front end: turns what a user typed into the syntax Xapian's
// QueryParser reads, so that query words become exactly the terms the indexer
// made (same ICU normalisation, case folding and word splitting), field names
// are checked (with Indonesian aliases), and dates are validated.
#pragma once

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

// Rewrites `query` for Xapian's QueryParser (with the fields above, the
// boolean prefix "year" and the value range "date:"): words are normalised,
// case-folded and split like indexed text ("Tegaskan" -> "tegaskan",
// "okezone.com" -> "okezone-com", a phrase); AND/OR/NOT/XOR/NEAR/ADJ (upper
// case), +/-, parentheses, "phrases" and trailing * pass through; field names
// and aliases map to canonical names; year:/tahun: take a 4-digit year;
// date:/tanggal: take YYYY, YYYY-MM or YYYY-MM-DD, or a range A..B (either end
// may be left open) and become "date:YYYYMMDD..YYYYMMDD".
// Throws QueryError naming the problem and its 1-based character position:
// an unbalanced quote or parenthesis, an unknown field, a bad year or date.
std::string rewrite_query(std::string_view query);

}  // namespace telusur
