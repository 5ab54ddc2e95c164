// The Swedish working-day calendar (arbetsdagar) that every deadline rests on.
//
// A working day is Monday–Friday that is neither a public holiday of lag
// (1989:253) nor midsommarafton, julafton or nyårsafton — the days lag
// (1930:173) 2 § lets a deadline roll over. Tables for the supported years are
// built once, so every query below is O(1) or O(log days) with no loops over
// years or long day ranges.
#pragma once

#include "domain/dates.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace kedja {

struct NonWorkingDay {
  Date date;
  std::string_view name;  // Swedish, e.g. "midsommarafton"
};

// Easter Sunday (påskdagen) of a Gregorian year.
Date easter_sunday(int year);

// The holidays and eves of `year` in date order (weekends are not listed).
std::vector<NonWorkingDay> non_working_days_of(int year);

class Calendar {
 public:
  // The years of DateRange (domain/dates.h): the one range of dates.
  static constexpr int first_year = DateRange::first_year;
  static constexpr int last_year = DateRange::last_year;

  // The one shared instance; built on first use, immutable afterwards.
  static const Calendar& swedish();

  // True for dates in [first_year-01-01, last_year-12-31]. Queries with dates
  // outside that range are a programming error: inputs are validated first.
  static bool supports(Date day);
  static bool supports_year(int year) { return year >= first_year && year <= last_year; }

  bool is_working_day(Date day) const;

  // The N-th working day strictly after `from` (N ≥ 1); for N = 0 `from`
  // itself when it is a working day, else the next working day.
  Date working_days_after(Date from, int n) const;

  // The number of working days in (a, b]; 0 when b ≤ a.
  int working_days_between(Date a, Date b) const;

  // working_days_after, when the result lies within DateRange; nullopt when
  // it would lie after DateRange::last() (2199-12-31 + 0 working days is
  // 2200-01-02: nyårsafton is not a working day). `from` must be supported.
  std::optional<Date> working_days_after_in_range(Date from, int n) const;

  // `day` when it is a working day, else the next one.
  Date roll_to_working_day(Date day) const { return working_days_after(day, 0); }

  // `day` when it is a working day, else the working day before it. A step
  // due before this date is overdue on `day` — at least one working day lies
  // in (due_on, day] — and one due on or after it is not (contract §3 v1.1).
  Date last_working_day_on_or_before(Date day) const;

 private:
  Calendar();
  int index_of(Date day) const;

  Date first_;  // first day of the table (a margin before first_year)
  // cumulative_[i] = working days in [first_, first_ + i]
  std::vector<std::int32_t> cumulative_;
  // working_[k] = the index of the k-th working day (0-based)
  std::vector<std::int32_t> working_;
};

}  // namespace kedja
