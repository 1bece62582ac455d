// Where in an article's body a snippet is looked for. Xapian's snippet
// generator tokenises and stems all the text it is given; a hit needs only
// the text around the first place a query word may occur, so it is given a
// window of a snippet length and a quarter there (or the start of the body, when no
// query word shows in it: a match in the title, or through an alias).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// Strings a word of the text contains when its stem may be one of `terms`
// (query terms, field and stem prefixes stripped): the stem, less its first
// letter when longer than 3 bytes (meN- recodes it: "menulis" -> "tulis").
std::vector<std::string> term_fragments(const std::vector<std::string>& terms);

struct TextWindow {
  std::string_view text;  // a part of the body, starting and ending between words
  bool cut_start = false;  // text was left out before it
  bool cut_end = false;    // and after it
};

// The window of `body` around the first occurrence (ASCII case ignored) of
// any of `fragments`: a quarter of `bytes` before it and `bytes` after.
TextWindow snippet_window(std::string_view body, const std::vector<std::string>& fragments,
                          std::size_t bytes);

}  // namespace telusur
