#include "name_tagging.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "dates.h"
#include "name_rules.h"

namespace telusur {

namespace {

// Each token's B-/I- tag of the longest gazetteer name starting at a
// capitalised word (kTagO elsewhere).
std::vector<int> gazetteer_tags(const NameTables& t, const std::vector<NameToken>& toks) {
  const std::size_t n = toks.size();
  std::vector<int> tags(n, kTagO);
  for (std::size_t i = 0; i < n;) {
    const std::size_t m = toks[i].cap ? t.match(t.gazetteer, toks, i, n) : 0;
    if (m == 0) {
      ++i;
      continue;
    }
    const int tag = begin_tag(t.gazetteer.at(span_key(toks, i, i + m)));
    for (std::size_t x = i; x < i + m; ++x) tags[x] = tag + (x == i ? 0 : 1);
    i += m;
  }
  return tags;
}

// The cue, common-word, connector and evidence features of token i.
void add_word_features(const NameTables& t, const std::vector<NameToken>& toks, std::size_t i,
                       const CapitalEvidence* evidence, TaggerToken& out) {
  const std::size_t n = toks.size();
  const std::string& key = toks[i].key;
  out.cues = t.cues_of(toks[i]);
  out.common = toks[i].cap && t.common_word(toks[i]);
  out.connector =
      toks[i].hyphen_joined ||
      (!toks[i].cap && i + 1 < n && toks[i + 1].cap && is_name_connector(key)) ||
      (!toks[i].cap && i > 0 && toks[i - 1].cap && !toks[i].after_punct && is_compass_word(key));
  if (evidence && toks[i].cap) out.evidence = evidence->of(key);
  if (toks[i].cap) out.name_word = t.name_word_of(toks[i]);
  // Only the words annotate() looked up: those in or next to capitals, the
  // only ones whose clusters the tagger reads.
  if (toks[i].annotated) out.clusters = toks[i].info.clusters;
}

// Roles are no part of names, as the rules read them (the roles of
// cues.txt): a role phrase that opens a tagged person ("Haji Ahmad", "Drs.
// Sabarani"), or inside which a tagged name starts ("Menteri Luar [Negeri
// Cina]"), is untagged, and the name goes on after it, with the rules' type
// where the rules have a name there ("Cina", a place).
void strip_roles(const NameTables& t, const std::vector<NameToken>& toks,
                 const std::vector<TaggerToken>& tokens, std::vector<int>& tags) {
  const std::size_t n = toks.size();
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t end = i + t.match(t.roles, toks, i, n);
    if (end == i) continue;
    bool starts_inside = false;
    for (std::size_t x = i + 1; x < end; ++x) starts_inside = starts_inside || tags[x] % 2 == 1;
    const bool goes_on = end < n && tags[end] != kTagO && tags[end] % 2 == 0;
    if (goes_on && (tags[i] == kTagBPer || starts_inside)) {
      for (std::size_t x = i; x < end; ++x) tags[x] = kTagO;
      const int inside = tags[end];
      const int begin = tokens[end].rule % 2 == 1 ? tokens[end].rule : inside - 1;
      for (std::size_t x = end; x < n && tags[x] == inside; ++x)
        tags[x] = x == end ? begin : begin + 1;
    }
    i = end - 1;
  }
}

// A name of two or more words the tagger tagged somewhere in the article is
// the same name where the tagger left the same words untagged ("Sidang di
// Mahkamah Konstitusi. Hakim Mahkamah Konstitusi (MK) ..."): one article
// does not switch what a name is. Names tagged at a sentence start, where
// a capital says less, are not carried over ("Putusan MK").
void propagate_tags(const std::vector<NameToken>& toks, std::vector<int>& tags) {
  const std::size_t n = toks.size();
  std::map<std::string_view, std::vector<std::pair<std::size_t, std::size_t>>> by_first;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    if (tags[i] % 2 == 1)
      while (j < n && tags[j] == tags[i] + 1) ++j;
    if (tags[i] % 2 == 1 && j - i >= 2 && !toks[i].sentence_start)
      by_first[toks[i].key].push_back({i, j});
    i = j;
  }
  if (by_first.empty()) return;
  const auto same_words = [&](std::size_t a, std::size_t b, std::size_t len) {
    for (std::size_t x = 0; x < len; ++x)
      if (toks[a + x].key != toks[b + x].key || tags[b + x] != kTagO) return false;
    return true;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (tags[i] != kTagO || !toks[i].cap) continue;
    const auto it = by_first.find(toks[i].key);
    if (it == by_first.end()) continue;
    for (const auto& [a, b] : it->second) {
      if (i + (b - a) > n || !same_words(a, i, b - a)) continue;
      for (std::size_t x = 0; x < b - a; ++x) tags[i + x] = tags[a] + (x ? 1 : 0);
      break;
    }
  }
}

