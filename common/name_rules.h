// The name extractor's rules (names.cc): runs of capitalised words read with
// cue words and gazetteers, then linked within the article. Internal to the
// extractor; the public interface is names.h.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "name_tables.h"
#include "name_tokens.h"
#include "text.h"

namespace telusur {

// The first and last words of persons' full names, each -> the full name's
// token span; a word two different persons share is ambiguous.
struct PersonParts {
  std::map<std::string, std::pair<std::size_t, std::size_t>> span;
  std::set<std::string> ambiguous;

  // Records the person's full name toks[a, b).
  void add(const std::vector<NameToken>& toks, std::size_t a, std::size_t b);
  // The full name a lone word stands for, if exactly one person has it.
  const std::pair<std::size_t, std::size_t>* find(const std::string& key) const;
};

// The names of the rules alone, in text order: capitalised runs, cues,
// gazetteers, then the short mentions linked to the full names they spell.
std::vector<LinkedName> rule_names(const NameTables& tables, const std::vector<NameToken>& toks);

// A title in Title Case ("Korea Utara Perkuat Hubungan dengan China")
// capitalises common words: reads a title word in lower case when it is a
// common word, or made of a common root ("Tawarkan"), or the body writes it
// in lower case, unless a gazetteer name holds it ("Korea Utara").
void lower_title_case(const NameTables& tables, std::vector<NameToken>& title_toks,
                      const std::vector<Word>& body_words);

}  // namespace telusur
