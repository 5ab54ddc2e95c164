// Store: writes, reads, scope, idempotence and audit (tokens: tokens_test.cpp).
#include "fixture.h"
#include "storage/step_histograms.h"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <regex>
#include <set>
#include <thread>

namespace kedja::storage::testing {
namespace {

using StoreTest = StoreFixture;

Event arrival_notice(const char* date, const char* expected) {
  Event e = event(EventType::arrival_notice_received, date);
  e.expected_arrival = day(expected);
  return e;
}

std::int64_t count_rows(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt64();
}

TEST_F(StoreTest, CreateCaseAssignsAnOpaqueIdAndProjectsSteps) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  EXPECT_TRUE(std::regex_match(created.the_case.id.str(), std::regex("c[0-9a-f]{16}")))
      << created.the_case.id.str();
  ASSERT_EQ(created.events.size(), 1u);
  EXPECT_EQ(created.events[0].seq, 1);
  EXPECT_FALSE(created.state.steps.empty());
}

TEST_F(StoreTest, FindCaseReturnsWhatWasCreated) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto found = store->find_case(admin(), created.the_case.id, today());
  ASSERT_TRUE(found) << found.problem().detail;
  EXPECT_EQ(found->the_case.given_name, "Amina");
  EXPECT_EQ(found->the_case.health_centre.str(), "hc:ostersund");
  ASSERT_EQ(found->events.size(), 1u);
  EXPECT_EQ(found->events[0].event.expected_arrival, day("2026-11-20"));
  EXPECT_EQ(found->events[0].recorded_by.str(), "admin");
  EXPECT_EQ(found->state.steps.size(), created.state.steps.size());
}

TEST_F(StoreTest, AppendedEventGetsTheNextSeqAndUpdatesSteps) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto reception = caller(Role::reception, "reception:ostersund");
  auto appended = store->append_event(reception, created.the_case.id,
                                      event(EventType::health_centre_notified, "2026-11-02"), today());
  ASSERT_TRUE(appended) << appended.problem().detail;
  EXPECT_EQ(appended->event.seq, 2);
  EXPECT_FALSE(appended->repeated);
  EXPECT_EQ(appended->event.recorded_by.str(), "reception:ostersund");
  bool notify_done = false, booking_open = false;
  for (const auto& step : appended->steps) {
    if (step.key.str() == "notify_health_centre") notify_done = step.status == StepStatus::done;
    if (step.key.str() == "book_health_talk") booking_open = step.status == StepStatus::open;
  }
  EXPECT_TRUE(notify_done);
  EXPECT_TRUE(booking_open);
}

// Appends are worked out on the caller's snapshot and confirmed by the
// writer: writers racing on one case must each still get the next seq.
TEST_F(StoreTest, ConcurrentAppendsToOneCaseAllLandWithConsecutiveSeqs) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  constexpr int threads = 8, each = 20;
  std::atomic<int> refused{0};
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        Event e = event(EventType::housing_changed, "2026-11-03");
        e.housing = (t + i) % 2 ? Housing::ABO : Housing::EBO;
        if (!store->append_event(admin(), created.the_case.id, e, today())) ++refused;
      }
    });
  for (auto& writer : writers) writer.join();
  EXPECT_EQ(refused.load(), 0);
  auto stored = store->find_case(admin(), created.the_case.id, today());
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->events.size(), static_cast<std::size_t>(1 + threads * each));
  for (std::size_t i = 0; i < stored->events.size(); ++i) EXPECT_EQ(stored->events[i].seq, static_cast<std::int64_t>(i + 1));
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM events WHERE audit_id IS NOT NULL").getInt(), threads * each);
}

TEST_F(StoreTest, RepeatedEventIdReturnsTheStoredEventAndWritesNothing) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  Event notified = event(EventType::health_centre_notified, "2026-11-02");
  notified.event_id = "client-42";
  auto first = store->append_event(admin(), created.the_case.id, notified, today());
  ASSERT_TRUE(first) << first.problem().detail;
  Event retry = notified;  // the same event again (other content: idempotency_test.cpp)
  auto second = store->append_event(admin(), created.the_case.id, retry, today());
  ASSERT_TRUE(second) << second.problem().detail;
  EXPECT_TRUE(second->repeated);
  EXPECT_EQ(second->event.seq, first->event.seq);
  EXPECT_EQ(second->event.event.date, day("2026-11-02"));
  EXPECT_EQ(second->steps.size(), first->steps.size());
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events"), 2);
}

