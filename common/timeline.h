// Coverage over time: how many matching articles each day, week, month or
// year holds, every period from the first to the last, empty ones included.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace telusur {

enum class TimelinePeriod { kDay, kWeek, kMonth, kYear };

// "day", "week", "month" or "year"; nullopt for anything else.
std::optional<TimelinePeriod> parse_timeline_period(std::string_view text);

// One period: "2024-03-05", "2024-W10" (ISO week), "2024-03" or "2024".
struct TimelineBin {
  std::string period;
  std::uint64_t count = 0;
};

// The bins of `days` (YYYYMMDD -> articles that day; other keys are
// skipped) per `period`, in time order, from the first period holding an
// article to the last; none when `days` is empty.
std::vector<TimelineBin> timeline_bins(const std::map<std::string, std::uint64_t>& days,
                                       TimelinePeriod period);

// Draws the bins as a bar chart into `png` (gnuplot). Throws Error.
void plot_timeline(const std::vector<TimelineBin>& bins, const std::string& title,
                   const std::string& png);

}  // namespace telusur
