// The step engine (domain/steps.h): deadlines across holidays, voids, moves,
// health-centre changes, closure, late completion, supersede, validity periods.
#include "domain_fixture.h"

namespace kedja::testing {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;
const char* const child9 = "2016-06-01";
const char* const adult = "1990-01-01";

TEST(Engine, DeadlinesOfEachKindRollOverHolidays) {
  static const struct {
    const char* what;
    const char* born;
    const char* type;
    const char* date;
    Payload payload;
    const char* key;
    const char* due;
  } cases[] = {
      // domain.md's example: 23 Dec, 28, 29, 30 Dec, 4 Jan.
      {"5 working days over Christmas", child9, "health_centre_notified", "2026-12-22", {}, "book_health_talk", "2027-01-04"},
      {"same working day on julafton", child9, "arrival_notice_received", "2026-12-24",
       {{"expected_arrival", "2027-01-10"}}, "notify_health_centre", "2026-12-28"},
      // Långfredagen 3 Apr and annandag påsk 6 Apr 2026.
      {"10 working days over Easter", child9, "health_talk_held", "2026-04-01", {}, "receive_test_results", "2026-04-17"},
      {"1 working day over Easter", child9, "test_results_received", "2026-04-02", {}, "inform_reception", "2026-04-07"},
      // Midsommarafton Fri 19 Jun 2026.
      {"same working day on midsommarafton", child9, "arrival_notice_received", "2026-06-19",
       {{"expected_arrival", "2026-07-01"}}, "notify_health_centre", "2026-06-22"},
      {"1 working day over Midsummer", child9, "test_results_received", "2026-06-18", {}, "inform_newcomer_of_results", "2026-06-22"},
      {"3 months rolled off midsommarafton", adult, "sfi_registered", "2026-03-19", {}, "start_sfi", "2026-06-22"},
      {"2 months rolled off julafton", adult, "municipality_assigned", "2026-10-24",
       {{"municipality", "are"}}, "receive_in_municipality", "2026-12-28"},
      {"1 month not rolled, lands on julafton", child9, "arrived", "2026-11-24", {}, "start_school", "2026-12-24"},
      {"months clamp to the month's end", child9, "arrived", "2027-01-31", {}, "start_school", "2027-02-28"},
      {"24 months over two Christmases", adult, "establishment_plan_started", "2026-12-24", {}, "end_establishment_plan", "2028-12-24"},
  };
  for (const auto& c : cases) {
    History history(make_case(c.born));
    history.add(c.type, c.date, c.payload);
    EXPECT_EQ(format_date(history.step(c.key).due_on.value_or(Date{})), c.due) << c.what;
  }
}

TEST(Engine, AVoidedEventIsAsIfItHadNeverBeen) {
  History history(make_case(child9));
  history.add("arrival_notice_received", "2026-03-10", {{"expected_arrival", "2026-03-20"}})
      .add("health_centre_notified", "2026-03-10")
      .add("event_voided", "2026-03-11", {{"voided_seq", std::int64_t{2}}, {"reason", "fel barn"}});
  EXPECT_FALSE(history.has_step("book_health_talk"));
  EXPECT_EQ(history.step("notify_health_centre").status, StepStatus::open);
}

TEST(Engine, AMoveTakesOpenMunicipalStepsAlongButNotDoneOnes) {
  History history(make_case(child9, "berg"));
  history.add("arrival_notice_received", "2026-03-10", {{"expected_arrival", "2026-03-20"}})
      .add("school_notified", "2026-03-10")
      .add("health_centre_notified", "2026-03-10")
      .add("moved", "2026-03-12", {{"municipality", "krokom"}});
  CaseState state = history.project();
  EXPECT_EQ(state.municipality, "krokom");
  EXPECT_EQ(history.step("plan_school_start").actor.str(), "school:krokom");
  EXPECT_EQ(history.step("notify_school").actor.str(), "reception:berg");  // done before the move
  EXPECT_EQ(history.step("book_health_talk").actor.str(), "hc:berg");      // hc moves only by health_centre_changed
}

TEST(Engine, MunicipalityAssignedSetsWhereTheCaseLives) {
  History history(make_case(adult, "berg"));
  history.add("municipality_assigned", "2026-03-10", {{"municipality", "ostersund"}});
  EXPECT_EQ(history.project().municipality, "ostersund");
  EXPECT_EQ(history.step("receive_in_municipality").actor.str(), "reception:ostersund");
}

TEST(Engine, AHealthCentreChangeMovesOpenHealthCentreSteps) {
  History history(make_case(child9, "ostersund"));
  history.add("health_centre_notified", "2026-03-10")
      .add("health_centre_changed", "2026-03-11", {{"health_centre", "hc:ostersund-lugnvik"}});
  EXPECT_EQ(history.project().health_centre.str(), "hc:ostersund-lugnvik");
  EXPECT_EQ(history.step("book_health_talk").actor.str(), "hc:ostersund-lugnvik");
}

TEST(Engine, ClosingTheCaseCancelsEveryOpenStep) {
  History history(make_case(child9));
  history.add("arrival_notice_received", "2026-03-10", {{"expected_arrival", "2026-03-20"}})
      .add("health_centre_notified", "2026-03-10")
      .add("case_closed", "2026-03-13", {{"reason", "utflyttad"}});
  CaseState state = history.project();
  EXPECT_TRUE(state.closed);
  for (const Step& step : state.steps) {
    if (step.key.str() == "notify_health_centre") continue;  // done before
    EXPECT_EQ(step.status, StepStatus::cancelled) << step.key.str();
    EXPECT_EQ(step.done_on, day("2026-03-13")) << step.key.str();
  }
}

TEST(Engine, VoidingCaseClosedReopensTheCase) {
  History history(make_case(child9));
  history.add("health_centre_notified", "2026-03-10")
      .add("case_closed", "2026-03-13", {{"reason", "utflyttad"}})
      .add("event_voided", "2026-03-14", {{"voided_seq", std::int64_t{2}}, {"reason", "misstag"}});
  EXPECT_FALSE(history.project().closed);
  EXPECT_EQ(history.step("book_health_talk").status, StepStatus::open);
}

TEST(Engine, LateCompletionCountsWorkingDaysLate) {
  History history(make_case(child9));
  history.add("health_centre_notified", "2026-03-10")         // due 2026-03-17
      .add("health_talk_booked", "2026-03-20", {{"appointment", "2026-03-30"}});
  Step step = history.step("book_health_talk");
  EXPECT_EQ(step.status, StepStatus::done);
  EXPECT_TRUE(step.late);
  EXPECT_EQ(step.working_days_late, 3);  // 18, 19, 20 March
}

TEST(Engine, ARebookingSupersedesTheOpenStep) {
  History history(make_case(child9));
  history.add("health_talk_booked", "2026-03-10", {{"appointment", "2026-03-19"}})
      .add("health_talk_booked", "2026-03-12", {{"appointment", "2026-03-26"}});
  CaseState state = history.project();
  ASSERT_EQ(state.steps.size(), 2u);
  EXPECT_EQ(state.steps[0].status, StepStatus::cancelled);
  EXPECT_EQ(state.steps[0].done_on, day("2026-03-12"));
  EXPECT_EQ(state.steps[1].status, StepStatus::open);
  EXPECT_EQ(state.steps[1].due_on, day("2026-03-26"));
}

TEST(Engine, AClosingEventDatedBeforeTheOpeningDoesNotCloseIt) {
  History history(make_case(child9));
  history.add("health_talk_booked", "2026-03-09", {{"appointment", "2026-03-19"}})
      .add("health_centre_notified", "2026-03-10");
  EXPECT_EQ(history.step("book_health_talk").status, StepStatus::open);
}

TEST(Engine, ReplayIsInDateOrderWhateverTheRecordingOrder) {
  History history(make_case(child9));
  history.add("health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}})
      .add("health_centre_notified", "2026-03-10");  // recorded late, dated earlier
  Step step = history.step("book_health_talk");
  EXPECT_EQ(step.status, StepStatus::done);
  EXPECT_EQ(step.done_on, day("2026-03-12"));
}

TEST(Engine, ADeclinedStepIsClosedAndNeverLate) {
  History history(make_case(child9));
  history.add("health_centre_notified", "2026-03-10")
      .add("step_declined", "2026-04-10", {{"step", "book_health_talk"}});
  Step step = history.step("book_health_talk");
  EXPECT_EQ(step.status, StepStatus::declined);
  EXPECT_FALSE(step.late);
  EXPECT_EQ(working_days_overdue(step, day("2026-05-01"), Calendar::swedish()), 0);
}

TEST(Engine, OverdueCountsWorkingDaysAfterTheDueDate) {
  History history(make_case(child9));
  history.add("health_centre_notified", "2026-03-10");  // due 2026-03-17
  Step step = history.step("book_health_talk");
  EXPECT_EQ(working_days_overdue(step, day("2026-03-17"), Calendar::swedish()), 0);
  EXPECT_EQ(working_days_overdue(step, day("2026-03-23"), Calendar::swedish()), 4);
}

// Two sets: the default until 2025-12-31, then one where a health talk is
// booked within 3 working days. The first event's date chooses.
RuleSets two_periods() {
  RuleSet old_set = *shipped_config().rule_sets.find(RuleSetId{"default-2018"});
  old_set.valid_to = day("2025-12-31");
  RuleSet new_set = old_set;
  new_set.id = RuleSetId{"faster-2026"};
  new_set.valid_from = day("2026-01-01");
  new_set.valid_to.reset();
  for (StepRule& rule : new_set.steps)
    if (rule.key.str() == "book_health_talk") rule.due.amount = 3;
  return RuleSets({old_set, new_set});
}

TEST(Engine, TheRuleSetInForceOnTheFirstEventDateApplies) {
  RuleSets sets = two_periods();
  EngineContext context{sets, shipped_config().region, Calendar::swedish()};
  Case the_case = make_case(child9);
  auto event = [](std::int64_t seq, const char* type, const char* date) {
    RecordedEvent r;
    r.seq = seq;
    r.event.type = *event_type_from(type);
    r.event.date = day(date);
    return r;
  };
  std::vector<RecordedEvent> started_2025{event(1, "arrived", "2025-12-30"),
                                          event(2, "health_centre_notified", "2026-03-10")};
  CaseState old_state = project(the_case, started_2025, context);
  EXPECT_EQ(old_state.rule_set->id.str(), "default-2018");
  EXPECT_EQ(old_state.steps.back().due_on, day("2026-03-17"));

  std::vector<RecordedEvent> started_2026{event(1, "health_centre_notified", "2026-03-10")};
  CaseState new_state = project(the_case, started_2026, context);
  EXPECT_EQ(new_state.rule_set->id.str(), "faster-2026");
  EXPECT_EQ(new_state.steps.back().due_on, day("2026-03-13"));
}

TEST(Engine, ACaseNamingItsRuleSetKeepsIt) {
  RuleSets sets = two_periods();
  EngineContext context{sets, shipped_config().region, Calendar::swedish()};
  Case the_case = make_case(child9);
  the_case.rule_set = RuleSetId{"default-2018"};
  RecordedEvent r;
  r.seq = 1;
  r.event.type = EventType::health_centre_notified;
  r.event.date = day("2026-03-10");
  CaseState state = project(the_case, std::vector<RecordedEvent>{r}, context);
  EXPECT_EQ(state.rule_set->id.str(), "default-2018");
}

}  // namespace
}  // namespace kedja::testing
