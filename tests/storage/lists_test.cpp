// Store's lists: cases, overdue, due and the summary — filters, scope,
// keyset paging and hidden identities.
#include "fixture.h"
#include "storage/work_sql.h"

#include <SQLiteCpp/Database.h>

#include <set>

namespace kedja::storage::testing {
namespace {

using ListsTest = StoreFixture;

Event arrival_notice(const char* date) {
  Event e = event(EventType::arrival_notice_received, date);
  e.expected_arrival = add_days(day(date), 14);
  return e;
}

// Every page of overdue steps for `query`, following the cursors.
std::vector<StepItem> all_overdue(Store& store, const Caller& who, OverdueQuery query) {
  std::vector<StepItem> items;
  for (;;) {
    auto page = store.overdue(who, query, today());
    items.insert(items.end(), page.items.begin(), page.items.end());
    if (!page.next_cursor) return items;
    query.cursor = page.next_cursor;
  }
}

TEST_F(ListsTest, CasesPageThroughEveryCaseOnce) {
  for (int i = 0; i < 7; ++i) create(person("P", std::to_string(i), "1990-01-01"), {});
  CaseQuery query;
  query.limit = 3;
  std::set<std::string> seen;
  int pages = 0;
  for (;; ++pages) {
    auto page = store->list_cases(admin(), query, today());
    for (const auto& item : page.items) EXPECT_TRUE(seen.insert(item.the_case.id.str()).second);
    if (!page.next_cursor) break;
    query.cursor = page.next_cursor;
  }
  EXPECT_EQ(seen.size(), 7u);
  EXPECT_EQ(pages, 2);
}

TEST_F(ListsTest, NamePrefixIgnoresCaseIncludingSwedishLetters) {
  create(person("Åsa", "Öberg", "1990-01-01"), {});
  create(person("Ahmed", "Ali", "1990-01-01"), {});
  create(person("Bo", "Ärlig", "1990-01-01"), {});
  static const struct {
    const char* q;
    std::size_t expected;
  } cases[] = {{"å", 1}, {"ÅS", 1}, {"öb", 1}, {"ä", 1}, {"a", 1}, {"AHM", 1}, {"b", 1}, {"x", 0}};
  for (const auto& c : cases) {
    CaseQuery query;
    query.name_prefix = c.q;
    EXPECT_EQ(store->list_cases(admin(), query, today()).items.size(), c.expected) << "q=" << c.q;
  }
}

TEST_F(ListsTest, CaseFiltersSelectByMunicipalityStatusRefAndHousehold) {
  Case a = person("A", "A", "1990-01-01", "berg");
  a.household = "h1";
  a.external_ref = "MV-1";
  create(a, {});
  create(person("B", "B", "1990-01-01", "ostersund"), {});
  auto count = [&](CaseQuery q) { return store->list_cases(admin(), q, today()).items.size(); };
  CaseQuery by_municipality;
  by_municipality.municipality = "berg";
  EXPECT_EQ(count(by_municipality), 1u);
  CaseQuery by_household;
  by_household.household = "h1";
  EXPECT_EQ(count(by_household), 1u);
  CaseQuery by_ref;
  by_ref.external_ref = "MV-1";
  EXPECT_EQ(count(by_ref), 1u);
  CaseQuery closed;
  closed.closed = true;
  EXPECT_EQ(count(closed), 0u);
}

TEST_F(ListsTest, ReceptionListsOnlyItsMunicipalitysCases) {
  create(person("A", "A", "1990-01-01", "berg"), {});
  create(person("B", "B", "1990-01-01", "ostersund"), {});
  auto page = store->list_cases(caller(Role::reception, "reception:berg"), {}, today());
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0].municipality, "berg");
}

TEST_F(ListsTest, SchoolSeesExactlyTheAgesInScopeToday) {
  // Birth dates around the 6th and 18th birthdays relative to today (2026-11-25).
  static const char* births[] = {"2020-11-24", "2020-11-25", "2020-11-26", "2008-11-24",
                                 "2008-11-25", "2008-11-26", "2009-02-28", "2016-02-29"};
  for (const char* birth : births) create(person("K", birth, birth), {});
  auto school = caller(Role::school, "school:ostersund");
  Scope scope = scope_of(school, shipped_config().region);
  std::set<std::string> listed;
  for (const auto& item : store->list_cases(school, {}, today()).items) listed.insert(item.the_case.family_name);
  for (const char* birth : births) {
    bool expected = in_scope(scope, "ostersund", ActorId("hc:ostersund"), day(birth), today(), false);
    EXPECT_EQ(listed.count(birth) == 1, expected) << birth;
  }
}

