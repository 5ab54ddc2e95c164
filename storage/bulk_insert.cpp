#include "storage/bulk_insert.h"

#include "storage/case_io.h"
#include "storage/rows.h"

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <bit>
#include <string>
#include <string_view>

namespace kedja::storage {
namespace {

constexpr std::size_t max_rows_per_statement = 128;  // a power of two; 19 × 128 values: well under SQLite's 32,766
constexpr std::size_t cases_per_flush = 64;
constexpr int event_values = 19;  // as in insert_event_sql
constexpr int step_values = 18;   // as in insert_step_sql

// Binds the values of a statement in order. Text is bound without a copy
// (SQLITE_STATIC): the caller keeps it alive until the statement has run.
class Binder {
 public:
  explicit Binder(sqlite3_stmt* s) : s_(s) {}
  void text(std::string_view value) { check(sqlite3_bind_text(s_, next_++, value.data(), size(value), SQLITE_STATIC)); }
  void date(Date day) {
    // Copied by SQLite (TRANSIENT): the text lives on this stack. A year
    // beyond four digits goes in as format_date prints it, for the schema's
    // CHECK to refuse.
    if (auto chars = date_chars(day)) {
      check(sqlite3_bind_text(s_, next_++, chars->data(), static_cast<int>(chars->size()), SQLITE_TRANSIENT));
      return;
    }
    const std::string text = format_date(day);
    check(sqlite3_bind_text(s_, next_++, text.data(), size(text), SQLITE_TRANSIENT));
  }
  void integer(std::int64_t value) { check(sqlite3_bind_int64(s_, next_++, value)); }
  void null() { check(sqlite3_bind_null(s_, next_++)); }
  void optional_text(const std::optional<std::string>& value) { value ? text(std::string_view(*value)) : null(); }
  void date(const std::optional<Date>& value) { value ? date(*value) : null(); }
  template <typename E>
  void enumeration(const std::optional<E>& value) { value ? text(to_string(*value)) : null(); }

