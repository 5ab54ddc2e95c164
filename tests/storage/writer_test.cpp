// The writer's queue: posted (not awaited) tasks, their bound, their
// failures (kept and tried again, never thrown at another request), and the
// drain on close. (Suite named Store* so that the storage
// test pattern selects it.)
#include "fixture.h"
#include "storage/writer.h"

#include <SQLiteCpp/Database.h>

#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <thread>

namespace kedja::storage::testing {
namespace {

std::int64_t count_rows(const std::string& path, const char* sql) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  return db.execAndGet(sql).getInt64();
}

Writer::Task insert_audit_row() {
  return [](Connection& c) {
    c.exec("INSERT INTO audit (at, actor, token, action) VALUES ('2026-11-25T08:00:00.000Z', 'admin', 't', 'posted')");
    return true;
  };
}

TEST(StoreWriter, ClosingCommitsEveryPostedTaskEvenBeyondTheQueueBound) {
  TempDir dir;
  const std::int64_t posted = 3 * static_cast<std::int64_t>(Writer::max_posted);
  {
    Writer writer(dir.file("kedja.db"), false);
    for (std::int64_t i = 0; i < posted; ++i) ASSERT_TRUE(writer.post(insert_audit_row(), std::chrono::seconds(10)));
  }  // closes with tasks still queued
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), posted);
}

TEST(StoreWriter, FlushReturnsOncePostedTasksAreCommitted) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(writer.post(insert_audit_row()));
  writer.flush();
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), 100);
}

TEST(StoreWriter, PostedTaskIsCommittedWithoutAnyFurtherCall) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  ASSERT_TRUE(writer.post(insert_audit_row()));
  // Within posted_delay; a loaded machine may take longer to schedule us.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::int64_t rows = 0;
  while (rows == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(Writer::posted_delay);
    rows = count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'");
  }
  EXPECT_EQ(rows, 1);
}

// A posted task that fails once, as on a full disk, then succeeds.
Writer::Task failing_once(std::shared_ptr<int> tries) {
  return [tries](Connection& c) {
    if ((*tries)++ == 0) throw std::runtime_error("disk full");
    return insert_audit_row()(c);
  };
}

TEST(StoreWriter, FailedPostedTaskIsKeptAndTriedAgainWhileReadsAreRefused) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  auto tries = std::make_shared<int>(0);
  ASSERT_TRUE(writer.post(failing_once(tries)));
  EXPECT_THROW(writer.flush(), Unavailable);
  auto refusal = writer.audit_refusal();
  ASSERT_TRUE(refusal.has_value());
  EXPECT_NE(refusal->find("disk full"), std::string::npos) << *refusal;
  writer.flush();  // tried again, and committed this time
  EXPECT_FALSE(writer.audit_refusal().has_value());
  EXPECT_EQ(*tries, 2);
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), 1);
}

TEST(StoreWriter, FailedPostedTaskIsNotThrownAtALaterCaller) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  ASSERT_TRUE(writer.post(failing_once(std::make_shared<int>(0))));
  EXPECT_TRUE(writer.post(insert_audit_row()));
  EXPECT_TRUE(writer.run(insert_audit_row()));  // its group retries the posted one, and succeeds
  writer.flush();
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), 3);
}

TEST(StoreWriter, PostGivesUpWhenTheQueueStaysFull) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  std::promise<void> release;
  std::promise<void> holding;
  auto hold = std::async(std::launch::async, [&] {
    writer.run_alone([&](Connection&) {  // the writer is busy until released
      holding.set_value();
      release.get_future().wait();
      return true;
    });
  });
  holding.get_future().wait();
  for (std::size_t i = 0; i < Writer::max_posted; ++i) ASSERT_TRUE(writer.post(insert_audit_row(), std::chrono::milliseconds(0)));
  EXPECT_FALSE(writer.post(insert_audit_row(), std::chrono::milliseconds(0)));  // no room: not queued
  release.set_value();
  hold.get();
  writer.flush();
  EXPECT_TRUE(writer.post(insert_audit_row(), std::chrono::milliseconds(0)));
  writer.flush();
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"),
            static_cast<std::int64_t>(Writer::max_posted) + 1);
}

TEST(StoreWriter, ClosingWhileAPostedTaskCannotBeCommittedLogsItsLoss) {
  TempDir dir;
  std::vector<std::string> lines;
  {
    Writer writer(dir.file("kedja.db"), false, [&](const std::string& line) { lines.push_back(line); });
    ASSERT_TRUE(writer.post([](Connection&) -> bool { throw std::runtime_error("disk full"); }));
  }  // returns: nothing is tried for ever
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("could not be recorded (disk full)"), std::string::npos) << lines.back();
}

TEST(StoreWriter, ClosingTheStoreCommitsTheAuditRowsOfEveryRead) {
  TempDir dir;
  std::string path = dir.file("kedja.db");
  auto store = std::make_unique<Store>(Options{path, false}, context());
  auto created = store->create_case(admin(), person("Amina", "Haddad", "2016-03-01"), {}, today());
  ASSERT_TRUE(created) << created.problem().detail;
  const int reads = 200;
  for (int i = 0; i < reads; ++i) ASSERT_TRUE(store->find_case(admin(), created->the_case.id, today()));
  store.reset();
  EXPECT_EQ(count_rows(path, "SELECT count(*) FROM audit WHERE action = 'read'"), reads);
}

}  // namespace
}  // namespace kedja::storage::testing
