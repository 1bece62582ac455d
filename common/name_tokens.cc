#include "name_tokens.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace telusur {

namespace {

// Lower-case words inside names: "Kementerian Hukum dan HAM", "Bank of
// America", "Osama bin Laden".
constexpr std::string_view kConnectors =
    " dan and of the de da del della van von der den bin binti al el la le ";
// Lower-case compass words after a place: "Afrika timur", "Sumatera selatan".
constexpr std::string_view kCompass = " utara selatan timur barat tenggara tengah ";

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

// Whether `word` is one of the words of `list` (" a b c "), without building
// " word ".
bool in_word_list(std::string_view list, std::string_view word) {
  if (word.empty() || word.find(' ') != std::string_view::npos) return false;
  for (std::size_t at = list.find(word); at != std::string_view::npos; at = list.find(word, at + 1))
    if (at > 0 && list[at - 1] == ' ' && at + word.size() < list.size() &&
        list[at + word.size()] == ' ')
      return true;
  return false;
}

// Abbreviated titles whose full stop ends no sentence ("Dr. Zulman").
constexpr std::string_view kTitleAbbreviations = " h dr drs dra ir prof hj kh mr mrs ms st ";

// What the full stop of `gap` (one full stop between spaces) ends.
enum class Stop { kSentence, kInitial, kTitle };

// What the full stop of `gap` after `prev` ends: an initial ("Stephen R.
// Covey"), an abbreviated title ("Dr.", and "H.", the title Haji), or, as
// any other, a sentence.
Stop stop_after(std::string_view prev, std::string_view prev_key, std::string_view gap) {
  const std::size_t dot = gap.find('.');
  if (dot == std::string_view::npos || gap.find_first_not_of(" .") != std::string_view::npos ||
      gap.find('.', dot + 1) != std::string_view::npos)
    return Stop::kSentence;
  if (in_word_list(kTitleAbbreviations, prev_key)) return Stop::kTitle;
  if (prev.size() == 1 && prev[0] >= 'A' && prev[0] <= 'Z') return Stop::kInitial;
  return Stop::kSentence;
}

}  // namespace

bool starts_upper(std::string_view word) {
  const UChar32 c = first_code_point(word);
  return c > 0 && u_isupper(c);
}

bool starts_lower(std::string_view word) {
  const UChar32 c = first_code_point(word);
  return c > 0 && u_islower(c);
}

void append_name_tokens(std::string_view text, const std::vector<Word>& words,
                        std::vector<NameToken>& toks) {
  std::size_t prev_end = 0;
  bool first = true;
  for (const Word& w : words) {
    NameToken t;
    t.text = w.text;
    t.key = fold_case(w.text);
    t.cap = starts_upper(w.text);
    t.acronym = is_acronym(w.text);
    const std::string_view gap = text.substr(prev_end, w.begin - prev_end);
    // An initial's full stop joins ("Arifin C. Noer"); a title's ends nothing.
    const Stop stop = first ? Stop::kSentence : stop_after(toks.back().text, toks.back().key, gap);
    // The first word of the title and of the body starts a sentence.
    t.sentence_start =
        first || (stop == Stop::kSentence && gap.find_first_of(".!?:\n") != std::string_view::npos);
    t.hyphen_joined = !first && gap == "-";
    t.spaced = !first && !gap.empty() && gap.find_first_not_of(" \t") == std::string_view::npos;
    t.paren_open = !first && gap.find('(') != std::string_view::npos;
    t.quote_before = gap.find('"') != std::string_view::npos ||
                     gap.find("\u201C") != std::string_view::npos ||
                     gap.find("\u201D") != std::string_view::npos;
    // A bare hyphen joins ("Jong-un"); a spaced dash separates ("Prabowo - Hatta").
    // The first word of a text starts afresh: no name runs from title into body.
    t.after_punct = first || (gap != "-" && stop != Stop::kInitial &&
                              gap.find_first_not_of(" \t()") != std::string_view::npos);
    toks.push_back(std::move(t));
    prev_end = w.end;
    first = false;
  }
}

std::vector<NameToken> name_tokens_of(std::string_view text) {
  std::vector<NameToken> toks;
  append_name_tokens(text, words(text), toks);
  return toks;
}

std::string span_key(const std::vector<NameToken>& toks, std::size_t a, std::size_t b) {
  std::string k;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) k += ' ';
    k += toks[i].key;
  }
  return k;
}

std::string display_of(const std::vector<NameToken>& toks, std::size_t a, std::size_t b) {
  std::string out;
  for (std::size_t i = a; i < b; ++i) {
    if (i > a) out += ' ';
    std::string w(toks[i].text);
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 'a' + 'A');
    out += w;
  }
  return out;
}

bool compass_at(const std::vector<NameToken>& toks, std::size_t x) {
  return x > 0 && x < toks.size() && !toks[x].cap && toks[x - 1].cap && toks[x].spaced &&
         is_compass_word(toks[x].key);
}

bool is_name_connector(std::string_view key) { return in_word_list(kConnectors, key); }

bool is_compass_word(std::string_view key) { return in_word_list(kCompass, key); }

int begin_tag(NameType type) {
  switch (type) {
    case NameType::kPerson:
      return kTagBPer;
    case NameType::kPlace:
      return kTagBLoc;
    case NameType::kOrganisation:
      return kTagBOrg;
  }
  return kTagO;
}

NameType type_of_tag(int tag) {
  return tag <= kTagIPer ? NameType::kPerson
                         : (tag <= kTagILoc ? NameType::kPlace : NameType::kOrganisation);
}

}  // namespace telusur
