#include "domain/dates.h"

#include <cstdio>

namespace kedja {
namespace {

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  date::year_month_day ymd{date::year{to_int(y)}, date::month{static_cast<unsigned>(to_int(m))},
                           date::day{static_cast<unsigned>(to_int(d))}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

std::optional<std::array<char, 10>> date_chars(Date day) {
  date::year_month_day ymd{day};
  const int year = static_cast<int>(ymd.year());
  if (year < 0 || year > 9999) return std::nullopt;
  const auto y = static_cast<unsigned>(year), m = static_cast<unsigned>(ymd.month()),
             d = static_cast<unsigned>(ymd.day());
  auto digit = [](unsigned n) { return static_cast<char>('0' + n % 10); };
  return std::array<char, 10>{digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), '-',
                              digit(m / 10),   digit(m),       '-',           digit(d / 10), digit(d)};
}

std::string format_date(Date day) {
  if (auto chars = date_chars(day)) return std::string(chars->data(), chars->size());
  date::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

std::string DateRange::text() { return format_date(first()) + ".." + format_date(last()); }

Date add_months(Date day, int months) {
  date::year_month_day ymd{day};
  auto target = date::year_month{ymd.year(), ymd.month()} + date::months{months};
  date::year_month_day result{target.year(), target.month(), ymd.day()};
  if (!result.ok())  // no such day in the target month: clamp to its last day, on purpose
    result = date::year_month_day_last{target.year(), date::month_day_last{target.month()}};
  return Date{result};
}

int age_on(Date birth_date, Date on) {
  date::year_month_day born{birth_date}, today{on};
  int age = static_cast<int>(today.year()) - static_cast<int>(born.year());
  auto born_md = date::month_day{born.month(), born.day()};
  auto today_md = date::month_day{today.month(), today.day()};
  if (today_md < born_md) --age;
  return age;
}

}  // namespace kedja
