// The article record every reader produces and the index writer consumes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "dates.h"

namespace telusur {

struct Article {
  std::string id;              // unique: .txt file stem or the JSONL `id`
  std::string title;           // never empty once a reader has returned it
  bool title_derived = false;  // true when made from the first sentence
  std::optional<Date> date;    // publication date; absent when not stated
  std::string source;          // publisher, empty when unknown
  std::string author;          // empty when unknown
  std::string dateline;        // place named in the dateline, empty when none
  std::string url;             // empty when unknown
  std::string category;        // empty when unknown
  std::string body;            // cleaned text, paragraphs separated by "\n\n"
  std::string path;            // file the article came from
  std::size_t line = 0;        // 1-based line for JSONL, 0 for .txt
};

}  // namespace telusur
