#include "server/today.h"

#include <date/tz.h>

#include <chrono>

namespace kedja::server {

Date stockholm_today() {
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  const auto local = zone->to_local(std::chrono::system_clock::now());
  return Date{date::floor<date::days>(local).time_since_epoch()};
}

}  // namespace kedja::server
