#include "entities.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <tuple>

#include "document.h"
#include "hash.h"
#include "names.h"
#include "text.h"

namespace telusur {

namespace {

// The words of a name key (or display form), split at spaces.
std::vector<std::string_view> words_of_key(std::string_view key) {
  std::vector<std::string_view> out = split(key, ' ');
  std::erase_if(out, [](std::string_view w) { return w.empty(); });
  return out;
}

std::string join(const std::vector<std::string_view>& words, std::size_t a, std::size_t b) {
  std::string out;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) out += ' ';
    out += words[i];
  }
  return out;
}

// The shorter forms a person's name of 2+ words may be written in: its first
// and last words, and for 3+ words its first two, its last two, and its
// first and last ("Thareq Kemal Habibie": Thareq, Habibie, Thareq Kemal,
// Kemal Habibie, Thareq Habibie).
std::vector<std::string> short_forms_of(const std::vector<std::string_view>& w) {
  std::vector<std::string> out = {std::string(w.front()), std::string(w.back())};
  if (w.size() >= 3) {
    out.push_back(join(w, 0, 2));
    out.push_back(join(w, w.size() - 2, w.size()));
    out.push_back(std::string(w.front()) + " " + std::string(w.back()));
  }
  return out;
}

bool strip_suffix(std::string& s, std::string_view suffix) {
  if (s.size() <= suffix.size() || !s.ends_with(suffix)) return false;
  s.resize(s.size() - suffix.size());
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return true;
}

bool strip_prefix(std::string& s, std::string_view prefix) {
  if (s.size() <= prefix.size() || !s.starts_with(prefix)) return false;
  s.erase(0, prefix.size());
  return true;
}

// A display form written in capitals alone, 2 to 8 letters or digits with
// at least two letters ("KPK", "DPR", "PDIP", "BPJS"): an acronym.
bool is_acronym_form(std::string_view form) {
  if (form.size() < 2 || form.size() > 8) return false;
  int letters = 0;
  for (char c : form) {
    if (c >= 'A' && c <= 'Z')
      ++letters;
    else if (!(c >= '0' && c <= '9'))
      return false;
  }
  return letters >= 2;
}

// Whether the letters of `acronym` (lower case) come in order in the name
// key, the first at the start of a word ("polri" in "kepolisian negara
// republik indonesia" fails, "bawaslu" in "badan pengawas pemilu" holds).
bool letters_in_order(std::string_view acronym, std::string_view key) {
  std::size_t at = 0;
  for (std::size_t i = 0; i < acronym.size(); ++i) {
    const char c = acronym[i];
    if (i == 0) {
      while (at < key.size() && !(key[at] == c && (at == 0 || key[at - 1] == ' '))) ++at;
    } else {
      while (at < key.size() && key[at] != c) ++at;
    }
    if (at == key.size()) return false;
    ++at;
  }
  return true;
}

// Words that an acronym may leave out ("Kementerian Hukum dan HAM").
bool is_small_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {"dan", "and", "of",   "the",  "untuk", "&",
                                                    "di",  "ke",  "dari", "atas", "bagi"};
  return kWords.count(w) > 0;
}

// The first letters of a name key's words, all words and without small words.
std::vector<std::string> initials_of(const std::vector<std::string_view>& words) {
  std::string all, content;
  for (std::string_view w : words) {
    all += w[0];
    if (!is_small_word(w)) content += w[0];
  }
  std::vector<std::string> out = {all};
  if (content != all && content.size() >= 2) out.push_back(content);
  return out;
}

// "BJ Habibie", "B.J. Habibie", "B. J. Habibie": the initials ("bj") and the
// rest of the name ("habibie"); empty initials when the form has none.
std::pair<std::string, std::string> split_initials(std::string_view form) {
  const std::vector<std::string_view> words = words_of_key(form);
  std::string initials;
  std::size_t i = 0;
  for (; i + 1 < words.size(); ++i) {
    std::string letters;
    for (char c : words[i])
      if (c != '.') letters += c;
    const bool caps =
        !letters.empty() && letters.size() <= 3 &&
        std::all_of(letters.begin(), letters.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!caps || (letters.size() > 1 && initials.size() + letters.size() > 3)) break;
    initials += ascii_lower(letters);
  }
  if (initials.empty()) return {};
  return {initials, name_key(join(words, i, words.size()))};
}

