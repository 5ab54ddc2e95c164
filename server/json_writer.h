// JSON text written front to back into one string, for the list answers,
// where building an nlohmann DOM and dumping it cost more than the query.
// The writer places the commas; callers say only what comes next. Strings
// come out as dump_json writes them: `"` `\` and control characters escaped,
// UTF-8 passed through, and each invalid UTF-8 sequence replaced by U+FFFD
// (as nlohmann's error_handler_t::replace), so the text is always valid JSON.
#pragma once

#include "domain/dates.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kedja::server {

class JsonWriter {
 public:
  // Appends to `out`; the caller reserves what it expects to write.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);  // then exactly one value

  // Distinct names, not overloads of one: a string literal would otherwise
  // pick the bool overload over string_view.
  JsonWriter& string(std::string_view text);
  JsonWriter& string_or_null(const std::optional<std::string>& text);
  JsonWriter& integer(std::int64_t number);
  // The shortest text that reads back as `number` (std::to_chars), with
  // ".0" when it would look like an integer, as nlohmann writes a double;
  // null for NaN and infinities, which JSON cannot hold.
  JsonWriter& number(double number);
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  JsonWriter& date(Date day);  // "YYYY-MM-DD", as format_date

 private:
  void before_value();
  void append_escaped(std::string_view text);

  std::string& out_;
  bool after_value_ = false;  // the next value or key needs a comma first
};

}  // namespace kedja::server
