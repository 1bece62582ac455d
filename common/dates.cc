#include "dates.h"

#include <array>
#include <cstdio>
#include <vector>

#include "text.h"

namespace telusur {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

enum class Kind { kNumber, kWord, kPunct };

struct Piece {
  Kind kind;
  std::string_view text;
  std::size_t begin;
  std::size_t end;
  bool space_before;  // whitespace between this token and the previous one
};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Splits into digit runs, ASCII letter runs (apostrophes inside allowed) and
// single punctuation characters; bytes of multi-byte UTF-8 characters and
// whitespace separate tokens.
std::vector<Piece> scan(std::string_view s) {
  std::vector<Piece> tokens;
  bool space = false;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    const auto uc = static_cast<unsigned char>(c);
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < s.size() && is_digit(s[j])) ++j;
      tokens.push_back({Kind::kNumber, s.substr(i, j - i), i, j, space});
      i = j;
      space = false;
    } else if (is_ascii_alpha(c)) {
      std::size_t j = i;
      while (j < s.size() && (is_ascii_alpha(s[j]) ||
                              (s[j] == '\'' && j + 1 < s.size() && is_ascii_alpha(s[j + 1]))))
        ++j;
      tokens.push_back({Kind::kWord, s.substr(i, j - i), i, j, space});
      i = j;
      space = false;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || uc >= 0x80) {
      space = true;
      ++i;
    } else {
      tokens.push_back({Kind::kPunct, s.substr(i, 1), i, i + 1, space});
      ++i;
      space = false;
    }
  }
  return tokens;
}

std::optional<int> number(const Piece& t, std::size_t min_len, std::size_t max_len) {
  if (t.kind != Kind::kNumber || t.text.size() < min_len || t.text.size() > max_len)
    return std::nullopt;
  int v = 0;
  for (char c : t.text) v = v * 10 + (c - '0');
  return v;
}

int expand_year(const Piece& t, int value) {
  if (t.text.size() == 2) return value < 70 ? 2000 + value : 1900 + value;
  return value;
}

bool is_sep(const Piece& t, std::string_view chars) {
  return t.kind == Kind::kPunct && chars.find(t.text[0]) != std::string_view::npos;
}

// A number that is glued to a neighbouring digit group ("1.234", "12,5") is
// part of a larger number, not a date component.
bool glued_number_before(const std::vector<Piece>& tk, std::size_t i) {
  return i >= 2 && !tk[i].space_before && tk[i - 1].kind == Kind::kPunct &&
         (tk[i - 1].text == "." || tk[i - 1].text == ",") && !tk[i - 1].space_before &&
         tk[i - 2].kind == Kind::kNumber;
}

bool glued_number_after(const std::vector<Piece>& tk, std::size_t j) {
  return j + 1 < tk.size() && !tk[j].space_before && !tk[j + 1].space_before &&
         tk[j].kind == Kind::kPunct &&
         (tk[j].text == "." || tk[j].text == "," || tk[j].text == "/" || tk[j].text == "-") &&
         tk[j + 1].kind == Kind::kNumber;
}

bool weekday_before(const std::vector<Piece>& tk, std::size_t i) {
  // Skip "(", "," and "·"-like punctuation between the day name and the date.
  std::size_t k = i;
  while (k > 0 && tk[k - 1].kind == Kind::kPunct && (i - k) < 2) --k;
  return k > 0 && tk[k - 1].kind == Kind::kWord && is_weekday_name(tk[k - 1].text);
}

struct Candidate {
  std::optional<Date> date;
  std::size_t last = 0;  // index of the last token of the date
};

Candidate try_at(const std::vector<Piece>& tk, std::size_t i) {
  const auto at = [&](std::size_t k) -> const Piece* { return k < tk.size() ? &tk[k] : nullptr; };
  // No whitespace inside numeric forms: "29/9/2025", "2025-09-29".
  const auto tight = [&](std::size_t from, std::size_t to) {
    for (std::size_t k = from + 1; k <= to; ++k)
      if (tk[k].space_before) return false;
    return true;
  };
  const Piece& t0 = tk[i];
  if (t0.kind == Kind::kNumber) {
    const Piece* s1 = at(i + 1);
    const Piece* t2 = at(i + 2);
    const Piece* s3 = at(i + 3);
    const Piece* t4 = at(i + 4);
    // ISO: YYYY-MM-DD (also with / or .).
    if (auto y = number(t0, 4, 4); y && s1 && t2 && s3 && t4 && is_sep(*s1, "-/.") &&
                                   s3->text == s1->text && tight(i, i + 4)) {
      auto m = number(*t2, 1, 2);
      auto d = number(*t4, 1, 2);
      if (m && d && !glued_number_after(tk, i + 5)) return {make_date(*y, *m, *d), i + 4};
    }
    // Day first numeric: D/M/YYYY, D-M-YY, D.M.YYYY.
    if (auto d = number(t0, 1, 2); d && s1 && t2 && s3 && t4 && is_sep(*s1, "-/.") &&
                                   s3->text == s1->text && tight(i, i + 4)) {
      auto m = number(*t2, 1, 2);
      auto y = number(*t4, 2, 4);
      if (m && y && t4->text.size() != 3 && !glued_number_after(tk, i + 5))
        return {make_date(expand_year(*t4, *y), *m, *d), i + 4};
    }
    // D Month YYYY, D-Mon-YY, D Mon. YYYY.
    if (auto d = number(t0, 1, 2); d) {
      std::size_t k = i + 1;
      if (at(k) && is_sep(*at(k), "-")) ++k;
      if (at(k) && at(k)->kind == Kind::kWord) {
        if (int m = month_from_name(at(k)->text); m != 0) {
          ++k;
          if (at(k) && is_sep(*at(k), ".-,")) ++k;
          if (at(k)) {
            if (auto y = number(*at(k), 2, 4);
                y && at(k)->text.size() != 3 && !glued_number_after(tk, k + 1))
              return {make_date(expand_year(*at(k), *y), m, *d), k};
          }
        }
      }
    }
  } else if (t0.kind == Kind::kWord) {
    // Month D, YYYY (English order).
    if (int m = month_from_name(t0.text); m != 0) {
      std::size_t k = i + 1;
      if (at(k) && is_sep(*at(k), ".")) ++k;
      if (at(k)) {
        if (auto d = number(*at(k), 1, 2); d) {
          ++k;
          if (at(k) && is_sep(*at(k), ",")) ++k;
          if (at(k)) {
            if (auto y = number(*at(k), 4, 4); y && !glued_number_after(tk, k + 1))
              return {make_date(*y, m, *d), k};
          }
        }
      }
    }
  }
  return {};
}

