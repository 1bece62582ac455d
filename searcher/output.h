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

// Human-readable text: a header line with the estimated count and time, then
// per hit rank, title, date, source, id and a snippet. With `color`, titles
// are bold and matched words highlighted with ANSI escapes. With `width` > 0
// titles and snippets are wrapped to that many columns (wide characters
// count two), continuation lines indented.
std::unique_ptr<ResultPrinter> make_text_printer(std::ostream& out, bool color,
                                                 std::size_t width = 0);

// One line per hit for scripts: id<TAB>score<TAB>title (tabs and newlines in
// the title become spaces); nothing else.
std::unique_ptr<ResultPrinter> make_compact_printer(std::ostream& out);

// JSON Lines: one {"type":"hit",...} record per hit, then one
// {"type":"summary",...} record (fields documented in docs/searching.md).
std::unique_ptr<ResultPrinter> make_json_printer(std::ostream& out);

}  // namespace telusur
