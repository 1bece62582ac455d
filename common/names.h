// The name extractor: persons, places and organisations found in an
// article's title and body by rules over capitalised word sequences, cue words
// (roles, organisation heads, speech verbs, place prepositions) and
// gazetteers, all data files under data/names/. Names are normalised (case,
// hyphens, spacing), titles are not part of a name, later short mentions are
// linked to the full name in the same article, and aliases map to one
// canonical name (data/names/aliases.txt).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "indonesian_stemmer.h"
#include "text.h"

namespace telusur {

enum class NameType { kPerson, kPlace, kOrganisation };

// "person", "place", "organisation".
std::string_view name_type_label(NameType type);

struct Name {
  NameType type = NameType::kPerson;
  std::string name;                   // canonical display form: "Kim Jong Un", "China"
  std::string key;                    // normalised: case-folded, single spaces ("kim jong un")
  std::vector<std::string> surfaces;  // distinct forms as written ("Kim Jong-un", "Kim")
  std::size_t mentions = 0;
};

// One place in the text where a name is written.
struct NameMention {
  NameType type = NameType::kPerson;
  std::string_view surface;  // the words as written, a view into the title or body
  std::string name;          // the full name it stands for ("Choe" -> "Choe Son Hui")
};

class NameExtractor {
 public:
  // The extractor built from the data files compiled in. Throws
  // telusur::Error only if those files are malformed (checked by the tests).
  static const NameExtractor& builtin();

  // Builds an extractor from the text of the cue list, the gazetteers and the
  // alias list (formats documented in the files). Throws telusur::Error
  // naming the bad line.
  NameExtractor(std::string_view cues, const std::vector<std::string_view>& gazetteers,
                std::string_view aliases);

  // The names in one article (normalised text), most mentioned first.
  std::vector<Name> extract(std::string_view title, std::string_view body) const;
  // The same, with the words of title and body already found (words()).
  std::vector<Name> extract(std::string_view title, const std::vector<Word>& title_words,
                            std::string_view body, const std::vector<Word>& body_words) const;

  // Every mention of a name, in text order (title first), linked to its
  // full name; surfaces are views into `title` and `body`.
  std::vector<NameMention> mentions(std::string_view title, const std::vector<Word>& title_words,
                                    std::string_view body,
                                    const std::vector<Word>& body_words) const;

  // Alias groups, canonical name first, as written in the alias list.
  const std::vector<std::vector<std::string>>& alias_groups() const { return alias_groups_; }

 private:
  std::unordered_map<std::string, NameType> gazetteer_;     // key -> type
  std::unordered_map<std::string, int> roles_;              // key -> words
  std::unordered_map<std::string, int> org_heads_;          // key -> words
  std::unordered_map<std::string, bool> speech_;            // key
  std::unordered_map<std::string, bool> place_cues_;        // key
  std::unordered_map<std::string, bool> common_;            // capitalised, yet not names
  std::unordered_map<std::string, std::string> canonical_;  // key -> canonical display
  std::vector<std::vector<std::string>> alias_groups_;
  // First word of any cue or gazetteer phrase -> words in its longest phrase.
  std::unordered_map<std::string, std::size_t> first_words_;
  // Common words (hunspell-id), when available: "Menteri Hukum" names no person.
  std::shared_ptr<const RootDictionary> common_words_;

  friend class NameExtractorImpl;
};

// The normalised key of a name as written: case-folded, hyphens and runs of
// spaces made single spaces ("Kim Jong-un" -> "kim jong un").
std::string name_key(std::string_view name);

}  // namespace telusur
