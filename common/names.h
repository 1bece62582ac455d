// The name extractor: persons, places and organisations found in an
// article's title and body by rules over capitalised word sequences, cue words
// (roles, organisation heads, speech verbs, place prepositions) and
// gazetteers, all data files under data/names/. Names are normalised (case,
// hyphens, spacing), titles are not part of a name, later short mentions are
// linked to the full name in the same article, and aliases map to one
// canonical name (data/names/aliases.txt).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text.h"

namespace telusur {

struct NameTables;

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
  // Found by the rules alone where the tagger saw no name: a known place or
  // an acronym ("Menteri Luar Negeri Cina", "militer Israel", "BPJS").
  // Indexed like the others; left out of CoNLL output, whose annotation
  // convention leaves such uses untagged.
  bool rules_only = false;
};

// Evidence across a collection: how often each word is written with a
// capital in mid-sentence and how often in lower case. A word capitalised
// mid-sentence in many places is a name; a word capitalised only at sentence
// starts is not. Not thread-safe while adding.
class CapitalEvidence {
 public:
  // Counts the words of one text (normalised; words() of it).
  void add(std::string_view text, const std::vector<Word>& words);
  // For a case-folded word: 'C' capitalised mid-sentence two or more times
  // and never lower case, 'c' capitalised mid-sentence at least as often as
  // lower case, 'l' more often lower case, 'u' never seen mid-sentence.
  char of(const std::string& key) const;
  std::size_t size() const { return counts_.size(); }

 private:
  struct Count {
    std::uint32_t capital = 0, lower = 0;
  };
  std::unordered_map<std::string, Count> counts_;
};

class NameExtractor {
 public:
  // The extractor built from the data files compiled in. Throws
  // telusur::Error only if those files are malformed (checked by the tests).
  static const NameExtractor& builtin();
  // The same without the tagger (data/names/tagger.model): rules and
  // gazetteers alone, for comparison.
  static const NameExtractor& builtin_rules();
  // A copy of this extractor with the tagger read from `model` (the text of
  // a model file; empty: no tagger). Throws telusur::Error on a bad model.
  NameExtractor with_tagger(std::string_view model) const;

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
  // `evidence`, when given, is read by the tagger (not owned; may be null).
  std::vector<NameMention> mentions(std::string_view title, const std::vector<Word>& title_words,
                                    std::string_view body, const std::vector<Word>& body_words,
                                    const CapitalEvidence* evidence = nullptr) const;

  // What words written in front of a person's name (a name key's words)
  // are, when they are no part of it: kRole when one of them is a role of
  // the cue list ("menhub", "menko polhukam": they may tell which person),
  // kWords when each is a speech cue ("menurut") or a word derived from a
  // common root ("keamanan"); never a root itself ("putri", "sri": given
  // names too). kNone otherwise.
  enum class Prefix { kNone, kWords, kRole };
  Prefix name_prefix(std::string_view key) const;

  // Alias groups, canonical name first, as written in the alias list.
  const std::vector<std::vector<std::string>>& alias_groups() const;

  // An extractor over tables already built (name_tables.h).
  explicit NameExtractor(std::shared_ptr<const NameTables> tables);
  const NameTables& tables() const { return *tables_; }

 private:
  std::shared_ptr<const NameTables> tables_;  // never null
};

// Country and territory names in Indonesian ("Sudan", "Korea Utara",
// "Tiongkok"), from ICU's locale data, as a gazetteer: LOC<TAB>name lines.
// Names with brackets, "&", " - " or abbreviations are left out. Built once;
// never throws.
const std::string& country_gazetteer();

// The alias groups of data/names/aliases.txt as compiled in, canonical name
// first; read without building an extractor (cheap: for the query path).
const std::vector<std::vector<std::string>>& builtin_alias_groups();

// The normalised key of a name as written: case-folded, hyphens and runs of
// spaces made single spaces ("Kim Jong-un" -> "kim jong un").
std::string name_key(std::string_view name);

}  // namespace telusur
