#include "storage/case_io.h"

#include "storage/store.h"

#include <SQLiteCpp/Exception.h>
#include <openssl/rand.h>

#include <sqlite3.h>

#include <string>

namespace kedja::storage {
namespace {

void bind_date(SQLite::Statement& s, int index, const std::optional<Date>& day) {
  if (day) s.bind(index, format_date(*day)); else s.bind(index);
}

}  // namespace

Derived derived(const Case& the_case, const CaseState* state) {
  Derived now{the_case.municipality, the_case.health_centre.str(), false, std::nullopt};
  if (the_case.rule_set) now.rule_set = the_case.rule_set->str();
  if (!state) return now;
  if (!state->municipality.empty()) now.municipality = state->municipality;
  if (!state->health_centre.empty()) now.health_centre = state->health_centre.str();
  now.closed = state->closed;
  if (state->rule_set) now.rule_set = state->rule_set->id.str();
  return now;
}

CaseId new_case_id() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw StorageError("no random bytes for a case id");
  static constexpr char hex[] = "0123456789abcdef";
  std::string text(17, 'c');
  for (int i = 0; i < 8; ++i) {
    text[static_cast<std::size_t>(1 + 2 * i)] = hex[bytes[i] >> 4];
    text[static_cast<std::size_t>(2 + 2 * i)] = hex[bytes[i] & 0xf];
  }
  return CaseId(std::move(text));
}

std::optional<CaseRow> load_case(Connection& c, const CaseId& id) {
  static const std::string sql = std::string("SELECT ") + case_columns + " FROM cases WHERE id = ?1";
  auto s = c.prepare(sql);
  s.bind(1, id.str());
  if (!s.executeStep()) return std::nullopt;
  return read_case(s);
}

std::vector<RecordedEvent> load_events(Connection& c, std::int64_t case_num) {
  static const std::string sql =
      std::string("SELECT ") + event_columns + " FROM events WHERE case_num = ?1 ORDER BY seq";
  auto s = c.prepare(sql);
  s.bind(1, case_num);
  std::vector<RecordedEvent> events;
  while (s.executeStep()) events.push_back(read_event(s));
  return events;
}

std::optional<RecordedEvent> find_event_by_client_id(Connection& c, std::int64_t case_num,
                                                     const std::string& event_id) {
  static const std::string sql =
      std::string("SELECT ") + event_columns + " FROM events WHERE case_num = ?1 AND event_id = ?2";
  auto s = c.prepare(sql);
  s.bind(1, case_num);
  s.bind(2, event_id);
  if (!s.executeStep()) return std::nullopt;
  return read_event(s);
}

CaseRow insert_case(Connection& c, Case& the_case, const CaseState* state) {
  Derived now = derived(the_case, state);
  if (the_case.id.empty()) the_case.id = new_case_id();
  for (int attempt = 0;; ++attempt) {
    auto s = c.prepare(insert_case_sql);
    bind_case(s, the_case);
    s.bind(16, now.municipality);
    s.bind(17, now.health_centre);
    s.bind(18, now.closed ? 1 : 0);
    if (now.rule_set) s.bind(19, *now.rule_set); else s.bind(19);
    try {
      s.exec();
      CaseRow row{c.db().getLastInsertRowid(), the_case, now.municipality,
                  ActorId(now.health_centre), now.closed, std::nullopt};
      if (now.rule_set) row.rule_set = RuleSetId(*now.rule_set);
      return row;
    } catch (const SQLite::Exception& e) {
      // A random id that is already taken (1 in 2^64 per case): draw again.
      bool id_taken = e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE &&
                      std::string_view(e.what()).find("cases.id") != std::string_view::npos;
      if (!id_taken || attempt == 3) throw;
      the_case.id = new_case_id();
    }
  }
}

void insert_event(Connection& c, std::int64_t case_num, const RecordedEvent& event,
                  std::optional<std::int64_t> audit_id) {
  // insert_event_sql with the audit row as ?20 (the bulk loader binds
  // insert_event_sql's columns and has no audit rows).
  static const std::string audited_sql = [] {
    std::string sql = insert_event_sql;
    sql.insert(sql.find(") VALUES"), ", audit_id");
    sql.insert(sql.rfind(')'), ", ?20");
    return sql;
  }();
  auto s = c.prepare(audit_id ? audited_sql : std::string(insert_event_sql));
  bind_event(s, case_num, event);
  if (audit_id) s.bind(20, *audit_id);
  s.exec();
}

