// Why a request body is not JSON, said as a 400 would: which field the
// parser stopped in ("seq", "events[1].appointment"; "body" when the text
// ends too soon or the error lies between members) and the
// parser's own words ("number overflow parsing '1e400'", "invalid string:
// ill-formed UTF-8 byte").
#pragma once

#include "domain/result.h"

#include <string>

namespace kedja::server {

// For a text that Json::parse refused. Builds nothing and never throws; the
// parse is iterative, so deep nesting costs memory, not stack.
FieldError json_syntax_error(const std::string& text);

}  // namespace kedja::server
