// The audit log fails closed (contract §4, issue 11 §2): while a read's
// audit row cannot be committed — the database read-only or full, under a
// running store — reads of cases throw Unavailable (the server's 503), the
// failure is logged once with its cause, each write's failure is its own,
// and once the database can commit again every read that was answered is
// in the log and nothing else.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <mutex>

namespace kedja::storage::testing {
namespace {

std::int64_t count_rows(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt64();
}

// A store whose log lines the test reads.
struct AuditFaultTest : ::testing::Test {
  TempDir dir;
  std::mutex mutex;
  std::vector<std::string> lines;
  std::unique_ptr<Store> store;
  CaseId id;

  void SetUp() override {
    Options options{dir.file("kedja.db"), false};
    options.log = [this](const std::string& line) {
      std::lock_guard lock(mutex);
      lines.push_back(line);
    };
    store = std::make_unique<Store>(options, context());
    auto created = store->create_case(admin(), person("Amina", "Haddad", "2016-03-01"),
                                      {event(EventType::health_centre_notified, "2026-11-02")}, today());
    if (!created) throw std::runtime_error(created.problem().detail);
    id = created->the_case.id;
  }
  std::vector<std::string> logged() {
    std::lock_guard lock(mutex);
    return lines;
  }
  // Reads one case until its audit row is refused, flushing after each:
  // returns how many reads were answered. Fails the test past `most`.
  int read_until_refused(int most) {
    for (int answered = 0; answered <= most; ++answered) {
      try {
        if (!store->find_case(admin(), id, today())) ADD_FAILURE() << "the case is gone";
        store->audit(id, 1, std::nullopt);  // commits the read's row, or throws
      } catch (const Unavailable&) {
        return answered + 1;  // this read was answered, its row is waiting
      }
    }
    ADD_FAILURE() << "reads were never refused";
    return most;
  }
  std::int64_t reads_logged() { return count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'read'"); }
};

TEST_F(AuditFaultTest, ReadsAreRefusedWhileTheDatabaseIsReadOnlyAndAnsweredAgainAfter) {
  store->simulate_write_fault(WriteFault::read_only);
  const int answered = read_until_refused(1);
  EXPECT_EQ(answered, 1);  // the read before the writer knew; its row waits
  EXPECT_THROW(store->find_case(admin(), id, today()), Unavailable);
  EXPECT_THROW(store->list_cases(admin(), {}, today()), Unavailable);
  OverdueQuery overdue;
  overdue.as_of = today();
  EXPECT_THROW(store->overdue(admin(), overdue, today()), Unavailable);
  DueQuery due;
  due.from = due.to = today();
  EXPECT_THROW(store->due(admin(), due, today()), Unavailable);
  EXPECT_THROW(store->audit(id, 10, std::nullopt), Unavailable);
  EXPECT_NO_THROW(store->summary(admin(), SummaryBy::actor, today(), today()));  // shows no case
  EXPECT_THROW(store->feed(caller(Role::hc, "hc:ostersund"), today()), Unavailable);  // a calendar feed (issue 16)
  EXPECT_NO_THROW(store->due_steps(ActorId("hc:ostersund"), today()));  // a digest's counts show no case

  store->simulate_write_fault(WriteFault::none);
  store->audit(id, 10, std::nullopt);  // the waiting row is committed first
  EXPECT_TRUE(store->find_case(admin(), id, today()));
  store->audit(id, 10, std::nullopt);
  EXPECT_EQ(reads_logged(), answered + 1);  // every answered read, and no refused one
}

TEST_F(AuditFaultTest, ReadsAreRefusedWhileTheDatabaseIsFullAndAnsweredAgainAfter) {
  store->simulate_write_fault(WriteFault::full);
  // Rows fit in the last pages' free space until they do not.
  const int answered = read_until_refused(20000);
  EXPECT_THROW(store->find_case(admin(), id, today()), Unavailable);
  store->simulate_write_fault(WriteFault::none);
  store->audit(id, 10, std::nullopt);
  EXPECT_EQ(reads_logged(), answered);
}

TEST_F(AuditFaultTest, TheFailureIsLoggedOnceWithItsCauseAndTheRecoveryOnce) {
  store->simulate_write_fault(WriteFault::read_only);
  read_until_refused(1);
  for (int i = 0; i < 20; ++i) {
    EXPECT_THROW(store->find_case(admin(), id, today()), Unavailable);
    EXPECT_THROW(store->audit(id, 1, std::nullopt), Unavailable);  // each a commit tried again
    EXPECT_THROW(store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today()),
                 Unavailable);
  }
  auto failing = logged();
  ASSERT_EQ(failing.size(), 1u);
  EXPECT_NE(failing[0].find("readonly"), std::string::npos) << failing[0];
  EXPECT_NE(failing[0].find("503"), std::string::npos) << failing[0];

  store->simulate_write_fault(WriteFault::none);
  store->audit(id, 1, std::nullopt);
  ASSERT_TRUE(store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today()));
  auto after = logged();
  ASSERT_EQ(after.size(), 2u);
  EXPECT_NE(after[1].find("again"), std::string::npos) << after[1];
}

TEST_F(AuditFaultTest, AWriteThatCannotBeCommittedFailsItselfAndNoLaterRequest) {
  store->simulate_write_fault(WriteFault::read_only);
  try {
    store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today());
    ADD_FAILURE() << "the append was not refused";
  } catch (const Unavailable& e) {
    EXPECT_NE(std::string(e.what()).find("readonly"), std::string::npos) << e.what();
  }
  store->simulate_write_fault(WriteFault::none);
  // Nothing of the failed write surfaces later: the next requests succeed.
  EXPECT_TRUE(store->find_case(admin(), id, today()));
  auto appended = store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today());
  ASSERT_TRUE(appended) << appended.problem().detail;
  EXPECT_EQ(appended->event.seq, 2);  // the failed one left no trace
}

TEST_F(AuditFaultTest, ACreateOnAFullDatabaseFailsItselfAndWritesNothing) {
  store->simulate_write_fault(WriteFault::full);
  std::vector<Event> events(100, event(EventType::health_centre_notified, "2026-11-02"));
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) {  // until the pages' free space is used up
    try {
      store->create_case(admin(), person("Omar", "Haddad", "2016-03-01"), events, today());
    } catch (const Unavailable& e) {
      refused = true;
      EXPECT_NE(std::string(e.what()).find("full"), std::string::npos) << e.what();
    }
  }
  ASSERT_TRUE(refused);
  const auto cases = count_rows(dir.file("kedja.db"), "SELECT count(*) FROM cases");
  const auto events_stored = count_rows(dir.file("kedja.db"), "SELECT count(*) FROM events");
  EXPECT_EQ(events_stored, 1 + 100 * (cases - 1));  // no half of a case
  store->simulate_write_fault(WriteFault::none);
  EXPECT_TRUE(store->create_case(admin(), person("Omar", "Haddad", "2016-03-01"), events, today()));
}

}  // namespace
}  // namespace kedja::storage::testing
