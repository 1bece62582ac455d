#include "name_tables.h"

#include <algorithm>
#include <charconv>

#include "indonesian_stemmer.h"
#include "status.h"
#include "text.h"

namespace telusur {

bool NameTables::is_common_word(const std::string& key) const {
  return common_words && common_words->is_common_word(key);
}

bool NameTables::has_common_root(const IndonesianStemmer& stemmer, const std::string& key) const {
  if (!common_words) return false;
  const std::optional<std::string> root = stemmer.analyse(key);
  return root && *root != key && common_words->is_common_word(*root);
}

void NameTables::index_words() {
  word_info.clear();
  for (const auto& [key, words] : first_words)
    word_info[key].phrase_words = static_cast<unsigned char>(std::min<std::size_t>(words, 255));
  const auto mark = [&](const auto& map, unsigned cue) {
    for (const auto& entry : map)
      if (entry.first.find(' ') == std::string::npos) word_info[entry.first].cues |= cue;
  };
  mark(roles, kCueRole);
  mark(org_heads, kCueOrgHead);
  mark(place_heads, kCuePlaceHead);
  mark(speech, kCueSpeech);
  mark(place_cues, kCuePlace);
  for (const auto& [key, kind] : name_words) word_info[key].name_word = kind;
  for (const auto& [key, clusters] : word_clusters) word_info[key].clusters = clusters;
}

void NameTables::annotate(std::vector<NameToken>& toks) const {
  const std::size_t n = toks.size();
  const auto cap_at = [&](std::size_t i) { return i < n && toks[i].cap; };
  for (std::size_t i = 0; i < n; ++i) {
    NameToken& tok = toks[i];
    // Only words in or up to two before or one after a capitalised word are
    // ever asked about; the others, most words, are looked up if they are.
    if (!tok.cap && !tok.hyphen_joined && !cap_at(i + 1) && !cap_at(i + 2) &&
        !(i > 0 && toks[i - 1].cap))
      continue;
    const auto it = word_info.find(tok.key);
    tok.info = it == word_info.end() ? WordInfo{} : it->second;
    tok.common_word = (tok.cap || tok.hyphen_joined) && is_common_word(tok.key);
    tok.annotated = true;
  }
}

WordInfo NameTables::info_of(const NameToken& tok) const {
  if (tok.annotated) return tok.info;
  const auto it = word_info.find(tok.key);
  return it == word_info.end() ? WordInfo{} : it->second;
}

std::size_t NameTables::phrase_words(const NameToken& tok) const {
  return info_of(tok).phrase_words;
}

unsigned NameTables::cues_of(const NameToken& tok) const { return info_of(tok).cues; }

char NameTables::name_word_of(const NameToken& tok) const { return info_of(tok).name_word; }

bool NameTables::common_word(const NameToken& tok) const {
  return tok.annotated ? tok.common_word : is_common_word(tok.key);
}

std::optional<NameType> NameTables::known_type(const std::string& key) const {
  if (auto it = gazetteer.find(key); it != gazetteer.end()) return it->second;
  if (auto it = canonical.find(key); it != canonical.end())
    if (auto g = gazetteer.find(name_key(it->second)); g != gazetteer.end()) return g->second;
  return std::nullopt;
}

std::unordered_map<std::string, char> parse_name_words(std::string_view text) {
  std::unordered_map<std::string, char> words;
  for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0 || line.size() != tab + 2 ||
        std::string_view("PLOM").find(line[tab + 1]) == std::string_view::npos)
      throw Error("name words line " + std::to_string(line_no) + ": expected word<TAB>P|L|O|M");
    words.emplace(line.substr(0, tab), line[tab + 1]);
  });
  return words;
}