class UnionFind {
 public:
  explicit UnionFind(std::size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The smaller root stays the root: the result does not depend on the
  // order of unions.
  void unite(std::uint32_t a, std::uint32_t b) {
    a = find(a), b = find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<std::uint32_t> parent_;
};

// The display form of a node: the form most articles write, then the first
// by bytes.
std::string display_form(const EntityNode& n) {
  std::string best;
  std::uint64_t most = 0;
  for (const auto& [form, count] : n.forms)
    if (count > most || (count == most && form < best)) best = form, most = count;
  return best;
}

using Roots = std::set<std::uint32_t>;

// The display form of every node, found once.
std::vector<std::string> display_forms(const std::vector<EntityNode>& nodes) {
  std::vector<std::string> out;
  out.reserve(nodes.size());
  for (const EntityNode& n : nodes) out.push_back(display_form(n));
  return out;
}

// Unions decided on one snapshot of the roots, then applied: what a step
// joins does not depend on the order in which it finds the pairs.
struct Joins {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  void apply(UnionFind& uf) const {
    for (const auto& [a, b] : pairs) uf.unite(a, b);
  }
};

// The first node of each type and loose key.
using LooseIndex = std::unordered_map<std::string, std::uint32_t>;

// Step 1: the same loose key; returns the first node of each.
LooseIndex join_spellings(const std::vector<EntityNode>& nodes, UnionFind& uf) {
  LooseIndex first;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const auto [it, inserted] =
        first.emplace(std::string(1, nodes[i].type) + loose_key(nodes[i].type, nodes[i].key), i);
    if (!inserted) uf.unite(it->second, i);
  }
  return first;
}

// Step 2: an alias group, within each type (members compared by loose key:
// "DPR RI" is the alias group of "DPR").
void join_aliases(const std::vector<std::vector<std::string>>& aliases, const LooseIndex& loose,
                  UnionFind& uf) {
  for (const auto& group : aliases)
    for (char type : {kPersonLetter, kPlaceLetter, kOrgLetter}) {
      std::optional<std::uint32_t> first;
      for (const std::string& member : group)
        if (auto it = loose.find(std::string(1, type) + loose_key(type, member));
            it != loose.end()) {
          if (first) uf.unite(*first, it->second);
          first = it->second;
        }
    }
}

// The articles of the largest node of each root.
std::unordered_map<std::uint32_t, std::uint64_t> largest_nodes(const std::vector<EntityNode>& nodes,
                                                               UnionFind& uf) {
  std::unordered_map<std::uint32_t, std::uint64_t> out;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    std::uint64_t& m = out[uf.find(i)];
    m = std::max(m, nodes[i].articles);
  }
  return out;
}

// The one root of `roots`, or the root whose largest node has five times
// the articles of every other root's ("Bacharuddin Jusuf Habibie" over a
// misspelt "Baharuddin Jusuf Habibie"); nothing otherwise.
std::optional<std::uint32_t> dominant(
    const Roots& roots, const std::unordered_map<std::uint32_t, std::uint64_t>& largest) {
  if (roots.size() <= 1) return roots.empty() ? std::nullopt : std::optional(*roots.begin());
  std::uint64_t best = 0, second = 0;
  std::uint32_t best_root = 0;
  for (std::uint32_t root : roots) {
    const std::uint64_t articles = largest.at(root);
    if (articles > best)
      second = best, best = articles, best_root = root;
    else if (articles > second)
      second = articles;
  }
  if (best >= 5 * second) return best_root;
  return std::nullopt;
}

// Step 3: a person's initials and the one full name they fit (or one far
// more frequent than any other that fits).
void join_initials(const std::vector<EntityNode>& nodes, const std::vector<std::string>& displays,
                   UnionFind& uf) {
  std::unordered_map<std::string, Roots> fits;  // "initials|rest" -> roots
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].type != kPersonLetter) continue;
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    std::string initials;
    for (std::size_t j = 1; j < w.size() && j <= 3; ++j) {
      if (w[j - 1].size() < 2) break;  // an initial itself: no full name
      initials += w[j - 1][0];
      fits[initials + "|" + join(w, j, w.size())].insert(uf.find(i));
    }
  }
  const auto largest = largest_nodes(nodes, uf);
  Joins joins;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].type != kPersonLetter) continue;
    const auto [initials, rest] = split_initials(displays[i]);
    if (initials.empty() || rest.empty()) continue;
    const auto it = fits.find(initials + "|" + rest);
    if (it == fits.end()) continue;
    Roots others = it->second;
    others.erase(uf.find(i));
    if (const auto to = dominant(others, largest)) joins.pairs.emplace_back(i, *to);
  }
  joins.apply(uf);
}

