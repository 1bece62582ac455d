#include "names.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <istream>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "indonesian_stemmer.h"
#include "dates.h"
#include "conll.h"
#include "name_tagger.h"
#include "name_training.h"
#include "status.h"
#include "text.h"

namespace telusur::data {
extern const char kNameCues[];
extern const char kGazetteer[];
extern const char kNerTrainGazetteer[];
extern const char kAliases[];
extern const char kNameTagger[];
}  // namespace telusur::data

namespace telusur {

std::string_view name_type_label(NameType type) {
  switch (type) {
    case NameType::kPerson:
      return "person";
    case NameType::kPlace:
      return "place";
    case NameType::kOrganisation:
      return "organisation";
  }
  return "";
}

std::string name_key(std::string_view name) {
  std::string folded = fold_case(name);
  std::string out;
  for (char c : folded) {
    const char d = (c == '-' || c == '\t' || c == '\n') ? ' ' : c;
    if (d == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += d;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

struct Tok : WordShape {
  std::string_view text;
  std::string key;
  bool spaced = false;  // only spaces (no newline, no punctuation) before it
};

UChar32 first_code_point(std::string_view s) {
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool is_acronym(std::string_view s) {
  int letters = 0;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

void append_tokens(std::string_view text, const std::vector<Word>& ws, std::vector<Tok>& toks) {
  std::size_t prev_end = 0;
  bool first = true;
  for (const Word& w : ws) {
    Tok t;
    t.text = w.text;
    t.key = fold_case(w.text);
    const UChar32 c = first_code_point(w.text);
    t.cap = c > 0 && u_isupper(c);
    t.acronym = is_acronym(w.text);
    const std::string_view gap = text.substr(prev_end, w.begin - prev_end);
    // The first word of the title and of the body starts a sentence.
    t.sentence_start = first || gap.find_first_of(".!?:\n") != std::string_view::npos;
    t.hyphen_joined = !first && gap == "-";
    t.spaced = !first && !gap.empty() && gap.find_first_not_of(" \t") == std::string_view::npos;
    t.paren_open = !first && gap.find('(') != std::string_view::npos;
    // A bare hyphen joins ("Jong-un"); a spaced dash separates ("Prabowo - Hatta").
    // The first word of a text starts afresh: no name runs from title into body.
    t.after_punct =
        first || (gap != "-" && gap.find_first_not_of(" \t()") != std::string_view::npos);
    toks.push_back(std::move(t));
    prev_end = w.end;
    first = false;
  }
}

std::string span_key(const std::vector<Tok>& toks, std::size_t a, std::size_t b) {
  std::string k;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) k += ' ';
    k += toks[i].key;
  }
  return k;
}

// "Kim Jong-un" -> "Kim Jong Un": words joined by spaces, each starting upper-case.
std::string display_of(const std::vector<Tok>& toks, std::size_t a, std::size_t b) {
  std::string out;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) out += ' ';
    std::string w(toks[i].text);
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
    out += w;
  }
  return out;
}

struct Found {
  NameType type;
  std::size_t a, b;  // token range
};

// Lower-case words inside names: "Kementerian Hukum dan HAM", "Bank of
// America", "Osama bin Laden".
constexpr std::string_view kConnectors =
    " dan and of the de da del della van von der den bin binti al el la le ";
// Lower-case compass words after a place: "Afrika timur", "Sumatera selatan".
constexpr std::string_view kCompass = " utara selatan timur barat tenggara tengah ";

// Whether `word` is one of the words of `list` (" a b c "), without building
// " word ".
bool in_word_list(std::string_view list, std::string_view word) {
  if (word.empty() || word.find(' ') != std::string_view::npos) return false;
  for (std::size_t at = list.find(word); at != std::string_view::npos; at = list.find(word, at + 1))
    if (at > 0 && list[at - 1] == ' ' && at + word.size() < list.size() &&
        list[at + word.size()] == ' ')
      return true;
  return false;
}

struct Linked {
  NameType type;
  std::size_t a, b;    // where it was written
  std::size_t fa, fb;  // the full name it stands for
  bool rules_only = false;
};

int begin_tag(NameType type) {
  switch (type) {
    case NameType::kPerson:
      return kTagBPer;
    case NameType::kPlace:
      return kTagBLoc;
    case NameType::kOrganisation:
      return kTagBOrg;
  }
  return kTagO;
}

NameType type_of_tag(int tag) {
  return tag <= kTagIPer ? NameType::kPerson
                         : (tag <= kTagILoc ? NameType::kPlace : NameType::kOrganisation);
}

}  // namespace

// Alias groups from the text of an alias list; throws Error naming the line.
static std::vector<std::vector<std::string>> parse_alias_groups(std::string_view aliases) {
  std::vector<std::vector<std::string>> groups;
  for_each_data_line(aliases, [&](std::string_view line, std::size_t line_no) {
    std::vector<std::string> group;
    std::size_t start = 0;
    while (start <= line.size()) {
      std::size_t eq = line.find(" = ", start);
      if (eq == std::string_view::npos) eq = line.size();
      const std::string_view member = trim(line.substr(start, eq - start));
      if (member.empty()) throw Error("aliases line " + std::to_string(line_no) + ": empty name");
      group.emplace_back(member);
      start = eq + 3;
    }
    if (group.size() < 2)
      throw Error("aliases line " + std::to_string(line_no) + ": expected NAME = ALIAS ...");
    groups.push_back(std::move(group));
  });
  return groups;
}

class NameExtractorImpl {
 public:
  // Whether word x is a lower-case compass word ending the place before it
  // ("Afrika timur").
  static bool compass_at(const std::vector<Tok>& toks, std::size_t x) {
    return x > 0 && x < toks.size() && !toks[x].cap && toks[x - 1].cap && toks[x].spaced &&
           in_word_list(kCompass, toks[x].key);
  }

