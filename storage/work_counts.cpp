#include "storage/work_counts.h"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
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
constexpr const char* columns = "actor, open, day, key, municipality, health_centre";
std::string values(const std::string& row) {
  return row + ".actor, " + open_of(row) + ", " + day_of(row) + ", " + row + ".key, " + row + ".municipality, " +
         row + ".health_centre";
}
std::string match(const std::string& row) {
  return "actor = " + row + ".actor AND open = " + open_of(row) + " AND day = " + day_of(row) + " AND key = " +
         row + ".key AND municipality = " + row + ".municipality AND health_centre = " + row + ".health_centre";
}
// An update that leaves every counted column as it was changes no count:
// most of an append's rewritten rows (lateness, names) skip the triggers.
constexpr const char* changed =
    "(OLD.status IS NOT NEW.status OR OLD.due_on IS NOT NEW.due_on OR OLD.done_on IS NOT NEW.done_on OR "
    "OLD.actor IS NOT NEW.actor OR OLD.key IS NOT NEW.key OR OLD.municipality IS NOT NEW.municipality OR "
    "OLD.health_centre IS NOT NEW.health_centre)";

std::string count_in() {
  return "INSERT INTO work_counts (" + std::string(columns) + ", n) SELECT " + values("NEW") +
         ", 1 WHERE true ON CONFLICT DO UPDATE SET n = n + 1;\n";
}
std::string count_out() {
  // The last one is deleted first, then any other decremented: the other
  // order would delete a count just brought down to 1.
  return "DELETE FROM work_counts WHERE " + match("OLD") + " AND n = 1;\n"
         "UPDATE work_counts SET n = n - 1 WHERE " + match("OLD") + ";\n";
}

// As the step counts' triggers (storage/step_counts.cpp): every write of
// the projection is an INSERT, the upsert's UPDATE or a DELETE.
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

}  // namespace

void create_work_counts(SQLite::Database& db) {
  db.exec(table_sql);
  db.exec(triggers_sql());
  recount_work(db);
}

void recount_work(SQLite::Database& db) {
  db.exec("DELETE FROM work_counts");
  db.exec("INSERT INTO work_counts (" + std::string(columns) + ", n) SELECT " + values("steps") +
          ", count(*) FROM steps WHERE " + counted("steps") + " GROUP BY 1, 2, 3, 4, 5, 6");
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

void WorkCountTally::write(SQLite::Database& db) const {
  // In key order: each insert goes to the end of the table's b-tree.
  std::vector<const std::pair<const std::string, std::int64_t>*> rows;
  rows.reserve(counts_.size());
  for (const auto& count : counts_) rows.push_back(&count);
  std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->first < b->first; });
  SQLite::Statement insert(db, "INSERT INTO work_counts (" + std::string(columns) + ", n) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const auto* row : rows) {
    std::string_view rest = row->first;
    for (int column = 1; column <= 6; ++column) {
      const std::size_t end = std::min(rest.find(separator), rest.size());
      const std::string_view field = rest.substr(0, end);
      if (column == 2) insert.bind(column, field == "1" ? 1 : 0);
      else insert.bind(column, std::string(field));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    insert.bind(7, row->second);
    insert.exec();
    insert.reset();
  }
}

}  // namespace kedja::storage
