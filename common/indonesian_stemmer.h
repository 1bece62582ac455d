// A dictionary-backed Indonesian stemmer: confix stripping in the Nazief-
// Adriani / Enhanced Confix Stripping tradition, every candidate root checked
// against a root dictionary (Debian's hunspell-id word list plus Telusur's own
// corrections in data/stemmer-dictionary.txt).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace telusur {

// Where the stemmer looks roots up: the set of known roots (lower case), with
// the affixes hunspell-id's flags say each takes, and fixed stems.
class RootSource {
 public:
  virtual ~RootSource() = default;

  // A root's flags (prefix_bit, suffix_bit, kProperName; kAcceptsAll for a
  // root of the corrections list); nullopt when `word` is no root.
  virtual std::optional<std::uint32_t> flags(const std::string& word) const = 0;
  // The stem a "word>stem" correction fixes for `word`, if any.
  virtual std::optional<std::string> fixed_stem(const std::string& word) const = 0;

  bool contains(const std::string& word) const { return flags(word).has_value(); }

  // Which affixes a root takes: `family` is the family letter of the
  // outermost prefix (B ber-, D di-, K ke-, M meN-, P peN-/pe-, R per-, S se-,
  // T ter-), `suffix` "an", "kan" or "i". Roots without flags take nothing;
  // roots from the corrections list take all.
  bool accepts_prefix(const std::string& root, char family) const;
  bool accepts_suffix(const std::string& root, std::string_view suffix) const;

  // True for a common (lower-case) word of the list: "hukum", not "abraham".
  bool is_common_word(const std::string& word) const {
    const auto f = flags(word);
    return f && *f != kAcceptsAll && (*f & kProperName) == 0;
  }

  static constexpr std::uint32_t kAcceptsAll = 0xFFFFFFFFu;
  static constexpr std::uint32_t kProperName = 1u << 29;  // written capitalised in hunspell-id

 protected:
  static std::uint32_t prefix_bit(char family);
  static std::uint32_t suffix_bit(std::string_view suffix);
};

// The roots in memory, from the hunspell-id word list and Telusur's corrections.
class RootDictionary : public RootSource {
 public:
  // Loads the hunspell-id word list (path from $TELUSUR_HUNSPELL_DIC, else
  // /usr/share/hunspell/id_ID.dic) and applies the built-in corrections,
  // once per process: later calls share the first load (never destroyed).
  // Throws telusur::Error when the word list cannot be read, saying which
  // package provides it.
  static std::shared_ptr<const RootDictionary> load_default();

  // A hash of what load_default() would load (the word list's bytes and the
  // built-in corrections), without parsing it. Throws like load_default().
  static std::uint64_t default_hash();

  // Parses a hunspell .dic file's text (ISO-8859-1, "word/FLAGS" per line,
  // first line a count). Entries are lower-cased; flags are ignored.
  void add_hunspell_dic(std::string_view text);

  // Applies a corrections list: "word" adds a root, "-word" removes one,
  // "word>stem" fixes the stem of one word; '#' starts a comment. Throws
  // telusur::Error naming a bad line.
  void apply_corrections(std::string_view text);

  // Adds a root that accepts every affix.
  void add(std::string word) { words_[std::move(word)] = kAcceptsAll; }
  std::size_t size() const { return words_.size(); }

  std::optional<std::uint32_t> flags(const std::string& word) const override {
    auto it = words_.find(word);
    if (it == words_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::string> fixed_stem(const std::string& word) const override {
    auto it = fixed_.find(word);
    if (it == fixed_.end()) return std::nullopt;
    return it->second;
  }

  // Every root with its flags, and every fixed stem (unordered).
  const std::unordered_map<std::string, std::uint32_t>& roots() const { return words_; }
  const std::unordered_map<std::string, std::string>& fixed_stems() const { return fixed_; }

 private:
  static std::uint32_t flags_mask(std::string_view flags);
  std::unordered_map<std::string, std::uint32_t> words_;
  std::unordered_map<std::string, std::string> fixed_;
};

// The stemmer. Thread-compatible (const analysis; Xapian calls operator()).
class IndonesianStemmer : public Xapian::StemImplementation {
 public:
  explicit IndonesianStemmer(std::shared_ptr<const RootSource> roots);

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
  std::shared_ptr<const RootSource> roots_;
};

}  // namespace telusur
