// Output formats of `telusur`: one interface, one implementation per format.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "searcher.h"

namespace telusur {

class ResultPrinter {
 public:
  virtual ~ResultPrinter() = default;
  // Prints the whole answer to one query.
  virtual void print(const std::string& query, const SearchResults& results) = 0;
};

// Each format prints either the hits (and facets) or, with `timeline` (the
// period's name, SearchOptions::timeline), the matches per period instead.
//
// Human-readable text: a header line with the estimated count and time, then
// per hit rank, title, date, source, id and a snippet; or a bar chart of the
// periods, the undated matches last. With `color`, titles
// are bold and matched words highlighted with ANSI escapes. With `width` > 0
// titles and snippets are wrapped to that many columns (wide characters
// count two), continuation lines indented.
std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, bool color,
                                                 std::size_t width = 0,
                                                 const std::string& timeline = "");

// One line per hit for scripts: id<TAB>score<TAB>title (tabs and newlines in
// the title become spaces); nothing else. A timeline: period<TAB>count
// lines, then undated<TAB>count.
std::unique_ptr<ResultPrinter> make_compact_printer(std::ostream& out,
                                                    const std::string& timeline = "");

// JSON Lines: one {"type":"hit",...} record per hit (or one
// {"type":"period","period":...,"count":N} record per period), then one
// {"type":"summary",...} record (fields documented in docs/searching.md;
// with a timeline also "timeline" and "undated").
std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out,
                                                 const std::string& timeline = "");

}  // namespace telusur