TEST_F(StoreTest, CaseOutsideTheCallersScopeIsNotFound) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto berg = caller(Role::reception, "reception:berg");
  auto found = store->find_case(berg, created.the_case.id, today());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.problem().kind, ProblemKind::not_found);
  auto appended = store->append_event(berg, created.the_case.id,
                                      event(EventType::health_centre_notified, "2026-11-02"), today());
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.problem().kind, ProblemKind::not_found);
}

TEST_F(StoreTest, UnknownCaseIsNotFound) {
  auto found = store->find_case(admin(), CaseId("c0000000000000000"), today());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.problem().kind, ProblemKind::not_found);
}

TEST_F(StoreTest, EventTypeTheRoleMayNotRecordIsForbiddenAndWritesNothing) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto school = caller(Role::school, "school:ostersund");
  auto appended = store->append_event(school, created.the_case.id,
                                      event(EventType::health_centre_notified, "2026-11-02"), today());
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.problem().kind, ProblemKind::forbidden);
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events"), 1);
}

TEST_F(StoreTest, CoordinatorMayNeitherCreateNorAppend) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto coordinator = caller(Role::coordinator, "lst:jamtland");
  auto appended = store->append_event(coordinator, created.the_case.id,
                                      event(EventType::health_centre_notified, "2026-11-02"), today());
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.problem().kind, ProblemKind::forbidden);
  auto made = store->create_case(coordinator, person("B", "C", "2000-01-01"), {}, today());
  ASSERT_FALSE(made);
  EXPECT_EQ(made.problem().kind, ProblemKind::forbidden);
}

// Free text may name a person or a health detail: the coordinator's read
// shows that an event had a reason, not the reason, and no client event_id;
// everyone else reads both as written.
TEST_F(StoreTest, TheCoordinatorsReadHidesTheEventsFreeText) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  Event notified = event(EventType::health_centre_notified, "2026-11-03");
  notified.event_id = "MIG-7 Amina";
  ASSERT_TRUE(store->append_event(admin(), created.the_case.id, notified, today()));
  Event voided = event(EventType::event_voided, "2026-11-04");
  voided.voided_seq = 2;
  voided.reason = "Fel barn: Amina har diabetes";
  ASSERT_TRUE(store->append_event(admin(), created.the_case.id, voided, today()));
  Event closed = event(EventType::case_closed, "2026-11-05");
  closed.reason = "Flyttat till mormor Fatima";
  ASSERT_TRUE(store->append_event(admin(), created.the_case.id, closed, today()));

  auto seen = store->find_case(caller(Role::coordinator, "lst:jamtland"), created.the_case.id, today());
  ASSERT_TRUE(seen) << seen.problem().detail;
  ASSERT_EQ(seen->events.size(), 4u);
  EXPECT_EQ(seen->events[2].event.reason, std::string(hidden_reason));
  EXPECT_EQ(seen->events[3].event.reason, std::string(hidden_reason));
  EXPECT_FALSE(seen->events[0].event.reason) << "an event without a reason gains none";
  for (const auto& e : seen->events) EXPECT_FALSE(e.event.event_id) << e.seq;
  EXPECT_EQ(seen->events[2].event.voided_seq, 2) << "what was voided stays";

  auto own = store->find_case(admin(), created.the_case.id, today());
  ASSERT_TRUE(own);
  EXPECT_EQ(own->events[1].event.event_id, "MIG-7 Amina");
  EXPECT_EQ(own->events[2].event.reason, "Fel barn: Amina har diabetes");
  EXPECT_EQ(own->events[3].event.reason, "Flyttat till mormor Fatima");
}

// A mistyped --db must not be answered from a new, empty database.
TEST(StoreOpen, RefusingAMissingDatabaseMakesNothing) {
  TempDir dir;
  const std::string path = dir.file("no/such/dir/kedja.db");
  Options options{path, false};
  options.missing = MissingDatabase::refuse;
  try {
    Store store(options, context());
    FAIL() << "opened a database that was not there";
  } catch (const NoDatabase& missing) {
    EXPECT_EQ(missing.path, path);
    EXPECT_EQ(std::string(missing.what()), "there is no database at " + path);
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("no"))) << "no directory made either";
  { Store made(Options{path, false}, context()); }  // the default creates it
  Store again(options, context());  // and once it is there, refuse opens it
  EXPECT_EQ(again.find_case(admin(), CaseId("c0000000000000000"), today()).problem().kind, ProblemKind::not_found);
}

