// What the name extractor knows before it reads a text: the cue words, the
// gazetteers and aliases (data/names/), the common words of hunspell-id and
// the tagger model. Built once, then only read. Internal to the extractor;
// the public interface is names.h.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "name_tokens.h"
#include "names.h"

namespace telusur {

class IndonesianStemmer;
class NameTagger;
class RootDictionary;

struct NameTables {
  std::unordered_map<std::string, NameType> gazetteer;     // key -> type
  std::unordered_map<std::string, int> roles;              // key -> words
  std::unordered_map<std::string, int> org_heads;          // key -> words
  std::unordered_map<std::string, int> place_heads;        // key -> words
  std::unordered_map<std::string, bool> speech;            // key
  std::unordered_map<std::string, bool> place_cues;        // key
  std::unordered_map<std::string, bool> common;            // capitalised, yet not names
  std::unordered_map<std::string, std::string> canonical;  // key -> canonical display
  std::vector<std::vector<std::string>> alias_groups;      // canonical name first
  // Words of the names found in a large news collection -> the kind of name
  // each is mostly part of: 'P', 'L', 'O', or 'M' (data/names/name-words.txt).
  std::unordered_map<std::string, char> name_words;
  // Words of a large news collection -> their clusters of words used alike
  // (data/names/word-clusters.txt).
  std::unordered_map<std::string, WordClusters> word_clusters;
  // First word of any cue or gazetteer phrase -> words in its longest phrase.
  std::unordered_map<std::string, std::size_t> first_words;
  // Every word above, with what the tables say of it (index_words()).
  std::unordered_map<std::string, WordInfo> word_info;
  // Common words (hunspell-id), when available: "Menteri Hukum" names no person.
  std::shared_ptr<const RootDictionary> common_words;
  // The sequence tagger that has the last word, when there is a model.
  std::shared_ptr<const NameTagger> tagger;

  // Whether hunspell-id is loaded and knows `key` as a common word.
  bool is_common_word(const std::string& key) const;
  // Whether `key` is made of a common root other than itself ("tawarkan":
  // tawar), as `stemmer` (over common_words) analyses it.
  bool has_common_root(const IndonesianStemmer& stemmer, const std::string& key) const;

  // Rebuilds word_info from first_words, the one-word cues, name_words and
  // word_clusters;
  // call after changing them.
  void index_words();
  // Looks each token's word up once: its WordInfo, and for a capitalised
  // or hyphen-joined word (the words of a run) whether it is a common word.
  void annotate(std::vector<NameToken>& toks) const;
  // A token's WordInfo and common-word flag, from annotate() or looked up now.
  WordInfo info_of(const NameToken& tok) const;
  std::size_t phrase_words(const NameToken& tok) const;
  unsigned cues_of(const NameToken& tok) const;
  char name_word_of(const NameToken& tok) const;
  bool common_word(const NameToken& tok) const;
  // The gazetteer type of a name key, or of its alias group's canonical name.
  std::optional<NameType> known_type(const std::string& key) const;

  // The number of words of the longest phrase of `map` (a table above) that
  // starts at toks[k] and ends before toks[limit]; 0 when none does.
  template <typename Map>
  std::size_t match(const Map& map, const std::vector<NameToken>& toks, std::size_t k,
                    std::size_t limit) const;
};

// The tables from the text of the cue list, the gazetteers (the first that
// names a key wins) and the alias list, without common words or tagger.
// Throws telusur::Error naming the bad line.
NameTables parse_name_tables(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                             std::string_view aliases);

// The word classes of data/names/name-words.txt (word<TAB>P|L|O|M); throws
// telusur::Error naming the bad line.
std::unordered_map<std::string, char> parse_name_words(std::string_view text);

// The clusters of data/names/word-clusters.txt (word<TAB>coarse fine, both
// from 1); throws telusur::Error naming the bad line.
std::unordered_map<std::string, WordClusters> parse_word_clusters(std::string_view text);

// Alias groups from the text of an alias list, canonical name first; throws
// telusur::Error naming the bad line.
std::vector<std::vector<std::string>> parse_alias_groups(std::string_view aliases);

template <typename Map>
std::size_t NameTables::match(const Map& map, const std::vector<NameToken>& toks, std::size_t k,
                              std::size_t limit) const {
  // Most words start no phrase: their lookups are skipped.
  const std::size_t max_words = phrase_words(toks[k]);
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

}  // namespace telusur