// Step 3b: a person's full name written longer: with a title or word the
// extractor kept in front ("Menpora Imam Nahrawi", "Irjen Firli Bahuri") or
// a middle name ("Anies Rasyid Baswedan", "Yasonna H Laoly"). A name of
// three or more words joins the one person whose name of two or more words
// it ends with, or whose name is its first and last words.
void join_longer_forms(const std::vector<EntityNode>& nodes,
                       const std::unordered_map<std::string, std::uint32_t>& index, UnionFind& uf) {
  Joins joins;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].type != kPersonLetter) continue;
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    if (w.size() < 3) continue;
    Roots shorter;
    const auto add = [&](const std::string& key) {
      if (auto it = index.find(std::string(1, kPersonLetter) + key); it != index.end())
        shorter.insert(uf.find(it->second));
    };
    for (std::size_t from = 1; from + 2 <= w.size(); ++from) {
      const std::size_t before = shorter.size();
      add(join(w, from, w.size()));
      if (shorter.size() > before) break;  // the longest suffix that names a person
    }
    add(std::string(w.front()) + " " + std::string(w.back()));
    shorter.erase(uf.find(i));
    if (shorter.size() == 1) joins.pairs.emplace_back(i, *shorter.begin());
  }
  joins.apply(uf);
}

// Step 3c: a person's name with words glued in front that are no part of
// it ("Menurut Wiranto", "Keamanan Wiranto", "Menko Polhukam Wiranto", as
// `name_prefix` tells) joins the rest of the name when the rest is a person
// written in three times its articles. Words that tell nothing ("Menurut
// Budi") join any such rest; a role may tell which person a one-word rest
// is ("Menhub Budi": Budi Karya Sumadi), so it joins a one-word rest only
// when no other person's name begins or ends with it. An initial is part of
// the name ("M Syarif").
void join_prefixed_forms(const std::vector<EntityNode>& nodes,
                         const std::unordered_map<std::string, std::uint32_t>& index,
                         const EntityResolver::PrefixFn& name_prefix, UnionFind& uf) {
  struct Candidate {
    std::uint32_t name, rest;
    bool role;
  };
  std::vector<Candidate> candidates;
  std::set<std::uint32_t> prefixed;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    if (nodes[i].type != kPersonLetter) continue;
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    for (std::size_t cut = 1; cut < w.size() && w[cut - 1].size() >= 2; ++cut) {
      const auto it = index.find(std::string(1, kPersonLetter) + join(w, cut, w.size()));
      if (it == index.end() || nodes[it->second].articles < 3 * nodes[i].articles) continue;
      const int kind = name_prefix(join(w, 0, cut));
      if (kind == 0) continue;
      candidates.push_back({i, it->second, kind == 2});
      prefixed.insert(i);
      break;  // the longest rest
    }
  }
  std::unordered_map<std::string_view, int> holders;  // word -> names it begins or ends
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    if (nodes[i].type != kPersonLetter || w.size() < 2 || nodes[i].articles < 2 ||
        prefixed.count(i))
      continue;
    ++holders[w.front()];
    if (w.back() != w.front()) ++holders[w.back()];
  }
  Joins joins;
  for (const Candidate& c : candidates) {
    const std::string& key = nodes[c.rest].key;
    if (c.role && key.find(' ') == std::string::npos && holders.count(key)) continue;
    joins.pairs.emplace_back(c.name, c.rest);
  }
  joins.apply(uf);
}

// Articles of evidence per root, for the links of one shorter form.
std::map<std::uint32_t, std::uint64_t> linked_roots(const EntityLinks& links,
                                                    const std::string& typed_key, UnionFind& uf) {
  std::map<std::uint32_t, std::uint64_t> out;
  for (auto it = links.lower_bound({typed_key, 0});
       it != links.end() && it->first.first == typed_key; ++it)
    out[uf.find(it->first.second)] += it->second;
  return out;
}

