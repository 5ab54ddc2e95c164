// Internal to the domain: turning a loose RawValue (from JSON, CSV or a
// command line) into the typed value a field wants. Each reader returns the
// value or a message saying what was expected; the caller names the field.
#pragma once

#include "domain/dates.h"
#include "domain/event.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

namespace kedja::detail {

template <typename T>
struct Read {
  std::optional<T> value;
  std::string error;  // set when value is empty
};

// Absent: null, or (lenient input) an empty string.
bool is_absent(const RawValue& value, bool lenient);

// A string of valid UTF-8 without control characters (U+0000–U+001F,
// U+007F: contract §2 input rules), so that no value can rewrite the
// terminal of whoever lists it, nor be echoed in a message that would.
Read<std::string> read_string(const RawValue& value);
// read_string, then 1..max_characters characters (code points: the shells
// give the text in NFC, where "Å" is one), as contract §2's lengths count.
Read<std::string> read_text(const RawValue& value, std::size_t max_characters);

// What is wrong with `text` as text input ("" when nothing): not UTF-8, or
// a control character, named by its code ("U+001B").
std::string text_problem(std::string_view text);
std::size_t character_count(std::string_view utf8);
// true/false; lenient input also "true"/"false"/"ja"/"nej", any case.
Read<bool> read_bool(const RawValue& value, bool lenient);
// A whole number; lenient input also its decimal digits.
Read<std::int64_t> read_integer(const RawValue& value, bool lenient);
// YYYY-MM-DD, a real day within the calendar's years (1990–2199): the dates
// events happen on, which deadlines are counted from.
Read<Date> read_date(const RawValue& value);
// YYYY-MM-DD, a real day from 1900 on: a birth date, which is never counted
// from and may well lie before the calendar's first year.
Read<Date> read_birth_date(const RawValue& value);

bool is_slug(std::string_view text);

}  // namespace kedja::detail
