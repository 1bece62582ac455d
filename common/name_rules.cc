#include "name_rules.h"

#include <algorithm>
#include <unordered_map>

#include "dates.h"
#include "indonesian_stemmer.h"

namespace telusur {

void PersonParts::add(const std::vector<NameToken>& toks, std::size_t a, std::size_t b) {
  for (std::size_t x : {a, b - 1}) {
    auto [it, inserted] = span.emplace(toks[x].key, std::make_pair(a, b));
    if (!inserted && span_key(toks, it->second.first, it->second.second) != span_key(toks, a, b))
      ambiguous.insert(toks[x].key);
  }
}

const std::pair<std::size_t, std::size_t>* PersonParts::find(const std::string& key) const {
  const auto it = span.find(key);
  return it == span.end() || ambiguous.count(key) ? nullptr : &it->second;
}

namespace {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// The evidence before a run of capitalised words that starts at toks[i]:
// a role ("pemimpin", "diplomat senior"), a speech verb ("kata"), a place
// preposition ("di").
struct RunCues {
  bool role = false, speech = false, place = false;
};

RunCues cues_before(const NameTables& t, const std::vector<NameToken>& toks, std::size_t i) {
  RunCues c;
  for (std::size_t back = 1; back <= 2 && back <= i; ++back)
    if ((t.cues_of(toks[i - back]) & kCueRole) && !toks[i - back].cap) c.role = true;
  const unsigned before = i > 0 ? t.cues_of(toks[i - 1]) : 0;
  c.speech = before & kCueSpeech;
  c.place = (before & kCuePlace) && !toks[i - 1].cap;
  return c;
}

// The end of the run of capitalised words that starts at toks[i]; a day
// name ends it ("Amanda Vanstone Selasa").
std::size_t run_end(const std::vector<NameToken>& toks, std::size_t i) {
  std::size_t j = i + 1;
  while (j < toks.size() && (toks[j].hyphen_joined || (toks[j].spaced && toks[j].cap)) &&
         !is_weekday_name(toks[j].text))
    ++j;
  return j;
}

// Whether the unmatched words toks[pending, k) before a known person, k,
// belong to the name: initials ("BJ Habibie") or given names before a
// one-word surname ("Paul Kagame").
bool joins_known_person(const NameTables& t, const std::vector<NameToken>& toks,
                        std::size_t pending, std::size_t k, std::size_t m) {
  if (k - pending > 2) return false;
  bool initials = true;
  bool given_names = m == 1;
  for (std::size_t x = pending; x < k; ++x) {
    initials = initials && (toks[x].acronym || toks[x].text.size() == 1);
    given_names =
        given_names && !toks[x].acronym && !(toks[x].sentence_start && t.common_word(toks[x]));
  }
  return initials || given_names;
}

// One run of capitalised words, toks[i, j): its names into `found`, the
// spans without evidence into `unresolved`.
class RunScanner {
 public:
  RunScanner(const NameTables& t, const std::vector<NameToken>& toks, std::size_t i,
             std::vector<FoundName>& found, Spans& unresolved)
      : t_(t),
        toks_(toks),
        i_(i),
        j_(run_end(toks, i)),
        cues_(cues_before(t, toks, i)),
        found_(found),
        unresolved_(unresolved) {}

  // Scans the run; returns its end.
  std::size_t scan() {
    for (std::size_t k = i_; k < j_;) k = step(k);
    close_pending(j_);
    return j_;
  }

 private:
  // Reads the words from toks[k]; returns where the next step starts.
  std::size_t step(std::size_t k) {
    if (std::size_t m = t_.match(t_.common, toks_, k, j_)) {
      close_pending(k);
      return k + m;
    }
    if (std::size_t m = t_.match(t_.roles, toks_, k, j_)) {
      close_pending(k);
      cues_.role = true;
      return k + m;
    }
    if (std::size_t m = t_.match(t_.org_heads, toks_, k, j_); m && k + m < j_) {
      close_pending(k);
      // "Ketua Umum Partai Golkar Aburizal Bakrie": after a role, a long
      // organisation ends with the person who holds the role.
      if (cues_.role && j_ - k >= m + 3) {
        found_.push_back({NameType::kOrganisation, k, j_ - 2});
        found_.push_back({NameType::kPerson, j_ - 2, j_});
      } else {
        found_.push_back({NameType::kOrganisation, k, j_});
      }
      return j_;  // the rest of the run is the organisation
    }
    // "Kabupaten Klaten", "Gedung Sate", "Selat Sunda".
    if (std::size_t m = t_.match(t_.place_heads, toks_, k, j_); m && k + m < j_) {
      close_pending(k);
      found_.push_back({NameType::kPlace, k, j_});
      return j_;  // the rest of the run is the place
    }
    if (std::size_t m = t_.match(t_.gazetteer, toks_, k, j_)) return known_name(k, m);
    // After a role, the rest of the run is the person ("Wang Yi").
    if (pending_ == kNone) pending_ = k;
    return k + 1;
  }

