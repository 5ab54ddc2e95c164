// The demo region as a person first sees it (issue 13): most steps done on
// time, a tail of late ones a few days to a few weeks late, a handful of
// stuck cases — never lists that open with steps a year overdue. Measured
// on the generator's own output, projected by the engine, without a
// database: 4,000 cases, seed 1, today 2026-11-25 (a Wednesday).
#include "domain/calendar.h"
#include "domain/json/config_json.h"
#include "domain/steps.h"
#include "tools/demo_generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace kedja::tools {
namespace {

// Steps counted as the follow-up report counts them (contract §4): those
// with a due date on or before today that were done, or are still open;
// declined and cancelled steps are outside the share.
struct Tally {
  int cases = 0;
  int on_time = 0;
  std::vector<int> done_late;     // working days late, one per late step
  std::vector<int> overdue;       // working days overdue today, one per overdue step
  int stuck_cases = 0;            // cases with a step overdue by more than 20 working days

  int late() const { return static_cast<int>(done_late.size() + overdue.size()); }
  double late_share() const { return static_cast<double>(late()) / (on_time + late()); }
};

int percentile(std::vector<int> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

const Tally& demo_tally() {
  static const Tally tally = [] {
    auto config = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!config) throw std::runtime_error(config.problem().detail);
    const EngineContext context{config->rule_sets, config->region, Calendar::swedish()};
    const Date today = *parse_date("2026-11-25");
    DemoGenerator generator(config->region, {4000, 1, today});
    Tally t;
    for (storage::Store::BulkCase bulk; generator.next(bulk);) {
      ++t.cases;
      bool stuck = false;
      for (const Step& step : project(bulk.the_case, bulk.events, context).steps) {
        if (!step.due_on || *step.due_on > today) continue;
        if (step.status == StepStatus::done) {
          if (step.late) t.done_late.push_back(step.working_days_late);
          else ++t.on_time;
        } else if (step.status == StepStatus::open) {
          const int days = working_days_overdue(step, today, context.calendar);
          if (days > 0) t.overdue.push_back(days);
          stuck = stuck || days > 20;
        }
      }
      t.stuck_cases += stuck;
    }
    std::printf("demo, 4000 cases at 2026-11-25: %d on time, %zu done late, %zu overdue (%.1f %% late); "
                "late by median %d, p90 %d working days; overdue by median %d, p90 %d, max %d; "
                "%d cases with a step > 20 working days overdue\n",
                t.on_time, t.done_late.size(), t.overdue.size(), 100 * t.late_share(),
                percentile(t.done_late, 0.5), percentile(t.done_late, 0.9), percentile(t.overdue, 0.5),
                percentile(t.overdue, 0.9), percentile(t.overdue, 1.0), t.stuck_cases);
    return t;
  }();
  return tally;
}

TEST(DemoRegion, MostStepsAreDoneOnTime) {
  const Tally& t = demo_tally();
  ASSERT_GT(t.on_time, 10000) << "4,000 cases make tens of thousands of steps";
  EXPECT_GE(t.late_share(), 0.05) << "a region without late steps shows nothing to follow up";
  EXPECT_LE(t.late_share(), 0.18) << "most steps are done on time";
}

TEST(DemoRegion, LateStepsAreAFewDaysToAFewWeeksLate) {
  const Tally& t = demo_tally();
  EXPECT_GE(percentile(t.done_late, 0.5), 1);
  EXPECT_LE(percentile(t.done_late, 0.5), 10);
  EXPECT_LE(percentile(t.done_late, 0.9), 30) << "the tail is weeks, not months";
}

TEST(DemoRegion, OverdueListsOpenWithWeeksNotYears) {
  const Tally& t = demo_tally();
  ASSERT_FALSE(t.overdue.empty()) << "today's lists have something on them";
  EXPECT_LE(percentile(t.overdue, 0.5), 15);
  EXPECT_LE(percentile(t.overdue, 1.0), 130) << "nothing a half year overdue, let alone 400 working days";
  EXPECT_LT(t.overdue.size(), static_cast<std::size_t>(t.cases) / 4) << "overdue steps are the exception";
}

TEST(DemoRegion, AHandfulOfCasesAreStuck) {
  const Tally& t = demo_tally();
  EXPECT_GE(t.stuck_cases, 3) << "some cases are stuck, as in any region";
  EXPECT_LE(t.stuck_cases, t.cases / 100) << "a handful, not one case in twenty";
}

}  // namespace
}  // namespace kedja::tools
