// Migrations at open: an older database is brought up to date, a newer one
// or a foreign file is refused.
#include "fixture.h"
#include "storage/schema.h"

#include <SQLiteCpp/Database.h>

#include <fstream>
#include <map>

namespace kedja::storage::testing {
namespace {

int user_version(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA user_version").getInt();
}

TEST(Migration, NewDatabaseIsAtTheLatestVersion) {
  TempDir dir;
  { Store store(Options{dir.file("k.db"), false}, context()); }
  EXPECT_EQ(user_version(dir.file("k.db")), Store::schema_version());
  EXPECT_GE(Store::schema_version(), 2);
}

// A case row as the schema of every version takes it.
void insert_case(SQLite::Database& db, const std::string& id) {
  db.exec("INSERT INTO cases (id, given_name, family_name, given_fold, family_fold, birth_date, sex, "
          "language, interpreter_needed, unaccompanied, municipality, health_centre, cur_municipality, "
          "cur_health_centre, closed) VALUES ('" + id + "', 'A', 'B', 'a', 'b', '2016-03-01', 'F', 'ar', 0, 0, "
          "'ostersund', 'hc:ostersund', 'ostersund', 'hc:ostersund', 0)");
}

void insert_audit(SQLite::Database& db, const std::string& action, const std::string& case_id) {
  db.exec("INSERT INTO audit (at, actor, token, action, case_id) "
          "VALUES ('2026-01-01T00:00:00.000Z', 'admin', 'admin-1', '" + action + "', '" + case_id + "')");
}

TEST(Migration, VersionOneDatabaseIsMigratedKeepingItsData) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 1);
    insert_case(db, "c1");
    insert_audit(db, "read", "c1");
  }
  ASSERT_EQ(user_version(path), 1);
  Store store(Options{path, false}, context());
  EXPECT_EQ(user_version(path), Store::schema_version());
  auto log = store.audit(CaseId("c1"), 10, std::nullopt);
  ASSERT_EQ(log.items.size(), 1u);
  EXPECT_EQ(log.items[0].token, "admin-1");
}

TEST(Migration, OlderAuditLogsKeepEveryCasesRowsInOrder) {
  for (int version : {2, 3}) {
    TempDir dir;
    std::string path = dir.file("k.db");
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      migrate(db, version);
      insert_case(db, "c1");
      insert_case(db, "c2");
      for (const char* action : {"create", "read", "list"}) insert_audit(db, action, "c1");
      insert_audit(db, "read", "c2");
      if (version == 3)  // version 3 keeps links of its own, by case id
        db.exec("INSERT INTO audit_cases (case_id, audit_id) SELECT case_id, id FROM audit");
    }
    Store store(Options{path, false}, context());
    EXPECT_EQ(user_version(path), Store::schema_version()) << "from " << version;
    {
      SQLite::Database db(path, SQLite::OPEN_READONLY);
      EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name IN ('audit_by_case', "
                              "'audit_cases')").getInt(), 0) << "from " << version;
      EXPECT_EQ(db.execAndGet("SELECT count(*) FROM audit_links").getInt(), 4) << "from " << version;
    }
    auto log = store.audit(CaseId("c1"), 10, std::nullopt);
    ASSERT_EQ(log.items.size(), 3u) << "from " << version;
    EXPECT_EQ(log.items[0].action, "create");
    EXPECT_EQ(log.items[2].action, "list");
    EXPECT_EQ(store.audit(CaseId("c2"), 10, std::nullopt).items.size(), 1u) << "from " << version;
  }
}

// Migration 17: the Klara tab's page (storage/work.cpp, sorted by the day
// done, latest first) walks steps_closed_by_actor in its order and stops at
// the page's end, instead of sorting a day's rows first.
TEST(Migration, TheKlaraPageReadsItsRowsInTheIndexOrder) {
  TempDir dir;
  std::string path = dir.file("k.db");
  { Store store(Options{path, false}, context()); }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(db,
      "EXPLAIN QUERY PLAN SELECT s.case_id, s.given_name, s.due_on, c.language FROM steps s "
      "JOIN cases c ON c.num = s.case_num WHERE s.done_on IS NOT NULL AND s.done_on > '2026-10-26' "
      "AND s.done_on <= '2026-11-25' AND (s.status = 'done' OR s.status = 'declined') AND s.actor = 'hc:x' "
      "AND s.health_centre = 'hc:x' ORDER BY s.done_on DESC, s.due_on, s.case_id, s.ord LIMIT 100 OFFSET 0");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(steps.find("steps_closed_by_actor"), std::string::npos) << steps;
  EXPECT_EQ(steps.find("TEMP B-TREE"), std::string::npos) << steps;
}

