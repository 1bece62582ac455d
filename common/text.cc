#include "text.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <memory>

#include "status.h"

namespace telusur {
namespace {

// Maps one code point to its plain form; returns -1 to drop it.
UChar32 map_typography(UChar32 c) {
  switch (c) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x00B4:
    case 0x0060:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return -1;
    case '\n':
    case '\t':
      return c;
    default:
      break;
  }
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return -1;
  if (u_isUWhiteSpace(c)) return ' ';
  return c;
}

const icu::Normalizer2& nfkc() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || n == nullptr)
    throw Error(std::string("ICU: cannot load NFKC data: ") + u_errorName(status));
  return *n;
}

std::string to_utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool is_word_char(UChar32 c) {
  const int8_t type = u_charType(c);
  return u_isalnum(c) || type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK || type == U_CONNECTOR_PUNCTUATION;
}

// ICU break iterators are costly to create (rule data is loaded and
// compiled state set up): one of each kind per thread is kept and reused.
icu::BreakIterator& word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_FAILURE(status) || !it)
      throw Error(std::string("ICU word break iterator: ") + u_errorName(status));
  }
  return *it;
}

icu::BreakIterator& sentence_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    UErrorCode status = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("id"), status));
    if (U_FAILURE(status) || !it)
      throw Error(std::string("ICU sentence break iterator: ") + u_errorName(status));
  }
  return *it;
}

// Splits one (case-folded, UTF-8) ICU word further where Xapian's tokeniser
// would: keeps letters, digits, marks, '_'; an apostrophe between letters;
// '.' ',' between digits.
void split_word(std::string_view word, std::vector<Token>& out, bool first_joined) {
  const auto* p = reinterpret_cast<const uint8_t*>(word.data());
  const int32_t n = static_cast<int32_t>(word.size());
  // ASCII letters and digits only (most words): nothing to split.
  bool simple = word.size() <= kMaxTermBytes;
  for (char c : word) simple = simple && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  if (simple) {
    if (!word.empty()) out.push_back({std::string(word), first_joined});
    return;
  }
  std::string part;
  bool joined = first_joined;
  auto flush = [&](bool next_joined) {
    if (!part.empty()) {
      if (part.size() <= kMaxTermBytes) out.push_back({std::move(part), joined});
      part.clear();
    }
    joined = next_joined;
  };
  UChar32 prev = 0;
  for (int32_t i = 0; i < n;) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    UChar32 after = 0;
    if (i < n) {
      int32_t j = i;
      U8_NEXT(p, j, n, after);
    }
    const std::string_view bytes =
        word.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(i - at));
    if (c >= 0 && is_word_char(c)) {
      part += bytes;
    } else if (c == '\'' && u_isalpha(prev) && u_isalpha(after) && !part.empty()) {
      part += bytes;
    } else if ((c == '.' || c == ',') && u_isdigit(prev) && u_isdigit(after) && !part.empty()) {
      part += bytes;
    } else {
      flush(!part.empty() || joined);
    }
    prev = c;
  }
  flush(false);
}

}  // namespace

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> pieces;
  for (std::size_t start = 0;;) {
    const std::size_t at = text.find(separator, start);
    pieces.push_back(text.substr(start, at == std::string_view::npos ? at : at - start));
    if (at == std::string_view::npos) return pieces;
    start = at + 1;
  }
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines = split(text, '\n');
  if (lines.back().empty()) lines.pop_back();  // after a last '\n', or an empty text
  return lines;
}

std::string collapse_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string_view line = trim(s.substr(start, nl - start));
    bool space = false;
    for (char c : line) {
      if (c == ' ' || c == '\t') {
        space = true;
        continue;
      }
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
    if (nl < s.size()) out.push_back('\n');
    start = nl + 1;
  }
  return out;
}

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const int32_t n = static_cast<int32_t>(s.size());
  if (s.size() > static_cast<std::size_t>(INT32_MAX)) return false;
  int32_t i = 0;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

namespace {

// Decodes UTF-8 (invalid sequences become U+FFFD), maps typography, drops
// controls and turns "\r\n" and lone "\r" into "\n"; appends UTF-8 to `out`.
void map_utf8(std::string_view in, std::string& out) {
  out.reserve(out.size() + in.size());
  const auto* p = reinterpret_cast<const uint8_t*>(in.data());
  const int32_t n = static_cast<int32_t>(in.size());
  int32_t i = 0;
  while (i < n) {
    // ASCII fast path.
    if (p[i] >= 0x20 && p[i] < 0x7F && p[i] != 0x60) {
      out.push_back(static_cast<char>(p[i++]));
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c == '\r') {
      if (i < n && p[i] == '\n') continue;
      c = '\n';
    }
    const UChar32 m = map_typography(c);
    if (m < 0) continue;
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, m);
    out.append(buf, static_cast<std::size_t>(len));
  }
}

}  // namespace