TEST_F(StoreTest, DomainRefusalIsAConflictAndWritesNothing) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto appended = store->append_event(admin(), created.the_case.id,
                                      event(EventType::health_centre_notified, "2015-01-01"), today());
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.problem().kind, ProblemKind::conflict);
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events"), 1);
}

TEST_F(StoreTest, DecliningAStepThatIsNotOpenIsAConflictNotAForbiddenEvent) {
  // book_health_talk is not open yet: the health centre has not been told.
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  Event decline = event(EventType::step_declined, "2026-11-03");
  decline.step = "book_health_talk";
  auto appended = store->append_event(caller(Role::hc, "hc:ostersund"), created.the_case.id, decline, today());
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.problem().kind, ProblemKind::conflict) << appended.problem().detail;
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events"), 1);
}

TEST_F(StoreTest, UnknownRuleSetIsInvalidNamingRuleSet) {
  Case c = person("Amina", "Haddad", "2016-03-01");
  c.rule_set = RuleSetId("no-such-set");
  auto made = store->create_case(admin(), c, {}, today());
  ASSERT_FALSE(made);
  EXPECT_EQ(made.problem().kind, ProblemKind::invalid);
  ASSERT_EQ(made.problem().errors.size(), 1u);
  EXPECT_EQ(made.problem().errors[0].field, "rule_set");
}

TEST_F(StoreTest, RefusedFirstEventNamesItsIndexAndCreatesNoCase) {
  auto made = store->create_case(admin(), person("Amina", "Haddad", "2016-03-01"),
                                 {arrival_notice("2026-11-02", "2026-11-20"),
                                  event(EventType::health_centre_notified, "2010-01-01")},
                                 today());
  ASSERT_FALSE(made);
  EXPECT_EQ(made.problem().kind, ProblemKind::conflict);
  EXPECT_EQ(made.problem().detail.rfind("events[1]: ", 0), 0u) << made.problem().detail;
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM cases"), 0);
}

TEST_F(StoreTest, ExternalRefUsedTwiceIsAConflict) {
  Case c = person("Amina", "Haddad", "2016-03-01");
  c.external_ref = "MV-1234";
  create(c, {});
  auto again = store->create_case(admin(), c, {}, today());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.problem().kind, ProblemKind::conflict);
  ASSERT_EQ(again.problem().errors.size(), 1u);
  EXPECT_EQ(again.problem().errors[0].field, "external_ref");
}

TEST_F(StoreTest, EveryReadAndWriteOfACaseIsAudited) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  auto reception = caller(Role::reception, "reception:ostersund", "desk-3");
  ASSERT_TRUE(store->find_case(reception, created.the_case.id, today()));
  ASSERT_TRUE(store->append_event(reception, created.the_case.id,
                                  event(EventType::health_centre_notified, "2026-11-02"), today()));
  store->list_cases(reception, {}, today());
  auto log = store->audit(created.the_case.id, 10, std::nullopt);
  ASSERT_EQ(log.items.size(), 4u);
  EXPECT_EQ(log.items[0].action, "create");
  EXPECT_EQ(log.items[0].actor, "admin");
  EXPECT_EQ(log.items[1].action, "read");
  EXPECT_EQ(log.items[1].actor, "reception:ostersund");
  EXPECT_EQ(log.items[1].token, "desk-3");
  EXPECT_EQ(log.items[2].action, "append event 2");
  EXPECT_EQ(log.items[3].action, "list");
  EXPECT_FALSE(log.next_cursor);
}

TEST_F(StoreTest, AuditPagesWithACursor) {
  auto created = create(person("Amina", "Haddad", "2016-03-01"), {});
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(store->find_case(admin(), created.the_case.id, today()));
  auto first = store->audit(created.the_case.id, 3, std::nullopt);
  ASSERT_EQ(first.items.size(), 3u);
  ASSERT_TRUE(first.next_cursor);
  auto second = store->audit(created.the_case.id, 3, first.next_cursor);
  ASSERT_EQ(second.items.size(), 2u);
  EXPECT_FALSE(second.next_cursor);
  EXPECT_EQ(second.items[1].action, "read");
}

TEST_F(StoreTest, BackupIsACompleteCopy) {
  create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  std::string copy = dir.file("copy.db");
  store->backup(copy);
  EXPECT_EQ(count_rows(copy, "SELECT count(*) FROM events"), 1);
  EXPECT_EQ(count_rows(copy, "SELECT count(*) FROM steps"), count_rows(path(), "SELECT count(*) FROM steps"));
}

