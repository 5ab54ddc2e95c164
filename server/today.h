// "Today" is the civil date in Europe/Stockholm (domain.md), whatever the
// server's own time zone is.
#pragma once

#include "domain/dates.h"

namespace kedja::server {

Date stockholm_today();

}  // namespace kedja::server
