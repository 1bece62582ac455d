// The name extractor's view of a text (names.cc and its steps): one token a
// word with its shape and case-folded key, and the spans the steps pass on.
// Internal to the extractor; the public interface is names.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "name_tagger.h"
#include "names.h"
#include "text.h"

namespace telusur {

// What the name tables say of one word, looked up once per token
// (NameTables::annotate) instead of once per table and per step.
struct WordInfo {
  unsigned char phrase_words = 0;  // words of the longest cue or gazetteer phrase it starts
  unsigned char cues = 0;          // TaggerCue bits of the word alone
  char name_word = 0;              // NameTables::name_words class; 0: none
  WordClusters clusters;           // NameTables::word_clusters; {0, 0}: none
};

struct NameToken : WordShape {
  std::string_view text;  // as written, a view into the title or body
  std::string key;        // case-folded
  bool spaced = false;    // only spaces (no newline, no punctuation) before it
  // Set by NameTables::annotate; read through NameTables' accessors, which
  // look the word up themselves when the token was not annotated.
  bool annotated = false;
  bool common_word = false;  // capitalised and a common word (hunspell-id)
  WordInfo info;
};

// A name the rules found: its type and token range [a, b).
struct FoundName {
  NameType type;
  std::size_t a, b;
};

// A mention: where it was written, tokens [a, b), and the full name it
// stands for, tokens [fa, fb) ("Choe" -> "Choe Son Hui").
struct LinkedName {
  NameType type;
  std::size_t a, b;
  std::size_t fa, fb;
  bool rules_only = false;  // see NameMention::rules_only
};

// Whether a word starts with an upper-case / a lower-case letter (any script).
bool starts_upper(std::string_view word);
bool starts_lower(std::string_view word);

// Appends the tokens of `words` (words() of `text`) to `toks`. The first
// word starts a sentence and after punctuation: no name runs from the title
// into the body.
void append_name_tokens(std::string_view text, const std::vector<Word>& words,
                        std::vector<NameToken>& toks);

// The tokens of one text (normalised), words() of it found here.
std::vector<NameToken> name_tokens_of(std::string_view text);

// The keys of toks[a, b) joined by single spaces: a name key.
std::string span_key(const std::vector<NameToken>& toks, std::size_t a, std::size_t b);

// "Kim Jong-un" -> "Kim Jong Un": the words of toks[a, b) joined by spaces,
// each starting upper-case.
std::string display_of(const std::vector<NameToken>& toks, std::size_t a, std::size_t b);

// Whether token x is a lower-case compass word ending the place before it
// ("Afrika timur", "Sumatera selatan").
bool compass_at(const std::vector<NameToken>& toks, std::size_t x);

// Whether `key` is a lower-case word that may continue a name: "dan", "of",
// "bin" ("Kementerian Hukum dan HAM", "Osama bin Laden").
bool is_name_connector(std::string_view key);
// Whether `key` is a compass word ("utara", "timur").
bool is_compass_word(std::string_view key);

// The tagger's B- tag of a name type (kTagBPer, kTagBLoc, kTagBOrg), and the
// type of a B- or I- tag.
int begin_tag(NameType type);
NameType type_of_tag(int tag);

}  // namespace telusur
