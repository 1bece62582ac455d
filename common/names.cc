#include "names.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <optional>

#include "dates.h"
#include "status.h"
#include "text.h"

namespace telusur::data {
extern const char kNameCues[];
extern const char kGazetteer[];
extern const char kNerTrainGazetteer[];
extern const char kAliases[];
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

struct Tok {
  std::string_view text;
  std::string key;
  bool cap = false;
  bool acronym = false;
  bool sentence_start = false;
  bool hyphen_joined = false;  // attached to the previous word by '-'
  bool spaced = false;         // only spaces (no newline, no punctuation) before it
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

}  // namespace

class NameExtractorImpl {
 public:
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
};

NameExtractor::NameExtractor(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                             std::string_view aliases) {
  std::size_t line_no = 0;
  for (std::string_view raw : split_lines(cues)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
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
    else if (kind == "speech")
      speech_[key] = true;
    else if (kind == "place-cue")
      place_cues_[key] = true;
    else if (kind == "common")
      common_[key] = true;
    else
      throw Error("name cues line " + std::to_string(line_no) + ": unknown kind '" +
                  std::string(kind) + "'");
  }
  for (std::string_view gazetteer : gazetteers) {
    line_no = 0;
    for (std::string_view raw : split_lines(gazetteer)) {
      ++line_no;
      const std::string_view line = trim(raw);
      if (line.empty() || line.front() == '#') continue;
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
      if (key.empty()) continue;
      gazetteer_.emplace(key, t);  // the first gazetteer wins
    }
  }
  line_no = 0;
  for (std::string_view raw : split_lines(aliases)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
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
    for (const std::string& member : group) canonical_[name_key(member)] = group.front();
    alias_groups_.push_back(std::move(group));
  }
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
  index_first_words(common_);
  index_first_words(gazetteer_);
}

const NameExtractor& NameExtractor::builtin() {
  static const NameExtractor extractor = [] {
    NameExtractor e(data::kNameCues, {data::kGazetteer, data::kNerTrainGazetteer}, data::kAliases);
    try {
      e.common_words_ = RootDictionary::load_default();
    } catch (const Error&) {
      // Without hunspell-id the extractor works, with less evidence.
    }
    return e;
  }();
  return extractor;
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
                                                 const std::vector<Word>& body_words) const {
  std::vector<Tok> toks;
  toks.reserve(title_words.size() + body_words.size());
  append_tokens(title, title_words, toks);
  append_tokens(body, body_words, toks);
  const std::size_t n = toks.size();
  // Longest phrase that can start at a word: 0 for most words, so their
  // lookups are skipped.
  const auto max_words_at = [&](std::size_t x) -> std::size_t {
    auto it = first_words_.find(toks[x].key);
    return it == first_words_.end() ? 0 : it->second;
  };
  using Impl = NameExtractorImpl;

  std::vector<Found> found;
  std::vector<std::pair<std::size_t, std::size_t>> unresolved;
  for (std::size_t i = 0; i < n;) {
    if (!toks[i].cap) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < n && (toks[j].hyphen_joined || (toks[j].spaced && toks[j].cap))) ++j;
    // Evidence before the run: a role ("pemimpin", "diplomat senior"), a
    // speech verb ("kata"), a place preposition ("di").
    bool role = false;
    for (std::size_t back = 1; back <= 2 && back <= i; ++back)
      if (roles_.count(toks[i - back].key) && !toks[i - back].cap) role = true;
    const bool speech = i > 0 && speech_.count(toks[i - 1].key);
    const bool place = i > 0 && place_cues_.count(toks[i - 1].key) && !toks[i - 1].cap;
    std::size_t k = i;
    std::size_t pending = std::string::npos;  // start of a run of unmatched words
    const auto close_pending = [&](std::size_t end) {
      if (pending == std::string::npos) return;
      const bool common_word =
          end - pending == 1 && common_words_ && common_words_->is_common_word(toks[pending].key);
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
      if (std::size_t m = Impl::match(common_, max_words_at(k), toks, k, j)) {
        close_pending(k);
        k += m;
        continue;
      }
      if (std::size_t m = Impl::match(roles_, max_words_at(k), toks, k, j)) {
        close_pending(k);
        role = true;
        k += m;
        continue;
      }
      if (std::size_t m = Impl::match(org_heads_, max_words_at(k), toks, k, j); m && k + m < j) {
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
      if (std::size_t m = Impl::match(gazetteer_, max_words_at(k), toks, k, j)) {
        const NameType type = gazetteer_.at(span_key(toks, k, k + m));
        const std::size_t end_of_match = k + m;
        // Initials before a known person belong to the name ("BJ Habibie").
        if (type == NameType::kPerson && pending != std::string::npos && k - pending <= 2) {
          bool initials = true;
          for (std::size_t x = pending; x < k; ++x)
            initials = initials && (toks[x].acronym || toks[x].text.size() == 1);
          if (initials) {
            k = pending;
            pending = std::string::npos;
          }
        }
        close_pending(k);
        std::size_t end = end_of_match;
        // A known given name takes the capitalised words after it ("Arie Sudjito").
        if (type == NameType::kPerson)
          while (end < j && end - k < 4 &&
                 !Impl::match(gazetteer_, max_words_at(end), toks, end, j) &&
                 !Impl::match(roles_, max_words_at(end), toks, end, j))
            ++end;
        found.push_back({type, k, end});
        k = end;
        continue;
      }
      // After a role, the rest of the run is the person ("Wang Yi").
      if (pending == std::string::npos) pending = k;
      ++k;
    }
    close_pending(j);
    i = j;
  }

  // Link: an unresolved span (or its longest prefix) that spells a name found
  // with evidence in this article; a single word that is the first or last
  // word of a person's full name ("Choe" -> "Choe Son Hui").
  std::map<std::string, NameType> known;
  std::map<std::string, std::pair<std::size_t, std::size_t>>
      person_parts;  // word -> full-name span
  std::map<std::string, int> part_uses;
  for (const Found& f : found) {
    if (f.b - f.a > 1 || f.type != NameType::kPerson)
      known.emplace(span_key(toks, f.a, f.b), f.type);
    if (f.type == NameType::kPerson && f.b - f.a >= 2) {
      for (std::size_t x : {f.a, f.b - 1}) {
        const std::string& w = toks[x].key;
        auto [it, inserted] = person_parts.emplace(w, std::make_pair(f.a, f.b));
        if (!inserted &&
            span_key(toks, it->second.first, it->second.second) != span_key(toks, f.a, f.b))
          part_uses[w] = 2;  // ambiguous: two persons share it
      }
    }
  }
  struct Linked {
    NameType type;
    std::size_t a, b;    // where it was written
    std::size_t fa, fb;  // the full name it stands for
  };
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
  std::vector<NameMention> out;
  for (const Linked& l : linked) {
    // As written: the words from first to last with what stands between them.
    const char* from = toks[l.a].text.data();
    const char* to = toks[l.b - 1].text.data() + toks[l.b - 1].text.size();
    out.push_back({l.type, std::string_view(from, static_cast<std::size_t>(to - from)),
                   display_of(toks, l.fa, l.fb)});
  }
  return out;
}

}  // namespace telusur