  template <typename Map>
  static std::size_t match(const Map& map, std::size_t max_words, const std::vector<Tok>& toks,
                           std::size_t k, std::size_t limit) {
    // The key grows one word at a time: no quadratic re-joining.
    std::size_t best = 0;
    std::string key;
    for (std::size_t m = 1; m <= max_words && k + m <= limit; ++m) {
      if (m > 1) key += ' ';
      key += toks[k + m - 1].key;
      if (map.count(key)) best = m;
    }
    return best;
  }

  // Longest cue or gazetteer phrase that can start at word x: 0 for most
  // words, so their lookups are skipped.
  static std::size_t max_words_at(const NameExtractor& ex, const std::vector<Tok>& toks,
                                  std::size_t x) {
    const auto it = ex.first_words_.find(toks[x].key);
    return it == ex.first_words_.end() ? 0 : it->second;
  }

  // One run of capitalised words, toks[i] to the end of the run: its names
  // into `found`, the spans without evidence into `unresolved`. Returns the
  // end of the run.
  static std::size_t scan_run(const NameExtractor& ex, const std::vector<Tok>& toks,
                              std::size_t i, std::vector<Found>& found,
                              std::vector<std::pair<std::size_t, std::size_t>>& unresolved) {
    const std::size_t n = toks.size();
    std::size_t j = i + 1;
    // A run of capitalised words; a day name ends it ("Amanda Vanstone Selasa").
    while (j < n && (toks[j].hyphen_joined || (toks[j].spaced && toks[j].cap)) &&
           !is_weekday_name(toks[j].text))
      ++j;
    // Evidence before the run: a role ("pemimpin", "diplomat senior"), a
    // speech verb ("kata"), a place preposition ("di").
    bool role = false;
    for (std::size_t back = 1; back <= 2 && back <= i; ++back)
      if (ex.roles_.count(toks[i - back].key) && !toks[i - back].cap) role = true;
    const bool speech = i > 0 && ex.speech_.count(toks[i - 1].key);
    const bool place = i > 0 && ex.place_cues_.count(toks[i - 1].key) && !toks[i - 1].cap;
    std::size_t k = i;
    std::size_t pending = std::string::npos;  // start of a run of unmatched words
    const auto close_pending = [&](std::size_t end) {
      if (pending == std::string::npos) return;
      const bool common_word = end - pending == 1 && ex.common_words_ &&
                               ex.common_words_->is_common_word(toks[pending].key);
      // A speech verb is strong evidence ("kata Budiman"); a role before a
      // common word is not ("Menteri Hukum", "Ketua Fraksi").
      if ((role && !common_word) || (speech && pending == i))
        found.push_back({NameType::kPerson, pending, std::min(end, pending + 4)});
      else if (end - pending == 1 && toks[pending].acronym)
        found.push_back({NameType::kOrganisation, pending, end});
      else if (place && pending == i && end - pending <= 3)
        found.push_back({NameType::kPlace, pending, end});
      else
        unresolved.emplace_back(pending, end);
      pending = std::string::npos;
    };
    while (k < j) {
      if (std::size_t m = match(ex.common_, max_words_at(ex, toks, k), toks, k, j)) {
        close_pending(k);
        k += m;
        continue;
      }
      if (std::size_t m = match(ex.roles_, max_words_at(ex, toks, k), toks, k, j)) {
        close_pending(k);
        role = true;
        k += m;
        continue;
      }
      if (std::size_t m = match(ex.org_heads_, max_words_at(ex, toks, k), toks, k, j);
          m && k + m < j) {
        close_pending(k);
        // "Ketua Umum Partai Golkar Aburizal Bakrie": after a role, a long
        // organisation ends with the person who holds the role.
        if (role && j - k >= m + 3) {
          found.push_back({NameType::kOrganisation, k, j - 2});
          found.push_back({NameType::kPerson, j - 2, j});
        } else {
          found.push_back({NameType::kOrganisation, k, j});
        }
        k = j;
        break;
      }
      // "Kabupaten Klaten", "Gedung Sate", "Selat Sunda".
      if (std::size_t m = match(ex.place_heads_, max_words_at(ex, toks, k), toks, k, j);
          m && k + m < j) {
        close_pending(k);
        found.push_back({NameType::kPlace, k, j});
        k = j;
        break;
      }
      if (std::size_t m = match(ex.gazetteer_, max_words_at(ex, toks, k), toks, k, j)) {
        const NameType type = ex.gazetteer_.at(span_key(toks, k, k + m));
        const std::size_t end_of_match = k + m;
        // Initials before a known person belong to the name ("BJ Habibie"),
        // and so do given names before a known surname ("Paul Kagame").
        if (type == NameType::kPerson && pending != std::string::npos && k - pending <= 2) {
          bool initials = true;
          bool given_names = m == 1;
          for (std::size_t x = pending; x < k; ++x) {
            initials = initials && (toks[x].acronym || toks[x].text.size() == 1);
            given_names = given_names && !toks[x].acronym &&
                          !(toks[x].sentence_start && ex.common_words_ &&
                            ex.common_words_->is_common_word(toks[x].key));
          }
          if (initials || given_names) {
            k = pending;
            pending = std::string::npos;
          }
        }
        close_pending(k);
        std::size_t end = end_of_match;
        // A known given name takes the capitalised words after it ("Arie Sudjito").
        if (type == NameType::kPerson)
          while (end < j && end - k < 4 &&
                 !match(ex.gazetteer_, max_words_at(ex, toks, end), toks, end, j) &&
                 !match(ex.roles_, max_words_at(ex, toks, end), toks, end, j))
            ++end;
        if (type == NameType::kPlace && end == j && compass_at(toks, end)) ++end;
        found.push_back({type, k, end});
        k = end;
        continue;
      }
      // After a role, the rest of the run is the person ("Wang Yi").
      if (pending == std::string::npos) pending = k;
      ++k;
    }
    close_pending(j);
    return j;
  }