TEST_F(StoreTest, BulkLoadAssignsIdsAndProjectsEveryCase) {
  int made = 0;
  auto loaded = store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 3) return false;
    bulk.the_case = person("Child", std::to_string(made), "2015-05-05");
    RecordedEvent notice{0, arrival_notice("2026-11-02", "2026-11-20"), "2026-11-02T08:00:00Z",
                         ActorId("reception:ostersund")};
    bulk.events = {notice};
    ++made;
    return true;
  });
  EXPECT_EQ(loaded, 3);
  EXPECT_EQ(count_rows(path(), "SELECT count(DISTINCT case_num) FROM steps"), 3);
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM audit"), 0);
  EXPECT_EQ(store->list_cases(admin(), {}, today()).items.size(), 3u);
}

// bulk_load does not look up foreign keys (storage/bulk.cpp): what it
// writes must pass the check all the same.
TEST_F(StoreTest, BulkLoadedRowsPassTheForeignKeyCheck) {
  int made = 0;
  ASSERT_EQ(store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 300) return false;  // several flushes of the inserter
    bulk.the_case = person("Child", std::to_string(made++), "2015-05-05");
    bulk.events = {{0, arrival_notice("2026-11-02", "2026-11-20"), "2026-11-02T08:00:00Z",
                    ActorId("reception:ostersund")}};
    return true;
  }), 300);
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  SQLite::Statement violations(db, "PRAGMA foreign_key_check");
  EXPECT_FALSE(violations.executeStep()) << violations.getColumn(0).getString();
}

// What bulk_load relies on instead of the lookups: the schema's event
// vocabulary holds every type of the domain, and nothing else.
TEST_F(StoreTest, TheEventVocabularyIsTheDomainsEventTypes) {
  std::set<std::string> domain;
  for (int i = 0; i < event_type_count; ++i) domain.insert(std::string(to_string(static_cast<EventType>(i))));
  std::set<std::string> schema;
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  SQLite::Statement names(db, "SELECT name FROM event_types");
  while (names.executeStep()) schema.insert(names.getColumn(0).getString());
  EXPECT_EQ(schema, domain);
}

TEST_F(StoreTest, BulkLoadThatThrowsWritesNothing) {
  int made = 0;
  EXPECT_THROW(store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 2) throw std::runtime_error("bad input row");
    bulk.the_case = person("Child", std::to_string(made++), "2015-05-05");
    return true;
  }), std::runtime_error);
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM cases"), 0);
}

// Loads `cases` cases of `events` events each (an arrival notice, then
// housing changes); throws instead of making case number `throw_at`.
std::int64_t load(Store& store, int cases, int events, int throw_at = -1) {
  int made = 0;
  return store.bulk_load([&](Store::BulkCase& bulk) {
    if (made == throw_at) throw std::runtime_error("bad input row");
    if (made == cases) return false;
    bulk.the_case = person("Child", std::to_string(made), "2015-05-05");
    bulk.events = {{0, arrival_notice("2026-11-02", "2026-11-20"), "2026-11-02T08:00:00Z",
                    ActorId("reception:ostersund")}};
    for (int i = 1; i < events; ++i) {
      Event e = event(EventType::housing_changed, "2026-11-03");
      e.housing = i % 2 ? Housing::EBO : Housing::ABO;
      bulk.events.push_back({0, e, "2026-11-03T08:00:00Z", ActorId("reception:ostersund")});
    }
    ++made;
    return true;
  });
}

std::string journal_mode(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet("PRAGMA journal_mode").getString();
}

TEST_F(StoreTest, BulkLoadKeepsEveryEventOfALongHistoryInOrder) {
  ASSERT_EQ(load(*store, 2, 75), 2);  // more events than one multi-row insert takes
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events"), 150);
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM events GROUP BY case_num HAVING max(seq) = 75 AND min(seq) = 1"), 75);
  auto listed = store->list_cases(admin(), {}, today());
  ASSERT_EQ(listed.items.size(), 2u);
  auto found = store->find_case(admin(), listed.items[0].the_case.id, today());
  ASSERT_TRUE(found);
  ASSERT_EQ(found->events.size(), 75u);
  EXPECT_EQ(found->events[74].seq, 75);
  EXPECT_EQ(found->events[74].event.housing, Housing::ABO);
}

