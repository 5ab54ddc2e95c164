#include "domain/raw_value.h"

#include "domain/calendar.h"

#include <algorithm>
#include <cctype>

namespace kedja::detail {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

bool is_absent(const RawValue& value, bool lenient) {
  if (std::holds_alternative<std::monostate>(value)) return true;
  const auto* text = std::get_if<std::string>(&value);
  return lenient && text && text->empty();
}

std::string text_problem(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte == 0x7F) {
      static constexpr char hex[] = "0123456789ABCDEF";
      return std::string("holds a control character (U+00") + hex[byte >> 4] + hex[byte & 0xF] + ")";
    }
    // The length of a well-formed sequence (RFC 3629): no overlong forms,
    // no surrogates, nothing past U+10FFFF.
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (byte < 0x80) length = 1;
    else if (byte >= 0xC2 && byte <= 0xDF) length = 2;
    else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      if (byte == 0xE0) low = 0xA0;
      if (byte == 0xED) high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      if (byte == 0xF0) low = 0x90;
      if (byte == 0xF4) high = 0x8F;
    }
    if (length == 0 || i + length > text.size()) return "is not valid UTF-8 text";
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return "is not valid UTF-8 text";
    }
    i += length;
  }
  return {};
}

std::size_t character_count(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // lead bytes, not continuation bytes
  }));
}

Read<std::string> read_string(const RawValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (!text) return {std::nullopt, "must be a string"};
  if (auto problem = text_problem(*text); !problem.empty()) return {std::nullopt, std::move(problem)};
  return {*text, {}};
}

Read<std::string> read_text(const RawValue& value, std::size_t max_characters) {
  auto read = read_string(value);
  if (!read.value) return read;
  if (read.value->empty()) return {std::nullopt, "must not be empty"};
  if (const auto count = character_count(*read.value); count > max_characters)
    return {std::nullopt, "must be at most " + std::to_string(max_characters) + " characters, not " +
                              std::to_string(count)};
  return read;
}

Read<bool> read_bool(const RawValue& value, bool lenient) {
  if (const auto* flag = std::get_if<bool>(&value)) return {*flag, {}};
  if (const auto* text = std::get_if<std::string>(&value); text && lenient) {
    std::string word = lower(*text);
    if (word == "true" || word == "ja") return {true, {}};
    if (word == "false" || word == "nej") return {false, {}};
    return {std::nullopt, "must be true/false or ja/nej, not \"" + *text + "\""};
  }
  return {std::nullopt, "must be a boolean (true or false)"};
}

Read<std::int64_t> read_integer(const RawValue& value, bool lenient) {
  if (const auto* number = std::get_if<std::int64_t>(&value)) return {*number, {}};
  if (const auto* text = std::get_if<std::string>(&value); text && lenient) {
    bool digits = !text->empty() && text->size() <= 18 &&
                  std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) return {std::stoll(*text), {}};
    return {std::nullopt, "must be a whole number, not \"" + *text + "\""};
  }
  return {std::nullopt, "must be a whole number"};
}

namespace {

Read<Date> read_any_date(const RawValue& value) {
  const auto* text = std::get_if<std::string>(&value);
  if (!text) return {std::nullopt, "must be a date string (YYYY-MM-DD)"};
  auto day = parse_date(*text);
  if (!day) return {std::nullopt, "not a date (YYYY-MM-DD): \"" + *text + "\""};
  return {*day, {}};
}

}  // namespace

Read<Date> read_birth_date(const RawValue& value) {
  auto read = read_any_date(value);
  if (read.value && date::year_month_day{*read.value}.year() < date::year{1900})
    return {std::nullopt, "must be 1900-01-01 or later"};
  return read;
}

Read<Date> read_date(const RawValue& value) {
  auto read = read_any_date(value);
  if (!read.value) return read;
  auto day = read.value;
  if (!DateRange::contains(*day)) return {std::nullopt, "must lie in " + DateRange::text()};
  return {*day, {}};
}

bool is_slug(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace kedja::detail