// ASCII lower case of a word of at most 12 bytes, in `buf` (no allocation:
// called for every capitalised word of every article).
std::string_view lower_short(std::string_view word, char (&buf)[12]) {
  for (std::size_t i = 0; i < word.size(); ++i)
    buf[i] = word[i] >= 'A' && word[i] <= 'Z' ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
  return std::string_view(buf, word.size());
}

}  // namespace

std::string Date::iso() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::string Date::compact() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

std::chrono::year_month_day Date::ymd() const {
  return {std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
          std::chrono::day(static_cast<unsigned>(day))};
}

std::optional<Date> parse_compact_date(std::string_view s) {
  if (s.size() != 8 || s.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  return make_date(number(0, 4), number(4, 2), number(6, 2));
}

std::optional<Date> make_date(int year, int month, int day) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return std::nullopt;
  int max_day = kDays[static_cast<std::size_t>(month - 1)];
  if (month == 2 && is_leap(year)) max_day = 29;
  if (day > max_day) return std::nullopt;
  return Date{year, month, day};
}

int month_from_name(std::string_view word) {
  struct Entry {
    std::string_view name;
    int month;
  };
  static constexpr Entry kMonths[] = {
      {"januari", 1},   {"january", 1},  {"jan", 1},      {"februari", 2},  {"pebruari", 2},
      {"february", 2},  {"feb", 2},      {"peb", 2},      {"maret", 3},     {"march", 3},
      {"mar", 3},       {"april", 4},    {"apr", 4},      {"mei", 5},       {"may", 5},
      {"juni", 6},      {"june", 6},     {"jun", 6},      {"juli", 7},      {"july", 7},
      {"jul", 7},       {"agustus", 8},  {"august", 8},   {"agu", 8},       {"agt", 8},
      {"ags", 8},       {"agst", 8},     {"aug", 8},      {"september", 9}, {"sept", 9},
      {"sep", 9},       {"oktober", 10}, {"october", 10}, {"okt", 10},      {"oct", 10},
      {"november", 11}, {"nov", 11},     {"nop", 11},     {"desember", 12}, {"december", 12},
      {"des", 12},      {"dec", 12},
  };
  if (word.size() > 12) return 0;
  char buf[12];
  const std::string_view w = lower_short(word, buf);
  for (const auto& e : kMonths)
    if (e.name == w) return e.month;
  return 0;
}

bool is_weekday_name(std::string_view word) {
  static constexpr std::string_view kDays[] = {
      "senin",  "sen",    "selasa",   "sel",   "rabu",      "rab",    "kamis",    "kam",
      "jumat",  "jum'at", "jum",      "sabtu", "sab",       "minggu", "min",      "ahad",
      "monday", "mon",    "tuesday",  "tue",   "wednesday", "wed",    "thursday", "thu",
      "friday", "fri",    "saturday", "sat",   "sunday",    "sun",
  };
  if (word.size() > 12) return false;
  char buf[12];
  const std::string_view w = lower_short(word, buf);
  for (auto d : kDays)
    if (d == w) return true;
  return false;
}

std::optional<DateMatch> find_date(std::string_view text) {
  const std::vector<Piece> tk = scan(text);
  for (std::size_t i = 0; i < tk.size(); ++i) {
    if (tk[i].kind == Kind::kNumber && glued_number_before(tk, i)) continue;
    if (i > 0 && !tk[i].space_before && tk[i - 1].kind != Kind::kPunct) continue;
    Candidate c = try_at(tk, i);
    if (c.date) return DateMatch{*c.date, tk[i].begin, tk[c.last].end, weekday_before(tk, i)};
  }
  return std::nullopt;
}

}  // namespace telusur
