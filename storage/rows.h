// How the domain's values are written to and read from rows: the column
// lists, the text forms of enums and dates, name folding for search.
#pragma once

#include "domain/case.h"
#include "domain/event.h"
#include "domain/steps.h"
#include "storage/connection.h"

#include "storage/store.h"

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kedja::storage {

// The values of the current row of a statement, read through SQLite's own
// column functions: SQLiteCpp makes a Column object (and copies a
// shared_ptr) per value, which showed in the writer's profile.
class Row {
 public:
  explicit Row(const Prepared& s) : s_(s.handle()) {}

  bool null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  std::int64_t integer(int i) const { return sqlite3_column_int64(s_, i); }
  std::string_view text(int i) const {
    auto* p = sqlite3_column_text(s_, i);  // before _bytes, as SQLite asks
    return p ? std::string_view(reinterpret_cast<const char*>(p),
                                static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
             : std::string_view{};
  }
  std::string string(int i) const { return std::string(text(i)); }
  // The bytes of a BLOB column, valid until the statement steps or resets.
  std::span<const unsigned char> blob(int i) const {
    auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(s_, i));  // before _bytes
    return p ? std::span<const unsigned char>(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, i)))
             : std::span<const unsigned char>{};
  }
  std::optional<std::string> optional_string(int i) const {
    if (null(i)) return std::nullopt;
    return string(i);
  }
  Date date(int i) const {
    auto day = parse_date(text(i));
    if (!day) throw corrupt(i, "is not a date");
    return *day;
  }
  std::optional<Date> optional_date(int i) const {
    if (null(i)) return std::nullopt;
    return date(i);
  }
  template <typename E, int Count>
  E enumeration(int i) const {
    // Built once: a hash lookup instead of comparing with every enumerator.
    static const auto by_text = [] {
      std::unordered_map<std::string_view, E> map;
      for (int k = 0; k < Count; ++k) map.emplace(to_string(static_cast<E>(k)), static_cast<E>(k));
      return map;
    }();
    auto found = by_text.find(text(i));
    if (found == by_text.end()) throw corrupt(i, "is not a known value");
    return found->second;
  }
  template <typename E, int Count>
  std::optional<E> optional_enumeration(int i) const {
    if (null(i)) return std::nullopt;
    return enumeration<E, Count>(i);
  }

 private:
  StorageError corrupt(int i, const char* what) const {
    return StorageError(std::string("corrupt row: ") + sqlite3_column_name(s_, i) + " '" +
                        std::string(text(i)) + "' " + what);
  }
  sqlite3_stmt* s_;
};

// A stored date or a corrupt row: throws StorageError naming the column.
Date date_column(const SQLite::Column& column);
std::optional<Date> optional_date_column(const SQLite::Column& column);

// A name's search form (given_fold, family_fold): NFC and Unicode case
// folding (utf8proc, domain/text/unicode.h), so that a decomposed Å and an
// upper-case one find the same names. Migration 7 refolded older rows.
std::string fold_name(std::string_view name);
// The smallest string greater than every string that starts with `prefix`.
std::string prefix_end(std::string_view prefix);

// "2026-11-25T08:01:02Z" (events) and with milliseconds (audit).
std::string utc_now_seconds();
std::string utc_now_millis();

std::optional<Sex> sex_from(std::string_view text);

// --- events ---------------------------------------------------------------
// The columns an event SELECT lists, in the order read_event reads them.
inline constexpr const char* event_columns =
    "seq, type, date, event_id, housing, permit, municipality, latest_reception, "
    "expected_arrival, appointment, school_start_obstacle, outcome, step, health_centre, "
    "voided_seq, reason, recorded_at, recorded_by";
inline constexpr const char* insert_event_sql =
    "INSERT INTO events (case_num, seq, type, date, event_id, housing, permit, municipality, "
    "latest_reception, expected_arrival, appointment, school_start_obstacle, outcome, step, "
    "health_centre, voided_seq, reason, recorded_at, recorded_by) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";

void bind_event(SQLite::Statement& insert, std::int64_t case_num, const RecordedEvent& event);
RecordedEvent read_event(const Prepared& select);

// --- cases ----------------------------------------------------------------
inline constexpr const char* case_columns =
    "num, id, external_ref, given_name, family_name, birth_date, sex, language, "
    "interpreter_needed, household, unaccompanied, municipality, health_centre, rule_set, "
    "cur_municipality, cur_health_centre, closed, resolved_rule_set";

// A case row: the case as created and what its events make of it now.
struct CaseRow {
  std::int64_t num = 0;
  Case the_case;
  std::string municipality;  // now
  ActorId health_centre;     // now
  bool closed = false;
  std::optional<RuleSetId> rule_set;  // resolved
};
CaseRow read_case(const Prepared& select);

inline constexpr const char* insert_case_sql =
    "INSERT INTO cases (id, external_ref, given_name, family_name, given_fold, family_fold, "
    "birth_date, sex, language, interpreter_needed, household, unaccompanied, municipality, "
    "health_centre, rule_set, cur_municipality, cur_health_centre, closed, resolved_rule_set) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)";
// Binds ?1…?15 (the case's own fields); the derived ?16…?19 are the caller's.
void bind_case(SQLite::Statement& insert, const Case& the_case);

// --- steps ----------------------------------------------------------------
// The columns a step SELECT lists, in the order read_step reads them.
inline constexpr const char* step_columns =
    "key, title, actor, opened_on, opened_by_seq, due_on, status, done_on, late, working_days_late";
Step read_step(const Prepared& select);

// The columns of an overdue or due item, in the order read_step_item reads
// them; a list's query may select more after these.
inline constexpr const char* step_item_columns =
    "case_id, given_name, family_name, birth_date, municipality, key, actor, opened_on, due_on";
inline constexpr int step_item_column_count = 9;
StepItem read_step_item(const Row& row);

inline constexpr const char* insert_step_sql =
    "INSERT INTO steps (case_num, ord, case_id, key, title, actor, opened_on, opened_by_seq, "
    "due_on, status, done_on, late, working_days_late, municipality, health_centre, birth_date, "
    "given_name, family_name) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) "
    // An upsert, not INSERT OR REPLACE: a changed row is an UPDATE, which
    // the step-count triggers see (REPLACE's delete fires no trigger).
    "ON CONFLICT (case_num, ord) DO UPDATE SET case_id = excluded.case_id, key = excluded.key, "
    "title = excluded.title, actor = excluded.actor, opened_on = excluded.opened_on, "
    "opened_by_seq = excluded.opened_by_seq, due_on = excluded.due_on, status = excluded.status, "
    "done_on = excluded.done_on, late = excluded.late, working_days_late = excluded.working_days_late, "
    "municipality = excluded.municipality, health_centre = excluded.health_centre, "
    "birth_date = excluded.birth_date, given_name = excluded.given_name, family_name = excluded.family_name";

}  // namespace kedja::storage
