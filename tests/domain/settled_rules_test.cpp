// Contract §3 v1.1: the rules a review of the engine settled (issue 18) —
// unless_done, whose age, voluntary steps, same-day closers, an opening
// event again, and late/overdue in whole working days. Each rule is a table
// with the boundary days on both sides.
#include "domain_fixture.h"

#include <algorithm>

namespace kedja::testing {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

struct Ev {
  const char* type;
  const char* date;
  Payload payload;
};

History replayed(const char* born, const std::vector<Ev>& events) {
  History history(make_case(born));
  for (const Ev& e : events) history.add(e.type, e.date, e.payload);
  return history;
}

std::vector<Step> steps_of(const History& history, const std::string& key) {
  std::vector<Step> out;
  for (const Step& step : history.project().steps)
    if (step.key.str() == key) out.push_back(step);
  return out;
}

const char* const child9 = "2016-06-01";
const char* const child4 = "2021-06-01";
const char* const adult = "1990-01-01";
const Payload notice{{"expected_arrival", "2026-03-20"}};
const Payload change{{"expected_arrival", "2026-03-27"}};

// --- unless_done -----------------------------------------------------------

TEST(UnlessDone, BookHealthTalkDoesNotOpenAgainOnceTheTalkWasHeld) {
  const std::vector<Ev> booked{{"arrival_notice_received", "2026-03-02", notice},
                               {"health_centre_notified", "2026-03-02", {}},
                               {"health_talk_booked", "2026-03-04", {{"appointment", "2026-03-10"}}}};
  static const struct {
    const char* what;
    std::vector<Ev> then;
    std::size_t book_steps;
    StepStatus newest;
  } cases[] = {
      {"held, then the change passed on", {{"health_talk_held", "2026-03-10", {}},
        {"arrival_date_changed", "2026-03-11", change}, {"health_centre_notified", "2026-03-11", {}}},
       1, StepStatus::done},
      {"held the same day, before the change was passed on", {{"health_talk_held", "2026-03-11", {}},
        {"arrival_date_changed", "2026-03-11", change}, {"health_centre_notified", "2026-03-11", {}}},
       1, StepStatus::done},
      {"booked, not yet held: re-booked for the new date", {{"arrival_date_changed", "2026-03-09", change},
        {"health_centre_notified", "2026-03-09", {}}},
       2, StepStatus::open},
      {"declined is not done: opens again", {{"step_declined", "2026-03-09", {{"step", "hold_health_talk"}}},
        {"arrival_date_changed", "2026-03-11", change}, {"health_centre_notified", "2026-03-11", {}}},
       2, StepStatus::open},
  };
  for (const auto& c : cases) {
    std::vector<Ev> events = booked;
    events.insert(events.end(), c.then.begin(), c.then.end());
    History history = replayed(child9, events);
    auto book = steps_of(history, "book_health_talk");
    ASSERT_EQ(book.size(), c.book_steps) << c.what;
    EXPECT_EQ(book.back().status, c.newest) << c.what;
    EXPECT_EQ(history.step("pass_on_arrival_change").status, StepStatus::done) << c.what;
  }
}

TEST(UnlessDone, ARebookingForTheNewDateIsDueFiveWorkingDaysAfterTheNotification) {
  History history = replayed(child9, {{"health_centre_notified", "2026-03-02", {}},
                                      {"health_talk_booked", "2026-03-04", {{"appointment", "2026-03-10"}}},
                                      {"health_centre_notified", "2026-03-09", {}}});
  EXPECT_EQ(history.step("book_health_talk").due_on, day("2026-03-16"));
}

// --- whose age: age_on "arrival_notice" -------------------------------------

TEST(AgeOnArrivalNotice, AChainBegunAt17FinishesAfter18) {
  // Born 2008-06-10: 17 until 2026-06-09, 18 from 2026-06-10.
  const char* born = "2008-06-10";
  static const struct {
    const char* what;
    std::vector<Ev> events;
    const char* key;
    const char* actor;  // "" when the step must not open
  } cases[] = {
      {"notice at 17, talk held at 18", {{"arrival_notice_received", "2026-06-09", notice},
        {"health_talk_held", "2026-06-22", {}}}, "receive_test_results", "hc:ostersund"},
      {"notice at 17, talk at 18: the plan goes to school health", {{"arrival_notice_received", "2026-06-09", notice},
        {"health_talk_held", "2026-06-22", {}}}, "vaccination_plan", "school_health:ostersund"},
      {"notice at 17, arrived at 18", {{"arrival_notice_received", "2026-06-09", notice},
        {"arrived", "2026-07-01", {}}}, "start_school", "school:ostersund"},
      {"notice on the 18th birthday", {{"arrival_notice_received", "2026-06-10", notice},
        {"health_talk_held", "2026-06-22", {}}}, "receive_test_results", ""},
      {"notice on the 18th birthday opens nothing", {{"arrival_notice_received", "2026-06-10", notice}},
       "notify_health_centre", ""},
      {"no notice: the opening day at 17", {{"health_talk_held", "2026-06-09", {}}}, "receive_test_results",
       "hc:ostersund"},
      {"no notice: the opening day at 18", {{"health_talk_held", "2026-06-10", {}}}, "receive_test_results", ""},
      {"the latest notice counts", {{"arrival_notice_received", "2025-06-01", notice},
        {"arrival_notice_received", "2026-06-10", notice}, {"health_talk_held", "2026-06-22", {}}},
       "receive_test_results", ""},
      {"a notice after the opening does not count", {{"health_talk_held", "2026-06-22", {}},
        {"arrival_notice_received", "2026-06-23", notice}}, "receive_test_results", ""},
  };
  for (const auto& c : cases) {
    History history = replayed(born, c.events);
    if (*c.actor) {
      ASSERT_TRUE(history.has_step(c.key)) << c.what;
      EXPECT_EQ(history.step(c.key).actor.str(), c.actor) << c.what;
    } else {
      EXPECT_FALSE(history.has_step(c.key)) << c.what;
    }
  }
}

TEST(AgeOnArrivalNotice, OwnersAndStepsWithoutItGoByTheOpeningDay) {
  // Born 2020-06-10: 5 until 2026-06-09, 6 from 2026-06-10.
  const char* born = "2020-06-10";
  static const struct {
    const char* what;
    std::vector<Ev> events;
    const char* key;
    const char* actor;
  } cases[] = {
      {"vaccinations the day before turning 6", {{"health_talk_held", "2026-06-09", {}}}, "vaccination_plan",
       "child_health:ostersund"},
      {"vaccinations on the 6th birthday", {{"health_talk_held", "2026-06-10", {}}}, "vaccination_plan",
       "school_health:ostersund"},
      {"notice at 5, talk at 6: owner by the opening day", {{"arrival_notice_received", "2026-06-09", notice},
        {"health_talk_held", "2026-06-10", {}}}, "vaccination_plan", "school_health:ostersund"},
      {"preschool (1–5, opening day): arrived at 5", {{"arrival_notice_received", "2026-06-01", notice},
        {"arrived", "2026-06-09", {}}}, "start_preschool", "preschool:ostersund"},
      {"preschool (1–5, opening day): arrived at 6", {{"arrival_notice_received", "2026-06-01", notice},
        {"arrived", "2026-06-10", {}}}, "start_preschool", ""},
  };
  for (const auto& c : cases) {
    History history = replayed(born, c.events);
    if (*c.actor) {
      ASSERT_TRUE(history.has_step(c.key)) << c.what;
      EXPECT_EQ(history.step(c.key).actor.str(), c.actor) << c.what;
    } else {
      EXPECT_FALSE(history.has_step(c.key)) << c.what;
    }
  }
}

// --- voluntary steps -----------------------------------------------------

TEST(Voluntary, OnlyAVoluntaryStepMayBeDeclined) {
  static const struct {
    const char* key;
    const char* born;
    Ev opening;
    bool voluntary;
  } cases[] = {
      {"notify_health_centre", child9, {"arrival_notice_received", "2026-03-10", notice}, false},
      {"notify_school", child9, {"arrival_notice_received", "2026-03-10", notice}, false},
      {"pass_on_arrival_change", child9, {"arrival_date_changed", "2026-03-10", change}, false},
      {"pass_on_arrival_change_to_school", child9, {"arrival_date_changed", "2026-03-10", change}, false},
      {"book_health_talk", child9, {"health_centre_notified", "2026-03-10", {}}, true},
      {"hold_health_talk", child9, {"health_talk_booked", "2026-03-10", {{"appointment", "2026-03-19"}}}, true},
      {"receive_test_results", child9, {"health_talk_held", "2026-03-10", {}}, true},
      {"inform_newcomer_of_results", child9, {"test_results_received", "2026-03-10", {}}, false},
      {"inform_reception", child9, {"test_results_received", "2026-03-10", {}}, false},
      {"book_health_exam", child9, {"test_results_received", "2026-03-10", {}}, true},
      {"hold_health_exam", child9, {"health_exam_booked", "2026-03-10", {{"appointment", "2026-04-01"}}}, true},
      {"vaccination_plan", child9, {"health_talk_held", "2026-03-10", {}}, true},
      {"plan_school_start", child9, {"school_notified", "2026-03-10", {}}, false},
      {"start_school", child9, {"arrived", "2026-03-10", {}}, false},
      {"start_preschool", child4, {"arrived", "2026-03-10", {}}, true},
      {"receive_in_municipality", adult, {"municipality_assigned", "2026-03-10", {{"municipality", "ostersund"}}}, false},
      {"establishment_plan", adult, {"establishment_talk_held", "2026-03-10", {}}, true},
      {"end_establishment_plan", adult, {"establishment_plan_started", "2026-03-10", {}}, false},
      {"start_sfi", adult, {"sfi_registered", "2026-03-10", {}}, true},
      {"complete_civic_orientation", adult, {"civic_orientation_started", "2026-03-10", {}}, true},
  };
  for (const auto& c : cases) {
    History history = replayed(c.born, {c.opening});
    ASSERT_EQ(history.step(c.key).status, StepStatus::open) << c.key;
    auto problem = history.check("step_declined", "2026-03-11", {{"step", c.key}});
    if (c.voluntary) {
      EXPECT_FALSE(problem.has_value()) << c.key << ": " << (problem ? problem->detail : "");
    } else {
      ASSERT_TRUE(problem.has_value()) << c.key;
      EXPECT_EQ(problem->kind, ProblemKind::conflict) << c.key;
      EXPECT_NE(problem->detail.find("not voluntary"), std::string::npos) << problem->detail;
    }
  }
}

TEST(Voluntary, ADeclineOfADutyRecordedBeforeV11IsIgnoredByTheReplay) {
  // What `kedja reproject` makes of a history that declined start_school:
  // the step is open again (and overdue), as if the decline had not been.
  Case child = make_case(child9);
  std::vector<RecordedEvent> events(2);
  events[0].seq = 1;
  events[0].event.type = EventType::arrived;
  events[0].event.date = day("2026-03-10");
  events[1].seq = 2;
  events[1].event.type = EventType::step_declined;
  events[1].event.date = day("2026-03-11");
  events[1].event.step = "start_school";
  CaseState state = project(child, events, shipped_context());
  auto start = std::find_if(state.steps.begin(), state.steps.end(),
                            [](const Step& s) { return s.key.str() == "start_school"; });
  ASSERT_NE(start, state.steps.end());
  EXPECT_EQ(start->status, StepStatus::open);
}

// --- same-day closers ------------------------------------------------------

TEST(SameDay, AClosingEventOnTheOpeningDayClosesInEitherRecordingOrder) {
  static const struct {
    const char* what;
    std::vector<Ev> events;  // in recording order
    const char* key;
    StepStatus status;
    const char* done_on;  // "" when open
    bool late;
  } cases[] = {
      {"closer recorded first, same day", {{"health_centre_notified", "2026-03-10", {}},
        {"arrival_notice_received", "2026-03-10", notice}}, "notify_health_centre", StepStatus::done, "2026-03-10", false},
      {"closer recorded after, same day", {{"arrival_notice_received", "2026-03-10", notice},
        {"health_centre_notified", "2026-03-10", {}}}, "notify_health_centre", StepStatus::done, "2026-03-10", false},
      {"the school too", {{"school_notified", "2026-03-10", {}},
        {"arrival_notice_received", "2026-03-10", notice}}, "notify_school", StepStatus::done, "2026-03-10", false},
      {"closer the day before does not close", {{"health_centre_notified", "2026-03-09", {}},
        {"arrival_notice_received", "2026-03-10", notice}}, "notify_health_centre", StepStatus::open, "", false},
      {"closer the day after closes late", {{"arrival_notice_received", "2026-03-10", notice},
        {"health_centre_notified", "2026-03-11", {}}}, "notify_health_centre", StepStatus::done, "2026-03-11", true},
  };
  for (const auto& c : cases) {
    History history = replayed(child9, c.events);
    Step step = history.step(c.key);
    EXPECT_EQ(step.status, c.status) << c.what;
    if (*c.done_on) EXPECT_EQ(step.done_on, day(c.done_on)) << c.what;
    else EXPECT_FALSE(step.done_on.has_value()) << c.what;
    EXPECT_EQ(step.late, c.late) << c.what;
  }
}

TEST(SameDay, TwoNoticesAndOneNotificationOnOneDayMakeOneDoneStepInAnyOrder) {
  const Ev first{"arrival_notice_received", "2026-03-10", notice};
  const Ev second{"arrival_notice_received", "2026-03-10", change};
  const Ev told{"health_centre_notified", "2026-03-10", {}};
  const std::vector<std::vector<Ev>> orders{
      {first, second, told}, {first, told, second}, {told, first, second}};
  for (std::size_t i = 0; i < orders.size(); ++i) {
    auto steps = steps_of(replayed(child9, orders[i]), "notify_health_centre");
    ASSERT_EQ(steps.size(), 1u) << "order " << i;
    EXPECT_EQ(steps[0].status, StepStatus::done) << "order " << i;
  }
}

// --- an opening event again ------------------------------------------------

TEST(OpeningAgain, OnlyPayloadDatedStepsAreReplaced) {
  static const struct {
    const char* what;
    const char* born;
    std::vector<Ev> events;
    const char* key;
    std::size_t steps;  // of that key
    const char* due;    // of the newest, which is open
    bool replaced;      // the older one cancelled
  } cases[] = {
      {"a second notice keeps the missed deadline", child9, {{"arrival_notice_received", "2026-03-02", notice},
        {"arrival_notice_received", "2026-03-13", change}}, "notify_health_centre", 1, "2026-03-02", false},
      {"a second notification keeps the booking deadline", child9, {{"health_centre_notified", "2026-03-02", {}},
        {"health_centre_notified", "2026-03-04", {}}}, "book_health_talk", 1, "2026-03-09", false},
      {"a re-booked talk is replaced", child9, {{"health_talk_booked", "2026-03-02", {{"appointment", "2026-03-10"}}},
        {"health_talk_booked", "2026-03-04", {{"appointment", "2026-03-17"}}}}, "hold_health_talk", 2, "2026-03-17",
       true},
      {"a re-booked examination is replaced", child9, {{"health_exam_booked", "2026-03-02", {{"appointment", "2026-03-10"}}},
        {"health_exam_booked", "2026-03-04", {{"appointment", "2026-03-17"}}}}, "hold_health_exam", 2, "2026-03-17",
       true},
      {"a new latest_reception replaces", adult, {{"municipality_assigned", "2026-03-02",
        {{"municipality", "krokom"}, {"latest_reception", "2026-04-30"}}}, {"municipality_assigned", "2026-03-04",
        {{"municipality", "krokom"}, {"latest_reception", "2026-05-15"}}}}, "receive_in_municipality", 2, "2026-05-15",
       true},
      {"once done, the event opens a new step", child9, {{"arrival_notice_received", "2026-03-02", notice},
        {"health_centre_notified", "2026-03-02", {}}, {"arrival_notice_received", "2026-03-10", change}},
       "notify_health_centre", 2, "2026-03-10", false},
  };
  for (const auto& c : cases) {
    auto steps = steps_of(replayed(c.born, c.events), c.key);
    ASSERT_EQ(steps.size(), c.steps) << c.what;
    EXPECT_EQ(steps.back().due_on, day(c.due)) << c.what;
    EXPECT_EQ(steps.back().status, StepStatus::open) << c.what;
    if (c.replaced) EXPECT_EQ(steps.front().status, StepStatus::cancelled) << c.what;
    else EXPECT_NE(steps.front().status, StepStatus::cancelled) << c.what;
  }
}

TEST(OpeningAgain, TheKeptStepIsStillOverdueByItsFirstDeadline) {
  History history = replayed(child9, {{"arrival_notice_received", "2026-03-02", notice},
                                      {"arrival_notice_received", "2026-03-13", change}});
  // 3, 4, 5, 6, 9, 10, 11, 12, 13 March: nine working days after 2 March.
  EXPECT_EQ(working_days_overdue(history.step("notify_health_centre"), day("2026-03-13"), Calendar::swedish()), 9);
}

// --- late and overdue: at least one working day ----------------------------

TEST(WorkingDaysLate, OverdueFromTheFirstWorkingDayAfterTheDueDate) {
  static const struct {
    const char* what;
    const char* notified;  // health_centre_notified: book_health_talk due 5 working days on
    const char* due;
    const char* as_of;
    int overdue;
  } cases[] = {
      {"due Friday, on Friday", "2026-03-06", "2026-03-13", "2026-03-13", 0},
      {"due Friday, on Saturday", "2026-03-06", "2026-03-13", "2026-03-14", 0},
      {"due Friday, on Sunday", "2026-03-06", "2026-03-13", "2026-03-15", 0},
      {"due Friday, on Monday", "2026-03-06", "2026-03-13", "2026-03-16", 1},
      {"due the Thursday before Easter, on långfredagen", "2026-03-26", "2026-04-02", "2026-04-03", 0},
      {"due the Thursday before Easter, on annandag påsk", "2026-03-26", "2026-04-02", "2026-04-06", 0},
      {"due the Thursday before Easter, on the Tuesday after", "2026-03-26", "2026-04-02", "2026-04-07", 1},
  };
  const Calendar& calendar = Calendar::swedish();
  for (const auto& c : cases) {
    Step step = replayed(child9, {{"health_centre_notified", c.notified, {}}}).step("book_health_talk");
    ASSERT_EQ(step.due_on, day(c.due)) << c.what;
    EXPECT_EQ(working_days_overdue(step, day(c.as_of), calendar), c.overdue) << c.what;
    // Overdue exactly when the due date lies before the last working day.
    EXPECT_EQ(*step.due_on < calendar.last_working_day_on_or_before(day(c.as_of)), c.overdue > 0) << c.what;
  }
}

TEST(WorkingDaysLate, LateWhenAtLeastOneWorkingDayLiesBetween) {
  static const struct {
    const char* what;
    const char* notified;
    const char* booked;
    bool late;
    int working_days_late;
  } cases[] = {
      {"due Friday, done Friday", "2026-03-06", "2026-03-13", false, 0},
      {"due Friday, done Saturday", "2026-03-06", "2026-03-14", false, 0},
      {"due Friday, done Sunday", "2026-03-06", "2026-03-15", false, 0},
      {"due Friday, done Monday", "2026-03-06", "2026-03-16", true, 1},
      {"due Thursday before Easter, done annandag påsk", "2026-03-26", "2026-04-06", false, 0},
      {"due Thursday before Easter, done the Tuesday after", "2026-03-26", "2026-04-07", true, 1},
  };
  for (const auto& c : cases) {
    History history = replayed(child9, {{"health_centre_notified", c.notified, {}},
                                        {"health_talk_booked", c.booked, {{"appointment", "2026-04-30"}}}});
    Step step = history.step("book_health_talk");
    EXPECT_EQ(step.status, StepStatus::done) << c.what;
    EXPECT_EQ(step.late, c.late) << c.what;
    EXPECT_EQ(step.working_days_late, c.working_days_late) << c.what;
  }
}

TEST(WorkingDaysLate, TheLastWorkingDayOnOrBeforeADay) {
  static const struct {
    const char* day;
    const char* last;
  } cases[] = {
      {"2026-03-13", "2026-03-13"},  // Friday
      {"2026-03-14", "2026-03-13"},  // Saturday
      {"2026-03-16", "2026-03-16"},  // Monday
      {"2026-04-06", "2026-04-02"},  // annandag påsk: back over Easter
      {"2026-12-27", "2026-12-23"},  // Sunday after juldagen, annandag; julafton is no working day
  };
  for (const auto& c : cases)
    EXPECT_EQ(format_date(Calendar::swedish().last_working_day_on_or_before(day(c.day))), c.last) << c.day;
}

// --- the shipped rule set says so ------------------------------------------

TEST(DefaultRuleSetV11, MarksExactlyTheContractsStepsVoluntaryAndByArrivalNotice) {
  const RuleSet* set = shipped_config().rule_sets.find(RuleSetId{"default-2018"});
  ASSERT_NE(set, nullptr);
  const std::vector<std::string> voluntary{"book_health_talk", "hold_health_talk", "receive_test_results",
                                           "book_health_exam", "hold_health_exam", "vaccination_plan",
                                           "start_preschool", "establishment_plan", "start_sfi",
                                           "complete_civic_orientation"};
  auto listed = [](const std::vector<std::string>& keys, const StepKey& key) {
    return std::find(keys.begin(), keys.end(), key.str()) != keys.end();
  };
  for (const StepRule& rule : set->steps) {
    EXPECT_EQ(rule.voluntary, listed(voluntary, rule.key)) << rule.key.str();
    // Every step for ages 0–17, 1–17 or 6–17 decides by the arrival notice.
    bool child_band = rule.applies_to.size() == 1 && rule.applies_to[0].max_age == 17 &&
                      (rule.applies_to[0].min_age == 0 || rule.applies_to[0].min_age == 1 ||
                       rule.applies_to[0].min_age == 6);
    EXPECT_EQ(rule.age_on == AgeOn::arrival_notice, child_band) << rule.key.str();
    if (rule.key.str() == "book_health_talk")
      EXPECT_EQ(rule.unless_done, std::vector<StepKey>{StepKey{"hold_health_talk"}});
    else
      EXPECT_TRUE(rule.unless_done.empty()) << rule.key.str();
  }
}

}  // namespace
}  // namespace kedja::testing
