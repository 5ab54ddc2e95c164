#include "domain/calendar.h"

#include <algorithm>
#include <cassert>

namespace kedja {
namespace {

using namespace date::literals;

Date ymd(int year, unsigned month, unsigned day) {
  return Date{date::year{year} / date::month{month} / date::day{day}};
}

// The first `weekday` on or after `from`.
Date weekday_on_or_after(Date from, date::weekday weekday) {
  return from + (weekday - date::weekday{from});
}

// The table reaches a year past last_year so that deadlines opened in
// last_year can still be computed; before first_year a margin of one year.
constexpr int table_first_year = Calendar::first_year - 1;
constexpr int table_last_year = Calendar::last_year + 1;

}  // namespace

Date easter_sunday(int year) {
  // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
  int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<NonWorkingDay> non_working_days_of(int year) {
  const Date easter = easter_sunday(year);
  std::vector<NonWorkingDay> days{
      {ymd(year, 1, 1), "nyårsdagen"},
      {ymd(year, 1, 6), "trettondedag jul"},
      {easter - date::days{2}, "långfredagen"},
      {easter, "påskdagen"},
      {easter + date::days{1}, "annandag påsk"},
      {ymd(year, 5, 1), "första maj"},
      {easter + date::days{39}, "Kristi himmelsfärdsdag"},
      {easter + date::days{49}, "pingstdagen"},
      {weekday_on_or_after(ymd(year, 6, 19), date::Friday), "midsommarafton"},
      {weekday_on_or_after(ymd(year, 6, 20), date::Saturday), "midsommardagen"},
      {weekday_on_or_after(ymd(year, 10, 31), date::Saturday), "alla helgons dag"},
      {ymd(year, 12, 24), "julafton"},
      {ymd(year, 12, 25), "juldagen"},
      {ymd(year, 12, 26), "annandag jul"},
      {ymd(year, 12, 31), "nyårsafton"},
  };
  // Annandag pingst was a public holiday up to 2004; nationaldagen from 2005
  // (SFS 2004:1320).
  if (year <= 2004) days.push_back({easter + date::days{50}, "annandag pingst"});
  if (year >= 2005) days.push_back({ymd(year, 6, 6), "Sveriges nationaldag"});
  std::stable_sort(days.begin(), days.end(),
                   [](const NonWorkingDay& x, const NonWorkingDay& y) { return x.date < y.date; });
  return days;
}

const Calendar& Calendar::swedish() {
  static const Calendar calendar;  // thread-safe initialisation (C++11 magic statics)
  return calendar;
}

bool Calendar::supports(Date day) { return DateRange::contains(day); }

Calendar::Calendar() : first_(ymd(table_first_year, 1, 1)) {
  const Date end = ymd(table_last_year, 12, 31);
  const auto size = static_cast<std::size_t>((end - first_).count() + 1);
  std::vector<bool> working(size);
  for (std::size_t i = 0; i < size; ++i) {
    date::weekday wd{first_ + date::days{static_cast<int>(i)}};
    working[i] = wd != date::Saturday && wd != date::Sunday;
  }
  for (int year = table_first_year; year <= table_last_year; ++year)
    for (const auto& day : non_working_days_of(year))
      working[static_cast<std::size_t>((day.date - first_).count())] = false;

  cumulative_.resize(size);
  std::int32_t count = 0;
  for (std::size_t i = 0; i < size; ++i) {
    if (working[i]) {
      working_.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
    cumulative_[i] = count;
  }
}

int Calendar::index_of(Date day) const {
  auto index = (day - first_).count();
  assert(index >= 0 && index < static_cast<long>(cumulative_.size()) && "date outside the calendar");
  return static_cast<int>(index);
}

bool Calendar::is_working_day(Date day) const {
  int i = index_of(day);
  return cumulative_[i] != (i == 0 ? 0 : cumulative_[i - 1]);
}

Date Calendar::working_days_after(Date from, int n) const {
  assert(n >= 0 && "working days are counted forwards");
  int i = index_of(from);
  // Working days in [first_, from]; for n = 0 we want the first working day at
  // or after `from`, i.e. the one with ordinal working days in [first_, from).
  std::int32_t before = (i == 0 ? 0 : cumulative_[i - 1]);
  std::int32_t ordinal = (n == 0) ? before : cumulative_[i] + (n - 1);
  assert(ordinal < static_cast<std::int32_t>(working_.size()) && "beyond the calendar's table");
  return first_ + date::days{working_[static_cast<std::size_t>(ordinal)]};
}

Date Calendar::last_working_day_on_or_before(Date day) const {
  std::int32_t count = cumulative_[index_of(day)];
  assert(count > 0 && "before the calendar's first working day");
  return first_ + date::days{working_[static_cast<std::size_t>(count - 1)]};
}

std::optional<Date> Calendar::working_days_after_in_range(Date from, int n) const {
  assert(supports(from) && "from lies outside DateRange");
  // Working days in (from, last] must reach n; for n = 0, from or a later
  // working day must lie in range.
  const Date last = DateRange::last();
  if (n == 0) {
    if (is_working_day(from)) return from;
    if (working_days_between(from, last) == 0) return std::nullopt;
    return working_days_after(from, 0);
  }
  if (n < 0 || working_days_between(from, last) < n) return std::nullopt;
  return working_days_after(from, n);
}

int Calendar::working_days_between(Date a, Date b) const {
  if (b <= a) return 0;
  return cumulative_[index_of(b)] - cumulative_[index_of(a)];
}

}  // namespace kedja
