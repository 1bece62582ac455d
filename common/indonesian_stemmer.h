// A dictionary-backed Indonesian stemmer: confix stripping in the Nazief-
// Adriani / Enhanced Confix Stripping tradition, every candidate root checked
// against a root dictionary (Debian's hunspell-id word list plus Telusur's own
// corrections in data/stemmer-dictionary.txt).
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace telusur {

// The set of known roots (lower case).
class RootDictionary {
 public:
  // Loads the hunspell-id word list (path from $TELUSUR_HUNSPELL_DIC, else
  // /usr/share/hunspell/id_ID.dic) and applies the built-in corrections,
  // once per process: later calls share the first load (never destroyed).
  // Throws telusur::Error when the word list cannot be read, saying which
  // package provides it.
  static std::shared_ptr<const RootDictionary> load_default();

  // Parses a hunspell .dic file's text (ISO-8859-1, "word/FLAGS" per line,
  // first line a count). Entries are lower-cased; flags are ignored.
  void add_hunspell_dic(std::string_view text);

  // Applies a corrections list: "word" adds a root, "-word" removes one,
  // "word>stem" fixes the stem of one word; '#' starts a comment. Throws
  // telusur::Error naming a bad line.
  void apply_corrections(std::string_view text);

  // Adds a root that accepts every affix.
  void add(std::string word) { words_[std::move(word)] = kAcceptsAll; }
  bool contains(const std::string& word) const { return words_.count(word) != 0; }
  std::size_t size() const { return words_.size(); }

  // Which affixes hunspell-id's flags say a root takes: `prefix` is the
  // family letter of the outermost prefix (B ber-, D di-, K ke-, M meN-,
  // P peN-/pe-, R per-, S se-, T ter-), `suffix` "an", "kan" or "i". Roots
  // without flags take nothing; roots from the corrections list take all.
  bool accepts_prefix(const std::string& root, char family) const;
  bool accepts_suffix(const std::string& root, std::string_view suffix) const;

  // True for a common (lower-case) word of the list: "hukum", not "abraham".
  bool is_common_word(const std::string& word) const {
    auto it = words_.find(word);
    return it != words_.end() && it->second != kAcceptsAll && (it->second & kProperName) == 0;
  }

  // The stem a "word>stem" correction fixes for `word`, or nullptr.
  const std::string* fixed_stem(const std::string& word) const {
    auto it = fixed_.find(word);
    return it == fixed_.end() ? nullptr : &it->second;
  }

 private:
  static constexpr std::uint32_t kAcceptsAll = 0xFFFFFFFFu;
  static constexpr std::uint32_t kProperName = 1u << 29;  // written capitalised in hunspell-id
  static std::uint32_t prefix_bit(char family);
  static std::uint32_t suffix_bit(std::string_view suffix);
  static std::uint32_t flags_mask(std::string_view flags);
  std::unordered_map<std::string, std::uint32_t> words_;
  std::unordered_map<std::string, std::string> fixed_;
};

// The stemmer. Thread-compatible (const analysis; Xapian calls operator()).
class IndonesianStemmer : public Xapian::StemImplementation {
 public:
  explicit IndonesianStemmer(std::shared_ptr<const RootDictionary> roots);

  // The root of a case-folded word: a dictionary root found by stripping
  // affixes; for reduplication ("negara-negara", "kekuatan-kekuatan") the
  // root of the parts; otherwise the fallback() result.
  std::string operator()(const std::string& word) override;
  std::string get_description() const override { return "telusur-dictionary"; }

  // The dictionary root of `word` when an analysis finds one.
  std::optional<std::string> analyse(const std::string& word) const;

  // The stem of a word with no dictionary analysis: the word itself, less a
  // possessive -nya ("jokowinya"). Snowball's guesses are not used: they
  // damage names and loan words ("pertamina" -> "tamina", "diplomatik").
  std::string fallback(const std::string& word) const;

 private:
  std::shared_ptr<const RootDictionary> roots_;
};

}  // namespace telusur
