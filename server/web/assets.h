// The assets compiled into the binary: one small stylesheet (screen and
// print). Its URL carries a hash of its content, so it can be cached for a
// year: a new stylesheet has a new URL.
#pragma once

#include <string>
#include <string_view>

namespace kedja::server::web {

std::string_view stylesheet();
// "/static/kedja-<16 hex digits>.css"
const std::string& stylesheet_path();

}  // namespace kedja::server::web
