// Reading JSON text by I-JSON's rules (RFC 7493), the one way Kedja reads
// JSON from outside: request bodies, the region file and rule sets. Beyond
// the grammar and valid UTF-8, a member name twice in one object is
// refused — a parser that keeps the first or the last would silently drop
// what a client or an editor meant ("events[0]": {"type": …, "type": …}).
#pragma once

#include "domain/result.h"

#include <nlohmann/json.hpp>

#include <string_view>

namespace kedja::json {

// The parsed value, or an error naming where the text went wrong: the
// member or element ("events[1].appointment", "given_name"; "body" when
// the text ends too soon or the error lies between members) and what —
// the parser's own words ("invalid string: ill-formed UTF-8 byte"), or
// "duplicate member" for a name given twice in one object. Never throws;
// the parse is iterative, so deep nesting costs memory, not stack.
Result<nlohmann::json> parse_strict_json(std::string_view text);

}  // namespace kedja::json
