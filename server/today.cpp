#include "server/today.h"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

namespace kedja::server {

Date stockholm_today() {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  const auto local = zone->to_local(std::chrono::system_clock::now());
  return Date{date::floor<date::days>(local).time_since_epoch()};
}

std::optional<StockholmMinute> stockholm_time(std::string_view utc) {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  std::istringstream in{std::string(utc)};
  date::sys_seconds at;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", at);
  if (in.fail()) return std::nullopt;
  const auto local = date::floor<std::chrono::minutes>(zone->to_local(at));
  const auto day = date::floor<date::days>(local);
  const date::hh_mm_ss time{local - day};
  return StockholmMinute{Date{day.time_since_epoch()}, static_cast<int>(time.hours().count()),
                         static_cast<int>(time.minutes().count())};
}

std::string stockholm_minute(std::string_view utc) {
  const auto local = stockholm_time(utc);
  if (!local) return std::string(utc);
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", local->hour, local->minute);
  return format_date(local->day) + " " + time;
}

std::string stockholm_day_start_utc(Date day) {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  // Midnight exists once on every day in Stockholm (the clocks change at
  // 02:00 and 03:00), so `earliest` never has to choose.
  const auto start = zone->to_sys(date::local_days{day.time_since_epoch()}, date::choose::earliest);
  return date::format("%Y-%m-%dT%H:%M:%S.000Z", date::floor<std::chrono::seconds>(start));
}

UtcPeriod stockholm_period(Date from, Date to) {
  return {stockholm_day_start_utc(from), stockholm_day_start_utc(to + date::days{1})};
}

std::string stockholm_second(std::string_view utc) {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  // "…T08:01:02.114Z" or "…T08:01:02Z": the seconds, then anything to 'Z'.
  if (utc.size() < 20 || utc[10] != 'T' || utc.back() != 'Z') return std::string(utc);
  std::istringstream in{std::string(utc.substr(0, 19))};
  date::sys_seconds at;
  in >> date::parse("%Y-%m-%dT%H:%M:%S", at);
  if (in.fail()) return std::string(utc);
  return date::format("%Y-%m-%d %H:%M:%S", zone->to_local(at));
}

}  // namespace kedja::server
