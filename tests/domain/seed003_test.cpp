// Seed 003's routine (STEG 1–3, health talks, tests, examinations and
// vaccinations for newcomers 0–17) end to end, for a 9-year-old and a
// 4-year-old, with a changed arrival date and a decline.
#include "domain_fixture.h"

#include <algorithm>
#include <map>

namespace kedja::testing {
namespace {

std::map<std::string, StepStatus> statuses(const CaseState& state) {
  std::map<std::string, StepStatus> out;
  for (const Step& step : state.steps) out[step.key.str()] = step.status;  // the newest of each key
  return out;
}

TEST(Seed003, RoutineForANineYearOld) {
  History h(make_case("2017-05-01", "stromsund"));
  // STEG 1.2: the same day the arrival notice comes, HC and school are told.
  h.add("arrival_notice_received", "2026-09-01", {{"expected_arrival", "2026-09-14"}})
      .add("health_centre_notified", "2026-09-01")
      .add("school_notified", "2026-09-01");
  EXPECT_EQ(h.step("book_health_talk").due_on, day("2026-09-08"));   // STEG 1.3: 5 working days
  EXPECT_EQ(h.step("plan_school_start").actor.str(), "school:stromsund");
  // A changed arrival date is passed on at once, to the HC and to the school
  // (v1.1); the HC's open booking step keeps its first deadline.
  h.add("arrival_date_changed", "2026-09-03", {{"expected_arrival", "2026-09-21"}})
      .add("health_centre_notified", "2026-09-03")
      .add("school_notified", "2026-09-03");
  EXPECT_EQ(h.step("pass_on_arrival_change").status, StepStatus::done);
  EXPECT_EQ(h.step("pass_on_arrival_change_to_school").status, StepStatus::done);
  EXPECT_EQ(h.step("book_health_talk").due_on, day("2026-09-08"));
  h.add("health_talk_booked", "2026-09-07", {{"appointment", "2026-09-22"}})
      .add("introduction_plan_made", "2026-09-14")   // STEG 1.4
      .add("arrived", "2026-09-21")
      .add("health_talk_held", "2026-09-22");         // STEG 2.5
  EXPECT_EQ(h.step("start_school").due_on, day("2026-10-21"));
  EXPECT_EQ(h.step("receive_test_results").due_on, day("2026-10-06"));
  EXPECT_EQ(h.step("vaccination_plan").actor.str(), "school_health:stromsund");  // STEG 3: 6–17
  h.add("test_results_received", "2026-10-02")       // STEG 2.6
      .add("newcomer_informed", "2026-10-02")
      .add("reception_informed", "2026-10-05", {{"school_start_obstacle", false}})  // STEG 2.7
      .add("school_started", "2026-10-05")            // STEG 2.8
      .add("step_declined", "2026-10-07", {{"step", "book_health_exam"}})  // voluntary
      .add("vaccination_plan_made", "2026-10-20");

  CaseState state = h.project();
  std::map<std::string, StepStatus> expected{
      {"notify_health_centre", StepStatus::done}, {"notify_school", StepStatus::done},
      {"pass_on_arrival_change", StepStatus::done}, {"pass_on_arrival_change_to_school", StepStatus::done},
      {"book_health_talk", StepStatus::done},
      {"plan_school_start", StepStatus::done},     {"start_school", StepStatus::done},
      {"hold_health_talk", StepStatus::done},      {"receive_test_results", StepStatus::done},
      {"vaccination_plan", StepStatus::done},      {"inform_newcomer_of_results", StepStatus::done},
      {"inform_reception", StepStatus::done},      {"book_health_exam", StepStatus::declined}};
  EXPECT_EQ(statuses(state), expected);
  for (const Step& step : state.steps) EXPECT_FALSE(step.late) << step.key.str();
  // One booking step and one school-planning step: passing the change on
  // opened no second one while the first was open.
  for (const char* key : {"book_health_talk", "plan_school_start"})
    EXPECT_EQ(std::count_if(state.steps.begin(), state.steps.end(),
                            [&](const Step& s) { return s.key.str() == key; }),
              1)
        << key;
}

TEST(Seed003, RoutineForAFourYearOldWhoDeclinesTheHealthTalk) {
  History h(make_case("2022-02-14", "ragunda"));
  h.add("arrival_notice_received", "2026-09-01", {{"expected_arrival", "2026-09-07"}})
      .add("health_centre_notified", "2026-09-02")   // a day late
      .add("school_notified", "2026-09-01")
      .add("arrived", "2026-09-07")
      .add("health_talk_booked", "2026-09-08", {{"appointment", "2026-09-15"}});
  EXPECT_TRUE(h.step("notify_health_centre").late);
  EXPECT_EQ(h.step("notify_health_centre").working_days_late, 1);
  EXPECT_FALSE(h.has_step("plan_school_start"));               // school 6–17 only
  EXPECT_EQ(h.step("start_preschool").actor.str(), "preschool:ragunda");
  EXPECT_FALSE(h.step("start_preschool").due_on.has_value());
  // STEG 2.8: no preschool before the test results…
  auto refused = h.check("preschool_started", "2026-09-14");
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->kind, ProblemKind::conflict);
  // …unless the family declined the health talk (participation is voluntary).
  h.add("step_declined", "2026-09-14", {{"step", "hold_health_talk"}})
      .add("preschool_started", "2026-09-16");
  EXPECT_EQ(h.step("hold_health_talk").status, StepStatus::declined);
  EXPECT_EQ(h.step("start_preschool").status, StepStatus::done);
  EXPECT_FALSE(h.has_step("receive_test_results"));
}

TEST(Seed003, VaccinationsOfAFourYearOldFallToTheChildHealthCentre) {
  History h(make_case("2022-02-14", "ragunda"));
  h.add("health_talk_held", "2026-09-15");
  EXPECT_EQ(h.step("vaccination_plan").actor.str(), "child_health:ragunda");
}

}  // namespace
}  // namespace kedja::testing