TEST_F(StoreTest, BulkLoadOfARowTheSchemaRefusesWritesNothingAndStopsPulling) {
  int made = 0;
  EXPECT_THROW(store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 5000) return false;
    // Case 10 is born before the schema's first date: its insert fails while
    // thousands of cases are still to come.
    bulk.the_case = person("Child", std::to_string(made), made == 10 ? "1700-01-01" : "2015-05-05");
    ++made;
    return true;
  }), std::exception);
  EXPECT_LT(made, 5000);  // the source was not drained after the failure
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM cases"), 0);
  EXPECT_EQ(journal_mode(path()), "wal");
}

TEST_F(StoreTest, BulkLoadLeavesTheDatabaseInWalModeWhetherItLoadsOrFails) {
  static const struct {
    const char* name;
    bool durable;
    int throw_at;
    std::int64_t cases_after;
  } cases[] = {{"loads", false, -1, 3}, {"loads, durable", true, -1, 3}, {"fails", false, 2, 0},
               {"fails, durable", true, 2, 0}};
  for (const auto& c : cases) {
    TempDir fresh;
    std::string file = fresh.file("kedja.db");
    {
      Store loading(Options{file, c.durable}, context());
      if (c.throw_at < 0) EXPECT_EQ(load(loading, 3, 2, c.throw_at), 3) << c.name;
      else EXPECT_THROW(load(loading, 3, 2, c.throw_at), std::runtime_error) << c.name;
      EXPECT_EQ(journal_mode(file), "wal") << c.name;
    }
    EXPECT_EQ(count_rows(file, "SELECT count(*) FROM cases"), c.cases_after) << c.name;
  }
}

TEST_F(StoreTest, BulkLoadBesideAnotherOpenConnectionStillLoadsEverything) {
  SQLite::Database other(path(), SQLite::OPEN_READONLY);  // another process, say
  other.exec("BEGIN");
  EXPECT_EQ(other.execAndGet("SELECT count(*) FROM cases").getInt(), 0);
  EXPECT_EQ(load(*store, 3, 2), 3);
  other.exec("COMMIT");
  EXPECT_EQ(count_rows(path(), "SELECT count(*) FROM cases"), 3);
  EXPECT_EQ(journal_mode(path()), "wal");
}

TEST_F(StoreTest, ReprojectReportsProgressOverEveryCase) {
  for (int i = 0; i < 3; ++i)
    create(person("Amina", std::to_string(i), "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  SQLite::Database raw(path(), SQLite::OPEN_READWRITE);
  register_histogram_function(raw);  // the step histograms' triggers call it
  raw.exec("DELETE FROM steps");
  std::int64_t last_done = 0, last_total = 0;
  store->reproject([&](std::int64_t done, std::int64_t total) { last_done = done, last_total = total; });
  EXPECT_EQ(last_done, 3);
  EXPECT_EQ(last_total, 3);
  EXPECT_EQ(count_rows(path(), "SELECT count(DISTINCT case_num) FROM steps"), 3);
}

TEST_F(StoreTest, EventsCannotBeUpdatedOrDeleted) {
  create(person("Amina", "Haddad", "2016-03-01"), {arrival_notice("2026-11-02", "2026-11-20")});
  SQLite::Database raw(path(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE events SET date = '2026-11-03'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM events"), SQLite::Exception);
}

TEST(StoreDurable, ConcurrentWritersAreEachAnsweredWithTheirOwnCommit) {
  TempDir dir;
  Store store(Options{dir.file("kedja.db"), true}, context());
  constexpr int writers = 8, appends = 25;
  std::vector<CaseId> ids;
  for (int w = 0; w < writers; ++w) {
    Event asylum = event(EventType::asylum_registered, "2026-10-01");
    asylum.housing = Housing::ABO;
    auto made = store.create_case(admin(), person("P", std::to_string(w), "1990-01-01"), {asylum}, today());
    ASSERT_TRUE(made) << made.problem().detail;
    ids.push_back(made->the_case.id);
  }
  std::vector<std::thread> threads;
  std::vector<int> failures(writers, 0);
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < appends; ++i) {
        Event change = event(EventType::housing_changed, "2026-10-02");
        change.housing = i % 2 ? Housing::ABO : Housing::EBO;
        auto appended = store.append_event(admin(), ids[static_cast<std::size_t>(w)], change, today());
        if (!appended || appended->event.seq != i + 2) ++failures[static_cast<std::size_t>(w)];
      }
    });
  for (auto& t : threads) t.join();
  for (int w = 0; w < writers; ++w) EXPECT_EQ(failures[static_cast<std::size_t>(w)], 0) << "writer " << w;
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM events"), writers * (appends + 1));
}

}  // namespace
}  // namespace kedja::storage::testing
