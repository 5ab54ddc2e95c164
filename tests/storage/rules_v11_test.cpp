// Contract v1.1 in storage (issue 18): units also see the cases on which
// they own an open step — in lists, single reads and appends alike; overdue
// lists and the summary start on the first working day after the due date;
// `reproject` brings a database projected under the v1 rules in line.
#include "fixture.h"

#include <algorithm>

namespace kedja::storage::testing {
namespace {

using RulesV11Test = StoreFixture;

Event arrival_notice(const char* date) {
  Event e = event(EventType::arrival_notice_received, date);
  e.expected_arrival = add_days(day(date), 14);
  return e;
}

bool listed(const Page<CaseSummary>& page, const CaseId& id) {
  return std::any_of(page.items.begin(), page.items.end(),
                     [&](const CaseSummary& c) { return c.the_case.id == id; });
}

bool listed(const Page<StepItem>& page, const CaseId& id, const char* step) {
  return std::any_of(page.items.begin(), page.items.end(),
                     [&](const StepItem& i) { return i.case_id == id && i.step.str() == step; });
}

// The example: born 2009-09-02, arrived 2027-08-31 (17), so
// start_school (due 2027-09-30) is the school's; from 2027-09-02 the child
// is 18, outside the school's age range.
TEST_F(RulesV11Test, AUnitSeesACaseOnWhichItOwnsAnOpenStepWhateverTheAge) {
  auto created = store->create_case(admin(), person("Sara", "Haile", "2009-09-02"),
                                    {event(EventType::arrived, "2027-08-31")}, day("2027-08-31"));
  ASSERT_TRUE(created.ok()) << created.problem().detail;
  const CaseId id = created->the_case.id;
  static const struct {
    const char* who;
    Role role;
    const char* actor;
    const char* today;
    bool sees;
  } cases[] = {
      {"the school, the day before the 18th birthday", Role::school, "school:ostersund", "2027-09-01", true},
      {"the school, on the 18th birthday", Role::school, "school:ostersund", "2027-09-02", true},
      {"the school, a month on", Role::school, "school:ostersund", "2027-10-05", true},
      {"school health (no step), the day before", Role::school_health, "school_health:ostersund", "2027-09-01", true},
      {"school health (no step), on the birthday", Role::school_health, "school_health:ostersund", "2027-09-02", false},
      {"another municipality's school", Role::school, "school:berg", "2027-09-01", false},
  };
  for (const auto& c : cases) {
    const Caller who = caller(c.role, c.actor);
    const Date today = day(c.today);
    EXPECT_EQ(store->find_case(who, id, today).ok(), c.sees) << c.who;
    EXPECT_EQ(listed(store->list_cases(who, {}, today), id), c.sees) << c.who;
    OverdueQuery overdue;
    overdue.as_of = day("2027-10-05");
    EXPECT_EQ(listed(store->overdue(who, overdue, today), id, "start_school"), c.sees) << c.who;
    DueQuery due;
    due.from = day("2027-09-01");
    due.to = day("2027-10-01");
    EXPECT_EQ(listed(store->due(who, due, today), id, "start_school"), c.sees) << c.who;
    bool counted = false;
    for (const SummaryRow& row : store->summary(who, SummaryBy::actor, day("2027-10-05"), today))
      counted |= row.group == "school:ostersund" && row.step.str() == "start_school";
    EXPECT_EQ(counted, c.sees) << c.who;
  }
}

bool listed(const WorkPage& page, const CaseId& id, const char* step) {
  return std::any_of(page.items.begin(), page.items.end(),
                     [&](const WorkItem& i) { return i.case_id == id && i.step.str() == step; });
}

// Store::work (the page Att göra) leaves the age terms out of its open tabs
// when the list is the caller's own (an open step of its own makes the case
// its own); its tabs must still count and list exactly what the rule says,
// and its done tab keeps the age range.
TEST_F(RulesV11Test, TheWorkListsTabsFollowTheRuleOnBothSidesOfTheBirthday) {
  auto sara = store->create_case(admin(), person("Sara", "Haile", "2009-09-02"),
                                 {event(EventType::arrived, "2027-08-31")}, day("2027-08-31"));
  auto omar = store->create_case(admin(), person("Omar", "Haile", "2015-03-01"),
                                 {event(EventType::arrived, "2027-08-31")}, day("2027-08-31"));
  ASSERT_TRUE(sara.ok() && omar.ok());
  const Caller school = caller(Role::school, "school:ostersund");
  WorkQuery open;
  open.as_of = day("2027-10-05");
  open.actor = ActorId{"school:ostersund"};
  for (const char* today : {"2027-09-01", "2027-09-02", "2027-10-05"}) {
    const WorkPage page = store->work(school, open, day(today));
    EXPECT_EQ(page.counts.overdue, static_cast<std::int64_t>(page.items.size())) << today;
    EXPECT_TRUE(listed(page, sara->the_case.id, "start_school")) << today;
    EXPECT_TRUE(listed(page, omar->the_case.id, "start_school")) << today;
  }
  for (auto* created : {&sara, &omar}) {
    auto appended = store->append_event(school, (*created)->the_case.id,
                                        event(EventType::school_started, "2027-09-10"), day("2027-09-10"));
    ASSERT_TRUE(appended.ok()) << appended.problem().detail;
  }
  WorkQuery done = open;
  done.tab = WorkTab::done;
  done.as_of = day("2027-09-10");
  const WorkPage page = store->work(school, done, day("2027-09-10"));
  EXPECT_FALSE(listed(page, sara->the_case.id, "start_school")) << "18, and the school owns nothing open";
  EXPECT_TRUE(listed(page, omar->the_case.id, "start_school"));
  EXPECT_EQ(page.counts.done, static_cast<std::int64_t>(page.items.size()));
}

TEST_F(RulesV11Test, TheSchoolRecordsSchoolStartAfterTheBirthdayAndThenNoLongerSeesTheCase) {
  auto created = store->create_case(admin(), person("Sara", "Haile", "2009-09-02"),
                                    {event(EventType::arrived, "2027-08-31")}, day("2027-08-31"));
  ASSERT_TRUE(created.ok()) << created.problem().detail;
  const CaseId id = created->the_case.id;
  const Caller school = caller(Role::school, "school:ostersund");
  const Date today = day("2027-09-10");
  auto appended = store->append_event(school, id, event(EventType::school_started, "2027-09-10"), today);
  ASSERT_TRUE(appended.ok()) << appended.problem().detail;
  // Its step done, the 18-year-old is no longer the school's.
  auto read = store->find_case(school, id, today);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.problem().kind, ProblemKind::not_found);
  auto again = store->append_event(school, id, event(EventType::introduction_plan_made, "2027-09-10"), today);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.problem().kind, ProblemKind::not_found);
}

