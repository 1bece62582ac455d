// The article fields an index stores for display, encoded and decoded here
// only. They live in value slot schema::kFieldsSlot, apart from the body (the
// document data), so a hit is read without inflating its article: the body is
// read only for snippets and test collections.
//
// Encoding: the fields below in this order, each followed by kFieldSeparator
// (a unit separator, which the readers' normalised text never holds: any in
// a field is written as a space); `title_derived` is "1" or empty, `date` ISO
// or empty, `line` decimal or empty for 0.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "article.h"

namespace telusur {

inline constexpr char kFieldSeparator = '\x1f';

struct StoredFields {
  std::string id;
  std::string title;
  bool title_derived = false;
  std::string date;  // ISO YYYY-MM-DD, empty when undated
  std::string source;
  std::string author;
  std::string dateline;
  std::string category;
  std::string url;
  std::string path;
  std::size_t line = 0;  // 1-based line of a JSONL article, 0 for a .txt file

  // The file the article came from, with ":LINE" for a JSONL article.
  std::string location() const;
};

std::string encode_fields(const Article& article);

// Decodes what encode_fields() wrote; missing trailing fields stay empty.
StoredFields decode_fields(std::string_view encoded);

// What encode_fields() wrote, with the line number `line` instead (the
// article's line moved in its file; nothing else changed).
std::string with_line(std::string_view encoded, std::size_t line);

}  // namespace telusur