  // Records the first and last words of the person's full name toks[a, b)
  // in `parts` (word -> span); a word two different persons share goes to
  // `ambiguous`.
  static void add_person_parts(const std::vector<Tok>& toks, std::size_t a, std::size_t b,
                               std::map<std::string, std::pair<std::size_t, std::size_t>>& parts,
                               std::set<std::string>& ambiguous) {
    for (std::size_t x : {a, b - 1}) {
      auto [it, inserted] = parts.emplace(toks[x].key, std::make_pair(a, b));
      if (!inserted && span_key(toks, it->second.first, it->second.second) != span_key(toks, a, b))
        ambiguous.insert(toks[x].key);
    }
  }

  // What the names found with evidence tell about the other spans: the
  // spans they spell, and each first or last word of a person's full name
  // (ambiguous when two persons share it).
  struct PersonIndex {
    std::map<std::string, NameType> known;
    std::map<std::string, std::pair<std::size_t, std::size_t>> person_parts;  // word -> span
    std::set<std::string> part_uses;  // words two persons share
  };
  static PersonIndex index_found(const std::vector<Tok>& toks, const std::vector<Found>& found) {
    PersonIndex ix;
    auto& known = ix.known;
    auto& person_parts = ix.person_parts;
    auto& part_uses = ix.part_uses;
    // Link: an unresolved span (or its longest prefix) that spells a name found
    // with evidence in this article; a single word that is the first or last
    // word of a person's full name ("Choe" -> "Choe Son Hui").
    for (const Found& f : found) {
      if (f.b - f.a > 1 || f.type != NameType::kPerson)
        known.emplace(span_key(toks, f.a, f.b), f.type);
      if (f.type == NameType::kPerson && f.b - f.a >= 2)
        add_person_parts(toks, f.a, f.b, person_parts, part_uses);
    }
    return ix;
  }

