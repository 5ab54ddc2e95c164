#include "storage/work_counts.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

namespace kedja::storage {
namespace {

// Keyed with the actor first: every count Store::work reads from here is
// one actor's, and a tab is one range of days within (actor, open).
constexpr const char* table_sql = R"sql(
CREATE TABLE work_counts (
  actor TEXT NOT NULL,
  open INTEGER NOT NULL CHECK (open = 0 OR open = 1),
  day TEXT NOT NULL CHECK (length(day) = 10 OR (open = 1 AND day = '')),
  key TEXT NOT NULL,
  municipality TEXT NOT NULL,
  health_centre TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  PRIMARY KEY (actor, open, day, key, municipality, health_centre)
) WITHOUT ROWID;
)sql";

// The same without the step (migration 19): the tab counts of a view with
// no step chosen, the page's usual one, read a row per day and place, not
// per day, place and step — a quarter of the rows at 1M demo cases.
constexpr const char* day_table_sql = R"sql(
CREATE TABLE work_day_counts (
  actor TEXT NOT NULL,
  open INTEGER NOT NULL CHECK (open = 0 OR open = 1),
  day TEXT NOT NULL CHECK (length(day) = 10 OR (open = 1 AND day = '')),
  municipality TEXT NOT NULL,
  health_centre TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  PRIMARY KEY (actor, open, day, municipality, health_centre)
) WITHOUT ROWID;
)sql";

// One of the two tables of counts.
struct CountTable {
  const char* name;
  bool by_step;  // has the `key` column
};
constexpr CountTable by_step{"work_counts", true};
constexpr CountTable by_day{"work_day_counts", false};

// ROW is NEW or OLD in a trigger, `steps` in a SELECT.
// The steps a tab can select: open ones (Försenade, Förfaller snart, Utan
// tidsgräns) and done or declined ones with a done day (Klara).
std::string counted(const std::string& row) {
  return "(" + row + ".status = 'open' OR (" + row + ".done_on IS NOT NULL AND (" + row + ".status = 'done' OR " +
         row + ".status = 'declined')))";
}
std::string open_of(const std::string& row) { return "(" + row + ".status = 'open')"; }
// An open step's due day ('' without one: text order puts it before every
// day), a closed step's done day.
std::string day_of(const std::string& row) {
  return "(CASE WHEN " + row + ".status = 'open' THEN coalesce(" + row + ".due_on, '') ELSE " + row +
         ".done_on END)";
}
std::string columns(const CountTable& t) {
  return t.by_step ? "actor, open, day, key, municipality, health_centre" : "actor, open, day, municipality, health_centre";
}
std::string values(const CountTable& t, const std::string& row) {
  return row + ".actor, " + open_of(row) + ", " + day_of(row) + ", " + (t.by_step ? row + ".key, " : "") + row +
         ".municipality, " + row + ".health_centre";
}
std::string match(const CountTable& t, const std::string& row) {
  return "actor = " + row + ".actor AND open = " + open_of(row) + " AND day = " + day_of(row) +
         (t.by_step ? " AND key = " + row + ".key" : "") + " AND municipality = " + row +
         ".municipality AND health_centre = " + row + ".health_centre";
}
// An update that leaves every counted column as it was changes no count:
// most of an append's rewritten rows (lateness, names) skip the triggers.
constexpr const char* changed =
    "(OLD.status IS NOT NEW.status OR OLD.due_on IS NOT NEW.due_on OR OLD.done_on IS NOT NEW.done_on OR "
    "OLD.actor IS NOT NEW.actor OR OLD.key IS NOT NEW.key OR OLD.municipality IS NOT NEW.municipality OR "
    "OLD.health_centre IS NOT NEW.health_centre)";

std::string count_in() {
  std::string sql;
  for (const CountTable& t : {by_step, by_day})
    sql += "INSERT INTO " + std::string(t.name) + " (" + columns(t) + ", n) SELECT " + values(t, "NEW") +
           ", 1 WHERE true ON CONFLICT DO UPDATE SET n = n + 1;\n";
  return sql;
}
std::string count_out() {
  // The last one is deleted first, then any other decremented: the other
  // order would delete a count just brought down to 1.
  std::string sql;
  for (const CountTable& t : {by_step, by_day})
    sql += "DELETE FROM " + std::string(t.name) + " WHERE " + match(t, "OLD") + " AND n = 1;\n"
           "UPDATE " + t.name + " SET n = n - 1 WHERE " + match(t, "OLD") + ";\n";
  return sql;
}

// As the step counts' triggers (storage/step_counts.cpp): every write of
// the projection is an INSERT, the upsert's UPDATE or a DELETE. Each keeps
// both tables.
std::string triggers_sql() {
  return "CREATE TRIGGER work_count_insert AFTER INSERT ON steps WHEN " + counted("NEW") + " BEGIN\n" +
         count_in() + "END;\n"
         "CREATE TRIGGER work_count_delete AFTER DELETE ON steps WHEN " + counted("OLD") + " BEGIN\n" +
         count_out() + "END;\n"
         "CREATE TRIGGER work_count_update_out AFTER UPDATE ON steps WHEN " + counted("OLD") + " AND " + changed +
         " BEGIN\n" + count_out() + "END;\n"
         "CREATE TRIGGER work_count_update_in AFTER UPDATE ON steps WHEN " + counted("NEW") + " AND " + changed +
         " BEGIN\n" + count_in() + "END;\n";
}