// "dan" never joins one person's name: "Antonio Banderas dan Catherine
// Zeta-Jones" are two persons (organisations keep it: "Kementerian Hukum dan
// HAM").
void split_coordinated_persons(const std::vector<NameToken>& toks, std::vector<int>& tags) {
  for (std::size_t i = 1; i + 1 < toks.size(); ++i)
    if (tags[i] == kTagIPer && !toks[i].cap && toks[i].key == "dan" && tags[i + 1] == kTagIPer) {
      tags[i] = kTagO;
      tags[i + 1] = kTagBPer;
    }
}

// A known person's full name is one whole person ("Kim Jong-un", where the
// tagger may stop at "Kim").
void tag_known_persons(const NameTables& t, const std::vector<NameToken>& toks,
                       std::vector<int>& tags) {
  const std::size_t n = toks.size();
  for (std::size_t i = 0; i < n;) {
    const std::size_t m = toks[i].cap ? t.match(t.gazetteer, toks, i, n) : 0;
    if (m < 2 || t.gazetteer.at(span_key(toks, i, i + m)) != NameType::kPerson) {
      i += std::max<std::size_t>(m, 1);
      continue;
    }
    for (std::size_t x = i; x < i + m; ++x) tags[x] = x == i ? kTagBPer : kTagIPer;
    if (i + m < n && tags[i + m] % 2 == 0 && tags[i + m] != kTagO) --tags[i + m];
    i += m;
  }
}