  static void add_repeated_persons(const std::vector<Tok>& toks, std::vector<Found>& found,
                                   std::vector<std::pair<std::size_t, std::size_t>>& unresolved,
                                   PersonIndex& ix) {
    const std::size_t n = toks.size();
    auto& known = ix.known;
    auto& person_parts = ix.person_parts;
    // A full name written once and then by one of its words alone ("Choe
    // Son-hui ... kunjungan pertama Choe") is a person.
    std::map<std::string, int> lone_words;  // a capitalised word standing alone, mid-sentence
    for (std::size_t x = 0; x < n; ++x) {
      const bool alone =
          toks[x].cap && !toks[x].sentence_start && !(x > 0 && toks[x].spaced && toks[x - 1].cap) &&
          !(x + 1 < n && ((toks[x + 1].spaced && toks[x + 1].cap) || toks[x + 1].hyphen_joined));
      if (alone) ++lone_words[toks[x].key];
    }
    for (auto it = unresolved.begin(); it != unresolved.end();) {
      const auto [a, b] = *it;
      bool dated = false;  // "Pada Rabu", "Juni Lalu": days and months are not persons
      for (std::size_t x = a; x < b; ++x)
        dated = dated || is_weekday_name(toks[x].text) || month_from_name(toks[x].text) != 0;
      if (b - a >= 2 && b - a <= 4 && !toks[a].sentence_start && !dated &&
          (lone_words.count(toks[a].key) || lone_words.count(toks[b - 1].key)) &&
          !known.count(span_key(toks, a, b))) {
        found.push_back({NameType::kPerson, a, b});
        known.emplace(span_key(toks, a, b), NameType::kPerson);
        for (std::size_t x : {a, b - 1}) person_parts.emplace(toks[x].key, std::make_pair(a, b));
        it = unresolved.erase(it);
      } else {
        ++it;
      }
    }
  }

  // The names found and the unresolved spans linked to what they spell,
  // in text order.
  static std::vector<Linked> link(const std::vector<Tok>& toks, const std::vector<Found>& found,
                                  const std::vector<std::pair<std::size_t, std::size_t>>& unresolved,
                                  const PersonIndex& ix) {
    const auto& known = ix.known;
    const auto& person_parts = ix.person_parts;
    const auto& part_uses = ix.part_uses;
    std::vector<Linked> linked;
    for (const Found& f : found) {
      if (f.b - f.a == 1 && person_parts.count(toks[f.a].key) && !part_uses.count(toks[f.a].key)) {
        const auto [fa, fb] = person_parts.at(toks[f.a].key);
        linked.push_back({f.type, f.a, f.b, fa, fb});
      } else {
        linked.push_back({f.type, f.a, f.b, f.a, f.b});
      }
    }
    for (const auto& [a, b] : unresolved) {
      for (std::size_t s = a; s < b;) {
        std::size_t best = 0;
        for (std::size_t e = b; e > s; --e) {
          if (known.count(span_key(toks, s, e))) {
            best = e - s;
            break;
          }
        }
        if (best) {
          linked.push_back({known.at(span_key(toks, s, s + best)), s, s + best, s, s + best});
          s += best;
        } else if (person_parts.count(toks[s].key) && !part_uses.count(toks[s].key) &&
                   (s + 1 == b || !toks[s + 1].cap)) {
          const auto [fa, fb] = person_parts.at(toks[s].key);
          linked.push_back({NameType::kPerson, s, s + 1, fa, fb});
          ++s;
        } else {
          ++s;
        }
      }
    }

    std::sort(linked.begin(), linked.end(),
              [](const Linked& x, const Linked& y) { return x.a < y.a; });
    return linked;
  }

  // The rules alone: capitalised runs, cues, gazetteers, then linking.
  static std::vector<Linked> rules(const NameExtractor& ex, const std::vector<Tok>& toks) {
    std::vector<Found> found;
    std::vector<std::pair<std::size_t, std::size_t>> unresolved;
    for (std::size_t i = 0; i < toks.size();) i = toks[i].cap ? scan_run(ex, toks, i, found, unresolved) : i + 1;
    PersonIndex ix = index_found(toks, found);
    add_repeated_persons(toks, found, unresolved, ix);
    return link(toks, found, unresolved, ix);
  }

  // A title in Title Case ("Korea Utara Perkuat Hubungan dengan China")
  // capitalises common words: read a word in lower case when it is a common
  // word or the body writes it in lower case, unless a gazetteer name holds
  // it ("Korea Utara").
  static void lower_title_case(const NameExtractor& ex, std::vector<Tok>& toks,
                               const std::vector<Word>& body_words) {
    const std::size_t n = toks.size();
    std::size_t caps = 0;
    for (const Tok& t : toks) caps += t.cap ? 1 : 0;
    if (n < 3 || caps * 10 < n * 7) return;
    std::unordered_map<std::string_view, bool> lower_in_body;
    for (const Tok& t : toks)
      if (t.cap && !t.acronym) lower_in_body.emplace(t.key, false);
    for (const Word& w : body_words)
      if (!w.text.empty() && w.text[0] >= 'a' && w.text[0] <= 'z')
        if (auto it = lower_in_body.find(w.text); it != lower_in_body.end()) it->second = true;
    for (std::size_t i = 0; i < n;) {
      if (const std::size_t m = match(ex.gazetteer_, max_words_at(ex, toks, i), toks, i, n)) {
        i += m;
        continue;
      }
      Tok& t = toks[i];
      if (t.cap && !t.acronym &&
          (lower_in_body[t.key] || (ex.common_words_ && ex.common_words_->is_common_word(t.key))))
        t.cap = false;
      ++i;
    }
  }

