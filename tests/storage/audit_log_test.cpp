// Loggkontroll (issue 14 §6): the audit log searched by token, case and
// period (Store::audit_log), each row with its case, appended event type or
// count of cases; the seeded sample of a period's reads (audit_sample); and
// migration 14's indexes and read-set counts.
#include "fixture.h"
#include "storage/schema.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Transaction.h>

#include <set>

namespace kedja::storage::testing {
namespace {

class AuditLogTest : public StoreFixture {
 protected:
  // Audit rows written straight into the file, at chosen times: the store
  // stamps its own rows with the clock. Returns the first new row's id.
  std::int64_t insert_rows(const std::vector<std::tuple<std::string, std::string, std::string>>& rows) {
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    SQLite::Transaction transaction(db);
    std::int64_t first = 0;
    for (const auto& [at, token, action] : rows) {
      SQLite::Statement insert(db, "INSERT INTO audit (at, actor, token, action) VALUES (?1, 'hc:ostersund', ?2, ?3)");
      insert.bind(1, at);
      insert.bind(2, token);
      insert.bind(3, action);
      insert.exec();
      if (!first) first = db.getLastInsertRowid();
    }
    transaction.commit();
    return first;
  }

  // Every row a query finds, page after page of `limit`.
  std::vector<AuditRow> all(AuditQuery query, int limit) {
    query.limit = limit;
    std::vector<AuditRow> rows;
    do {
      auto page = store->audit_log(query);
      rows.insert(rows.end(), page.items.begin(), page.items.end());
      query.cursor = page.next_cursor;
    } while (query.cursor);
    return rows;
  }

