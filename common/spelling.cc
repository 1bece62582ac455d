#include "spelling.h"

#include <algorithm>
#include <vector>

#include "query.h"
#include "text.h"

namespace telusur {
namespace {

// Whether a word may be looked up at all (before its frequency is known).
bool may_be_misspelt(const Word& w, const std::string& folded, std::string_view text,
                     const Xapian::Stopper& stopper) {
  const bool field = w.end < text.size() && text[w.end] == ':';
  return !field && !is_query_operator(w.text) && folded.size() >= 4 && !stopper(folded) &&
         folded.find_first_of("0123456789") == std::string::npos;
}

}  // namespace

std::uint64_t trusted_frequency(std::uint64_t doccount) {
  return std::max<std::uint64_t>(10, doccount / 2000);
}

SpellingPlan plan_spelling(const Xapian::Database& db, const Xapian::Stopper& stopper,
                           std::string_view query, std::uint64_t trusted, SpellingWork& work) {
  SpellingPlan plan;
  plan.text = normalize(query);
  const std::vector<Word> all = words(plan.text);
  if (all.size() > kMaxSpellingWords) return plan;
  for (const Word& w : all) {
    std::string key = fold_case(w.text);
    if (!may_be_misspelt(w, key, plan.text, stopper)) continue;
    ++work.frequencies;
    const Xapian::termcount freq = db.get_collection_freq(key);  // = its spelling frequency
    if (freq >= trusted) continue;
    plan.words.push_back({w.begin, w.end, std::move(key), freq});
  }
  return plan;
}

std::string suggest_spelling(const Xapian::Database& db, const SpellingPlan& plan,
                             SpellingWork& work) {
  std::string out;
  std::size_t last = 0;
  bool changed = false;
  for (const SpellingPlan::Word& w : plan.words) {
    ++work.lookups;
    const std::string better = db.get_spelling_suggestion(w.key, w.key.size() > 7 ? 2 : 1);
    if (better.empty() || better == w.key) continue;
    ++work.frequencies;
    if (w.frequency > 0 && db.get_collection_freq(better) < kSpellingRatio * w.frequency) continue;
    out += plan.text.substr(last, w.begin - last) + better;
    last = w.end;
    changed = true;
  }
  return changed ? out + plan.text.substr(last) : std::string();
}

}  // namespace telusur
