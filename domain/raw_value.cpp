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

Read<std::string> read_string(const RawValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return {*text, {}};
  return {std::nullopt, "must be a string"};
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
  if (!Calendar::supports(*day))
    return {std::nullopt, "must be within the years " + std::to_string(Calendar::first_year) + "–" +
                              std::to_string(Calendar::last_year)};
  return {*day, {}};
}

bool is_slug(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace kedja::detail