  // The tagger's view of the words: shape, cues, common words, the
  // gazetteers' and the rules' tags.
  static std::vector<TaggerToken> tagger_tokens(const NameExtractor& ex,
                                                const std::vector<Tok>& toks,
                                                const std::vector<Linked>& rules,
                                                const CapitalEvidence* evidence) {
    const std::size_t n = toks.size();
    std::vector<TaggerToken> out(n);
    for (std::size_t i = 0; i < n; ++i) {
      const Tok& t = toks[i];
      TaggerToken& x = out[i];
      static_cast<WordShape&>(x) = t;
      x.text = t.text;
      x.key = t.key;
      x.weekday = t.cap && is_weekday_name(t.text);
      x.date_word = x.weekday || (t.cap && month_from_name(t.text) != 0);
    }
    for (const Linked& l : rules)
      for (std::size_t x = l.a; x < l.b; ++x) out[x].rule = begin_tag(l.type) + (x == l.a ? 0 : 1);
    for (std::size_t i = 0; i < n;) {
      const std::size_t m =
          toks[i].cap ? match(ex.gazetteer_, max_words_at(ex, toks, i), toks, i, n) : 0;
      if (m == 0) {
        ++i;
        continue;
      }
      const int tag = begin_tag(ex.gazetteer_.at(span_key(toks, i, i + m)));
      for (std::size_t x = i; x < i + m; ++x) out[x].gazetteer = tag + (x == i ? 0 : 1);
      i += m;
    }
    for (std::size_t i = 0; i < n; ++i) {
      // Only words that are, or stand next to, a capitalised word are read.
      if (!toks[i].cap && !toks[i].hyphen_joined && !(i + 1 < n && toks[i + 1].cap) &&
          !(i > 0 && toks[i - 1].cap))
        continue;
      const std::string& key = toks[i].key;
      unsigned cues = 0;
      if (ex.roles_.count(key)) cues |= kCueRole;
      if (ex.org_heads_.count(key)) cues |= kCueOrgHead;
      if (ex.place_heads_.count(key)) cues |= kCuePlaceHead;
      if (ex.speech_.count(key)) cues |= kCueSpeech;
      if (ex.place_cues_.count(key)) cues |= kCuePlace;
      out[i].cues = cues;
      out[i].common = toks[i].cap && ex.common_words_ && ex.common_words_->is_common_word(key);
      out[i].connector =
          toks[i].hyphen_joined ||
          (!toks[i].cap && i + 1 < n && toks[i + 1].cap && in_word_list(kConnectors, key)) ||
          (!toks[i].cap && i > 0 && toks[i - 1].cap && !toks[i].after_punct &&
           in_word_list(kCompass, key));
      if (evidence && toks[i].cap) out[i].evidence = evidence->of(key);
    }
    return out;
  }

  // The tagger's names as spans: a title before a name left out, a place
  // then a person cut in two, a parenthesised tail kept out of the name.
  static std::vector<Linked> tagged_spans(const NameExtractor& ex, const std::vector<Tok>& toks,
                                          const std::vector<TaggerToken>& tokens,
                                          const std::vector<int>& tags) {
    const std::size_t n = toks.size();
    std::vector<Linked> spans;
    for (std::size_t i = 0; i < n;) {
      if (tags[i] == kTagO) {
        ++i;
        continue;
      }
      const NameType type = type_of_tag(tags[i]);
      std::size_t j = i + 1;
      while (j < n && tags[j] == begin_tag(type) + 1) ++j;
      if (type == NameType::kPlace && compass_at(toks, j)) ++j;
      std::size_t a = i;
      // A title is not part of the name ("Presiden Xi Jinping").
      while (a + 1 < j) {
        const std::size_t m = match(ex.roles_, max_words_at(ex, toks, a), toks, a, j - 1);
        if (m == 0) break;
        a += m;
      }
      // Where the rules see a place and then a person ("Korea Utara | Kim
      // Jong Un"), so do we. A parenthesised tail is a person's other name
      // ("Joko Widodo | (Jokowi)"); an organisation's or a place's acronym
      // belongs to the mention but not to the name ("Partai Persatuan
      // Pembangunan (PPP)").
      NameType piece_type = type;
      for (std::size_t x = a + 1; x <= j; ++x) {
        const bool place_person =
            x < j && tokens[x].rule == kTagBPer &&
            (tokens[x - 1].rule == kTagBLoc || tokens[x - 1].rule == kTagILoc);
        const bool other_name = x < j && toks[x].paren_open && piece_type == NameType::kPerson;
        if (x < j && !place_person && !other_name) continue;
        std::size_t end = x;
        for (std::size_t y = a + 1; y < x; ++y)
          if (toks[y].paren_open) {
            end = y;
            break;
          }
        spans.push_back({piece_type, a, x, a, end});
        if (place_person) piece_type = type_of_tag(tokens[x].rule);
        a = x;
      }
      i = j;
    }
    return spans;
  }