// The pieces of one tagged name toks[a, j) of `type`: where the rules see a
// place and then a person ("Korea Utara | Kim Jong Un"), so do we. A
// parenthesised tail is a person's other name ("Joko Widodo | (Jokowi)");
// an organisation's or a place's acronym belongs to the mention but not to
// the name ("Partai Persatuan Pembangunan (PPP)").
void add_pieces(const std::vector<NameToken>& toks, const std::vector<TaggerToken>& tokens,
                NameType type, std::size_t a, std::size_t j, std::vector<LinkedName>& spans) {
  NameType piece_type = type;
  for (std::size_t x = a + 1; x <= j; ++x) {
    const bool place_person = x < j && tokens[x].rule == kTagBPer &&
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
}

// Whether toks[j] is a one-word parenthesised acronym that belongs to the
// organisation or place name ending before it ("Mahkamah Konstitusi (MK)"),
// however the tagger tagged it: the pair is what links the acronym to the
// name across the collection.
bool acronym_tail_at(const std::vector<NameToken>& toks, const std::vector<int>& tags,
                     NameType type, std::size_t j) {
  const std::size_t n = toks.size();
  if (type == NameType::kPerson || j >= n || !toks[j].acronym || !toks[j].paren_open) return false;
  const bool alone =
      j + 1 == n || toks[j + 1].after_punct || tags[j + 1] % 2 == 1 || tags[j + 1] == kTagO;
  return alone && (tags[j] == kTagO || type_of_tag(tags[j]) == type);
}

// The tagger's names as spans: a title before a name left out, a place
// then a person cut in two, a parenthesised tail kept out of the name.
std::vector<LinkedName> tagged_spans(const NameTables& t, const std::vector<NameToken>& toks,
                                     const std::vector<TaggerToken>& tokens,
                                     const std::vector<int>& tags) {
  const std::size_t n = toks.size();
  std::vector<LinkedName> spans;
  for (std::size_t i = 0; i < n;) {
    if (tags[i] == kTagO) {
      ++i;
      continue;
    }
    const NameType type = type_of_tag(tags[i]);
    std::size_t j = i + 1;
    while (j < n && tags[j] == begin_tag(type) + 1) ++j;
    if (type == NameType::kPlace && compass_at(toks, j)) ++j;
    if (acronym_tail_at(toks, tags, type, j)) ++j;
    std::size_t a = i;
    // A title is not part of the name ("Presiden Xi Jinping").
    while (a + 1 < j) {
      const std::size_t m = t.match(t.roles, toks, a, j - 1);
      if (m == 0) break;
      a += m;
    }
    // Nor a word that opens a sentence before an acronym ("Putusan MK",
    // "Rapat DPR"), unless it is an organisation or place head or the two
    // make a known name.
    if (a + 1 < j && toks[a].sentence_start && tokens[a].cues == 0 && !toks[a].acronym &&
        toks[a + 1].acronym && !t.known_type(span_key(toks, a, j)))
      ++a;
    add_pieces(toks, tokens, type, a, j, spans);
    i = j;
  }
  return spans;
}

// A lone capitalised word the tagger left untagged that starts or ends a
// person's full name tagged in the article is that person's short form
// ("Choe Son-hui tiba. Kunjungan pertama Choe ke Beijing"); not at a
// sentence start, nor before another capitalised word.
void add_short_forms(const std::vector<NameToken>& toks, std::vector<int>& tags,
                     std::vector<LinkedName>& spans) {
  const std::size_t n = toks.size();
  std::set<std::string_view> ends;
  for (const LinkedName& s : spans)
    if (s.type == NameType::kPerson && s.fb - s.fa >= 2)
      ends.insert({std::string_view(toks[s.fa].key), std::string_view(toks[s.fb - 1].key)});
  if (ends.empty()) return;
  for (std::size_t i = 0; i < n; ++i) {
    if (tags[i] != kTagO || !toks[i].cap || toks[i].sentence_start || !ends.count(toks[i].key))
      continue;
    if (i + 1 < n && toks[i + 1].cap && !toks[i + 1].after_punct) continue;
    tags[i] = kTagBPer;
    spans.push_back({NameType::kPerson, i, i + 1, i, i + 1});
  }
}

// Each span linked to its full name: the rules' link for the same words,
// else the one person's full name tagged here that a lone word is part of.
void link_spans(const std::vector<NameToken>& toks, const std::vector<LinkedName>& rules,
                std::vector<LinkedName>& spans) {
  std::map<std::pair<std::size_t, std::size_t>, std::pair<std::size_t, std::size_t>> rule_full;
  std::set<std::pair<std::size_t, std::size_t>> linked_persons;  // full names linked to
  for (const LinkedName& l : rules) {
    rule_full[{l.a, l.b}] = {l.fa, l.fb};
    if (l.type == NameType::kPerson && (l.fa != l.a || l.fb != l.b))
      linked_persons.insert({l.fa, l.fb});
  }
  // A full name that later short mentions name as a person is a person
  // ("Korea Utara, Choe Son-hui ... kata Choe").
  for (LinkedName& s : spans)
    if (s.fa == s.a && s.fb == s.b && linked_persons.count({s.a, s.b})) s.type = NameType::kPerson;
  PersonParts parts;
  for (const LinkedName& s : spans)
    if (s.type == NameType::kPerson && s.fb - s.fa >= 2) parts.add(toks, s.fa, s.fb);
  for (LinkedName& s : spans) {
    if (auto it = rule_full.find({s.a, s.b}); it != rule_full.end()) {
      if (it->second != std::make_pair(s.a, s.b)) {
        // A link to a person's full name: the word names that person.
        std::tie(s.fa, s.fb) = it->second;
        s.type = NameType::kPerson;
      }
    } else if (s.fb - s.fa == 1) {
      if (const auto* full = parts.find(toks[s.fa].key)) {
        std::tie(s.fa, s.fb) = *full;
        s.type = NameType::kPerson;
      }
    }
  }
}

// Whether a role ends right before toks[a], or before the rules' place
// right before it ("Menlu Choe", "Menteri Luar Negeri Korea Utara Choe").
bool role_before(const NameTables& t, const std::vector<NameToken>& toks,
                 const std::vector<TaggerToken>& tokens, std::size_t a) {
  std::size_t x = a;
  while (x > 0 && (tokens[x - 1].rule == kTagBLoc || tokens[x - 1].rule == kTagILoc)) --x;
  for (std::size_t s = x >= 4 ? x - 4 : 0; s < x; ++s)
    if (t.match(t.roles, toks, s, x) == x - s) return true;
  return false;
}

// Whether the rules' name r is a person named right after a speech verb
// ("kata Budiman"), or a full name of no common words right after a role
// ("Menlu Choe Son-hui", not "Menteri Perumahan Rakyat"): patterns the news
// sets tag as a person nearly always, while the tagger, trained on other
// genres too, may not.
bool cued_person(const NameTables& t, const std::vector<NameToken>& toks,
                 const std::vector<TaggerToken>& tokens, const LinkedName& r) {
  if (r.type != NameType::kPerson || r.a == 0 || toks[r.a].after_punct ||
      (t.cues_of(toks[r.a]) & kCueRole))
    return false;
  if (t.cues_of(toks[r.a - 1]) & kCueSpeech) return true;
  bool common = false;
  for (std::size_t x = r.a; x < r.b; ++x) common = common || tokens[x].common;
  return r.b - r.a >= 2 && !common && role_before(t, toks, tokens, r.a);
}

// The speakers the rules found and the tagger did not (a full mention, not
// rules-only), the rules' places and acronyms where the tagger saw nothing; then the
// spans that are no names dropped.
void add_rules_only(const NameTables& t, const std::vector<NameToken>& toks,
                    const std::vector<TaggerToken>& tokens, const std::vector<LinkedName>& rules,
                    const std::vector<int>& tags, std::vector<LinkedName>& spans) {
  for (const LinkedName& r : rules) {
    bool untagged = true;
    for (std::size_t x = r.a; x < r.b; ++x) untagged = untagged && tags[x] == kTagO;
    const bool acronym = r.b - r.a == 1 && toks[r.a].acronym;
    if (untagged && cued_person(t, toks, tokens, r)) {
      spans.push_back(r);
    } else if (untagged && r.fa == r.a && r.fb == r.b && (r.type == NameType::kPlace || acronym)) {
      LinkedName extra = r;
      extra.rules_only = true;
      spans.push_back(extra);
    }
  }
  // A known place is no person ("presiden ketiga RI"); a lone organisation
  // or place head is no name ("di SMA", "PT. Djarum"), nor a lone letter,
  // nor a lone common word opening a sentence taken for a place or an
  // organisation.
  std::erase_if(spans, [&](LinkedName& s) {
    if (s.fa != s.a || s.fb != s.b) return false;
    if (s.b - s.a == 1 && toks[s.a].text.size() == 1) return true;
    const std::string key = span_key(toks, s.a, s.b);
    if (s.type == NameType::kPerson && t.known_type(key) == NameType::kPlace)
      s.type = NameType::kPlace;
    // "Hari ini ...", "Namun ...", "Salah satu ...": a common word opening a sentence, and no
    // full name of the article's, is no name, unless a known one; opening a quotation alone
    // before punctuation ("\"Bagus,\" kata Choe"), not even then.
    const bool alone = s.b == toks.size() || toks[s.b].after_punct;
    if (s.b - s.a == 1 && toks[s.a].sentence_start && tokens[s.a].common && !toks[s.a].acronym &&
        (!t.known_type(key) || (toks[s.a].quote_before && alone)))
      return true;
    return s.b - s.a == 1 && (t.cues_of(toks[s.a]) & (kCueOrgHead | kCuePlaceHead)) &&
           !t.gazetteer.count(key);
  });
}

}  // namespace

