#include "timeline.h"

#include <gtest/gtest.h>

namespace telusur {
namespace {

std::string render(const std::vector<TimelineBin>& bins) {
  std::string out;
  for (const TimelineBin& b : bins) out += b.period + "=" + std::to_string(b.count) + " ";
  return out;
}

TEST(Timeline, PeriodsFromFirstToLastWithEmptyOnesShown) {
  const std::map<std::string, std::uint64_t> days = {
      {"20240130", 2}, {"20240201", 1}, {"20240415", 3}, {"2024", 9}, {"20241399", 5}};
  const struct {
    TimelinePeriod period;
    std::string bins;
  } cases[] = {
      {TimelinePeriod::kYear, "2024=6 "},
      {TimelinePeriod::kMonth, "2024-01=2 2024-02=1 2024-03=0 2024-04=3 "},
  };
  for (const auto& c : cases) EXPECT_EQ(render(timeline_bins(days, c.period)), c.bins);
  const auto by_day = timeline_bins(days, TimelinePeriod::kDay);
  ASSERT_EQ(by_day.size(), 77u);  // 30 January to 15 April 2024, a leap year
  EXPECT_EQ(by_day.front().period, "2024-01-30");
  EXPECT_EQ(by_day[1].period, "2024-01-31");
  EXPECT_EQ(by_day[1].count, 0u);
  EXPECT_EQ(by_day.back().period, "2024-04-15");
  const auto by_week = timeline_bins(days, TimelinePeriod::kWeek);
  EXPECT_EQ(by_week.front().period, "2024-W05");  // Tuesday 30 January
  EXPECT_EQ(by_week.front().count, 3u);           // and Thursday 1 February
  EXPECT_EQ(by_week.back().period, "2024-W16");
  EXPECT_EQ(by_week.size(), 12u);
  EXPECT_TRUE(timeline_bins({}, TimelinePeriod::kMonth).empty());
}

TEST(Timeline, IsoWeeksAcrossTheNewYear) {
  const struct {
    std::string day, week;
  } cases[] = {{"20201231", "2020-W53"}, {"20210103", "2020-W53"}, {"20210104", "2021-W01"},
               {"20191230", "2020-W01"}, {"20260101", "2026-W01"}};
  for (const auto& c : cases) {
    const auto bins = timeline_bins({{c.day, 1}}, TimelinePeriod::kWeek);
    ASSERT_EQ(bins.size(), 1u) << c.day;
    EXPECT_EQ(bins[0].period, c.week) << c.day;
  }
}

TEST(Timeline, PeriodNames) {
  EXPECT_EQ(parse_timeline_period("week"), TimelinePeriod::kWeek);
  EXPECT_EQ(parse_timeline_period("year"), TimelinePeriod::kYear);
  EXPECT_FALSE(parse_timeline_period("decade"));
  EXPECT_FALSE(parse_timeline_period(""));
}

}  // namespace
}  // namespace telusur