// SQLite takes an index as covering only if it holds every column a query
// names, the partial index's own terms too: "my overdue steps" must read no
// table row.
TEST(Migration, OverdueByActorIsAnsweredFromItsIndexAlone) {
  TempDir dir;
  std::string path = dir.file("k.db");
  { Store store(Options{path, false}, context()); }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(db,
      "EXPLAIN QUERY PLAN SELECT case_id, given_name, family_name, birth_date, municipality, key, actor, "
      "opened_on, due_on, ord, case_num FROM steps INDEXED BY steps_open_by_actor "
      "WHERE status = 'open' AND due_on IS NOT NULL AND due_on < '2026-11-25' AND actor = 'hc:x' "
      "AND municipality = 'ostersund' AND health_centre = 'hc:x' AND birth_date <= '2020-01-01' "
      "ORDER BY due_on, case_id, key, ord LIMIT 101");
  ASSERT_TRUE(plan.executeStep());
  EXPECT_NE(plan.getColumn(3).getString().find("COVERING INDEX steps_open_by_actor"), std::string::npos)
      << plan.getColumn(3).getString();
}

// Migration 13 (issue 14 §3): the duplicate check of a new case (the SQL of
// Store::possible_duplicates, with a reception unit's scope) is two index
// lookups, never a walk through a municipality's cases.
TEST(Migration, TheDuplicateCheckLooksUpItsIndexes) {
  TempDir dir;
  std::string path = dir.file("k.db");
  { Store store(Options{path, false}, context()); }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement plan(db,
      "EXPLAIN QUERY PLAN SELECT num, id FROM (SELECT num AS match_num FROM cases WHERE family_fold = 'haddad' "
      "AND given_fold = 'amina' AND birth_date = '2018-04-02' UNION SELECT num FROM cases WHERE external_ref = "
      "'MIG-1') AS found CROSS JOIN cases ON cases.num = found.match_num WHERE 1 AND cur_municipality = "
      "'ostersund' LIMIT 20");
  std::string steps;
  while (plan.executeStep()) steps += plan.getColumn(3).getString() + "\n";
  EXPECT_NE(steps.find("INDEX cases_person"), std::string::npos) << steps;
  EXPECT_NE(steps.find("INDEX cases_external_ref"), std::string::npos) << steps;
  EXPECT_EQ(steps.find("INDEX cases_municipality"), std::string::npos) << steps;
  EXPECT_EQ(steps.find("SCAN cases"), std::string::npos) << steps;
}

// Migration 6 (issue 12 §3): names stored before it, decomposed or folded
// by the old lower-casing, are brought to NFC and the Unicode fold, so that
// a search typed either way finds them.
TEST(Migration, NamesFromBeforeVersionSixAreStoredInNfcAndRefolded) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 5);
    // Åke typed with a combining ring (A + U+030A), folded byte-wise as v5 did.
    db.exec("INSERT INTO cases (id, given_name, family_name, given_fold, family_fold, birth_date, sex, "
            "language, interpreter_needed, household, unaccompanied, municipality, health_centre, "
            "cur_municipality, cur_health_centre, closed) VALUES ('c1', 'A' || char(778) || 'ke', "
            "'STRA' || char(7838) || 'E', 'a' || char(778) || 'ke', 'stra' || char(7838) || 'e', '2016-03-01', "
            "'M', 'sv', 0, 'O' || char(776) || 'berg', 0, 'ostersund', 'hc:ostersund', 'ostersund', "
            "'hc:ostersund', 0)");
    insert_case(db, "c2");
  }
  Store store(Options{path, false}, context());
  EXPECT_EQ(user_version(path), Store::schema_version());
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement row(db, "SELECT given_name, given_fold, family_fold, household FROM cases WHERE id = 'c1'");
    ASSERT_TRUE(row.executeStep());
    EXPECT_EQ(row.getColumn(0).getString(), "\xC3\x85ke");  // Åke, one code point
    EXPECT_EQ(row.getColumn(1).getString(), "\xC3\xA5ke");  // åke
    EXPECT_EQ(row.getColumn(2).getString(), "strasse");      // ẞ folds to ss
    EXPECT_EQ(row.getColumn(3).getString(), "\xC3\x96" "berg");
  }
  for (const char* q : {"\xC3\xA5k", "a\xCC\x8Ak", "\xC3\x85KE"}) {
    CaseQuery query;
    query.name_prefix = q;
    auto page = store.list_cases(admin(), query, today());
    ASSERT_EQ(page.items.size(), 1u) << q;
    EXPECT_EQ(page.items[0].the_case.id.str(), "c1");
  }
}

