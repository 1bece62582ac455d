// CoNLL data, as the NER collections write it: a token per line, columns
// separated by spaces or tabs, the tag in the last column, a blank line
// between sentences.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace telusur {

// One sentence of CoNLL data.
struct ConllSentence {
  std::vector<std::string> tokens;  // first column
  std::vector<std::string> tags;    // last column (the token itself when there is one column)
};

// Reads CoNLL text: a token per line, columns separated by spaces or tabs,
// a blank line between sentences; "-DOCSTART-" lines are skipped.
std::vector<ConllSentence> read_conll(std::istream& in);

}  // namespace telusur