  static std::vector<std::string> times(const std::vector<AuditRow>& rows) {
    std::vector<std::string> out;
    for (const auto& row : rows) out.push_back(row.entry.at);
    return out;
  }
};

AuditQuery by_token(std::string token, std::string from = "", std::string until = "") {
  AuditQuery query;
  query.token = std::move(token);
  query.from_utc = std::move(from);
  query.until_utc = std::move(until);
  return query;
}

TEST_F(AuditLogTest, ATokensPeriodIsItsOwnRowsInTimeOrderFromTheFirstInstantUpToTheEnd) {
  insert_rows({{"2026-10-31T22:59:59.999Z", "A", "read"},  // 23:59:59 on 31 Oct in Stockholm
               {"2026-10-31T23:00:00.000Z", "A", "read"},  // 00:00 on 1 Nov
               {"2026-11-15T10:00:00.000Z", "B", "read"},
               {"2026-11-30T22:59:59.999Z", "A", "list"},  // the last millisecond of 30 Nov
               {"2026-11-30T23:00:00.000Z", "A", "read"},
               {"2026-11-10T08:00:00.000Z", "A", "create"}});  // recorded later, earlier in time
  const auto rows = all(by_token("A", "2026-10-31T23:00:00.000Z", "2026-11-30T23:00:00.000Z"), 100);
  EXPECT_EQ(times(rows), (std::vector<std::string>{"2026-10-31T23:00:00.000Z", "2026-11-10T08:00:00.000Z",
                                                   "2026-11-30T22:59:59.999Z"}));
  for (const auto& row : rows) EXPECT_EQ(row.entry.token, "A");
}

TEST_F(AuditLogTest, PagesOfATokenHaveNoGapsOrRepeatsAcrossRowsOfOneInstant) {
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (int i = 0; i < 7; ++i) rows.emplace_back("2026-11-02T09:00:00.000Z", "A", "read");
  for (int i = 0; i < 4; ++i) rows.emplace_back("2026-11-02T09:00:01.000Z", "A", "read");
  const std::int64_t first = insert_rows(rows);
  for (int limit : {1, 2, 3, 7, 11, 100}) {
    const auto found = all(by_token("A"), limit);
    ASSERT_EQ(found.size(), 11u) << limit;
    for (std::size_t i = 0; i < found.size(); ++i) EXPECT_EQ(found[i].id, first + static_cast<std::int64_t>(i)) << limit;
  }
}

TEST_F(AuditLogTest, APeriodAloneFindsEveryTokensRows) {
  insert_rows({{"2026-11-02T09:00:00.000Z", "A", "read"}, {"2026-11-03T09:00:00.000Z", "B", "read"},
               {"2026-12-03T09:00:00.000Z", "B", "read"}});
  AuditQuery november;
  november.from_utc = "2026-10-31T23:00:00.000Z";
  november.until_utc = "2026-11-30T23:00:00.000Z";
  EXPECT_EQ(times(all(november, 1)),
            (std::vector<std::string>{"2026-11-02T09:00:00.000Z", "2026-11-03T09:00:00.000Z"}));
}

TEST_F(AuditLogTest, EachRowSaysItsCaseTheAppendedEventAndHowManyCasesAListShowed) {
  auto a = create(person("A", "A", "1990-01-01"), {});
  create(person("B", "B", "1990-01-01"), {});
  create(person("C", "C", "1990-01-01"), {});
  const Caller reader = caller(Role::mv, "mv:jamtland", "Handläggare MV");
  ASSERT_TRUE(store->find_case(reader, a.the_case.id, today()));
  store->list_cases(reader, {}, today());
  Event changed = event(EventType::housing_changed, "2026-11-03");
  changed.housing = Housing::EBO;
  ASSERT_TRUE(store->append_event(reader, a.the_case.id, changed, today()));
  ASSERT_TRUE(store->create_token(admin(), {Role::hc, ActorId("hc:ostersund"), "ny", std::nullopt}, today()));
  const auto rows = all(by_token("Handläggare MV"), 100);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].entry.action, "read");
  EXPECT_EQ(rows[0].case_id, a.the_case.id);
  EXPECT_EQ(rows[0].cases, 1);
  EXPECT_TRUE(rows[0].read);
  EXPECT_EQ(rows[1].entry.action, "list");
  EXPECT_FALSE(rows[1].case_id);
  EXPECT_EQ(rows[1].cases, 3);
  EXPECT_TRUE(rows[1].read);
  EXPECT_EQ(rows[2].entry.action, "append event 1");
  EXPECT_EQ(rows[2].case_id, a.the_case.id);
  EXPECT_EQ(rows[2].appended, EventType::housing_changed);
  EXPECT_FALSE(rows[2].read);
  const auto admins = all(by_token("admin-1"), 100);
  ASSERT_EQ(admins.size(), 4u);  // three creates and a token made
  EXPECT_EQ(admins[0].entry.action, "create");
  EXPECT_FALSE(admins[0].read);
  EXPECT_EQ(admins[3].entry.action, "token create ny");
  EXPECT_EQ(admins[3].cases, 0);
  EXPECT_FALSE(admins[3].read);
}

TEST_F(AuditLogTest, ACaseWithATokenOrAPeriodNarrowsTheCasesLog) {
  auto a = create(person("A", "A", "1990-01-01"), {});
  create(person("B", "B", "1990-01-01"), {});
  const Caller hc = caller(Role::mv, "mv:jamtland", "MV");
  ASSERT_TRUE(store->find_case(hc, a.the_case.id, today()));
  store->list_cases(hc, {}, today());
  AuditQuery query;
  query.case_id = a.the_case.id;
  EXPECT_EQ(all(query, 1).size(), 3u);  // create, read, list
  query.token = "MV";
  const auto mine = all(query, 1);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].entry.action, "read");
  EXPECT_EQ(mine[1].entry.action, "list");
  EXPECT_EQ(mine[1].cases, 2);
  query.token.reset();
  query.until_utc = "2000-01-01T00:00:00.000Z";
  EXPECT_TRUE(all(query, 10).empty());
}

