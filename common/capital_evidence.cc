// CapitalEvidence (names.h): how a collection writes each word in mid-sentence.
#include "name_tokens.h"
#include "names.h"
#include "text.h"

namespace telusur {

void CapitalEvidence::add(std::string_view text, const std::vector<Word>& words) {
  std::size_t prev_end = 0;
  bool first = true;
  for (const Word& w : words) {
    const std::string_view gap = text.substr(prev_end, w.begin - prev_end);
    const bool sentence_start = first || gap.find_first_of(".!?:\n\"") != std::string_view::npos;
    prev_end = w.end;
    first = false;
    if (sentence_start) continue;
    if (starts_upper(w.text)) {
      ++counts_[fold_case(w.text)].capital;
    } else if (starts_lower(w.text)) {
      ++counts_[fold_case(w.text)].lower;
    }
  }
}

char CapitalEvidence::of(const std::string& key) const {
  const auto it = counts_.find(key);
  if (it == counts_.end()) return 'u';
  const Count& c = it->second;
  if (c.lower == 0) return c.capital >= 2 ? 'C' : 'c';
  return c.capital >= c.lower ? 'c' : 'l';
}

}  // namespace telusur