// The step counts (issue 15) are made from the steps a database already holds.
TEST(Migration, StepsFromBeforeTheCountsAreCounted) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 7);
    insert_case(db, "c1");
    // A done step, an open one, a cancelled one and one without a due date.
    db.exec("INSERT INTO steps (case_num, ord, case_id, key, title, actor, opened_on, opened_by_seq, due_on, status, "
            "done_on, late, working_days_late, municipality, health_centre, birth_date, given_name, family_name) VALUES "
            "(1, 0, 'c1', 'notify_health_centre', 'T', 'reception:ostersund', '2026-11-02', 1, '2026-11-02', 'done', "
            "'2026-11-04', 1, 2, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 1, 'c1', 'notify_school', 'T', 'reception:ostersund', '2026-11-02', 1, '2026-11-02', 'open', "
            "NULL, 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 2, 'c1', 'book_health_talk', 'T', 'hc:ostersund', '2026-11-02', 1, '2026-11-09', 'cancelled', "
            "'2026-11-05', 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 3, 'c1', 'vaccination_plan', 'T', 'school_health:ostersund', '2026-11-02', 1, NULL, 'open', "
            "NULL, 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B')");
  }
  Store store(Options{path, false}, context());
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  // The done and the open step with a due date; not the cancelled one, nor
  // the one without a due date.
  EXPECT_EQ(db.execAndGet("SELECT group_concat(key || ':' || status || ':' || n, ' ') FROM "
                          "(SELECT * FROM step_counts ORDER BY key)").getString(),
            "notify_health_centre:done:1 notify_school:open:1");
  EXPECT_EQ(db.execAndGet("SELECT group_concat(key || ':' || due_month || ':' || working_days_late, ' ') "
                          "FROM step_counts_monthly").getString(),
            "notify_health_centre:2026-11:2");
  // Migration 15's histograms: the done step 2 working days late in its due
  // month, the open one by its due day (2026-11-02 = day 20759 = 0x5117 since 1970).
  EXPECT_EQ(db.execAndGet("SELECT group_concat(key || ':' || status || ':' || due_month || ':' || n || ':' || "
                          "hex(counts), ' ') FROM (SELECT * FROM step_histograms ORDER BY key)").getString(),
            "notify_health_centre:done:2026-11:1:0200000001000000 notify_school:open::1:1751000001000000");
  const auto rows = store.follow_up(admin(), {FollowUpBy::municipality, day("2026-11-01"), day("2026-11-30"),
                                              day("2026-11-25"), std::nullopt, std::nullopt}, day("2026-11-25"));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].figures.late(), 1);
  EXPECT_EQ(rows[1].figures.late(), 1);  // open, 17 working days overdue
}

// The work counts (issue 13) are made from the steps a database already
// holds, and Att göra's tab counts read them.
TEST(Migration, StepsFromBeforeTheWorkCountsAreCounted) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 15);  // the version before the work counts (migration 16)
    insert_case(db, "c1");
    // Done, open and overdue, cancelled (not counted), open without a due date.
    db.exec("INSERT INTO steps (case_num, ord, case_id, key, title, actor, opened_on, opened_by_seq, due_on, status, "
            "done_on, late, working_days_late, municipality, health_centre, birth_date, given_name, family_name) VALUES "
            "(1, 0, 'c1', 'notify_health_centre', 'T', 'hc:ostersund', '2026-11-02', 1, '2026-11-02', 'done', "
            "'2026-11-04', 1, 2, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 1, 'c1', 'book_health_talk', 'T', 'hc:ostersund', '2026-11-02', 1, '2026-11-09', 'open', "
            "NULL, 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 2, 'c1', 'hold_health_talk', 'T', 'hc:ostersund', '2026-11-02', 1, '2026-11-09', 'cancelled', "
            "'2026-11-05', 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 3, 'c1', 'vaccination_plan', 'T', 'hc:ostersund', '2026-11-02', 1, NULL, 'open', "
            "NULL, 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B')");
  }
  Store store(Options{path, false}, context());
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT group_concat(key || ':' || open || ':' || day || ':' || n, ' ') FROM "
                            "(SELECT * FROM work_counts ORDER BY key)").getString(),
              "book_health_talk:1:2026-11-09:1 notify_health_centre:0:2026-11-04:1 vaccination_plan:1::1");
    // Migration 19's counts without the step, made from those.
    EXPECT_EQ(db.execAndGet("SELECT group_concat(actor || ':' || open || ':' || day || ':' || n, ' ') FROM "
                            "(SELECT * FROM work_day_counts ORDER BY open, day)").getString(),
              "hc:ostersund:0:2026-11-04:1 hc:ostersund:1::1 hc:ostersund:1:2026-11-09:1");
  }
  WorkQuery q;
  q.as_of = day("2026-11-25");
  q.actor = ActorId("hc:ostersund");
  const WorkPage page = store.work(caller(Role::hc, "hc:ostersund"), q, day("2026-11-25"));
  EXPECT_EQ(page.counts.overdue, 1);
  EXPECT_EQ(page.counts.due_soon, 0);
  EXPECT_EQ(page.counts.undated, 1);
  EXPECT_EQ(page.counts.done, 1);
}

