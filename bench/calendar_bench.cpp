// ns per call for the calendar queries every deadline rests on.
#include "domain/calendar.h"

#include <benchmark/benchmark.h>

namespace {

using kedja::Calendar;
using kedja::Date;

// Dates spread over 2018–2030 so the table lookups do not all hit one line.
Date nth_day(std::int64_t i) {
  return *kedja::parse_date("2018-01-01") + date::days{static_cast<int>((i * 7919) % 4748)};
}

void BM_IsWorkingDay(benchmark::State& state) {
  const auto& calendar = Calendar::swedish();
  std::int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(calendar.is_working_day(nth_day(i++)));
}
BENCHMARK(BM_IsWorkingDay);

void BM_FiveWorkingDaysAfter(benchmark::State& state) {
  const auto& calendar = Calendar::swedish();
  std::int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(calendar.working_days_after(nth_day(i++), 5));
}
BENCHMARK(BM_FiveWorkingDaysAfter);

void BM_WorkingDaysBetween(benchmark::State& state) {
  const auto& calendar = Calendar::swedish();
  std::int64_t i = 0;
  for (auto _ : state) {
    Date a = nth_day(i++);
    benchmark::DoNotOptimize(calendar.working_days_between(a, a + date::days{400}));
  }
}
BENCHMARK(BM_WorkingDaysBetween);

void BM_AddMonths(benchmark::State& state) {
  std::int64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(kedja::add_months(nth_day(i++), 2));
}
BENCHMARK(BM_AddMonths);

}  // namespace

BENCHMARK_MAIN();
