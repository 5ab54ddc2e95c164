// The assets compiled into the binary: one small stylesheet (screen and
// print) and one small script (the copy button of a new calendar address;
// every page works without it). Each URL carries a hash of its content, so
// it can be cached for a year: a new file has a new URL. The script is a
// file of the service's own, which `Content-Security-Policy: default-src
// 'self'` allows; no page has inline script.
#pragma once

#include <string>
#include <string_view>

namespace kedja::server::web {

std::string_view stylesheet();
// "/static/kedja-<16 hex digits>.css"
const std::string& stylesheet_path();
std::string_view script();
// "/static/kedja-<16 hex digits>.js"
const std::string& script_path();

}  // namespace kedja::server::web
