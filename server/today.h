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

// The UTC instant at which `day` begins in Europe/Stockholm (00:00 local:
// 23:00 UTC the day before in winter, 22:00 in summer), in the audit log's
// stored form: "2026-10-31T23:00:00.000Z".
std::string stockholm_day_start_utc(Date day);

// Civil days [from, to] in Europe/Stockholm, both included, as the UTC
// instants [from_utc, until_utc) the audit log is searched by: from the
// start of `from` to the start of the day after `to`. A day on which the
// clocks change is 23 or 25 hours long, and counts whole.
struct UtcPeriod {
  std::string from_utc, until_utc;
};
UtcPeriod stockholm_period(Date from, Date to);

// An audit time as stored ("2026-11-25T08:01:02.114Z", or without the
// milliseconds) as Europe/Stockholm civil time to the second ("2026-11-25
// 09:01:02"); the text itself when it is not of that form.
std::string stockholm_second(std::string_view utc);

}  // namespace kedja::server
