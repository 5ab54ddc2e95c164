// Request bodies as JSON: every body the API reads goes through
// parse_json_body, which applies I-JSON's rules (domain/json/strict_json.h):
// bad syntax, ill-formed UTF-8 and a member name given twice in one object
// are a 400 naming the field ("events[1].type", "given_name"; "body" when
// the text ends too soon).
#pragma once

#include "domain/result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace kedja::server {

// One JSON object, or the Problem (400) naming what is wrong. Never throws.
Result<nlohmann::json> parse_json_body(const std::string& text);

// Why `text` is not acceptable JSON, said as a 400 would (field and the
// parser's words); {"body", "malformed JSON"} should it be acceptable.
FieldError json_syntax_error(const std::string& text);

}  // namespace kedja::server