TEST_F(AuditLogTest, ACursorOfOneKindOfSearchIsRefusedByTheOther) {
  auto a = create(person("A", "A", "1990-01-01"), {});
  insert_rows({{"2026-11-02T09:00:00.000Z", "A", "read"}, {"2026-11-02T09:00:01.000Z", "A", "read"}});
  auto token_query = by_token("A");
  token_query.limit = 1;
  const auto page = store->audit_log(token_query);
  ASSERT_TRUE(page.next_cursor);
  AuditQuery case_query;
  case_query.case_id = a.the_case.id;
  case_query.cursor = page.next_cursor;
  EXPECT_THROW(store->audit_log(case_query), BadCursor);
}

// --- the sample ---------------------------------------------------------

class AuditSampleTest : public AuditLogTest {
 protected:
  // `n` rows a minute apart from 2026-11-01 00:00 UTC, every `write_every`th
  // a write; returns the first id.
  std::int64_t fill(int n, int write_every) {
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    db.setBusyTimeout(5000);
    SQLite::Statement insert(db,
        "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?1) "
        "INSERT INTO audit (at, actor, token, action) SELECT "
        "strftime('%Y-%m-%dT%H:%M:%S.000Z', '2026-11-01T00:00:00', '+' || i || ' minutes'), 'hc:ostersund', "
        "'T' || (i % 7), CASE WHEN i % ?2 = 0 THEN 'append event 1' ELSE 'read' END FROM n");
    insert.bind(1, n);
    insert.bind(2, write_every);
    insert.exec();
    return db.execAndGet("SELECT min(id) FROM audit").getInt64();
  }
  static std::vector<std::int64_t> ids(const std::vector<AuditRow>& rows) {
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(row.id);
    return out;
  }
  const std::string from = "2026-11-01T00:00:00.000Z", until = "2026-12-01T00:00:00.000Z";
};

TEST_F(AuditSampleTest, TheSameSeedDrawsTheSameDistinctReadsOfThePeriodInTimeOrder) {
  fill(2000, 5);
  const auto sample = store->audit_sample(from, until, 4711, 20);
  ASSERT_EQ(sample.size(), 20u);
  EXPECT_EQ(ids(store->audit_sample(from, until, 4711, 20)), ids(sample));
  EXPECT_NE(ids(store->audit_sample(from, until, 4712, 20)), ids(sample));
  std::set<std::int64_t> distinct;
  for (const auto& row : sample) {
    EXPECT_TRUE(row.read) << row.entry.action;
    EXPECT_EQ(row.entry.action, "read");
    EXPECT_GE(row.entry.at, from);
    EXPECT_LT(row.entry.at, until);
    distinct.insert(row.id);
  }
  EXPECT_EQ(distinct.size(), 20u);
  EXPECT_TRUE(std::is_sorted(sample.begin(), sample.end(), [](const auto& a, const auto& b) { return a.id < b.id; }));
}

TEST_F(AuditSampleTest, APeriodWithFewerReadsGivesThemAllAndOneWithoutAnyNone) {
  fill(30, 3);  // 20 reads, 10 writes
  EXPECT_EQ(store->audit_sample(from, until, 1, 100).size(), 20u);
  EXPECT_TRUE(store->audit_sample("2027-01-01T00:00:00.000Z", "2027-02-01T00:00:00.000Z", 1, 20).empty());
}

TEST_F(AuditSampleTest, ThePeriodsEndsBoundTheSample) {
  fill(600, 1000);  // 10 hours of reads from 00:00 UTC
  const auto sample = store->audit_sample("2026-11-01T02:00:00.000Z", "2026-11-01T03:00:00.000Z", 9, 100);
  EXPECT_EQ(sample.size(), 60u);
  for (const auto& row : sample) {
    EXPECT_GE(row.entry.at, "2026-11-01T02:00:00.000Z");
    EXPECT_LT(row.entry.at, "2026-11-01T03:00:00.000Z");
  }
}