  // A gazetteer name toks[k, k + m).
  std::size_t known_name(std::size_t k, std::size_t m) {
    const NameType type = t_.gazetteer.at(span_key(toks_, k, k + m));
    const std::size_t end_of_match = k + m;
    if (type == NameType::kPerson && pending_ != kNone &&
        joins_known_person(t_, toks_, pending_, k, m)) {
      k = pending_;
      pending_ = kNone;
    }
    close_pending(k);
    std::size_t end = end_of_match;
    // A known given name takes the capitalised words after it ("Arie
    // Sudjito"), a known one-word surname too ("Paul Kagame").
    if (type == NameType::kPerson)
      while (end < j_ && end - k < 4 && !t_.match(t_.roles, toks_, end, j_) && takes_next(end))
        ++end;
    if (type == NameType::kPlace && end == j_ && compass_at(toks_, end)) ++end;
    found_.push_back({type, k, end});
    return end;
  }

  // Whether a known person goes on with toks[x]: no known name starts
  // there, or a one-word person does.
  bool takes_next(std::size_t x) const {
    const std::size_t m = t_.match(t_.gazetteer, toks_, x, j_);
    return m == 0 || (m == 1 && t_.gazetteer.at(span_key(toks_, x, x + 1)) == NameType::kPerson);
  }

  // The unmatched words toks[pending_, end): a name by the evidence before
  // the run, an acronym, or unresolved.
  void close_pending(std::size_t end) {
    if (pending_ == kNone) return;
    const std::size_t a = pending_;
    pending_ = kNone;
    const bool common_word = end - a == 1 && t_.common_word(toks_[a]);
    // A speech verb is strong evidence ("kata Budiman"); a role before a
    // common word is not ("Menteri Hukum", "Ketua Fraksi").
    if ((cues_.role && !common_word) || (cues_.speech && a == i_))
      found_.push_back({NameType::kPerson, a, std::min(end, a + 4)});
    else if (end - a == 1 && toks_[a].acronym)
      found_.push_back({NameType::kOrganisation, a, end});
    else if (cues_.place && a == i_ && end - a <= 3)
      found_.push_back({NameType::kPlace, a, end});
    else
      unresolved_.emplace_back(a, end);
  }