 private:
  static int size(std::string_view value) { return static_cast<int>(value.size()); }
  void check(int rc) {
    if (rc != SQLITE_OK) throw SQLite::Exception(sqlite3_db_handle(s_), rc);
  }
  sqlite3_stmt* s_;
  int next_ = 1;
};

void run(sqlite3_stmt* s) {
  int rc = sqlite3_step(s);
  if (rc != SQLITE_DONE) {
    SQLite::Exception error(sqlite3_db_handle(s), rc);
    sqlite3_reset(s);
    throw error;
  }
  sqlite3_reset(s);
}

// Inserts `rows` rows, the most a statement may take at a time and the rest
// in power-of-two parts: at most eight statement shapes per table are ever
// prepared (preparing one of 128 rows costs about as much as running it;
// measured: an odd count per flush was 3 % of a load).
template <typename StatementFor, typename BindRow>
void insert_in_parts(std::size_t rows, StatementFor statement_for, BindRow bind_row) {
  for (std::size_t first = 0; first < rows;) {
    std::size_t left = rows - first;
    std::size_t count = left >= max_rows_per_statement ? max_rows_per_statement : std::bit_floor(left);
    sqlite3_stmt* s = statement_for(static_cast<int>(count));
    Binder b(s);
    for (std::size_t i = 0; i < count; ++i) bind_row(b, first + i);
    run(s);
    first += count;
  }
}

void bind_event(Binder& b, std::int64_t case_num, const RecordedEvent& recorded) {
  const Event& e = recorded.event;
  b.integer(case_num);
  b.integer(recorded.seq);
  b.text(to_string(e.type));
  b.date(e.date);
  b.optional_text(e.event_id);
  b.enumeration(e.housing);
  b.enumeration(e.permit);
  b.optional_text(e.municipality);
  b.date(e.latest_reception);
  b.date(e.expected_arrival);
  b.date(e.appointment);
  if (e.school_start_obstacle) b.integer(*e.school_start_obstacle ? 1 : 0); else b.null();
  b.enumeration(e.outcome);
  b.optional_text(e.step);
  b.optional_text(e.health_centre);
  if (e.voided_seq) b.integer(*e.voided_seq); else b.null();
  b.optional_text(e.reason);
  b.text(recorded.recorded_at);
  b.text(recorded.recorded_by.str());
}

void bind_step(Binder& b, std::int64_t case_num, int ord, const Case& the_case,
               const std::string& municipality, const std::string& health_centre,
               const std::string& birth_date, const Step& step) {
  b.integer(case_num);
  b.integer(ord);
  b.text(the_case.id.str());
  b.text(step.key.str());
  b.text(step.title);
  b.text(step.actor.str());
  b.date(step.opened_on);
  b.integer(step.opened_by_seq);
  b.date(step.due_on);
  b.text(to_string(step.status));
  b.date(step.done_on);
  b.integer(step.late ? 1 : 0);
  b.integer(step.working_days_late);
  b.text(municipality);
  b.text(health_centre);
  b.text(birth_date);
  b.text(the_case.given_name);
  b.text(the_case.family_name);
}

}  // namespace

sqlite3_stmt* BulkInserter::rows_statement(Table table, int rows) {
  auto& statement = statements_[{table, rows}];
  if (statement) return statement;
  std::string_view single = table == Table::events ? insert_event_sql : insert_step_sql;
  single.remove_prefix(std::string_view("INSERT").size());
  single = single.substr(0, single.find(" VALUES"));
  int values = table == Table::events ? event_values : step_values;
  std::string row = "(?";
  for (int i = 1; i < values; ++i) row += ",?";
  row += ")";
  std::string sql = "INSERT" + std::string(single) + " VALUES " + row;
  for (int i = 1; i < rows; ++i) sql += "," + row;
  statement = c_.prepare(sql).handle();
  return statement;
}

std::int64_t BulkInserter::insert_case(ReadyCase& ready) {
  Case& the_case = ready.the_case;
  const Derived& now = ready.now;
  if (!case_statement_) case_statement_ = c_.prepare(insert_case_sql).handle();
  sqlite3_stmt* s = case_statement_;
  for (int attempt = 0;; ++attempt) {
    Binder b(s);  // in the order of insert_case_sql
    b.text(the_case.id.str());
    b.optional_text(the_case.external_ref);
    b.text(the_case.given_name);
    b.text(the_case.family_name);
    b.text(ready.given_fold);
    b.text(ready.family_fold);
    b.date(the_case.birth_date);
    b.text(to_string(the_case.sex));
    b.text(the_case.language);
    b.integer(the_case.interpreter_needed ? 1 : 0);
    b.optional_text(the_case.household);
    b.integer(the_case.unaccompanied ? 1 : 0);
    b.text(the_case.municipality);
    b.text(the_case.health_centre.str());
    if (the_case.rule_set) b.text(the_case.rule_set->str()); else b.null();
    b.text(now.municipality);
    b.text(now.health_centre);
    b.integer(now.closed ? 1 : 0);
    b.optional_text(now.rule_set);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_DONE) {
      sqlite3_reset(s);
      return sqlite3_last_insert_rowid(sqlite3_db_handle(s));
    }
    SQLite::Exception error(sqlite3_db_handle(s), rc);
    sqlite3_reset(s);
    // A random id that is already taken (1 in 2^64 per case): draw again.
    bool id_taken = error.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE &&
                    std::string_view(error.what()).find("cases.id") != std::string_view::npos;
    if (!id_taken || attempt == 3) throw error;
    the_case.id = new_case_id();
  }
}

std::int64_t BulkInserter::add(ReadyCase ready) {
  ready.num = insert_case(ready);
  const std::int64_t num = ready.num;
  last_id_ = ready.the_case.id;
  if (tally_)
    for (const Step& step : ready.state.steps) tally_->add(step, ready.now.municipality, ready.now.health_centre);
  pending_.push_back(std::move(ready));
  if (pending_.size() == cases_per_flush) flush();
  return num;
}

void BulkInserter::flush() {
  flush_events();
  flush_steps();
  pending_.clear();
}

void BulkInserter::flush_events() {
  std::vector<std::pair<std::int64_t, const RecordedEvent*>> rows;
  for (const ReadyCase& p : pending_)
    for (const RecordedEvent& event : p.events) rows.emplace_back(p.num, &event);
  insert_in_parts(rows.size(), [&](int count) { return rows_statement(Table::events, count); },
                  [&](Binder& b, std::size_t row) { bind_event(b, rows[row].first, *rows[row].second); });
}

void BulkInserter::flush_steps() {
  std::vector<std::pair<const ReadyCase*, int>> rows;  // the case, the step's ord
  for (const ReadyCase& p : pending_)
    for (std::size_t ord = 0; ord < p.state.steps.size(); ++ord) rows.emplace_back(&p, static_cast<int>(ord));
  insert_in_parts(rows.size(), [&](int count) { return rows_statement(Table::steps, count); },
                  [&](Binder& b, std::size_t row) {
                    const auto& [p, ord] = rows[row];
                    bind_step(b, p->num, ord, p->the_case, p->now.municipality, p->now.health_centre,
                              p->birth_date, p->state.steps[static_cast<std::size_t>(ord)]);
                  });
}

}  // namespace kedja::storage
