#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace kedja {
namespace {

Date d(const char* text) {
  auto parsed = parse_date(text);
  EXPECT_TRUE(parsed) << text;
  return parsed.value_or(Date{});
}

// Easter Sunday 1990–2050 as published in the ecclesiastical tables (the
// same dates as dateutil.easter and the Church of Sweden's almanac).
TEST(Calendar, EasterSundayMatchesThePublishedTable) {
  static const struct { int year; int month; int day; } cases[] = {
      {1990, 4, 15}, {1991, 3, 31}, {1992, 4, 19}, {1993, 4, 11}, {1994, 4, 3},  {1995, 4, 16},
      {1996, 4, 7},  {1997, 3, 30}, {1998, 4, 12}, {1999, 4, 4},  {2000, 4, 23}, {2001, 4, 15},
      {2002, 3, 31}, {2003, 4, 20}, {2004, 4, 11}, {2005, 3, 27}, {2006, 4, 16}, {2007, 4, 8},
      {2008, 3, 23}, {2009, 4, 12}, {2010, 4, 4},  {2011, 4, 24}, {2012, 4, 8},  {2013, 3, 31},
      {2014, 4, 20}, {2015, 4, 5},  {2016, 3, 27}, {2017, 4, 16}, {2018, 4, 1},  {2019, 4, 21},
      {2020, 4, 12}, {2021, 4, 4},  {2022, 4, 17}, {2023, 4, 9},  {2024, 3, 31}, {2025, 4, 20},
      {2026, 4, 5},  {2027, 3, 28}, {2028, 4, 16}, {2029, 4, 1},  {2030, 4, 21}, {2031, 4, 13},
      {2032, 3, 28}, {2033, 4, 17}, {2034, 4, 9},  {2035, 3, 25}, {2036, 4, 13}, {2037, 4, 5},
      {2038, 4, 25}, {2039, 4, 10}, {2040, 4, 1},  {2041, 4, 21}, {2042, 4, 6},  {2043, 3, 29},
      {2044, 4, 17}, {2045, 4, 9},  {2046, 3, 25}, {2047, 4, 14}, {2048, 4, 5},  {2049, 4, 18},
      {2050, 4, 10},
  };
  for (const auto& c : cases) {
    date::year_month_day expected{date::year{c.year}, date::month{static_cast<unsigned>(c.month)},
                                  date::day{static_cast<unsigned>(c.day)}};
    EXPECT_EQ(easter_sunday(c.year), Date{expected}) << c.year;
  }
}

TEST(Calendar, Year2027HasThirteenHolidaysAndThreeEvesInDateOrder) {
  static const struct { const char* date; const char* name; } expected[] = {
      {"2027-01-01", "nyårsdagen"},       {"2027-01-06", "trettondedag jul"},
      {"2027-03-26", "långfredagen"},     {"2027-03-28", "påskdagen"},
      {"2027-03-29", "annandag påsk"},    {"2027-05-01", "första maj"},
      {"2027-05-06", "Kristi himmelsfärdsdag"}, {"2027-05-16", "pingstdagen"},
      {"2027-06-06", "Sveriges nationaldag"},   {"2027-06-25", "midsommarafton"},
      {"2027-06-26", "midsommardagen"},   {"2027-11-06", "alla helgons dag"},
      {"2027-12-24", "julafton"},         {"2027-12-25", "juldagen"},
      {"2027-12-26", "annandag jul"},     {"2027-12-31", "nyårsafton"},
  };
  auto days = non_working_days_of(2027);
  ASSERT_EQ(days.size(), std::size(expected));
  for (std::size_t i = 0; i < days.size(); ++i) {
    EXPECT_EQ(format_date(days[i].date), expected[i].date) << i;
    EXPECT_EQ(days[i].name, expected[i].name) << i;
  }
}

TEST(Calendar, EveryYearListsItsDaysInDateOrderWithinTheYear) {
  for (int year = Calendar::first_year; year <= Calendar::last_year; ++year) {
    auto days = non_working_days_of(year);
    EXPECT_EQ(days.size(), 16u) << year;
    EXPECT_TRUE(std::is_sorted(days.begin(), days.end(),
                               [](auto& a, auto& b) { return a.date < b.date; }))
        << year;
    for (const auto& day : days)
      EXPECT_EQ(static_cast<int>(date::year_month_day{day.date}.year()), year) << year;
  }
}

TEST(Calendar, AnnandagPingstUpTo2004NationaldagenFrom2005) {
  static const struct { const char* date; bool working; } cases[] = {
      {"2004-05-31", false},  // annandag pingst 2004, a Monday
      {"2004-06-07", true},   // 6 June 2004 was a Sunday; the Monday after works
      {"2003-06-09", false},  // annandag pingst 2003
      {"2003-06-06", true},   // 6 June 2003, a Friday, not yet a holiday
      {"2005-05-16", true},   // annandag pingst 2005: a working day
      {"2005-06-06", false},  // the first nationaldag as a holiday, a Monday
      {"2026-05-25", true},   // annandag pingst 2026
      {"2025-06-06", false},  // nationaldagen on a Friday
  };
  const auto& calendar = Calendar::swedish();
  for (const auto& c : cases) EXPECT_EQ(calendar.is_working_day(d(c.date)), c.working) << c.date;
}

TEST(Calendar, HolidayRulesHoldAcrossTheYears) {
  static const struct { const char* date; bool working; const char* why; } cases[] = {
      {"1990-01-01", false, "nyårsdagen"},
      {"1999-01-06", false, "trettondedag jul"},
      {"2019-04-19", false, "långfredagen"},
      {"2019-04-22", false, "annandag påsk"},
      {"2019-04-23", true, "Tuesday after Easter"},
      {"2021-05-13", false, "Kristi himmelsfärdsdag"},
      {"2021-05-14", true, "the Friday after Ascension (klämdag) works"},
      {"2015-06-19", false, "midsommarafton, Friday 19 June"},
      {"2020-06-19", false, "midsommarafton 2020"},
      {"2021-06-25", false, "midsommarafton, Friday 25 June"},
      {"2021-06-18", true, "the Friday before midsommarafton"},
      {"2022-05-26", false, "Ascension 2022"},
      {"2026-01-02", true, "the Friday after New Year"},
      {"2026-01-06", false, "trettondedag jul on a Tuesday"},
      {"2026-01-05", true, "the Monday before it"},
      {"2026-05-01", false, "första maj on a Friday"},
      {"2026-11-25", true, "an ordinary Wednesday"},
      {"2026-11-28", false, "a Saturday"},
      {"2026-11-29", false, "a Sunday"},
      {"2026-12-24", false, "julafton"},
      {"2026-12-31", false, "nyårsafton"},
      {"2026-12-30", true, "the day before nyårsafton"},
      {"2030-10-31", true, "Thursday 31 Oct 2030: alla helgons dag is Sat 2 Nov"},
      {"2199-12-31", false, "nyårsafton in the last year"},
      {"2199-12-30", true, "a Monday"},
  };
  const auto& calendar = Calendar::swedish();
  for (const auto& c : cases) EXPECT_EQ(calendar.is_working_day(d(c.date)), c.working) << c.date << " " << c.why;
}

TEST(Calendar, WorkingDaysAfterCountsStrictlyAfterTheDate) {
  static const struct { const char* from; int n; const char* expected; } cases[] = {
      {"2026-12-22", 5, "2027-01-04"},  // domain.md's example
      {"2026-12-22", 1, "2026-12-23"},
      {"2026-12-23", 1, "2026-12-28"},  // over julafton, juldagen, annandag, weekend
      {"2026-12-30", 1, "2027-01-04"},  // over nyårsafton, nyårsdagen, weekend
      {"2027-01-05", 1, "2027-01-07"},  // over trettondedag jul
      {"2026-04-02", 1, "2026-04-07"},  // Easter: skärtorsdag → långfredag … annandag påsk
      {"2026-05-13", 1, "2026-05-15"},  // Ascension 2026-05-14
      {"2026-06-18", 1, "2026-06-22"},  // midsommarafton 2026-06-19
      {"2026-11-27", 1, "2026-11-30"},  // a weekend
      {"2026-11-28", 1, "2026-11-30"},  // from a Saturday
      {"2026-11-25", 10, "2026-12-09"},
      {"2026-11-25", 0, "2026-11-25"},  // the same day when it works
      {"2026-11-28", 0, "2026-11-30"},  // else the next working day
      {"2026-12-24", 0, "2026-12-28"},
      {"2027-06-25", 0, "2027-06-28"},  // midsommarafton
  };
  const auto& calendar = Calendar::swedish();
  for (const auto& c : cases)
    EXPECT_EQ(format_date(calendar.working_days_after(d(c.from), c.n)), c.expected)
        << c.from << " + " << c.n;
}

TEST(Calendar, WorkingDaysBetweenCountsTheHalfOpenInterval) {
  static const struct { const char* a; const char* b; int expected; } cases[] = {
      {"2026-12-22", "2027-01-04", 5},
      {"2026-11-25", "2026-11-25", 0},
      {"2026-11-25", "2026-11-26", 1},
      {"2026-11-26", "2026-11-25", 0},  // b before a
      {"2026-11-27", "2026-11-30", 1},  // over a weekend
      {"2026-01-01", "2026-12-31", 251},  // 261 weekdays, 10 of them holidays or eves
      {"2027-01-01", "2027-12-31", 253},  // 261 weekdays, 8 of them holidays or eves
  };
  const auto& calendar = Calendar::swedish();
  for (const auto& c : cases)
    EXPECT_EQ(calendar.working_days_between(d(c.a), d(c.b)), c.expected) << c.a << " .. " << c.b;
}

TEST(Calendar, WorkingDaysAfterAndBetweenAgreeEverywhere) {
  // Over the whole range, stepping one working day at a time.
  const auto& calendar = Calendar::swedish();
  Date day = d("1990-01-01");
  const Date end = d("2199-12-01");
  while (day < end) {
    Date next = calendar.working_days_after(day, 1);
    ASSERT_TRUE(calendar.is_working_day(next)) << format_date(next);
    ASSERT_EQ(calendar.working_days_between(day, next), 1) << format_date(day);
    for (Date between = day + date::days{1}; between < next; between += date::days{1})
      ASSERT_FALSE(calendar.is_working_day(between)) << format_date(between);
    day = next;
  }
}

TEST(Calendar, RollToWorkingDayKeepsWorkingDaysAndMovesOthersForward) {
  static const struct { const char* day; const char* expected; } cases[] = {
      {"2026-11-25", "2026-11-25"},
      {"2026-11-28", "2026-11-30"},
      {"2026-12-24", "2026-12-28"},
      {"2027-01-01", "2027-01-04"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(format_date(Calendar::swedish().roll_to_working_day(d(c.day))), c.expected) << c.day;
}

TEST(Calendar, SupportsExactlyTheYears1990To2199) {
  EXPECT_FALSE(Calendar::supports(d("1989-12-31")));
  EXPECT_TRUE(Calendar::supports(d("1990-01-01")));
  EXPECT_TRUE(Calendar::supports(d("2199-12-31")));
  EXPECT_FALSE(Calendar::supports(d("2200-01-01")));
}

TEST(Calendar, WorkingDaysInRangeRefuseEveryResultAfterTheRange) {
  static const struct {
    const char* from;
    int n;
    const char* expected;  // "" = after 2199-12-31
  } cases[] = {
      {"2199-12-31", 0, ""},  // nyårsafton: the next working day is 2200-01-02
      {"2199-12-30", 1, ""},
      {"2199-12-30", 0, "2199-12-30"},
      {"2199-12-29", 1, "2199-12-30"},
      {"2199-12-01", 100, ""},
      {"1990-01-01", 0, "1990-01-02"},
      {"2026-12-22", 5, "2027-01-04"},
  };
  for (const auto& c : cases) {
    auto result = Calendar::swedish().working_days_after_in_range(d(c.from), c.n);
    EXPECT_EQ(result ? format_date(*result) : "", c.expected) << c.from << " + " << c.n;
  }
}

TEST(DateRange, IsTheCalendarsYears) {
  EXPECT_EQ(format_date(DateRange::first()), "1990-01-01");
  EXPECT_EQ(format_date(DateRange::last()), "2199-12-31");
  EXPECT_EQ(DateRange::text(), "1990-01-01..2199-12-31");
  EXPECT_EQ(Calendar::first_year, DateRange::first_year);
  EXPECT_EQ(Calendar::last_year, DateRange::last_year);
}

}  // namespace
}  // namespace kedja