TEST_F(ListsTest, OverdueIsMostOverdueFirstAndCountsWorkingDays) {
  create(person("Late", "Two", "2015-01-01"), {arrival_notice("2026-11-16")});
  create(person("Late", "One", "2015-01-01"), {arrival_notice("2026-11-02")});
  create(person("Not", "Yet", "2015-01-01"), {arrival_notice("2026-11-25")});
  OverdueQuery query;
  query.actor = ActorId("reception:ostersund");
  query.as_of = today();
  auto items = all_overdue(*store, admin(), query);
  ASSERT_EQ(items.size(), 4u);  // notify_health_centre and notify_school of each late case
  EXPECT_EQ(items[0].family_name, "One");
  EXPECT_EQ(items[0].due_on, day("2026-11-02"));
  EXPECT_EQ(items[0].working_days_overdue, 17);  // 3 Nov … 25 Nov, weekdays
  EXPECT_EQ(items[2].family_name, "Two");
  EXPECT_EQ(items[2].working_days_overdue, 7);
  EXPECT_LE(items[0].step.str(), items[1].step.str());
}

TEST_F(ListsTest, OverduePagesAreDisjointAndComplete) {
  for (int i = 0; i < 9; ++i) create(person("P", std::to_string(i), "2015-01-01"), {arrival_notice("2026-11-02")});
  OverdueQuery query;
  query.as_of = today();
  query.municipality = "ostersund";
  auto everything = all_overdue(*store, admin(), query);
  query.limit = 4;
  auto paged = all_overdue(*store, admin(), query);
  ASSERT_EQ(paged.size(), everything.size());
  for (std::size_t i = 0; i < paged.size(); ++i) {
    EXPECT_EQ(paged[i].case_id, everything[i].case_id) << i;
    EXPECT_EQ(paged[i].step, everything[i].step) << i;
  }
  EXPECT_EQ(everything.size(), 18u);
}

TEST_F(ListsTest, OverdueOutsideScopeIsNotListed) {
  create(person("Late", "One", "2015-01-01"), {arrival_notice("2026-11-02")});
  OverdueQuery query;
  query.as_of = today();
  EXPECT_TRUE(store->overdue(caller(Role::reception, "reception:berg"), query, today()).items.empty());
  EXPECT_EQ(store->overdue(caller(Role::reception, "reception:ostersund"), query, today()).items.size(), 2u);
}

TEST_F(ListsTest, HealthCentreListsOnlyStepsOfItsOwnCases) {
  auto mine = create(person("A", "A", "2015-01-01"), {arrival_notice("2026-11-02")});
  Case other = person("B", "B", "2015-01-01");
  other.health_centre = ActorId("hc:ostersund-lugnvik");
  create(other, {arrival_notice("2026-11-02")});
  OverdueQuery query;
  query.as_of = today();
  auto items = store->overdue(caller(Role::hc, "hc:ostersund"), query, today()).items;
  ASSERT_EQ(items.size(), 2u);  // the reception's two steps of its own case
  EXPECT_EQ(items[0].case_id, mine.the_case.id);
  EXPECT_EQ(items[1].case_id, mine.the_case.id);
}

TEST_F(ListsTest, CoordinatorListsHideNamesAndAllButTheBirthYear) {
  create(person("Amina", "Haddad", "2015-06-07"), {arrival_notice("2026-11-02")});
  auto coordinator = caller(Role::coordinator, "lst:jamtland");
  OverdueQuery query;
  query.as_of = today();
  auto items = store->overdue(coordinator, query, today()).items;
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].given_name, "");
  EXPECT_EQ(items[0].family_name, "");
  EXPECT_EQ(items[0].birth_date, day("2015-01-01"));
  auto cases = store->list_cases(coordinator, {}, today()).items;
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].the_case.given_name, "");
  EXPECT_EQ(cases[0].the_case.birth_date, day("2015-01-01"));
}

