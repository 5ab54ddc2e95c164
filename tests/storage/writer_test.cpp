// The writer's queue: posted (not awaited) tasks, their bound, their
// failures, and the drain on close. (Suite named Store* so that the storage
// test pattern selects it.)
#include "fixture.h"
#include "storage/writer.h"

#include <SQLiteCpp/Database.h>

#include <chrono>
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
    for (std::int64_t i = 0; i < posted; ++i) writer.post(insert_audit_row());
  }  // closes with tasks still queued
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), posted);
}

TEST(StoreWriter, FlushReturnsOncePostedTasksAreCommitted) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  for (int i = 0; i < 100; ++i) writer.post(insert_audit_row());
  writer.flush();
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), 100);
}

TEST(StoreWriter, PostedTaskIsCommittedWithoutAnyFurtherCall) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  writer.post(insert_audit_row());
  // Within posted_delay; a loaded machine may take longer to schedule us.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  std::int64_t rows = 0;
  while (rows == 0 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(Writer::posted_delay);
    rows = count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'");
  }
  EXPECT_EQ(rows, 1);
}

TEST(StoreWriter, FailedPostedTaskIsThrownByTheNextPostAndOnlyOnce) {
  TempDir dir;
  Writer writer(dir.file("kedja.db"), false);
  writer.post([](Connection&) -> bool { throw std::runtime_error("disk full"); });
  writer.flush();
  EXPECT_THROW(writer.post(insert_audit_row()), std::runtime_error);
  EXPECT_NO_THROW(writer.post(insert_audit_row()));
  writer.flush();
  EXPECT_EQ(count_rows(dir.file("kedja.db"), "SELECT count(*) FROM audit WHERE action = 'posted'"), 1);
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
