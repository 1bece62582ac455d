// Indonesian (and English) publication dates as they occur in news text:
// "Senin (29/9/2025)", "Jumat, 26 Januari 2024 | 12:30 WIB", "Sab, 6 Sep 2025",
// "Rabu 24 Maret 2021 08:17 WIB", "2025-09-29", "10-Sep-19", "Sep 24, 2019".
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace telusur {

// A valid calendar date (year 1900..2100).
struct Date {
  int year = 0;
  int month = 0;
  int day = 0;

  std::string iso() const;      // "2025-09-29"
  std::string compact() const;  // "20250929", the sortable value-slot form
  std::chrono::year_month_day ymd() const;
  auto operator<=>(const Date&) const = default;
};

// Returns the date if (year, month, day) is a real calendar day in 1900..2100.
std::optional<Date> make_date(int year, int month, int day);

// The inverse of Date::compact(): "20250929" -> 2025-09-29; nullopt for
// anything else (another length, a non-digit, no such day).
std::optional<Date> parse_compact_date(std::string_view compact);

// A date found inside a longer text. [begin, end) are byte offsets of the
// date itself; has_weekday is true when a day name (Senin, Sab, ...) precedes it.
struct DateMatch {
  Date date;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool has_weekday = false;
};

// Finds the first complete date (day, month and year) in `text`. Numeric forms
// are read day first (Indonesian order) except ISO year-month-day; two-digit
// years mean 1970..2069. Partial dates ("3 September", "Juni 2022") are not
// dates. Never throws.
std::optional<DateMatch> find_date(std::string_view text);

// Month number 1..12 for an Indonesian or English month name or abbreviation
// ("Maret", "Mar", "Agt", "Sept", "May"), case-insensitive; 0 when it is none.
int month_from_name(std::string_view word);

// True for an Indonesian or English day name or abbreviation ("Senin", "Jum'at",
// "Sab", "Minggu", "Ahad", "Mon"), case-insensitive.
bool is_weekday_name(std::string_view word);

}  // namespace telusur
