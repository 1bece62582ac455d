#include "timeline.h"

#include <chrono>
#include <cstdio>

#include "dates.h"
#include "gnuplot.h"
#include "status.h"

namespace telusur {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

// The Monday that starts the ISO week of `d`.
sys_days week_start(sys_days d) {
  const unsigned iso = std::chrono::weekday(d).iso_encoding();  // Monday 1 .. Sunday 7
  return d - std::chrono::days(iso - 1);
}

// A period's first day, for `d`.
sys_days period_start(sys_days d, TimelinePeriod p) {
  const year_month_day ymd(d);
  switch (p) {
    case TimelinePeriod::kDay:
      return d;
    case TimelinePeriod::kWeek:
      return week_start(d);
    case TimelinePeriod::kMonth:
      return sys_days(ymd.year() / ymd.month() / 1);
    default:
      return sys_days(ymd.year() / 1 / 1);
  }
}

sys_days next_period(sys_days start, TimelinePeriod p) {
  const year_month_day ymd(start);
  switch (p) {
    case TimelinePeriod::kDay:
      return start + std::chrono::days(1);
    case TimelinePeriod::kWeek:
      return start + std::chrono::days(7);
    case TimelinePeriod::kMonth:
      return sys_days((ymd.year() / ymd.month() / 1) + std::chrono::months(1));
    default:
      return sys_days((ymd.year() + std::chrono::years(1)) / 1 / 1);
  }
}

std::string label(sys_days start, TimelinePeriod p) {
  const year_month_day ymd(start);
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
  char buf[16];
  switch (p) {
    case TimelinePeriod::kDay:
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
      break;
    case TimelinePeriod::kWeek: {
      // ISO 8601: the week belongs to the year of its Thursday.
      const sys_days thursday = start + std::chrono::days(3);
      const std::chrono::year iso_year = year_month_day(thursday).year();
      const auto week = (thursday - sys_days(iso_year / 1 / 1)).count() / 7 + 1;
      std::snprintf(buf, sizeof buf, "%04d-W%02d", static_cast<int>(iso_year),
                    static_cast<int>(week));
      break;
    }
    case TimelinePeriod::kMonth:
      std::snprintf(buf, sizeof buf, "%04d-%02u", y, m);
      break;
    default:
      std::snprintf(buf, sizeof buf, "%04d", y);
  }
  return buf;
}

}  // namespace

std::optional<TimelinePeriod> parse_timeline_period(std::string_view text) {
  if (text == "day") return TimelinePeriod::kDay;
  if (text == "week") return TimelinePeriod::kWeek;
  if (text == "month") return TimelinePeriod::kMonth;
  if (text == "year") return TimelinePeriod::kYear;
  return std::nullopt;
}

std::vector<TimelineBin> timeline_bins(const std::map<std::string, std::uint64_t>& days,
                                       TimelinePeriod period) {
  std::map<sys_days, std::uint64_t> counts;  // period start -> articles
  for (const auto& [ymd, n] : days)
    if (const auto d = parse_compact_date(ymd)) counts[period_start(sys_days(d->ymd()), period)] += n;
  std::vector<TimelineBin> out;
  if (counts.empty()) return out;
  for (sys_days s = counts.begin()->first; s <= counts.rbegin()->first; s = next_period(s, period)) {
    const auto it = counts.find(s);
    out.push_back({label(s, period), it == counts.end() ? 0 : it->second});
  }
  return out;
}

void plot_timeline(const std::vector<TimelineBin>& bins, const std::string& title,
                   const std::string& png) {
  std::string script = "set terminal pngcairo size 1000,500\nset output " + quoted(png) +
                       "\nset title " + quoted(title) +
                       " noenhanced\nset style fill solid 0.8\nset boxwidth 0.8\n"
                       "set ylabel \"articles\"\nset xtics rotate by -60 noenhanced\n"
                       "set yrange [0:*]\nunset key\n";
  const std::size_t step = bins.size() > 40 ? (bins.size() + 39) / 40 : 1;  // at most ~40 labels
  script += "set xtics (";
  for (std::size_t i = 0; i < bins.size(); i += step)
    script += (i ? ", " : "") + quoted(bins[i].period) + " " + std::to_string(i);
  script += ")\nplot '-' using 1:2 with boxes\n";
  for (std::size_t i = 0; i < bins.size(); ++i)
    script += std::to_string(i) + " " + std::to_string(bins[i].count) + "\n";
  script += "e\n";
  run_gnuplot(script, png);
}

}  // namespace telusur