// Step 4: an acronym and its expansion: the one bracket-linked expansion
// whose initials spell it, else a bracket link far stronger than any other,
// else the one organisation or place of the collection whose initials spell it.
void join_acronyms(const std::vector<EntityNode>& nodes, const std::vector<std::string>& displays,
                   const EntityLinks& links, UnionFind& uf, std::vector<bool>& marked) {
  std::unordered_map<std::string, Roots> spelt;        // type + initials -> roots
  std::unordered_map<std::string, Roots> spelt_often;  // the same, names of 2+ articles
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    if (nodes[i].type == kPersonLetter || w.size() < 2) continue;
    for (const std::string& in : initials_of(w)) {
      spelt[nodes[i].type + in].insert(uf.find(i));
      if (nodes[i].articles >= 2) spelt_often[nodes[i].type + in].insert(uf.find(i));
    }
  }
  const auto largest = largest_nodes(nodes, uf);
  Joins joins;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const EntityNode& a = nodes[i];
    if (a.type == kPersonLetter || !is_acronym_form(displays[i])) continue;
    const std::string typed = std::string(1, a.type) + a.key;
    const auto by_root = linked_roots(links, typed, uf);
    const auto sp = spelt.find(typed);
    std::vector<std::uint32_t> fitting;  // bracket-linked, and the initials fit
    std::uint64_t best = 0, second = 0;
    std::uint32_t best_root = 0;
    for (const auto& [root, count] : by_root) {
      if (root == uf.find(i)) continue;
      if (sp != spelt.end() && sp->second.count(root)) fitting.push_back(root);
      if (count > best)
        second = best, best = count, best_root = root;
      else if (count > second)
        second = count;
    }
    std::optional<std::uint32_t> to;
    if (fitting.size() == 1)
      to = fitting[0];
    else if (best >= 3 && best >= 3 * second && letters_in_order(a.key, nodes[best_root].key))
      to = best_root;
    else if (const auto often = spelt_often.find(typed);
             by_root.empty() && often != spelt_often.end() && often->second.size() == 1 &&
             *often->second.begin() != uf.find(i) &&
             largest.at(*often->second.begin()) * 4 >= a.articles)
      // No article writes them together: only an expansion about as
      // frequent as the acronym ("USD" is no "Universitas Sanata Dharma").
      to = *often->second.begin();
    if (!to) continue;
    joins.pairs.emplace_back(i, *to);
    marked[i] = true;
  }
  joins.apply(uf);
}

// Step 5: a person's short form and the one full name of the collection
// it can stand for. Holders of a short form: the persons of 2+ articles
// whose name starts or ends with it, or (a two-word form) is made of their
// first and last words. A holder competes when articles link the short form
// to it in a tenth as many articles as to the most linked holder, or when
// its largest name has a tenth of the articles of the most frequent
// holder's ("Habibie": BJ Habibie, Thareq Kemal Habibie, Ilham Habibie
// compete; "Trump": Melania Trump, 5 articles to Donald Trump's 182, does
// not, nor a headline's "Tweet Trump" that one article links "Trump" to). One competitor alone
// takes the short form when articles link them, or, for a two-word form ("Thareq Kemal",
// "Bacharuddin Jusuf"), when its largest name is in as many articles as the form.
void join_short_forms(const std::vector<EntityNode>& nodes, const EntityLinks& links, UnionFind& uf,
                      std::vector<bool>& marked) {
  std::unordered_map<std::string, Roots> holders;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const std::vector<std::string_view> w = words_of_key(nodes[i].key);
    if (nodes[i].type != kPersonLetter || w.size() < 2 || nodes[i].articles < 2) continue;
    const std::uint32_t root = uf.find(i);
    for (std::string& form : short_forms_of(w)) holders[std::move(form)].insert(root);
  }
  const auto largest = largest_nodes(nodes, uf);
  Joins joins;
  for (std::uint32_t i = 0; i < nodes.size(); ++i) {
    const EntityNode& n = nodes[i];
    const std::size_t words = words_of_key(n.key).size();
    if (n.type != kPersonLetter || words > 2) continue;
    const auto it = holders.find(n.key);
    if (it == holders.end()) continue;
    Roots others = it->second;
    others.erase(uf.find(i));
    if (others.empty()) continue;
    const auto by_root = linked_roots(links, std::string(1, n.type) + n.key, uf);
    std::uint64_t most = 0, most_links = 0;
    for (std::uint32_t r : others) {
      most = std::max(most, largest.at(r));
      if (const auto l = by_root.find(r); l != by_root.end())
        most_links = std::max(most_links, l->second);
    }
    Roots competing;
    for (std::uint32_t r : others) {
      const auto l = by_root.find(r);
      if ((l != by_root.end() && l->second * 10 >= most_links) || largest.at(r) * 10 >= most)
        competing.insert(r);
    }
    if (competing.size() != 1) continue;  // shared by several persons
    const std::uint32_t to = *competing.begin();
    if (!by_root.count(to) && !(words == 2 && largest.at(to) >= n.articles)) continue;
    joins.pairs.emplace_back(i, to);
    marked[i] = true;
  }
  joins.apply(uf);
}

}  // namespace

