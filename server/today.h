// "Today" is the civil date in Europe/Stockholm (domain.md), whatever the
// server's own time zone is.
#pragma once

#include "domain/dates.h"

#include <string>
#include <string_view>

namespace kedja::server {

Date stockholm_today();

// A UTC timestamp as stored ("2026-11-25T08:01:02Z") as Europe/Stockholm
// civil time to the minute ("2026-11-25 09:01"); the text itself when it is
// not of that form.
std::string stockholm_minute(std::string_view utc);

}  // namespace kedja::server