std::unordered_map<std::string, WordClusters> parse_word_clusters(std::string_view text) {
  std::unordered_map<std::string, WordClusters> clusters;
  for_each_data_line(text, [&](std::string_view line, std::size_t line_no) {
    const auto bad = [&] {
      return Error("word clusters line " + std::to_string(line_no) +
                   ": expected word<TAB>coarse fine (numbers from 1)");
    };
    const std::size_t tab = line.find('\t');
    const std::size_t space = line.find(' ', tab == std::string_view::npos ? 0 : tab);
    if (tab == std::string_view::npos || tab == 0 || space == std::string_view::npos) throw bad();
    WordClusters c;
    const char* end = line.data() + line.size();
    const auto coarse = std::from_chars(line.data() + tab + 1, line.data() + space, c.coarse);
    const auto fine = std::from_chars(line.data() + space + 1, end, c.fine);
    if (coarse.ec != std::errc() || coarse.ptr != line.data() + space || fine.ec != std::errc() ||
        fine.ptr != end || c.coarse == 0 || c.fine == 0)
      throw bad();
    clusters.emplace(line.substr(0, tab), c);
  });
  return clusters;
}

std::vector<std::vector<std::string>> parse_alias_groups(std::string_view aliases) {
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

namespace {

void add_cues(NameTables& t, std::string_view cues) {
  for_each_data_line(cues, [&](std::string_view line, std::size_t line_no) {
    const std::size_t sp = line.find_first_of(" \t");
    const std::string_view kind = line.substr(0, sp);
    const std::string key =
        sp == std::string_view::npos ? std::string() : name_key(trim(line.substr(sp)));
    if (key.empty()) throw Error("name cues line " + std::to_string(line_no) + ": no phrase");
    const int n = static_cast<int>(std::count(key.begin(), key.end(), ' ') + 1);
    if (kind == "role")
      t.roles[key] = n;
    else if (kind == "org-head")
      t.org_heads[key] = n;
    else if (kind == "place-head")
      t.place_heads[key] = n;
    else if (kind == "speech")
      t.speech[key] = true;
    else if (kind == "place-cue")
      t.place_cues[key] = true;
    else if (kind == "common")
      t.common[key] = true;
    else
      throw Error("name cues line " + std::to_string(line_no) + ": unknown kind '" +
                  std::string(kind) + "'");
  });
}

void add_gazetteer(NameTables& t, std::string_view gazetteer) {
  for_each_data_line(gazetteer, [&](std::string_view line, std::size_t line_no) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw Error("gazetteer line " + std::to_string(line_no) + ": expected TYPE<TAB>name");
    const std::string_view type = line.substr(0, tab);
    const std::string key = name_key(trim(line.substr(tab + 1)));
    NameType type_of;
    if (type == "PER")
      type_of = NameType::kPerson;
    else if (type == "LOC")
      type_of = NameType::kPlace;
    else if (type == "ORG")
      type_of = NameType::kOrganisation;
    else
      throw Error("gazetteer line " + std::to_string(line_no) + ": unknown type '" +
                  std::string(type) + "'");
    if (!key.empty()) t.gazetteer.emplace(key, type_of);  // the first gazetteer wins
  });
}

template <typename Map>
void index_first_words(NameTables& t, const Map& map) {
  for (const auto& [key, _] : map) {
    const std::size_t words = static_cast<std::size_t>(std::count(key.begin(), key.end(), ' ') + 1);
    std::size_t& longest = t.first_words[key.substr(0, key.find(' '))];
    longest = std::max(longest, words);
  }
}

}  // namespace

NameTables parse_name_tables(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                             std::string_view aliases) {
  NameTables t;
  add_cues(t, cues);
  for (std::string_view gazetteer : gazetteers) add_gazetteer(t, gazetteer);
  t.alias_groups = parse_alias_groups(aliases);
  for (const auto& group : t.alias_groups)
    for (const std::string& member : group) t.canonical[name_key(member)] = group.front();
  index_first_words(t, t.roles);
  index_first_words(t, t.org_heads);
  index_first_words(t, t.place_heads);
  index_first_words(t, t.common);
  index_first_words(t, t.gazetteer);
  t.index_words();
  return t;
}

}  // namespace telusur