std::string_view entity_type_label(char type) {
  return type == kPersonLetter ? "person" : type == kPlaceLetter ? "place" : "organisation";
}

std::string entity_id(char type, std::string_view name) {
  return std::string(1, type) + hex64(hash_of(std::string(1, type) + name_key(name))).substr(0, 12);
}

std::string loose_key(char type, std::string_view name) {
  std::string key = name_key(name);
  for (std::string_view domain : {".co.id", ".com", ".co", ".id", ".net"})
    if (strip_suffix(key, domain)) break;
  std::string out;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    if (c == '\'' || c == '`') continue;
    if (key.compare(i, 3, "\xe2\x80\x99") == 0) {  // ’
      i += 2;
      continue;
    }
    if (c == '.') continue;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (type == kOrgLetter) {
    strip_suffix(out, "(persero)") || strip_suffix(out, "persero");
    strip_suffix(out, "tbk");
    strip_prefix(out, "pt ") || strip_prefix(out, "partai ");
    strip_suffix(out, " republik indonesia") || strip_suffix(out, " ri");
  }
  return out;
}

EntityResolver::EntityResolver(const std::vector<std::vector<std::string>>& aliases,
                               PrefixFn name_prefix)
    : aliases_(aliases), name_prefix_(std::move(name_prefix)) {}

std::uint32_t EntityResolver::node_of(char type, std::string_view name) {
  std::string key = name_key(name);
  auto [it, inserted] =
      index_.emplace(std::string(1, type) + key, static_cast<std::uint32_t>(nodes_.size()));
  if (inserted) nodes_.push_back({type, std::move(key), {}, 0});
  return it->second;
}

// A person's short form and the longer names of the same article it is
// part of ("Yasonna" beside "Yasonna Laoly", where the extractor did not link
// them): evidence as a surface link is. An article naming two holders
// ("Habibie" beside "BJ Habibie" and "Thareq Kemal Habibie") links both.
void EntityResolver::add_cooccurrence_links(
    const std::vector<StoredName>& names, const std::vector<std::uint32_t>& ids,
    std::set<std::pair<std::string, std::uint32_t>>& shorts) {
  for (std::size_t s = 0; s < names.size(); ++s) {
    if (names[s].type != kPersonLetter) continue;
    const std::string& short_key = nodes_[ids[s]].key;
    if (words_of_key(short_key).size() > 2) continue;
    for (std::size_t f = 0; f < names.size(); ++f) {
      if (names[f].type != kPersonLetter || ids[f] == ids[s]) continue;
      const std::vector<std::string_view> w = words_of_key(nodes_[ids[f]].key);
      if (w.size() < 2) continue;
      const std::vector<std::string> forms = short_forms_of(w);
      if (std::find(forms.begin(), forms.end(), short_key) != forms.end())
        shorts.insert({std::string(1, kPersonLetter) + short_key, ids[f]});
    }
  }
}

void EntityResolver::add_article(const std::vector<StoredName>& names) {
  std::vector<std::uint32_t> seen, ids;
  for (const StoredName& n : names) {
    const std::uint32_t id = node_of(n.type, n.name);
    ids.push_back(id);
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    ++nodes_[id].articles;
    auto& forms = nodes_[id].forms;
    const auto form =
        std::find_if(forms.begin(), forms.end(), [&](const auto& f) { return f.first == n.name; });
    if (form == forms.end())
      forms.emplace_back(std::string(n.name), 1);
    else
      ++form->second;
  }
  // The evidence, once per article and pair. Keyed by the shorter form's
  // key, not its node: an article read later may be the first to write it alone.
  std::set<std::pair<std::string, std::uint32_t>> shorts, acronyms;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const StoredName& n = names[k];
    const std::uint32_t full = ids[k];
    for (std::string_view surface : n.surfaces) {
      const std::size_t open = surface.rfind(" (");
      if (open != std::string_view::npos && surface.ends_with(")")) {
        const std::string inner = name_key(surface.substr(open + 2, surface.size() - open - 3));
        if (!inner.empty()) acronyms.insert({std::string(1, n.type) + inner, full});
      } else {
        shorts.insert({std::string(1, n.type) + name_key(surface), full});
      }
    }
  }
  add_cooccurrence_links(names, ids, shorts);
  for (const auto& k : shorts) ++short_links_[k];
  for (const auto& k : acronyms) ++acronym_links_[k];
  std::sort(seen.begin(), seen.end());
  articles_.push_back(std::move(seen));
}

}  // namespace telusur

