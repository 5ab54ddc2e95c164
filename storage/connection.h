// One SQLite connection with its prepared statements, used by one thread at a
// time (the writer thread, or one reading thread).
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

struct sqlite3_stmt;

namespace kedja::storage {

enum class OpenMode { write, read };

// The writer's page cache: small for the groups' writes (a large one made
// each commit slower: measured 26,000 → 31,000 appends/s going from 256 to
// 16 MiB), large while bulk loading (pages spilled to the WAL before the
// commit are written twice and read back).
inline constexpr const char* writer_cache_size_sql = "PRAGMA cache_size = -16384";  // 16 MiB
inline constexpr const char* bulk_cache_size_sql = "PRAGMA cache_size = -1048576";   // 1 GiB

// A cached statement in use: reset when it goes out of scope, so that no
// statement stays half-read and keeps a read snapshot (or a lock) open.
class Prepared {
 public:
  Prepared(SQLite::Statement& statement, sqlite3_stmt* handle)
      : statement_(statement), handle_(handle) {}
  ~Prepared() { statement_.tryReset(); }
  Prepared(const Prepared&) = delete;
  Prepared& operator=(const Prepared&) = delete;

  template <typename... Args>
  void bind(Args&&... args) { statement_.bind(std::forward<Args>(args)...); }
  bool executeStep() { return statement_.executeStep(); }
  int exec() { return statement_.exec(); }
  SQLite::Column getColumn(int index) const { return statement_.getColumn(index); }
  void tryReset() { statement_.tryReset(); }
  operator SQLite::Statement&() { return statement_; }
  operator const SQLite::Statement&() const { return statement_; }
  // SQLite's own handle, for reading many columns without SQLiteCpp's
  // per-value Column objects (rows.h).
  sqlite3_stmt* handle() const { return handle_; }

 private:
  SQLite::Statement& statement_;
  sqlite3_stmt* handle_;
};

class Connection {
 public:
  Connection(const std::string& path, OpenMode mode, bool durable);

  SQLite::Database& db() { return db_; }

  // A prepared statement for `sql`, reset and with its bindings cleared.
  // Prepared once per connection: the SQL text is the cache key.
  Prepared prepare(const std::string& sql);

  void exec(const char* sql) { db_.exec(sql); }

 private:
  struct Cached {
    std::unique_ptr<SQLite::Statement> statement;
    sqlite3_stmt* handle = nullptr;
  };
  SQLite::Database db_;
  std::unordered_map<std::string, Cached> statements_;
};

// Runs a read transaction: every SELECT inside sees one snapshot, so a reader
// sees all or none of a write (WAL).
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& connection);
  ~ReadTransaction();
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection& connection_;
};

}  // namespace kedja::storage