  // The rules' places and acronyms where the tagger saw nothing; then the
  // spans that are no names dropped.
  static void add_rules_only(const NameExtractor& ex, const std::vector<Tok>& toks,
                             const std::vector<Linked>& rules, const std::vector<int>& tags,
                             std::vector<Linked>& spans) {
    // Places and acronyms the rules know, where the tagger saw nothing.
    for (const Linked& r : rules) {
      bool untagged = true;
      for (std::size_t x = r.a; x < r.b; ++x) untagged = untagged && tags[x] == kTagO;
      const bool acronym = r.b - r.a == 1 && toks[r.a].acronym;
      if (untagged && r.fa == r.a && r.fb == r.b && (r.type == NameType::kPlace || acronym)) {
        Linked extra = r;
        extra.rules_only = true;
        spans.push_back(extra);
      }
    }
    // A known place is no person ("presiden ketiga RI"); a lone organisation
    // or place head is no name ("di SMA", "PT. Djarum"), nor a lone letter.
    std::erase_if(spans, [&](Linked& s) {
      if (s.fa != s.a || s.fb != s.b) return false;
      if (s.b - s.a == 1 && toks[s.a].text.size() == 1) return true;
      const std::string key = span_key(toks, s.a, s.b);
      if (s.type == NameType::kPerson && ex.known_type(key) == NameType::kPlace)
        s.type = NameType::kPlace;
      return s.b - s.a == 1 && (ex.org_heads_.count(key) || ex.place_heads_.count(key)) &&
             !ex.gazetteer_.count(key);
    });
  }

  // The tagger's spans, each linked to its full name: the rules' link for the
  // same words ("Choe" -> "Choe Son Hui"), else a lone word that is the first
  // or last word of exactly one person's full name tagged here. A
  // parenthesised tail is not part of the name ("Joko Widodo (Jokowi)").
  static std::vector<Linked> tagged(const NameExtractor& ex, const std::vector<Tok>& toks,
                                    const std::vector<Linked>& rules,
                                    const CapitalEvidence* evidence) {
    const std::vector<TaggerToken> tokens = tagger_tokens(ex, toks, rules, evidence);
    std::vector<int> tags = ex.tagger_->tag(tokens);
    const std::size_t n = toks.size();
    // A known person's full name is one whole person ("Kim Jong-un", where
    // the tagger may stop at "Kim").
    for (std::size_t i = 0; i < n;) {
      const std::size_t m =
          toks[i].cap ? match(ex.gazetteer_, max_words_at(ex, toks, i), toks, i, n) : 0;
      if (m < 2 || ex.gazetteer_.at(span_key(toks, i, i + m)) != NameType::kPerson) {
        i += std::max<std::size_t>(m, 1);
        continue;
      }
      for (std::size_t x = i; x < i + m; ++x) tags[x] = x == i ? kTagBPer : kTagIPer;
      if (i + m < n && tags[i + m] % 2 == 0 && tags[i + m] != kTagO) --tags[i + m];
      i += m;
    }
    std::vector<Linked> spans = tagged_spans(ex, toks, tokens, tags);
    std::map<std::pair<std::size_t, std::size_t>, std::pair<std::size_t, std::size_t>> rule_full;
    std::set<std::pair<std::size_t, std::size_t>> linked_persons;  // full names linked to
    for (const Linked& l : rules) {
      rule_full[{l.a, l.b}] = {l.fa, l.fb};
      if (l.type == NameType::kPerson && (l.fa != l.a || l.fb != l.b))
        linked_persons.insert({l.fa, l.fb});
    }
    // A full name that later short mentions name as a person is a person
    // ("Korea Utara, Choe Son-hui ... kata Choe").
    for (Linked& s : spans)
      if (s.fa == s.a && s.fb == s.b && linked_persons.count({s.a, s.b}))
        s.type = NameType::kPerson;
    std::map<std::string, std::pair<std::size_t, std::size_t>> person_parts;
    std::set<std::string> ambiguous;
    for (const Linked& s : spans)
      if (s.type == NameType::kPerson && s.fb - s.fa >= 2)
        add_person_parts(toks, s.fa, s.fb, person_parts, ambiguous);
    for (Linked& s : spans) {
      if (auto it = rule_full.find({s.a, s.b}); it != rule_full.end()) {
        if (it->second != std::make_pair(s.a, s.b)) {
          // A link to a person's full name: the word names that person.
          std::tie(s.fa, s.fb) = it->second;
          s.type = NameType::kPerson;
        }
      } else if (s.fb - s.fa == 1) {
        const std::string& key = toks[s.fa].key;
        if (auto p = person_parts.find(key); p != person_parts.end() && !ambiguous.count(key)) {
          std::tie(s.fa, s.fb) = p->second;
          s.type = NameType::kPerson;
        }
      }
    }
    add_rules_only(ex, toks, rules, tags, spans);
    std::sort(spans.begin(), spans.end(),
              [](const Linked& x, const Linked& y) { return x.a < y.a; });
    return spans;
  }
};

NameExtractor::NameExtractor(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                             std::string_view aliases) {
  for_each_data_line(cues, [&](std::string_view line, std::size_t line_no) {
    const std::size_t sp = line.find_first_of(" \t");
    const std::string_view kind = line.substr(0, sp);
    const std::string key =
        sp == std::string_view::npos ? std::string() : name_key(trim(line.substr(sp)));
    if (key.empty()) throw Error("name cues line " + std::to_string(line_no) + ": no phrase");
    const int n = static_cast<int>(std::count(key.begin(), key.end(), ' ') + 1);
    if (kind == "role")
      roles_[key] = n;
    else if (kind == "org-head")
      org_heads_[key] = n;
    else if (kind == "place-head")
      place_heads_[key] = n;
    else if (kind == "speech")
      speech_[key] = true;
    else if (kind == "place-cue")
      place_cues_[key] = true;
    else if (kind == "common")
      common_[key] = true;
    else
      throw Error("name cues line " + std::to_string(line_no) + ": unknown kind '" +
                  std::string(kind) + "'");
  });
  for (std::string_view gazetteer : gazetteers) {
    for_each_data_line(gazetteer, [&](std::string_view line, std::size_t line_no) {
      const std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos)
        throw Error("gazetteer line " + std::to_string(line_no) + ": expected TYPE<TAB>name");
      const std::string_view type = line.substr(0, tab);
      const std::string key = name_key(trim(line.substr(tab + 1)));
      NameType t;
      if (type == "PER")
        t = NameType::kPerson;
      else if (type == "LOC")
        t = NameType::kPlace;
      else if (type == "ORG")
        t = NameType::kOrganisation;
      else
        throw Error("gazetteer line " + std::to_string(line_no) + ": unknown type '" +
                    std::string(type) + "'");
      if (!key.empty()) gazetteer_.emplace(key, t);  // the first gazetteer wins
    });
  }
  alias_groups_ = parse_alias_groups(aliases);
  for (const auto& group : alias_groups_)
    for (const std::string& member : group) canonical_[name_key(member)] = group.front();
  const auto index_first_words = [&](const auto& map) {
    for (const auto& [key, _] : map) {
      const std::size_t words =
          static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ') + 1);
      std::size_t& longest = first_words_[key.substr(0, key.find(' '))];
      longest = std::max(longest, words);
    }
  };
  index_first_words(roles_);
  index_first_words(org_heads_);
  index_first_words(place_heads_);
  index_first_words(common_);
  index_first_words(gazetteer_);
}

