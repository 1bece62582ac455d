// Spelling suggestions for queries ("Did you mean"), from the spelling data
// the indexer builds (every word of the articles with its collection
// frequency).
//
// The rule: a query word is looked up in Xapian's spelling table only when it
// could be a misspelling, which is when the index lacks it or holds it
// rarely: fewer than trusted_frequency() times. Fields, operators, stopwords,
// numbers and words of under four bytes are never looked up (a field
// value is: "person:Pyongyan"). A word that is
// looked up is replaced by the best spelling within one edit (two for words
// over 7 bytes) when the index lacks the word, or holds that spelling at
// least kSpellingRatio times as often.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// How much more frequent a spelling must be than a word the index holds to
// replace it.
inline constexpr std::uint64_t kSpellingRatio = 20;

// Queries of more words than this get no suggestion (they are documents).
inline constexpr std::size_t kMaxSpellingWords = 64;

// The frequency from which a word of an index of `doccount` articles is
// taken as correctly spelt: max(10, doccount / 2000). On CLICK-ID a word
// written 10 times or more is a word of the collection (a correction for it
// is nearly always wrong: "kurban" -> "korban"), and misspellings a user
// types are held less often (bench/spelling.sh measures both).
std::uint64_t trusted_frequency(std::uint64_t doccount);

// What a suggestion cost: spelling-table look-ups (the costly part) and
// frequency look-ups.
struct SpellingWork {
  std::size_t lookups = 0;
  std::size_t frequencies = 0;
};

// The words of a query to look up, found by their frequencies alone (cheap),
// so the look-ups can run beside the search.
struct SpellingPlan {
  struct Word {
    std::size_t begin = 0, end = 0;  // bytes in `text`
    std::string key;                 // case-folded
    std::uint64_t frequency = 0;     // in the index
  };
  std::string text;  // the query, normalised
  std::vector<Word> words;
};

// The words of `query` (as typed) that the rule says to look up. `trusted`
// is the frequency from which a word is not looked up (trusted_frequency()
// by default; UINT64_MAX looks up every word). Words are checked with
// `stopper`; `work` is incremented.
SpellingPlan plan_spelling(const Xapian::Database& db, const Xapian::Stopper& stopper,
                           std::string_view query, std::uint64_t trusted, SpellingWork& work);

// The corrected query, or empty when no word of `plan` needs correcting:
// one spelling-table look-up per word of the plan.
std::string suggest_spelling(const Xapian::Database& db, const SpellingPlan& plan,
                             SpellingWork& work);

}  // namespace telusur