  static constexpr std::size_t kNone = std::string::npos;
  const NameTables& t_;
  const std::vector<NameToken>& toks_;
  const std::size_t i_, j_;
  RunCues cues_;
  std::vector<FoundName>& found_;
  Spans& unresolved_;
  std::size_t pending_ = kNone;  // start of a run of unmatched words
};

// What the names found with evidence tell about the other spans: the
// spans they spell, and each first or last word of a person's full name.
struct PersonIndex {
  std::map<std::string, NameType> known;
  PersonParts parts;
};

PersonIndex index_found(const std::vector<NameToken>& toks, const std::vector<FoundName>& found) {
  PersonIndex ix;
  for (const FoundName& f : found) {
    if (f.b - f.a > 1 || f.type != NameType::kPerson)
      ix.known.emplace(span_key(toks, f.a, f.b), f.type);
    if (f.type == NameType::kPerson && f.b - f.a >= 2) ix.parts.add(toks, f.a, f.b);
  }
  return ix;
}

// How often each capitalised word stands alone in mid-sentence.
std::map<std::string, int> lone_words(const std::vector<NameToken>& toks) {
  const std::size_t n = toks.size();
  std::map<std::string, int> lone;
  for (std::size_t x = 0; x < n; ++x) {
    const bool alone =
        toks[x].cap && !toks[x].sentence_start && !(x > 0 && toks[x].spaced && toks[x - 1].cap) &&
        !(x + 1 < n && ((toks[x + 1].spaced && toks[x + 1].cap) || toks[x + 1].hyphen_joined));
    if (alone) ++lone[toks[x].key];
  }
  return lone;
}

// A full name written once and then by one of its words alone ("Choe
// Son-hui ... kunjungan pertama Choe") is a person.
void add_repeated_persons(const std::vector<NameToken>& toks, std::vector<FoundName>& found,
                          Spans& unresolved, PersonIndex& ix) {
  const std::map<std::string, int> lone = lone_words(toks);
  for (auto it = unresolved.begin(); it != unresolved.end();) {
    const auto [a, b] = *it;
    bool dated = false;  // "Pada Rabu", "Juni Lalu": days and months are not persons
    for (std::size_t x = a; x < b; ++x)
      dated = dated || is_weekday_name(toks[x].text) || month_from_name(toks[x].text) != 0;
    if (b - a >= 2 && b - a <= 4 && !toks[a].sentence_start && !dated &&
        (lone.count(toks[a].key) || lone.count(toks[b - 1].key)) &&
        !ix.known.count(span_key(toks, a, b))) {
      found.push_back({NameType::kPerson, a, b});
      ix.known.emplace(span_key(toks, a, b), NameType::kPerson);
      for (std::size_t x : {a, b - 1}) ix.parts.span.emplace(toks[x].key, std::make_pair(a, b));
      it = unresolved.erase(it);
    } else {
      ++it;
    }
  }
}

// An unresolved span toks[a, b) linked piece by piece: its longest prefix
// that spells a name found with evidence, or a single word that is the
// first or last word of a person's full name ("Choe" -> "Choe Son Hui").
void link_unresolved(const std::vector<NameToken>& toks, std::size_t a, std::size_t b,
                     const PersonIndex& ix, std::vector<LinkedName>& linked) {
  for (std::size_t s = a; s < b;) {
    std::size_t best = 0;
    for (std::size_t e = b; e > s; --e) {
      if (ix.known.count(span_key(toks, s, e))) {
        best = e - s;
        break;
      }
    }
    if (best) {
      linked.push_back({ix.known.at(span_key(toks, s, s + best)), s, s + best, s, s + best});
      s += best;
    } else if (const auto* full = ix.parts.find(toks[s].key);
               full && (s + 1 == b || !toks[s + 1].cap)) {
      linked.push_back({NameType::kPerson, s, s + 1, full->first, full->second});
      ++s;
    } else {
      ++s;
    }
  }
}

// The names found and the unresolved spans linked to what they spell, in
// text order.
std::vector<LinkedName> link(const std::vector<NameToken>& toks,
                             const std::vector<FoundName>& found, const Spans& unresolved,
                             const PersonIndex& ix) {
  std::vector<LinkedName> linked;
  for (const FoundName& f : found) {
    const auto* full = f.b - f.a == 1 ? ix.parts.find(toks[f.a].key) : nullptr;
    if (full)
      linked.push_back({f.type, f.a, f.b, full->first, full->second});
    else
      linked.push_back({f.type, f.a, f.b, f.a, f.b});
  }
  for (const auto& [a, b] : unresolved) link_unresolved(toks, a, b, ix, linked);
  std::sort(linked.begin(), linked.end(),
            [](const LinkedName& x, const LinkedName& y) { return x.a < y.a; });
  return linked;
}

}  // namespace

std::vector<LinkedName> rule_names(const NameTables& tables, const std::vector<NameToken>& toks) {
  std::vector<FoundName> found;
  Spans unresolved;
  for (std::size_t i = 0; i < toks.size();)
    i = toks[i].cap ? RunScanner(tables, toks, i, found, unresolved).scan() : i + 1;
  PersonIndex ix = index_found(toks, found);
  add_repeated_persons(toks, found, unresolved, ix);
  return link(toks, found, unresolved, ix);
}

void lower_title_case(const NameTables& tables, std::vector<NameToken>& toks,
                      const std::vector<Word>& body_words) {
  const std::size_t n = toks.size();
  std::size_t caps = 0;
  for (const NameToken& t : toks) caps += t.cap ? 1 : 0;
  if (n < 3 || caps * 10 < n * 7) return;
  // A common word, or a word made of a common root ("Tawarkan": tawar, a
  // form hunspell-id does not list).
  const IndonesianStemmer stemmer(tables.common_words);
  const auto common = [&](const std::string& key) {
    return tables.is_common_word(key) || tables.has_common_root(stemmer, key);
  };
  std::unordered_map<std::string_view, bool> lower_in_body;
  for (const NameToken& t : toks)
    if (t.cap && !t.acronym) lower_in_body.emplace(t.key, false);
  for (const Word& w : body_words)
    if (!w.text.empty() && w.text[0] >= 'a' && w.text[0] <= 'z')
      if (auto it = lower_in_body.find(w.text); it != lower_in_body.end()) it->second = true;
  for (std::size_t i = 0; i < n;) {
    if (const std::size_t m = tables.match(tables.gazetteer, toks, i, n)) {
      i += m;
      continue;
    }
    NameToken& t = toks[i];
    if (t.cap && !t.acronym && (lower_in_body[t.key] || common(t.key))) t.cap = false;
    ++i;
  }
}

}  // namespace telusur