std::vector<TaggerToken> tagger_tokens(const NameTables& tables, const std::vector<NameToken>& toks,
                                       const std::vector<LinkedName>& rules,
                                       const CapitalEvidence* evidence) {
  const std::size_t n = toks.size();
  const std::vector<int> gazetteer = gazetteer_tags(tables, toks);
  std::vector<TaggerToken> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    const NameToken& t = toks[i];
    TaggerToken& x = out[i];
    static_cast<WordShape&>(x) = t;
    x.text = t.text;
    x.key = t.key;
    x.weekday = t.cap && is_weekday_name(t.text);
    x.date_word = x.weekday || (t.cap && month_from_name(t.text) != 0);
    x.gazetteer = gazetteer[i];
  }
  for (const LinkedName& l : rules)
    for (std::size_t x = l.a; x < l.b; ++x) out[x].rule = begin_tag(l.type) + (x == l.a ? 0 : 1);
  for (std::size_t i = 0; i < n; ++i) {
    // Only words that are, or stand next to, a capitalised word are read.
    if (toks[i].cap || toks[i].hyphen_joined || (i + 1 < n && toks[i + 1].cap) ||
        (i > 0 && toks[i - 1].cap))
      add_word_features(tables, toks, i, evidence, out[i]);
  }
  return out;
}

std::vector<LinkedName> tagged_names(const NameTables& tables, const std::vector<NameToken>& toks,
                                     const std::vector<LinkedName>& rules,
                                     const CapitalEvidence* evidence) {
  const std::vector<TaggerToken> tokens = tagger_tokens(tables, toks, rules, evidence);
  std::vector<int> tags = tables.tagger->tag(tokens);
  split_coordinated_persons(toks, tags);
  strip_roles(tables, toks, tokens, tags);
  propagate_tags(toks, tags);
  tag_known_persons(tables, toks, tags);
  std::vector<LinkedName> spans = tagged_spans(tables, toks, tokens, tags);
  add_short_forms(toks, tags, spans);
  link_spans(toks, rules, spans);
  add_rules_only(tables, toks, tokens, rules, tags, spans);
  std::sort(spans.begin(), spans.end(),
            [](const LinkedName& x, const LinkedName& y) { return x.a < y.a; });
  return spans;
}

}  // namespace telusur