// A period of more than 100,000 rows is drawn by id, not by reading every
// row of it: the same rules hold (reads only, in the period, distinct,
// repeatable).
TEST_F(AuditSampleTest, ALongPeriodIsDrawnByIdWithTheSameRules) {
  fill(130'000, 4);  // a row a minute from 1 November into 2027
  // 112,320 minutes: more rows than are read one by one, and rows on both sides.
  const std::string start = "2026-11-15T00:00:00.000Z", end = "2027-02-01T00:00:00.000Z";
  const auto sample = store->audit_sample(start, end, 77, 50);
  ASSERT_EQ(sample.size(), 50u);
  EXPECT_EQ(ids(store->audit_sample(start, end, 77, 50)), ids(sample));
  std::set<std::int64_t> distinct;
  for (const auto& row : sample) {
    EXPECT_EQ(row.entry.action, "read");
    EXPECT_GE(row.entry.at, start);
    EXPECT_LT(row.entry.at, end);
    distinct.insert(row.id);
  }
  EXPECT_EQ(distinct.size(), 50u);
}

// --- migration 14 -------------------------------------------------------

TEST(AuditMigration, TheSearchesReadTheirIndexes) {
  TempDir dir;
  std::string path = dir.file("k.db");
  { Store store(Options{path, false}, context()); }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  const auto plan_of = [&](const char* sql) {
    SQLite::Statement plan(db, std::string("EXPLAIN QUERY PLAN ") + sql);
    std::string steps;
    while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
    return steps;
  };
  // The SQL of storage/audit.cpp's search by token, the row's joins included.
  const std::string token = plan_of(
      "SELECT a.id, a.at, rs.cases, lk.id, ek.id, e.type FROM audit a INDEXED BY audit_by_token "
      "LEFT JOIN audit_read_sets rs ON rs.id = a.read_set "
      "LEFT JOIN audit_links l ON l.audit_id = a.id LEFT JOIN cases lk ON lk.num = l.case_num "
      "LEFT JOIN events e ON e.audit_id = a.id LEFT JOIN cases ek ON ek.num = e.case_num "
      "WHERE a.token = 'A' AND a.at >= '2026' AND a.at < '2027' AND (a.at > '2026' OR a.id > 0) "
      "ORDER BY a.at, a.id LIMIT 101");
  EXPECT_NE(token.find("INDEX audit_by_token (token=? AND at>"), std::string::npos) << token;
  EXPECT_NE(token.find("INDEX audit_links_by_audit (audit_id=?)"), std::string::npos) << token;
  EXPECT_NE(token.find("INDEX events_by_audit (audit_id=?)"), std::string::npos) << token;
  EXPECT_EQ(token.find("SCAN"), std::string::npos) << token;
  EXPECT_EQ(token.find("TEMP B-TREE"), std::string::npos) << token;
  const std::string link = plan_of("SELECT case_num FROM audit_links WHERE audit_id = 7");
  EXPECT_NE(link.find("audit_links_by_audit"), std::string::npos) << link;
  const std::string event = plan_of("SELECT case_num FROM events WHERE audit_id = 7");
  EXPECT_NE(event.find("events_by_audit"), std::string::npos) << event;
}

TEST(AuditMigration, ReadSetsMadeBeforeItAreCounted) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 13);
    db.exec("INSERT INTO audit_read_sets (id, digest) VALUES (1, zeroblob(32)), (2, randomblob(32))");
    db.exec("INSERT INTO audit_read_set_cases (case_num, read_set) VALUES (1, 1), (2, 1), (3, 1), (1, 2), (5, 2)");
  }
  Store store(Options{path, false}, context());
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT group_concat(cases) FROM (SELECT cases FROM audit_read_sets ORDER BY id)")
                .getString(),
            "3,2");
}

}  // namespace
}  // namespace kedja::storage::testing
