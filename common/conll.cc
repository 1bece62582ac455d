#include "conll.h"

#include <istream>

#include "text.h"

namespace telusur {

std::vector<ConllSentence> read_conll(std::istream& in) {
  std::vector<ConllSentence> out;
  ConllSentence sentence;
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view l = trim(line);
    if (l.empty()) {
      if (!sentence.tokens.empty()) out.push_back(std::move(sentence));
      sentence = {};
      continue;
    }
    if (l.starts_with("-DOCSTART-")) continue;
    const std::size_t first_end = l.find_first_of(" \t");
    const std::size_t last_begin = l.find_last_of(" \t");
    sentence.tokens.emplace_back(l.substr(0, first_end));
    sentence.tags.emplace_back(last_begin == std::string_view::npos ? l : l.substr(last_begin + 1));
  }
  if (!sentence.tokens.empty()) out.push_back(std::move(sentence));
  return out;
}

}  // namespace telusur
