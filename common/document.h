// What a Telusur document stores besides its terms, encoded and decoded
// here only: the names value (schema::kNamesSlot), the article id (its id
// term), and how a Xapian error reads in a message. The display fields'
// format is stored_fields.h; the document data is the body as it is.
#pragma once

#include <xapian.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// The letters of the name types in the names value.
inline constexpr char kPersonLetter = 'p';
inline constexpr char kPlaceLetter = 'l';
inline constexpr char kOrgLetter = 'o';

// One name of the names value: its type letter, the name as indexed and
// the other ways the article wrote it (those whose name_key differs from the
// name's: "Choe" for Choe Son Hui, "Komisi Pemberantasan Korupsi (KPK)"),
// which entity resolution (entities.h) reads as evidence.
struct StoredName {
  char type = 0;
  std::string_view name;                 // points into the value decoded
  std::vector<std::string_view> surfaces;  // likewise
};

// Appends a name to a names value: one line, its type letter, a tab, the
// name, and a tab before each surface (none holds a newline or a tab).
// Indexes written before surfaces were kept have lines of type and name
// alone, which decode with no surfaces.
void append_name(std::string& value, char type, std::string_view name,
                 const std::vector<std::string>& surfaces = {});

// The names of a names value, in order; lines that are not names are
// skipped.
std::vector<StoredName> decode_names(std::string_view value);

// Calls fn(type, name, surfaces) for each name of a names value, in order,
// `surfaces` the other spellings as stored (tab-separated, "" for none):
// the one parser of the names value, without allocating (the facet
// counter's loop). Lines that are not names are skipped.
template <typename Fn>
void for_each_name(std::string_view value, Fn&& fn) {
  while (!value.empty()) {
    std::size_t nl = value.find('\n');
    if (nl == std::string_view::npos) nl = value.size();
    const std::string_view line = value.substr(0, nl);
    value.remove_prefix(std::min(nl + 1, value.size()));
    if (line.size() < 3 || line[1] != '\t') continue;
    const std::size_t tab = line.find('\t', 2);
    const std::string_view name = line.substr(2, tab == std::string_view::npos ? tab : tab - 2);
    if (!name.empty())
      fn(line[0], name, tab == std::string_view::npos ? std::string_view() : line.substr(tab + 1));
  }
}

// The article id of document `docid` (from its id term); empty when it has
// none.
std::string article_id(const Xapian::Database& db, Xapian::docid docid);

// A Xapian error as a message ends: its message, and the system error
// behind it in brackets when there is one.
std::string describe(const Xapian::Error& e);

}  // namespace telusur