// notify_health_centre of an arrival notice on Friday 2026-11-20 is due that
// day: not overdue over the weekend, overdue by 1 on Monday.
TEST_F(RulesV11Test, OverdueListsAndTheSummaryStartOnTheFirstWorkingDayAfterTheDueDate) {
  StoredCase created = create(person("Omar", "Ali", "2016-01-01"), {arrival_notice("2026-11-20")});
  static const struct {
    const char* as_of;
    int overdue;  // 0: not listed
  } cases[] = {
      {"2026-11-20", 0},  // Friday, the due date
      {"2026-11-21", 0},  // Saturday
      {"2026-11-22", 0},  // Sunday
      {"2026-11-23", 1},  // Monday
      {"2026-11-24", 2},
  };
  for (const auto& c : cases) {
    OverdueQuery query;
    query.actor = ActorId("reception:ostersund");
    query.as_of = day(c.as_of);
    auto page = store->overdue(admin(), query, today());
    auto item = std::find_if(page.items.begin(), page.items.end(), [&](const StepItem& i) {
      return i.case_id == created.the_case.id && i.step.str() == "notify_health_centre";
    });
    EXPECT_EQ(item != page.items.end(), c.overdue > 0) << c.as_of;
    if (item != page.items.end()) {
      EXPECT_EQ(item->working_days_overdue, c.overdue) << c.as_of;
    }
    std::int64_t counted = 0;
    for (const SummaryRow& row : store->summary(admin(), SummaryBy::actor, day(c.as_of), today()))
      if (row.group == "reception:ostersund" && row.step.str() == "notify_health_centre") counted = row.overdue;
    EXPECT_EQ(counted, c.overdue > 0 ? 1 : 0) << c.as_of;
  }
}

// The default rule set as it was before v1.1: no step passing a changed
// arrival date on to the school, and every step declinable.
RuleSets rules_before_v11() {
  RuleSet set = *shipped_config().rule_sets.find(RuleSetId{"default-2018"});
  std::erase_if(set.steps, [](const StepRule& r) { return r.key.str() == "pass_on_arrival_change_to_school"; });
  for (StepRule& rule : set.steps) {
    rule.voluntary = true;
    rule.unless_done.clear();
    rule.age_on = AgeOn::opening_day;
  }
  return RuleSets({set});
}

bool has_step(const StoredCase& stored, const char* key, StepStatus status) {
  return std::any_of(stored.state.steps.begin(), stored.state.steps.end(),
                     [&](const Step& s) { return s.key.str() == key && s.status == status; });
}

TEST_F(RulesV11Test, ReprojectBringsADatabaseProjectedUnderTheOldRulesInLine) {
  store.reset();
  const RuleSets old_rules = rules_before_v11();
  CaseId id;
  {
    Store old_store(Options{path(), false},
                    EngineContext{old_rules, shipped_config().region, Calendar::swedish()});
    Event changed = event(EventType::arrival_date_changed, "2026-11-16");
    changed.expected_arrival = day("2026-11-30");
    Event declined = event(EventType::step_declined, "2026-11-17");
    declined.step = "start_school";
    auto created = old_store.create_case(
        admin(), person("Lina", "Noor", "2016-01-01"),
        {arrival_notice("2026-11-02"), changed, event(EventType::arrived, "2026-11-16"), declined}, today());
    ASSERT_TRUE(created.ok()) << created.problem().detail;
    id = created->the_case.id;
  }
  store = std::make_unique<Store>(Options{path(), false}, context());
  OverdueQuery query;
  query.as_of = today();
  DueQuery due;  // start_school is due 2026-12-16
  due.from = today();
  due.to = day("2026-12-31");
  // Before: lists read the steps as stored, projected by the old rules.
  EXPECT_FALSE(listed(store->overdue(admin(), query, today()), id, "pass_on_arrival_change_to_school"));
  EXPECT_FALSE(listed(store->due(admin(), due, today()), id, "start_school"));

  store->reproject(nullptr);

  EXPECT_TRUE(listed(store->overdue(admin(), query, today()), id, "pass_on_arrival_change_to_school"));
  // A unit's own duty, declined under the old rules, is open again.
  EXPECT_TRUE(listed(store->due(admin(), due, today()), id, "start_school"));
  auto read = store->find_case(admin(), id, today());
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(has_step(*read, "start_school", StepStatus::open));
  EXPECT_TRUE(has_step(*read, "pass_on_arrival_change_to_school", StepStatus::open));
}

}  // namespace
}  // namespace kedja::storage::testing
