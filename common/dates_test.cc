#include "dates.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

struct DateCase {
  const char* text;
  const char* iso;  // "" when no date must be found
  bool weekday;
};

TEST(Dates, FindsDatesInRealArticleFormats) {
  const DateCase cases[] = {
      {"Pertemuan di Beijing, Senin (29/9/2025). (Foto: Istimewa)", "2025-09-29", true},
      {"- Jumat, 26 Januari 2024 | 12:30 WIB", "2024-01-26", true},
      {"- calendar_month Sab, 6 Sep 2025", "2025-09-06", true},
      {"Agregasi VOA, · Rabu 24 Maret 2021 08:17 WIB", "2021-03-24", true},
      {"2025-09-29", "2025-09-29", false},
      {"2019-09-10T15:05:00", "2019-09-10", false},
      {"10-Sep-19", "2019-09-10", false},
      {"17/09/2019", "2019-09-17", false},
      {" Sep 24, 2019 ", "2019-09-24", false},
      {"Minggu, 5 Mei 2024", "2024-05-05", true},
      {"Jum'at, 1 Desember 2023", "2023-12-01", true},
      {"Kamis, 14 Agt 2025", "2025-08-14", true},
      {"Ahad 2 Februari 2020", "2020-02-02", true},
      {"pada 17.08.1945 pukul 10.00", "1945-08-17", false},
      {"Sel, 29 Feb 2024", "2024-02-29", true},
      {"Oktober 3, 2022", "2022-10-03", false},
  };
  for (const auto& c : cases) {
    auto m = find_date(c.text);
    ASSERT_TRUE(m.has_value()) << c.text;
    EXPECT_EQ(m->date.iso(), c.iso) << c.text;
    EXPECT_EQ(m->has_weekday, c.weekday) << c.text;
  }
}

TEST(Dates, RejectsPartialAndInvalidDates) {
  const char* cases[] = {
      "pada 3 September di mana",  // no year
      "menteri sejak Juni 2022",   // no day
      "Selasa (23/3), Kim",        // no year
      "29 Februari 2023",          // not a leap year
      "31/4/2024",                 // April has 30 days
      "harga Rp 1.500.000 per keluarga",
      "skor 2-1 pada babak kedua",
      "versi 1.2.3456",
      "tahun 2023",
      "12:30 WIB",
      "",
  };
  for (const char* c : cases) EXPECT_FALSE(find_date(c).has_value()) << c;
}

TEST(Dates, OffsetsCoverTheDate) {
  const std::string text = "Beijing, Senin (29/9/2025).";
  auto m = find_date(text);
  ASSERT_TRUE(m);
  EXPECT_EQ(text.substr(m->begin, m->end - m->begin), "29/9/2025");
}

TEST(Dates, MonthAndWeekdayNames) {
  const std::pair<const char*, int> months[] = {
      {"Januari", 1}, {"feb", 2},  {"Pebruari", 2}, {"MARET", 3}, {"Mei", 5},
      {"May", 5},     {"Agt", 8},  {"Agustus", 8},  {"Sept", 9},  {"Okt", 10},
      {"Nop", 11},    {"Des", 12}, {"Senin", 0},    {"", 0}};
  for (const auto& [name, month] : months) EXPECT_EQ(month_from_name(name), month) << name;
  for (const char* day :
       {"Senin", "sel", "Rabu", "Kamis", "Jumat", "Jum'at", "Sabtu", "Minggu", "Ahad", "Sab"})
    EXPECT_TRUE(is_weekday_name(day)) << day;
  EXPECT_FALSE(is_weekday_name("Maret"));
}

TEST(Dates, MakeDateValidates) {
  EXPECT_TRUE(make_date(2024, 2, 29));
  EXPECT_FALSE(make_date(2100, 2, 29));
  EXPECT_FALSE(make_date(1899, 12, 31));
  EXPECT_FALSE(make_date(2024, 13, 1));
  EXPECT_EQ(make_date(2024, 1, 5)->compact(), "20240105");
}

}  // namespace
}  // namespace telusur

namespace telusur {
namespace {

TEST(CompactDate, IsTheInverseOfCompact) {
  const struct {
    const char* text;
    bool valid;
  } cases[] = {{"20250929", true}, {"20240229", true}, {"20230229", false}, {"2025092", false},
               {"2025-9-2", false}, {"20251301", false}, {"18991231", false}, {"", false}};
  for (const auto& c : cases) {
    const auto d = parse_compact_date(c.text);
    EXPECT_EQ(d.has_value(), c.valid) << c.text;
    if (d) {
      EXPECT_EQ(d->compact(), c.text);
    }
  }
  EXPECT_EQ(parse_compact_date("20250929")->ymd(),
            std::chrono::year(2025) / std::chrono::September / 29);
}

}  // namespace
}  // namespace telusur
