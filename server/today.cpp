#include "server/today.h"

#include <date/tz.h>

#include <chrono>
#include <sstream>
#include <string>

namespace kedja::server {

Date stockholm_today() {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  const auto local = zone->to_local(std::chrono::system_clock::now());
  return Date{date::floor<date::days>(local).time_since_epoch()};
}

std::string stockholm_minute(std::string_view utc) {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  std::istringstream in{std::string(utc)};
  date::sys_seconds at;
  in >> date::parse("%Y-%m-%dT%H:%M:%SZ", at);
  if (in.fail()) return std::string(utc);
  return date::format("%Y-%m-%d %H:%M", date::floor<std::chrono::minutes>(zone->to_local(at)));
}

}  // namespace kedja::server