TEST_F(ListsTest, DueListsOpenStepsInTheRangeSoonestFirst) {
  auto made = create(person("A", "A", "2015-01-01"), {arrival_notice("2026-11-02")});
  ASSERT_TRUE(store->append_event(admin(), made.the_case.id, event(EventType::health_centre_notified, "2026-11-03"), today()));
  DueQuery query;
  query.from = day("2026-11-01");
  query.to = day("2026-11-30");
  auto items = store->due(admin(), query, today()).items;
  ASSERT_EQ(items.size(), 2u);  // notify_school (2 Nov), book_health_talk (10 Nov)
  EXPECT_EQ(items[0].step.str(), "notify_school");
  EXPECT_EQ(items[1].step.str(), "book_health_talk");
  EXPECT_EQ(items[1].due_on, day("2026-11-10"));
  query.actor = ActorId("hc:ostersund");
  EXPECT_EQ(store->due(admin(), query, today()).items.size(), 1u);
}

TEST_F(ListsTest, SummaryCountsOverdueStepsPerGroup) {
  create(person("A", "A", "2015-01-01", "berg"), {arrival_notice("2026-11-02")});
  create(person("B", "B", "2015-01-01", "berg"), {arrival_notice("2026-11-09")});
  create(person("C", "C", "2015-01-01", "ostersund"), {arrival_notice("2026-11-02")});
  auto rows = store->summary(admin(), SummaryBy::municipality, today(), today());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].group, "berg");
  EXPECT_EQ(rows[0].step.str(), "notify_health_centre");
  EXPECT_EQ(rows[0].overdue, 2);
  EXPECT_EQ(rows[0].oldest_due_on, day("2026-11-02"));
  auto by_actor = store->summary(admin(), SummaryBy::actor, today(), today());
  ASSERT_FALSE(by_actor.empty());
  EXPECT_EQ(by_actor[0].group, "reception:berg");
}

TEST_F(ListsTest, ListedCasesAreAuditedOnePerCase) {
  auto a = create(person("A", "A", "2015-01-01"), {arrival_notice("2026-11-02")});
  OverdueQuery query;
  query.as_of = today();
  store->overdue(caller(Role::reception, "reception:ostersund"), query, today());
  auto log = store->audit(a.the_case.id, 10, std::nullopt);
  ASSERT_EQ(log.items.size(), 2u);  // create, and one row for its two overdue steps
  EXPECT_EQ(log.items[1].action, "list overdue");
}

TEST_F(ListsTest, ForeignCursorIsRefused) {
  OverdueQuery query;
  query.as_of = today();
  query.cursor = "zz";
  EXPECT_THROW(store->overdue(admin(), query, today()), BadCursor);
  CaseQuery cases;
  cases.cursor = "abc";
  EXPECT_THROW(store->list_cases(admin(), cases, today()), BadCursor);
}

// The page Att göra's Försenade and Förfaller snart, by due date either
// way, read an actor's rows from steps_open_by_actor alone and in order: no
// temporary b-tree for "the right part of the ORDER BY", which sorted each
// due day's rows (a repeated due_on in the ORDER BY, a tail in the other
// direction, or one without key forced it).
TEST_F(ListsTest, TheWorkListsDueSortsReadTheActorIndexInOrder) {
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  for (WorkTab tab : {WorkTab::overdue, WorkTab::due_soon})
    for (bool descending : {false, true}) {
      WorkQuery q;
      q.tab = tab;
      q.descending = descending;
      const std::string sql = std::string("EXPLAIN QUERY PLAN SELECT ") + detail::work_columns_sql(tab) +
                              " FROM steps s JOIN cases c ON c.num = s.case_num WHERE " + detail::work_tab_sql(tab) +
                              " AND s.actor = 'hc:ostersund'" + detail::work_order_sql(q, false) + " LIMIT 100";
      SQLite::Statement plan(db, sql);
      std::string steps;
      while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
      // COVERING: the row's columns come from the index (migration 18), no
      // lookup in the steps table per row.
      EXPECT_NE(steps.find("USING COVERING INDEX steps_open_by_actor (actor=?"), std::string::npos) << steps;
      EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << sql << "\n" << steps;
    }
}

}  // namespace
}  // namespace kedja::storage::testing
