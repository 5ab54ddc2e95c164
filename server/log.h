// What the service writes to its log (standard error): one line an event,
// each starting with the UTC time. A log line never holds personal data or
// secrets: no query values (a `q=` name search is a name), no bodies, no
// tokens — only the method, the path and the names of the query parameters.
#pragma once

#include "server/handler.h"

#include <string>
#include <string_view>

namespace kedja::server {

// "2026-11-30T17:04:05Z <text>\n", written whole (lines from many threads
// never interleave).
void log_line(std::string_view text);

// "/v1/cases?q&limit": the path of `target` with the names of its query
// parameters, never their values; bytes outside printable ASCII (a space,
// control characters) are %-escaped, so a client cannot forge log lines.
std::string loggable_target(std::string_view target);

// A refused authentication (401): time, the client's address, method and
// path, and why ("no bearer token", "token not valid") — never the token.
// Used by the API's handler and by the web pages' login.
void log_refused_authentication(const Request& request, std::string_view why);

}  // namespace kedja::server
