// The audit log: direct links for writes and single reads, shared read sets
// for list reads, and one case's log merged from both in time order.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

namespace kedja::storage::testing {
namespace {

using AuditTest = StoreFixture;

int count(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt();
}

Case in_household(Case the_case, const char* household) {
  the_case.household = household;
  return the_case;
}

CaseQuery household(const char* id) {
  CaseQuery query;
  query.household = id;
  return query;
}

std::vector<std::string> actions(const Page<AuditEntry>& page) {
  std::vector<std::string> out;
  for (const auto& entry : page.items) out.push_back(entry.action);
  return out;
}

TEST_F(AuditTest, ListReadIsOneAuditRowNamingAReadSetWithALinkPerCase) {
  for (int i = 0; i < 3; ++i) create(person("P", std::to_string(i), "1990-01-01"), {});
  store->list_cases(admin(), {}, today());
  store->audit(CaseId("none"), 10, std::nullopt);  // waits for the list's audit row
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit WHERE action = 'list' AND read_set IS NOT NULL"), 1);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_read_set_cases"), 3);
}

TEST_F(AuditTest, ListReadsOfTheSameCasesShareOneReadSet) {
  for (int i = 0; i < 3; ++i) create(person("P", std::to_string(i), "1990-01-01"), {});
  for (int i = 0; i < 5; ++i) store->list_cases(admin(), {}, today());
  store->audit(CaseId("none"), 10, std::nullopt);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit WHERE action = 'list'"), 5);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_read_sets"), 1);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_read_set_cases"), 3);
}

TEST_F(AuditTest, ListReadsOfDifferentCasesHaveReadSetsOfTheirOwn) {
  for (int i = 0; i < 3; ++i) create(person("P", std::to_string(i), "1990-01-01"), {});
  CaseQuery two;
  two.limit = 2;
  store->list_cases(admin(), two, today());
  store->list_cases(admin(), {}, today());
  store->audit(CaseId("none"), 10, std::nullopt);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_read_sets"), 2);
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_read_set_cases"), 2 + 3);
}

TEST_F(AuditTest, ACaseLogMergesItsOwnRowsAndItsReadSetsInTimeOrder) {
  auto a = create(in_household(person("A", "A", "1990-01-01"), "h1"), {});
  create(person("B", "B", "1990-01-01"), {});
  store->list_cases(admin(), {}, today());                  // set {a, b}
  ASSERT_TRUE(store->find_case(admin(), a.the_case.id, today()));
  store->list_cases(admin(), {}, today());                  // set {a, b} again
  store->list_cases(admin(), household("h1"), today());    // a alone: a direct link
  auto log = store->audit(a.the_case.id, 10, std::nullopt);
  EXPECT_EQ(actions(log), (std::vector<std::string>{"create", "list", "read", "list", "list"}));
  EXPECT_FALSE(log.next_cursor);
}

TEST_F(AuditTest, ACaseLogPagesAcrossReadSetsAndOwnRowsWithoutGapsOrRepeats) {
  auto a = create(in_household(person("A", "A", "1990-01-01"), "h1"), {});
  create(in_household(person("B", "B", "1990-01-01"), "h1"), {});
  create(person("C", "C", "1990-01-01"), {});
  for (int round = 0; round < 3; ++round) {
    store->list_cases(admin(), household("h1"), today());  // set {a, b}
    ASSERT_TRUE(store->find_case(admin(), a.the_case.id, today()));
    store->list_cases(admin(), {}, today());               // set {a, b, c}
  }
  std::vector<std::string> seen;
  std::optional<std::string> cursor;
  int pages = 0;
  do {
    auto page = store->audit(a.the_case.id, 2, cursor);
    for (auto& action : actions(page)) seen.push_back(action);
    cursor = page.next_cursor;
    ++pages;
  } while (cursor);
  std::vector<std::string> expected{"create"};
  for (int round = 0; round < 3; ++round) expected.insert(expected.end(), {"list", "read", "list"});
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(pages, 5);
}

TEST_F(AuditTest, AnotherCasesReadsAreNotInTheLog) {
  auto a = create(person("A", "A", "1990-01-01"), {});
  create(in_household(person("B", "B", "1990-01-01"), "h2"), {});
  create(in_household(person("C", "C", "1990-01-01"), "h2"), {});
  store->list_cases(admin(), household("h2"), today());  // set {b, c}
  EXPECT_EQ(actions(store->audit(a.the_case.id, 10, std::nullopt)), (std::vector<std::string>{"create"}));
}

TEST_F(AuditTest, AnAppendIsLoggedThroughItsEventNotALinkOfItsOwn) {
  auto a = create(person("A", "A", "1990-01-01"), {});
  Event moved = event(EventType::housing_changed, "2026-11-03");
  moved.housing = Housing::EBO;
  ASSERT_TRUE(store->append_event(admin(), a.the_case.id, moved, today()));
  EXPECT_EQ(actions(store->audit(a.the_case.id, 10, std::nullopt)),
            (std::vector<std::string>{"create", "append event 1"}));
  EXPECT_EQ(count(path(), "SELECT count(*) FROM audit_links"), 1);  // the create's
  EXPECT_EQ(count(path(), "SELECT count(*) FROM events e JOIN audit a ON a.id = e.audit_id "
                          "WHERE a.action = 'append event 1'"), 1);
}

TEST_F(AuditTest, AnUnknownCaseHasAnEmptyLog) {
  auto log = store->audit(CaseId("c-unknown"), 10, std::nullopt);
  EXPECT_TRUE(log.items.empty());
  EXPECT_FALSE(log.next_cursor);
}

}  // namespace
}  // namespace kedja::storage::testing
