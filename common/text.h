// Unicode text handling with ICU: normalisation, case folding, word and
// sentence boundaries. The same functions serve the indexer and the query
// front end, so a word always turns into the same term.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace telusur {

// NFKC-normalises valid UTF-8 and maps typography to plain forms: curly quotes
// to ' and ", no-break and other spaces to ' ', en/em dashes and minus signs to
// '-', soft hyphens and zero-width characters removed, C0/C1 control characters
// (other than '\n' and '\t') removed, "\r\n" to "\n". Never throws; invalid
// UTF-8 sequences become U+FFFD.
std::string normalize(std::string_view utf8);

// ASCII letters lower-cased, every other byte kept ("KOMPAS.com" -> "kompas.com").
std::string ascii_lower(std::string_view s);

// Full Unicode case folding ("Tegaskan" -> "tegaskan", "STRASSE" -> "strasse").
std::string fold_case(std::string_view utf8);

// One indexable word.
struct Token {
  std::string term;     // case-folded text of the word
  bool joined = false;  // attached to the previous token by one of - . / : \ @
                        // ("negara-negara", "okezone.com", "29/9/2025"): a phrase
                        // continuation, as Xapian's query parser reads it
};

// Splits normalised text into words with ICU's word break rules, keeping
// letters, digits and marks. A word that ICU keeps whole but Xapian's query
// parser splits (at '.', ':' and '&' between letters, "okezone.com", "U.S.A")
// is split the same way here, each part marked `joined`; apostrophes inside a
// word ("jum'at") and digit grouping ("1.000,5") stay. Words longer than
// kMaxTermBytes are dropped. Hyphenated words and reduplication
// ("negara-negara", "Kim Jong-un") give their parts as consecutive tokens.
std::vector<Token> tokenize(std::string_view normalized);

// A word as written, with its byte offsets in the text it came from.
struct Word {
  std::string_view text;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The words (letters, digits, marks) of normalised text with ICU's word break
// rules, case preserved; views point into `normalized`.
std::vector<Word> words(std::string_view normalized);

// tokenize() for text whose words() are already known.
std::vector<Token> tokens_from_words(std::string_view normalized, const std::vector<Word>& words);

// Longest term (in bytes) that is indexed; longer "words" are noise (URLs, base64).
inline constexpr std::size_t kMaxTermBytes = 64;

// Splits text into sentences with ICU's sentence break rules; each sentence is
// trimmed of surrounding whitespace, empty ones are dropped.
std::vector<std::string> split_sentences(std::string_view normalized);

// True when `s` is valid UTF-8 (no overlongs, surrogates or values > U+10FFFF).
bool is_valid_utf8(std::string_view s);

// The pieces of `text` between `separator`s: n separators give n + 1
// pieces, empty ones included ("a\t\tb" -> "a", "", "b"; "" -> one empty
// piece). The views point into `text`.
std::vector<std::string_view> split(std::string_view text, char separator);

// The lines of `text`, split at '\n' (not included); a last line without
// '\n' counts, so an empty text has none. The views point into `text`.
std::vector<std::string_view> split_lines(std::string_view text);

// Trims ASCII whitespace at both ends.
std::string_view trim(std::string_view s);

// Calls fn(line, line_no) for each line of a data file (rules, cues,
// gazetteers, aliases), trimmed, skipping blank lines and '#' comments;
// line_no is 1-based, for error messages.
template <typename Fn>
void for_each_data_line(std::string_view text, Fn&& fn) {
  std::size_t line_no = 0;
  for (std::string_view raw : split_lines(text)) {
    ++line_no;
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    fn(line, line_no);
  }
}

// Collapses runs of spaces and tabs into one space and trims each line.
std::string collapse_spaces(std::string_view s);

// Columns UTF-8 text takes on a terminal: East Asian wide and fullwidth
// characters 2, combining marks, format and control characters (including
// the highlight marks \x02 and \x03) 0, others 1. Invalid bytes count 1.
std::size_t display_width(std::string_view utf8);

// Wraps text at spaces into lines of at most `width` columns (a word longer
// than a line gets a line of its own, unbroken); lines after the first start
// with `indent` spaces, counted in the width. Control characters pass
// through at width 0. `width` 0: the text unchanged.
std::string wrap_text(std::string_view utf8, std::size_t width, std::size_t first_line_used,
                      std::size_t indent);

}  // namespace telusur
