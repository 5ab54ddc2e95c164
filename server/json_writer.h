// JSON text written front to back into one string, for the list answers,
// where building an nlohmann DOM and dumping it cost more than the query.
// The writer places the commas; callers say only what comes next. Strings
// come out as dump_json writes them: `"` `\` and control characters escaped,
// UTF-8 passed through, and each invalid UTF-8 sequence replaced by U+FFFD
// (as nlohmann's error_handler_t::replace), so the text is always valid JSON.
#pragma once

#include "domain/dates.h"
#include "server/string_room.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kedja::server {

// A member name fixed when the program is compiled ("as_of", "rows"): made
// only by a constant expression, and checked then to need no escaping —
// printable ASCII but `"` and `\`, at most `max_size` bytes; any other name
// does not compile. Kept as the text `"name":`, so that writing a member's
// name is one copy (a list answer writes a dozen names a row: issue 15).
class JsonName {
 public:
  static constexpr std::size_t max_size = 28;
  // Whether `name` can be a JsonName.
  static constexpr bool valid(std::string_view name) {
    if (name.size() > max_size) return false;
    for (const char c : name)
      if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') return false;
    return true;
  }

  constexpr JsonName() = default;
  consteval JsonName(const char* name) {  // NOLINT(google-explicit-constructor): key("as_of")
    const std::string_view text(name);
    if (!valid(text)) throw "a JSON member name is printable ASCII but \" and \\, at most max_size bytes";
    text_[size_++] = '"';
    for (const char c : text) text_[size_++] = c;
    text_[size_++] = '"';
    text_[size_++] = ':';
  }

  constexpr std::string_view str() const { return {text_ + 1, size_ - 3u}; }  // the name
  constexpr std::string_view member_text() const { return {text_, size_}; }   // "name":

 private:
  char text_[max_size + 3] = {};
  std::uint8_t size_ = 0;
};

class JsonWriter {
 public:
  // Appends to `out`; the caller reserves what it expects to write. While
  // the writer lives `out` also holds room not yet written (StringRoom):
  // read `out` once the writer is gone.
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(const JsonName& name);  // then exactly one value

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

  StringRoom out_;
  bool after_value_ = false;  // the next value or key needs a comma first
};

}  // namespace kedja::server
