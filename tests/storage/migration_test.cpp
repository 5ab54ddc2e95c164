// Migrations at open: an older database is brought up to date, a newer one
// or a foreign file is refused.
#include "fixture.h"
#include "storage/schema.h"

#include <SQLiteCpp/Database.h>

#include <fstream>

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

TEST(Migration, VersionOneDatabaseIsMigratedKeepingItsData) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 1);
    db.exec("INSERT INTO audit (at, actor, token, action, case_id) "
            "VALUES ('2026-01-01T00:00:00.000Z', 'admin', 'admin-1', 'read', 'c1')");
  }
  ASSERT_EQ(user_version(path), 1);
  Store store(Options{path, false}, context());
  EXPECT_EQ(user_version(path), Store::schema_version());
  auto log = store.audit(CaseId("c1"), 10, std::nullopt);
  ASSERT_EQ(log.items.size(), 1u);
  EXPECT_EQ(log.items[0].token, "admin-1");
}

TEST(Migration, VersionTwoAuditLogMovesToPerCaseLinksInOrder) {
  TempDir dir;
  std::string path = dir.file("k.db");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    migrate(db, 2);
    for (const char* action : {"create", "read", "list"})
      db.exec(std::string("INSERT INTO audit (at, actor, token, action, case_id) "
                          "VALUES ('2026-01-01T00:00:00.000Z', 'admin', 'admin-1', '") + action + "', 'c1')");
    db.exec("INSERT INTO audit (at, actor, token, action, case_id) "
            "VALUES ('2026-01-01T00:00:00.000Z', 'admin', 'admin-1', 'read', 'c2')");
  }
  ASSERT_EQ(user_version(path), 2);
  Store store(Options{path, false}, context());
  EXPECT_EQ(user_version(path), 3);
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'audit_by_case'").getInt(), 0);
    EXPECT_EQ(db.execAndGet("SELECT count(*) FROM audit_cases").getInt(), 4);
  }
  auto log = store.audit(CaseId("c1"), 10, std::nullopt);
  ASSERT_EQ(log.items.size(), 3u);
  EXPECT_EQ(log.items[0].action, "create");
  EXPECT_EQ(log.items[2].action, "list");
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