std::optional<NameType> NameExtractor::known_type(const std::string& key) const {
  if (auto it = gazetteer_.find(key); it != gazetteer_.end()) return it->second;
  if (auto it = canonical_.find(key); it != canonical_.end())
    if (auto g = gazetteer_.find(name_key(it->second)); g != gazetteer_.end()) return g->second;
  return std::nullopt;
}

const std::vector<std::vector<std::string>>& builtin_alias_groups() {
  static const std::vector<std::vector<std::string>> kGroups = parse_alias_groups(data::kAliases);
  return kGroups;
}

const std::string& country_gazetteer() {
  static const std::string kText = [] {
    std::string text;
    const icu::Locale indonesian("id");
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
      icu::UnicodeString display;
      icu::Locale("", *code).getDisplayCountry(indonesian, display);
      std::string name;
      display.toUTF8String(name);
      // "Kongo - Kinshasa", "Myanmar (Burma)", "Hong Kong DAK Tiongkok", "Kep."
      if (name.empty() || name == *code || name.find_first_of("()&.") != std::string::npos ||
          name.find(" - ") != std::string::npos || name.find("DAK") != std::string::npos)
        continue;
      text += "LOC\t" + name + "\n";
    }
    return text;
  }();
  return kText;
}

// The built-in extractors are never destroyed (their maps, dictionary and
// model would be freed at every exit for nothing).
const NameExtractor& NameExtractor::builtin_rules() {
  static const NameExtractor& extractor = *new NameExtractor([] {
    NameExtractor e(data::kNameCues,
                    {data::kGazetteer, country_gazetteer(), data::kNerTrainGazetteer},
                    data::kAliases);
    try {
      e.common_words_ = RootDictionary::load_default();
    } catch (const Error&) {
      // Without hunspell-id the extractor works, with less evidence.
    }
    return e;
  }());
  return extractor;
}

NameExtractor NameExtractor::with_tagger(std::string_view model) const {
  NameExtractor e = *this;
  e.tagger_ = std::make_shared<const NameTagger>(model);
  return e;
}