namespace {

bool same_step(const Step& a, const Step& b) {
  return a.key == b.key && a.title == b.title && a.actor == b.actor && a.opened_on == b.opened_on &&
         a.opened_by_seq == b.opened_by_seq && a.due_on == b.due_on && a.status == b.status &&
         a.done_on == b.done_on && a.late == b.late && a.working_days_late == b.working_days_late;
}

// Writes (inserts or replaces) the step row number `ord` of the case.
void write_step(Connection& c, const CaseRow& row, const Derived& now, int ord, const Step& step) {
  auto s = c.prepare(insert_step_sql);
  s.bind(1, row.num);
  s.bind(2, ord);
  s.bind(3, row.the_case.id.str());
  s.bind(4, step.key.str());
  s.bind(5, step.title);
  s.bind(6, step.actor.str());
  s.bind(7, format_date(step.opened_on));
  s.bind(8, step.opened_by_seq);
  bind_date(s, 9, step.due_on);
  s.bind(10, std::string(to_string(step.status)));
  bind_date(s, 11, step.done_on);
  s.bind(12, step.late ? 1 : 0);
  s.bind(13, step.working_days_late);
  s.bind(14, now.municipality);
  s.bind(15, now.health_centre);
  s.bind(16, format_date(row.the_case.birth_date));
  s.bind(17, row.the_case.given_name);
  s.bind(18, row.the_case.family_name);
  s.exec();
}

}  // namespace

void save_projection(Connection& c, const CaseRow& stored, const CaseState& state) {
  save_projection(c, stored, state, load_steps(c, stored.num));
}

void save_projection(Connection& c, const CaseRow& stored, const CaseState& state,
                     const std::vector<Step>& stored_steps) {
  Derived now = derived(stored.the_case, &state);
  bool moved = now.municipality != stored.municipality || now.health_centre != stored.health_centre.str();
  // Step rows carry where the case is: after a move every row changes.
  static const std::vector<Step> none;
  const std::vector<Step>& old = moved ? none : stored_steps;
  if (moved) {
    auto remove = c.prepare("DELETE FROM steps WHERE case_num = ?1");
    remove.bind(1, stored.num);
    remove.exec();
  }
  for (std::size_t i = 0; i < state.steps.size(); ++i)
    if (i >= old.size() || !same_step(old[i], state.steps[i]))
      write_step(c, stored, now, static_cast<int>(i), state.steps[i]);
  if (old.size() > state.steps.size()) {
    auto remove = c.prepare("DELETE FROM steps WHERE case_num = ?1 AND ord >= ?2");
    remove.bind(1, stored.num);
    remove.bind(2, static_cast<std::int64_t>(state.steps.size()));
    remove.exec();
  }
  std::optional<std::string> stored_rule_set;
  if (stored.rule_set) stored_rule_set = stored.rule_set->str();
  if (!moved && now.closed == stored.closed && now.rule_set == stored_rule_set) return;
  auto update = c.prepare(
      "UPDATE cases SET cur_municipality = ?2, cur_health_centre = ?3, closed = ?4, "
      "resolved_rule_set = ?5 WHERE num = ?1");
  update.bind(1, stored.num);
  update.bind(2, now.municipality);
  update.bind(3, now.health_centre);
  update.bind(4, now.closed ? 1 : 0);
  if (now.rule_set) update.bind(5, *now.rule_set); else update.bind(5);
  update.exec();
}

std::vector<Step> load_steps(Connection& c, std::int64_t case_num) {
  static const std::string sql =
      std::string("SELECT ") + step_columns + " FROM steps WHERE case_num = ?1 ORDER BY ord";
  auto s = c.prepare(sql);
  s.bind(1, case_num);
  std::vector<Step> steps;
  while (s.executeStep()) steps.push_back(read_step(s));
  return steps;
}

}  // namespace kedja::storage
