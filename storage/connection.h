// One SQLite connection with its prepared statements, used by one thread at a
// time (the writer thread, or one reading thread).
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

namespace kedja::storage {

enum class OpenMode { write, read };

// A cached statement in use: reset when it goes out of scope, so that no
// statement stays half-read and keeps a read snapshot (or a lock) open.
class Prepared {
 public:
  explicit Prepared(SQLite::Statement& statement) : statement_(statement) {}
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

 private:
  SQLite::Statement& statement_;
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
  SQLite::Database db_;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
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
