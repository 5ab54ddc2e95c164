#include "domain/dates.h"

#include <gtest/gtest.h>

namespace kedja {
namespace {

TEST(Dates, ParseAcceptsRealDaysOnly) {
  static const struct { const char* text; bool ok; } cases[] = {
      {"2026-11-25", true},  {"2024-02-29", true},  {"2026-02-30", false},
      {"2026-13-01", false}, {"2026-00-10", false}, {"2026-01-00", false},
      {"2023-02-29", false}, {"tomorrow", false},   {"", false},
      {"2026-1-01", false},  {"2026-01-1", false},  {"2026/01/01", false},
      {"+026-01-01", false}, {"2026-01-01 ", false}, {"20260101", false},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_date(c.text).has_value(), c.ok) << c.text;
}

TEST(Dates, FormatRoundTrips) {
  for (const char* text : {"1990-01-01", "2026-11-25", "2199-12-31", "2000-02-29"})
    EXPECT_EQ(format_date(*parse_date(text)), text);
}

TEST(Dates, AddMonthsKeepsTheDayNumberOrClampsToTheMonthsEnd) {
  static const struct { const char* from; int months; const char* expected; } cases[] = {
      {"2026-01-31", 1, "2026-02-28"},
      {"2024-01-31", 1, "2024-02-29"},
      {"2024-02-29", 12, "2025-02-28"},
      {"2024-02-29", 48, "2028-02-29"},
      {"2026-03-31", 1, "2026-04-30"},
      {"2026-08-31", 1, "2026-09-30"},
      {"2026-11-25", 2, "2027-01-25"},
      {"2026-12-31", 2, "2027-02-28"},
      {"2026-11-30", 3, "2027-02-28"},
      {"2026-01-15", 24, "2028-01-15"},
      {"2026-03-31", -1, "2026-02-28"},
  };
  for (const auto& c : cases)
    EXPECT_EQ(format_date(add_months(*parse_date(c.from), c.months)), c.expected)
        << c.from << " + " << c.months;
}

TEST(Dates, AgeOnCountsWholeYears) {
  static const struct { const char* born; const char* on; int age; } cases[] = {
      {"2020-06-15", "2026-06-14", 5}, {"2020-06-15", "2026-06-15", 6},
      {"2008-02-29", "2026-02-28", 17}, {"2008-02-29", "2026-03-01", 18},
      {"2026-11-25", "2026-11-25", 0},
  };
  for (const auto& c : cases)
    EXPECT_EQ(age_on(*parse_date(c.born), *parse_date(c.on)), c.age) << c.born << " " << c.on;
}

}  // namespace
}  // namespace kedja
