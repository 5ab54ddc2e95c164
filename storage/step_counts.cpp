#include "storage/step_counts.h"

#include <string>

namespace kedja::storage {
namespace {

constexpr const char* tables_sql = R"sql(
CREATE TABLE step_counts (
  status TEXT NOT NULL CHECK (status = 'open' OR status = 'done' OR status = 'declined'),
  due_on TEXT NOT NULL CHECK (length(due_on) = 10),
  municipality TEXT NOT NULL,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  health_centre TEXT NOT NULL,
  late INTEGER NOT NULL,
  working_days_late INTEGER NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  PRIMARY KEY (status, due_on, municipality, actor, key, health_centre, late, working_days_late)
) WITHOUT ROWID;
CREATE TABLE step_counts_monthly (
  status TEXT NOT NULL CHECK (status = 'done' OR status = 'declined'),
  due_month TEXT NOT NULL CHECK (length(due_month) = 7),
  municipality TEXT NOT NULL,
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  health_centre TEXT NOT NULL,
  late INTEGER NOT NULL,
  working_days_late INTEGER NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  PRIMARY KEY (status, due_month, municipality, actor, key, health_centre, late, working_days_late)
) WITHOUT ROWID;
)sql";

// The columns of a count, and the same taken from a steps row (ROW is NEW
// or OLD in a trigger, a table name in a SELECT).
constexpr const char* key_columns = "status, municipality, actor, key, health_centre, late, working_days_late";
std::string key_values(const std::string& row) {
  return row + ".status, " + row + ".municipality, " + row + ".actor, " + row + ".key, " + row +
         ".health_centre, " + row + ".late, " + row + ".working_days_late";
}
std::string key_match(const std::string& row) {
  return "status = " + row + ".status AND municipality = " + row + ".municipality AND actor = " + row +
         ".actor AND key = " + row + ".key AND health_centre = " + row + ".health_centre AND late = " +
         row + ".late AND working_days_late = " + row + ".working_days_late";
}
std::string counted(const std::string& row) {
  return row + ".due_on IS NOT NULL AND " + row + ".status <> 'cancelled'";
}

// Trigger bodies: count a NEW row in, or an OLD row out.
std::string count_in() {
  return "INSERT INTO step_counts (" + std::string(key_columns) + ", due_on, n) SELECT " + key_values("NEW") +
         ", NEW.due_on, 1 WHERE true ON CONFLICT DO UPDATE SET n = n + 1;\n"
         "INSERT INTO step_counts_monthly (" + key_columns + ", due_month, n) SELECT " + key_values("NEW") +
         ", substr(NEW.due_on, 1, 7), 1 WHERE NEW.status <> 'open' ON CONFLICT DO UPDATE SET n = n + 1;\n";
}
std::string count_out() {
  const std::string day = key_match("OLD") + " AND due_on = OLD.due_on";
  const std::string month = key_match("OLD") + " AND due_month = substr(OLD.due_on, 1, 7)";
  // The last one is deleted first, then any other decremented: the other
  // order would delete a count just brought down to 1.
  return "DELETE FROM step_counts WHERE " + day + " AND n = 1;\n"
         "UPDATE step_counts SET n = n - 1 WHERE " + day + ";\n"
         "DELETE FROM step_counts_monthly WHERE " + month + " AND n = 1;\n"
         "UPDATE step_counts_monthly SET n = n - 1 WHERE " + month + ";\n";
}

// Every write of the projection goes through INSERT (new rows), the upsert
// of insert_step_sql (changed rows: an UPDATE) or DELETE; an UPDATE counts
// the old row out and the new one in.
std::string triggers_sql() {
  return "CREATE TRIGGER steps_count_insert AFTER INSERT ON steps WHEN " + counted("NEW") + " BEGIN\n" +
         count_in() + "END;\n"
         "CREATE TRIGGER steps_count_delete AFTER DELETE ON steps WHEN " + counted("OLD") + " BEGIN\n" +
         count_out() + "END;\n"
         "CREATE TRIGGER steps_count_update_out AFTER UPDATE ON steps WHEN " + counted("OLD") + " BEGIN\n" +
         count_out() + "END;\n"
         "CREATE TRIGGER steps_count_update_in AFTER UPDATE ON steps WHEN " + counted("NEW") + " BEGIN\n" +
         count_in() + "END;\n";
}

}  // namespace

void create_step_counts(SQLite::Database& db) {
  db.exec(tables_sql);
  db.exec(triggers_sql());
  recount_steps(db);
}

void recount_steps(SQLite::Database& db) {
  db.exec("DELETE FROM step_counts; DELETE FROM step_counts_monthly;");
  db.exec("INSERT INTO step_counts (" + std::string(key_columns) + ", due_on, n) SELECT " + key_columns +
          ", due_on, count(*) FROM steps WHERE " + counted("steps") + " GROUP BY " + key_columns + ", due_on");
  db.exec("INSERT INTO step_counts_monthly (" + std::string(key_columns) + ", due_month, n) SELECT " +
          key_columns + ", substr(due_on, 1, 7), count(*) FROM steps WHERE " + counted("steps") +
          " AND status <> 'open' GROUP BY " + key_columns + ", substr(due_on, 1, 7)");
}

}  // namespace kedja::storage
