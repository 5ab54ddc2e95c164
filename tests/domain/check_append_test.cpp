// check_append: the domain rules that refuse an event (409), and payloads
// naming things the region does not have (400).
#include "domain_fixture.h"

namespace kedja::testing {
namespace {

const char* const child4 = "2021-06-01";

History booked_child() {
  History history(make_case(child4));
  history.add("arrival_notice_received", "2026-03-10", {{"expected_arrival", "2026-03-20"}})
      .add("health_centre_notified", "2026-03-10")
      .add("health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}});
  return history;
}

void expect_conflict(const std::optional<Problem>& problem, const std::string& mentions) {
  ASSERT_TRUE(problem.has_value()) << "expected a conflict about " << mentions;
  EXPECT_EQ(problem->kind, ProblemKind::conflict) << problem->detail;
  EXPECT_NE(problem->detail.find(mentions), std::string::npos) << problem->detail;
}

TEST(CheckAppend, RefusesAnEventBeforeBirth) {
  expect_conflict(booked_child().check("arrived", "2021-01-01"), "before the person's birth");
}

TEST(CheckAppend, RefusesPreschoolStartBeforeTestResults) {
  expect_conflict(booked_child().check("preschool_started", "2026-03-20"), "test_results_received");
}

TEST(CheckAppend, AllowsPreschoolStartAfterTestResults) {
  History history = booked_child();
  history.add("health_talk_held", "2026-03-19").add("test_results_received", "2026-03-27");
  EXPECT_FALSE(history.check("preschool_started", "2026-03-30").has_value());
}

TEST(CheckAppend, ComparesPreschoolStartWithResultsInDateOrder) {
  History history = booked_child();
  history.add("health_talk_held", "2026-03-19").add("test_results_received", "2026-03-27");
  expect_conflict(history.check("preschool_started", "2026-03-26"), "test_results_received");
}

TEST(CheckAppend, AllowsPreschoolStartWhenTheHealthTalkWasDeclined) {
  History history = booked_child();
  history.add("step_declined", "2026-03-13", {{"step", "hold_health_talk"}});
  EXPECT_FALSE(history.check("preschool_started", "2026-03-16").has_value());
}

TEST(CheckAppend, RefusesDecliningAStepThatIsNotOpen) {
  expect_conflict(booked_child().check("step_declined", "2026-03-13", {{"step", "book_health_exam"}}),
                  "is not open");
}

TEST(CheckAppend, RefusesDecliningAStepUnknownToTheRuleSet) {
  expect_conflict(booked_child().check("step_declined", "2026-03-13", {{"step", "fly_to_moon"}}),
                  "not a step of the case's rule set");
}

TEST(CheckAppend, RefusesVoidsOfMissingVoidedOrVoidEvents) {
  History history = booked_child();
  history.add("event_voided", "2026-03-13", {{"voided_seq", std::int64_t{3}}, {"reason", "fel"}});
  static const struct {
    std::int64_t seq;
    const char* mentions;
  } cases[] = {{99, "does not exist"}, {3, "already voided"}, {4, "itself a void"}};
  for (const auto& c : cases)
    expect_conflict(history.check("event_voided", "2026-03-14", {{"voided_seq", c.seq}, {"reason", "x"}}),
                    c.mentions);
}

TEST(CheckAppend, RefusesAVoidThatWouldLeaveAnotherEventBreakingARule) {
  History history = booked_child();
  history.add("health_talk_held", "2026-03-19")
      .add("test_results_received", "2026-03-27")
      .add("preschool_started", "2026-03-30");
  expect_conflict(history.check("event_voided", "2026-03-31", {{"voided_seq", std::int64_t{5}}, {"reason", "fel"}}),
                  "seq 6 (preschool_started");
}

TEST(CheckAppend, RefusesEventsOnAClosedCase) {
  History history = booked_child();
  history.add("case_closed", "2026-03-13", {{"reason", "återvänt"}});
  expect_conflict(history.check("health_talk_held", "2026-03-19"), "closed");
  expect_conflict(history.check("event_voided", "2026-03-19", {{"voided_seq", std::int64_t{2}}, {"reason", "x"}}),
                  "closed");
}

TEST(CheckAppend, AllowsVoidingCaseClosed) {
  History history = booked_child();
  history.add("case_closed", "2026-03-13", {{"reason", "återvänt"}});
  EXPECT_FALSE(history.check("event_voided", "2026-03-19", {{"voided_seq", std::int64_t{4}}, {"reason", "x"}}));
}

TEST(CheckAppend, RefusesClosingACaseBeforeItsLaterEvents) {
  expect_conflict(booked_child().check("case_closed", "2026-03-11", {{"reason", "x"}}), "closed on 2026-03-11");
}

TEST(CheckAppend, NamesAnUnknownMunicipalityOrHealthCentre) {
  static const struct {
    const char* type;
    const char* field;
    const char* value;
  } cases[] = {{"moved", "municipality", "uppsala"},
               {"municipality_assigned", "municipality", "gotland"},
               {"health_centre_changed", "health_centre", "hc:nowhere"}};
  for (const auto& c : cases) {
    auto problem = booked_child().check(c.type, "2026-03-13", {{c.field, c.value}});
    ASSERT_TRUE(problem.has_value()) << c.type;
    EXPECT_EQ(problem->kind, ProblemKind::invalid) << c.type;
    ASSERT_EQ(problem->errors.size(), 1u) << c.type;
    EXPECT_EQ(problem->errors[0].field, c.field) << c.type;
  }
}

TEST(CheckAppend, RefusesAFirstEventWithNoRuleSetInForce) {
  History history(make_case("1980-01-01"));
  expect_conflict(history.check("arrived", "2010-05-05"), "no rule set is in force on 2010-05-05");
}

}  // namespace
}  // namespace kedja::testing