// Migration 20 (issue 15): the done and declined steps a database already
// holds are counted by birth month, and a school's follow-up of a whole
// month reads them.
TEST(Migration, StepsFromBeforeTheBirthMonthCountsAreCounted) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 19);  // the version before the counts by birth month
    insert_case(db, "c1");  // born 2016-03-01: of school age on 2026-11-25
    // Done 2 working days late, declined, open (not counted here: its outcome
    // depends on as_of), cancelled, done without a due date.
    db.exec("INSERT INTO steps (case_num, ord, case_id, key, title, actor, opened_on, opened_by_seq, due_on, status, "
            "done_on, late, working_days_late, municipality, health_centre, birth_date, given_name, family_name) VALUES "
            "(1, 0, 'c1', 'notify_school', 'T', 'reception:ostersund', '2026-11-02', 1, '2026-11-02', 'done', "
            "'2026-11-04', 1, 2, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 1, 'c1', 'plan_school_start', 'T', 'school:ostersund', '2026-11-02', 1, '2026-11-16', 'declined', "
            "'2026-11-05', 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 2, 'c1', 'start_school', 'T', 'school:ostersund', '2026-11-02', 1, '2026-11-20', 'open', "
            "NULL, 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 3, 'c1', 'book_health_talk', 'T', 'hc:ostersund', '2026-11-02', 1, '2026-11-09', 'cancelled', "
            "'2026-11-05', 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B'), "
            "(1, 4, 'c1', 'vaccination_plan', 'T', 'school_health:ostersund', '2026-11-02', 1, NULL, 'done', "
            "'2026-11-05', 0, 0, 'ostersund', 'hc:ostersund', '2016-03-01', 'A', 'B')");
  }
  Store store(Options{path, false}, context());
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT group_concat(key || ':' || status || ':' || due_month || ':' || birth_month || "
                            "':' || n || ':' || hex(counts), ' ') FROM (SELECT * FROM step_histograms_by_birth_month "
                            "ORDER BY key)").getString(),
              "notify_school:done:2026-11:2016-03:1:0200000001000000 "
              "plan_school_start:declined:2026-11:2016-03:1:0000000001000000");
  }
  const auto rows = store.follow_up(caller(Role::school, "school:ostersund"),
                                    {FollowUpBy::actor, day("2026-11-01"), day("2026-11-30"), day("2026-11-25"),
                                     std::nullopt, std::nullopt},
                                    day("2026-11-25"));
  std::map<std::string, std::string> got;
  for (const FollowUpRow& row : rows)
    got[row.step.str()] = std::to_string(row.figures.on_time()) + " " + std::to_string(row.figures.late()) + " " +
                          std::to_string(row.figures.declined());
  EXPECT_EQ(got, (std::map<std::string, std::string>{
                     {"notify_school", "0 1 0"}, {"plan_school_start", "0 0 1"}, {"start_school", "0 1 0"}}));
}

TEST(Migration, DatabaseFromANewerVersionIsRefused) {
  TempDir dir;
  std::string path = dir.file("k.db");
  { Store store(Options{path, false}, context()); }
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec("PRAGMA user_version = " + std::to_string(Store::schema_version() + 1));
  }
  try {
    Store store(Options{path, false}, context());
    FAIL() << "a newer database was opened";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos) << e.what();
  }
}

TEST(Migration, ForeignDatabaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("other.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE notes (text TEXT)");
  }
  EXPECT_THROW(Store(Options{path, false}, context()), StorageError);
}

TEST(Migration, FileThatIsNotADatabaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("junk.db");
  std::ofstream(path) << std::string(4096, 'x');
  EXPECT_THROW(Store(Options{path, false}, context()), StorageError);
}

}  // namespace
}  // namespace kedja::storage::testing
