#include "storage/connection.h"

#include "storage/step_histograms.h"
#include "storage/store.h"

#include <sqlite3.h>

#include <mutex>
#include <string_view>

namespace kedja::storage {

namespace {

int flags_for(OpenMode mode) {
  return mode == OpenMode::write ? SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX
                                 : SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;
}

// Memory statistics cost a global mutex on every allocation; Kedja does not
// read them. Effective only if SQLite is not initialised yet, else a no-op.
const std::string& configured(const std::string& path) {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  return path;
}

}  // namespace

Connection::Connection(const std::string& path, OpenMode mode, bool durable)
    : db_(configured(path), flags_for(mode), 10000) {
  db_.exec("PRAGMA foreign_keys = ON");
  register_histogram_function(db_);  // the step histograms' triggers call it
  if (mode == OpenMode::write) {
    // 8 KiB pages for a new database (a no-op on an existing one): bulk
    // loads ran about 8 % faster than with 4 KiB, durable appends and list
    // reads measured the same; 16 KiB cost appends 5–10 % (storage/README.md).
    db_.exec("PRAGMA page_size = 8192");
    db_.exec("PRAGMA journal_mode = WAL");
    // FULL: the WAL is fsynced at every commit, so an acknowledged write
    // survives a crash or a power cut. OFF only for tests of logic.
    db_.exec(durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF");
    db_.exec("PRAGMA wal_autocheckpoint = 4000");
  }
  // A reader's cache is dropped by SQLite at the start of every read
  // transaction that follows a write (WAL mode): a large one buys little.
  db_.exec(mode == OpenMode::write ? writer_cache_size_sql : "PRAGMA cache_size = -8192");  // 8 MiB
  db_.exec("PRAGMA temp_store = MEMORY");
}

Prepared Connection::prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    Cached cached{std::make_unique<SQLite::Statement>(db_, sql), nullptr};
    // SQLiteCpp keeps its handle private; SQLite lists a connection's
    // statements newest first, so the first one is the one just made.
    cached.handle = sqlite3_next_stmt(db_.getHandle(), nullptr);
    // (sqlite3_sql is the text of the one statement: `sql` may go on
    // with blanks or a semicolon.)
    if (!cached.handle || !std::string_view(sql).starts_with(sqlite3_sql(cached.handle)))
      throw StorageError("cannot find the handle of a prepared statement");
    found = statements_.emplace(sql, std::move(cached)).first;
  }
  auto& statement = *found->second.statement;
  statement.tryReset();  // a failed previous step must not poison the next use
  statement.clearBindings();
  return Prepared(statement, found->second.handle);
}

ReadTransaction::ReadTransaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN");
}

ReadTransaction::~ReadTransaction() {
  connection_.db().tryExec("COMMIT");
}

}  // namespace kedja::storage
