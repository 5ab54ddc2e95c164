// "Today" is the civil date in Europe/Stockholm (domain.md), whatever the
// server's own time zone is.
#pragma once

#include "domain/dates.h"

#include <optional>
#include <string>
#include <string_view>

namespace kedja::server {

Date stockholm_today();

// A UTC timestamp as stored ("2026-11-25T08:01:02Z") as Europe/Stockholm
// civil time to the minute ("2026-11-25 09:01"); the text itself when it is
// not of that form.
std::string stockholm_minute(std::string_view utc);

// The same instant as its civil date and time of day in Europe/Stockholm,
// to the minute (daylight saving time included); nullopt when `utc` is not
// of that form.
struct StockholmMinute {
  Date day;
  int hour = 0;
  int minute = 0;
};
std::optional<StockholmMinute> stockholm_time(std::string_view utc);

}  // namespace kedja::server