std::string normalize(std::string_view utf8) {
  if (utf8.size() > static_cast<std::size_t>(INT32_MAX / 2))
    throw Error("text too large to normalise");
  std::string mapped;
  map_utf8(utf8, mapped);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2& n = nfkc();
  const icu::StringPiece piece(mapped.data(), static_cast<int32_t>(mapped.size()));
  if (n.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return mapped;
  status = U_ZERO_ERROR;
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  n.normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status))
    throw Error(std::string("ICU normalisation failed: ") + u_errorName(status));
  // NFKC can produce new typographic characters (e.g. from compatibility forms).
  std::string out;
  map_utf8(normalized, out);
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string fold_case(std::string_view utf8) {
  // ASCII fast path: most words in Indonesian news are plain ASCII.
  bool ascii = true;
  for (char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return ascii_lower(utf8);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  u.foldCase();
  return to_utf8(u);
}

std::vector<Token> tokens_from_words(std::string_view normalized, const std::vector<Word>& words) {
  std::vector<Token> tokens;
  tokens.reserve(words.size());
  std::size_t prev_end = 0;
  bool first = true;
  for (const Word& w : words) {
    // A single '-' (or nothing) between this word and the previous one makes
    // it a continuation: "negara-negara", "Jong-un"; so do the other
    // characters Xapian's query parser makes a phrase of.
    bool joined = false;
    if (!first) {
      const std::size_t gap = w.begin - prev_end;
      joined = gap == 0 || (gap == 1 && std::string_view("-./:\\@").find(normalized[prev_end]) !=
                                            std::string_view::npos);
    }
    split_word(fold_case(w.text), tokens, joined);
    prev_end = w.end;
    first = false;
  }
  return tokens;
}

std::vector<Token> tokenize(std::string_view normalized) {
  return tokens_from_words(normalized, words(normalized));
}

std::vector<Word> words(std::string_view normalized) {
  std::vector<Word> out;
  if (normalized.empty()) return out;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut =
      utext_openUTF8(nullptr, normalized.data(), static_cast<int64_t>(normalized.size()), &status);
  if (U_FAILURE(status)) throw Error(std::string("ICU cannot read UTF-8: ") + u_errorName(status));
  icu::BreakIterator& it = word_iterator();
  it.setText(ut, status);  // keeps a shallow clone of ut
  utext_close(ut);
  if (U_FAILURE(status))
    throw Error(std::string("ICU word break iterator: ") + u_errorName(status));
  // On UTF-8 text the iterator's indexes are byte offsets.
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    if (it.getRuleStatus() == UBRK_WORD_NONE) continue;
    const auto b = static_cast<std::size_t>(start), e = static_cast<std::size_t>(end);
    out.push_back({normalized.substr(b, e - b), b, e});
  }
  return out;
}

std::vector<std::string> split_sentences(std::string_view normalized) {
  std::vector<std::string> out;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(normalized.data(), static_cast<int32_t>(normalized.size())));
  icu::BreakIterator& sentences = sentence_iterator();
  sentences.setText(text);
  int32_t start = sentences.first();
  for (int32_t end = sentences.next(); end != icu::BreakIterator::DONE;
       start = end, end = sentences.next()) {
    std::string s(trim(to_utf8(text.tempSubStringBetween(start, end))));
    if (!s.empty()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace telusur

namespace telusur {

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  while (i < n) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, n, c);
    if (c < 0) {
      ++width;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    const int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
    width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
  }
  return width;
}

std::string wrap_text(std::string_view utf8, std::size_t width, std::size_t first_line_used,
                      std::size_t indent) {
  if (width == 0) return std::string(utf8);
  std::string out;
  std::size_t column = first_line_used;
  bool line_empty = true;
  std::size_t i = 0;
  while (i < utf8.size()) {
    while (i < utf8.size() && utf8[i] == ' ') ++i;
    std::size_t end = i;
    while (end < utf8.size() && utf8[end] != ' ') ++end;
    if (end == i) break;
    const std::string_view word = utf8.substr(i, end - i);
    const std::size_t w = display_width(word);
    if (!line_empty && column + 1 + w > width) {
      out += '\n';
      out.append(indent, ' ');
      column = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += w;
    line_empty = false;
    i = end;
  }
  return out;
}

}  // namespace telusur