namespace telusur {

namespace {

std::size_t word_count(std::string_view s) { return words_of_key(s).size(); }

// Whether a form has no lower-case ASCII letter ("DPD RI", "TEMPO.CO").
bool in_capitals(std::string_view form) {
  return std::none_of(form.begin(), form.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The canonical name of the nodes of one entity: an alias group's first
// name, else the full variant (neither a short form nor an acronym) in the
// most articles, then with the most words, then the first by bytes.
std::string canonical_of(const std::vector<std::uint32_t>& members,
                         const std::vector<EntityNode>& nodes,
                         const std::vector<std::string>& displays, const std::vector<bool>& marked,
                         const std::vector<std::vector<std::string>>& aliases,
                         const std::unordered_map<std::string, std::size_t>& alias_of) {
  std::size_t group = aliases.size();  // the first group that holds a member
  for (std::uint32_t m : members)
    if (const auto it = alias_of.find(nodes[m].key); it != alias_of.end())
      group = std::min(group, it->second);
  if (group < aliases.size()) return aliases[group].front();
  std::string best;
  std::uint64_t most = 0;
  bool best_full = false;
  for (std::uint32_t m : members) {
    const std::string& form = displays[m];
    const bool full = !marked[m] && !in_capitals(form);
    const auto rank = std::make_tuple(full, nodes[m].articles, word_count(form));
    const auto best_rank = std::make_tuple(best_full, most, word_count(best));
    if (best.empty() || rank > best_rank || (rank == best_rank && form < best))
      best = form, most = nodes[m].articles, best_full = full;
  }
  return best;
}

}  // namespace

std::vector<Entity> EntityResolver::resolve() const {
  UnionFind uf(nodes_.size());
  std::vector<bool> marked(nodes_.size(), false);
  const LooseIndex loose = join_spellings(nodes_, uf);
  join_aliases(aliases_, loose, uf);
  const std::vector<std::string> displays = display_forms(nodes_);
  join_initials(nodes_, displays, uf);
  join_longer_forms(nodes_, index_, uf);
  if (name_prefix_) join_prefixed_forms(nodes_, index_, name_prefix_, uf);
  join_acronyms(nodes_, displays, acronym_links_, uf, marked);
  join_short_forms(nodes_, short_links_, uf, marked);

  std::unordered_map<std::string, std::size_t> alias_of;  // member key -> first group
  for (std::size_t g = 0; g < aliases_.size(); ++g)
    for (const std::string& member : aliases_[g]) alias_of.emplace(name_key(member), g);
  std::map<std::uint32_t, std::vector<std::uint32_t>> members;
  for (std::uint32_t i = 0; i < nodes_.size(); ++i) members[uf.find(i)].push_back(i);
  std::unordered_map<std::uint32_t, std::uint64_t> articles;
  for (const std::vector<std::uint32_t>& article : articles_) {
    std::set<std::uint32_t> roots;
    for (std::uint32_t n : article) roots.insert(uf.find(n));
    for (std::uint32_t r : roots) ++articles[r];
  }
  std::vector<Entity> out;
  for (const auto& [root, nodes] : members) {
    Entity e;
    e.type = nodes_[root].type;
    e.name = canonical_of(nodes, nodes_, displays, marked, aliases_, alias_of);
    e.id = entity_id(e.type, e.name);
    e.articles = articles[root];
    for (std::uint32_t m : nodes) e.variants.push_back({displays[m], nodes_[m].articles});
    std::sort(e.variants.begin(), e.variants.end(), [](const auto& x, const auto& y) {
      return x.articles != y.articles ? x.articles > y.articles : x.name < y.name;
    });
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Entity& x, const Entity& y) {
    if (x.articles != y.articles) return x.articles > y.articles;
    return x.type != y.type ? x.type < y.type : x.name < y.name;
  });
  return out;
}

}  // namespace telusur