void drop_triggers(SQLite::Database& db) {
  for (const char* name : {"work_count_insert", "work_count_delete", "work_count_update_out", "work_count_update_in"})
    db.exec(std::string("DROP TRIGGER IF EXISTS ") + name);
}

void count_steps(SQLite::Database& db, const CountTable& t) {
  db.exec("DELETE FROM " + std::string(t.name));
  db.exec("INSERT INTO " + std::string(t.name) + " (" + columns(t) + ", n) SELECT " + values(t, "steps") +
          ", count(*) FROM steps WHERE " + counted("steps") +
          (t.by_step ? " GROUP BY 1, 2, 3, 4, 5, 6" : " GROUP BY 1, 2, 3, 4, 5"));
}

}  // namespace

void create_work_counts(SQLite::Database& db) {
  db.exec(table_sql);
  // The day counts and the triggers that keep both come with migration 19
  // (add_work_day_counts); until then nothing writes steps.
  count_steps(db, by_step);
}

void add_work_day_counts(SQLite::Database& db) {
  db.exec(day_table_sql);
  drop_triggers(db);
  db.exec(triggers_sql());
  // work_counts is right already: its triggers kept it until this moment.
  // The day counts from the steps' counts, not the steps themselves:
  // 0.2M rows to add up instead of 6.6M steps to group (1M demo cases).
  db.exec("INSERT INTO work_day_counts (" + columns(by_day) + ", n) SELECT actor, open, day, municipality, "
          "health_centre, sum(n) FROM work_counts GROUP BY 1, 2, 3, 4, 5");
}

namespace {
constexpr char separator = '\x1f';  // between a tally key's fields; in no actor, step or place name

void append_date(std::string& out, Date day) {
  if (auto chars = date_chars(day)) out.append(chars->data(), chars->size());
  else out += format_date(day);  // out of range: for the CHECK to refuse
}
}  // namespace

void WorkCountTally::add(const Step& step, std::string_view municipality, std::string_view health_centre) {
  const bool open = step.status == StepStatus::open;
  const bool closed = (step.status == StepStatus::done || step.status == StepStatus::declined) && step.done_on;
  if (!open && !closed) return;  // as counted() in the triggers
  key_.assign(step.actor.str());
  key_ += separator;
  key_ += open ? '1' : '0';
  key_ += separator;
  if (open && step.due_on) append_date(key_, *step.due_on);  // '' without a due date
  if (!open) append_date(key_, *step.done_on);
  key_ += separator;
  key_ += step.key.str();
  key_ += separator;
  key_ += municipality;
  key_ += separator;
  key_ += health_centre;
  if (auto found = counts_.find(key_); found != counts_.end()) ++found->second;
  else counts_.emplace(key_, 1);
}

namespace {

// Inserts `counts` (tally keys in key order) into `table`.
void insert_counts(SQLite::Database& db, const CountTable& table,
                   const std::vector<std::pair<std::string_view, std::int64_t>>& counts) {
  const int fields = table.by_step ? 6 : 5;
  SQLite::Statement insert(db, "INSERT INTO " + std::string(table.name) + " (" + columns(table) + ", n) VALUES (" +
                                   (table.by_step ? "?, ?, ?, ?, ?, ?, ?" : "?, ?, ?, ?, ?, ?") + ")");
  for (const auto& [key, n] : counts) {
    std::string_view rest = key;
    for (int column = 1; column <= fields; ++column) {
      const std::size_t end = std::min(rest.find(separator), rest.size());
      const std::string_view field = rest.substr(0, end);
      if (column == 2) insert.bind(column, field == "1" ? 1 : 0);
      else insert.bind(column, std::string(field));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    insert.bind(fields + 1, n);
    insert.exec();
    insert.reset();
  }
}

}  // namespace

void WorkCountTally::write(SQLite::Database& db) const {
  // In key order: each insert goes to the end of the table's b-tree.
  std::vector<std::pair<std::string_view, std::int64_t>> rows(counts_.begin(), counts_.end());
  std::sort(rows.begin(), rows.end());
  insert_counts(db, by_step, rows);
  // The day counts: the same keys without their step (the 4th field), summed.
  std::map<std::string, std::int64_t> days;
  for (const auto& [key, n] : rows) {
    std::size_t step = 0;
    for (int field = 0; field < 3; ++field) step = key.find(separator, step) + 1;
    const std::size_t after = key.find(separator, step);
    days[std::string(key.substr(0, step)) + std::string(key.substr(after + 1))] += n;
  }
  insert_counts(db, by_day, {days.begin(), days.end()});
}

}  // namespace kedja::storage