const NameExtractor& NameExtractor::builtin() {
  static const NameExtractor& extractor =
      *new NameExtractor(builtin_rules().with_tagger(data::kNameTagger));
  return extractor;
}

void CapitalEvidence::add(std::string_view text, const std::vector<Word>& words) {
  std::size_t prev_end = 0;
  bool first = true;
  for (const Word& w : words) {
    const std::string_view gap = text.substr(prev_end, w.begin - prev_end);
    const bool sentence_start = first || gap.find_first_of(".!?:\n\"") != std::string_view::npos;
    prev_end = w.end;
    first = false;
    if (sentence_start) continue;
    const UChar32 c = first_code_point(w.text);
    if (u_isupper(c)) {
      ++counts_[fold_case(w.text)].capital;
    } else if (u_islower(c)) {
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

std::vector<Name> NameExtractor::extract(std::string_view title, std::string_view body) const {
  return extract(title, words(title), body, words(body));
}

std::vector<Name> NameExtractor::extract(std::string_view title,
                                         const std::vector<Word>& title_words,
                                         std::string_view body,
                                         const std::vector<Word>& body_words) const {
  std::map<std::pair<NameType, std::string>, Name> names;
  for (const NameMention& m : mentions(title, title_words, body, body_words)) {
    std::string display = m.name;
    std::string key = name_key(display);
    if (auto it = canonical_.find(key); it != canonical_.end()) {
      display = it->second;
      key = name_key(display);
    }
    Name& name = names[{m.type, key}];
    if (name.mentions == 0) {
      name.type = m.type;
      name.name = display;
      name.key = key;
    }
    ++name.mentions;
    const std::string surface(m.surface);
    if (std::find(name.surfaces.begin(), name.surfaces.end(), surface) == name.surfaces.end())
      name.surfaces.push_back(surface);
  }
  std::vector<Name> out;
  for (auto& [_, name] : names) out.push_back(std::move(name));
  std::stable_sort(out.begin(), out.end(),
                   [](const Name& x, const Name& y) { return x.mentions > y.mentions; });
  return out;
}

std::vector<NameMention> NameExtractor::mentions(std::string_view title,
                                                 const std::vector<Word>& title_words,
                                                 std::string_view body,
                                                 const std::vector<Word>& body_words,
                                                 const CapitalEvidence* evidence) const {
  std::vector<Tok> toks;
  toks.reserve(title_words.size() + body_words.size());
  append_tokens(title, title_words, toks);
  NameExtractorImpl::lower_title_case(*this, toks, body_words);
  append_tokens(body, body_words, toks);
  std::vector<Linked> linked = NameExtractorImpl::rules(*this, toks);
  if (tagger_ && !tagger_->empty())
    linked = NameExtractorImpl::tagged(*this, toks, linked, evidence);
  std::vector<NameMention> out;
  for (const Linked& l : linked) {
    // As written: the words from first to last with what stands between them.
    const char* from = toks[l.a].text.data();
    const std::string_view& text =
        from >= title.data() && from < title.data() + title.size() ? title : body;
    // A span never runs from the title into the body (they are two texts):
    // it ends with its last word in the text it starts in.
    std::size_t last = l.b - 1;
    while (last > l.a && !(toks[last].text.data() >= text.data() &&
                           toks[last].text.data() < text.data() + text.size()))
      --last;
    const char* to = toks[last].text.data() + toks[last].text.size();
    // "(PPP" takes its closing parenthesis.
    if (std::string_view(from, static_cast<std::size_t>(to - from)).find('(') !=
        std::string_view::npos) {
      const char* end = text.data() + text.size();
      const char* c = to;
      while (c < end && *c == ' ') ++c;
      if (c < end && *c == ')') to = c + 1;
    }
    out.push_back({l.type, std::string_view(from, static_cast<std::size_t>(to - from)),
                   display_of(toks, l.fa, l.fb), l.rules_only});
  }
  return out;
}

TrainingSentence training_tokens(const NameExtractor& ex, std::string_view text,
                                  const std::vector<Word>& words,
                                  const CapitalEvidence* evidence) {
  auto toks = std::make_shared<std::vector<Tok>>();
  append_tokens(text, words, *toks);
  const std::vector<Linked> rules = NameExtractorImpl::rules(ex, *toks);
  TrainingSentence out;
  out.tokens = NameExtractorImpl::tagger_tokens(ex, *toks, rules, evidence);
  out.keep_alive = toks;
  return out;
}

int tagger_begin_tag(NameType type) { return begin_tag(type); }

NameExtractor training_extractor(std::string_view ner_gazetteer) {
  NameExtractor ex(data::kNameCues, {data::kGazetteer, country_gazetteer(), ner_gazetteer},
                   data::kAliases);
  ex.common_words_ = NameExtractor::builtin_rules().common_words_;
  return ex;
}

}  // namespace telusur
