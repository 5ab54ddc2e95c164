// The inserts of bulk_load, as fast as SQLite allows: statements prepared
// once, a case's events and its steps each in one multi-row INSERT, values
// bound through SQLite's C API straight from the domain objects (no string
// copies or printf on our side). The same rows and constraints as the
// ordinary write path (case_io.h).
#pragma once

#include "storage/connection.h"
#include "storage/ready_queue.h"
#include "storage/work_counts.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace kedja::storage {

class BulkInserter {
 public:
  // With a tally, every step inserted is also counted there (bulk_load into
  // an empty database, whose count triggers are dropped).
  explicit BulkInserter(Connection& c, WorkCountTally* tally = nullptr) : c_(c), tally_(tally) {}
  // Inserts the case row now (drawing another id in the unlikely case that
  // its id is taken). Its events (seq already set) and the steps of its
  // state go in with the next flush, many cases' rows per statement.
  // Returns the case row's num; last_id() is its id.
  std::int64_t add(ReadyCase ready);
  const CaseId& last_id() const { return last_id_; }
  // Inserts every pending event and step row. Call it before the commit.
  void flush();

 private:
  enum class Table { events, steps };
  sqlite3_stmt* rows_statement(Table table, int rows);
  std::int64_t insert_case(ReadyCase& ready);
  void flush_events();
  void flush_steps();

  Connection& c_;
  WorkCountTally* tally_;
  std::vector<ReadyCase> pending_;
  std::map<std::pair<Table, int>, sqlite3_stmt*> statements_;  // owned by c_'s cache
  sqlite3_stmt* case_statement_ = nullptr;
  CaseId last_id_{std::string()};
};

}  // namespace kedja::storage
