// Dates as the domain uses them: civil days, parsed and printed as YYYY-MM-DD.
#pragma once

#include <date/date.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kedja {

// A civil day. Arithmetic on sys_days; year_month_day only at the edges.
using Date = date::sys_days;

// The one range of dates Kedja stores or derives (contract §2 input rules,
// v1.1): event dates, payload dates (appointment, expected_arrival,
// latest_reception) and every date the engine derives from them (opened,
// due, done). The calendar's tables, the parsers, the engine, the calendar
// endpoints and the schema's CHECKs all take it from here. Birth dates are
// the one exception: a person may be born before 1990 (from 1900 on).
struct DateRange {
  static constexpr int first_year = 1990;
  static constexpr int last_year = 2199;
  static constexpr Date first() { return Date{date::year{first_year} / date::January / 1}; }
  static constexpr Date last() { return Date{date::year{last_year} / date::December / 31}; }
  static constexpr bool contains(Date day) { return day >= first() && day <= last(); }
  // "1990-01-01..2199-12-31", for messages.
  static std::string text();
};

// Strict ISO 8601 calendar date "YYYY-MM-DD": exactly ten characters, a real
// day (2026-02-30 is refused). Returns nullopt for anything else.
std::optional<Date> parse_date(std::string_view text);

std::string format_date(Date day);

// The ten characters of "YYYY-MM-DD" without printf, for the hot paths (a
// list page, a bulk load); years 0–9999 only, else nullopt (format_date
// prints any year).
std::optional<std::array<char, 10>> date_chars(Date day);

// Adds calendar months per lag (1930:173) 1 §: the day with the same number,
// or the month's last day where that number does not exist (31 Jan + 1 month
// = 28/29 Feb). Negative months go back the same way.
Date add_months(Date day, int months);

inline Date add_days(Date day, int days) { return day + date::days{days}; }

// Age in whole years on `on` (a birthday on 29 Feb counts from 1 Mar in
// common years, as Swedish practice has it).
int age_on(Date birth_date, Date on);

}  // namespace kedja
