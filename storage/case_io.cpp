#include "storage/case_io.h"

#include "storage/store.h"

#include <SQLiteCpp/Exception.h>
#include <openssl/rand.h>

#include <sqlite3.h>

#include <cstdio>

namespace kedja::storage {
namespace {

std::optional<StepStatus> status_from(std::string_view text) {
  for (auto s : {StepStatus::open, StepStatus::done, StepStatus::declined, StepStatus::cancelled})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

void bind_date(SQLite::Statement& s, int index, const std::optional<Date>& day) {
  if (day) s.bind(index, format_date(*day)); else s.bind(index);
}

// Where the case is now and what rule set it follows, by its projection
// (or as created, before it has one).
struct Derived {
  std::string municipality;
  std::string health_centre;
  bool closed = false;
  std::optional<std::string> rule_set;
};

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

}  // namespace

CaseId new_case_id() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw StorageError("no random bytes for a case id");
  char text[20] = "c";
  for (int i = 0; i < 8; ++i) std::snprintf(text + 1 + 2 * i, 3, "%02x", bytes[i]);
  return CaseId(text);
}

std::optional<CaseRow> load_case(Connection& c, const CaseId& id) {
  auto s = c.prepare(std::string("SELECT ") + case_columns + " FROM cases WHERE id = ?1");
  s.bind(1, id.str());
  if (!s.executeStep()) return std::nullopt;
  return read_case(s);
}

std::vector<RecordedEvent> load_events(Connection& c, std::int64_t case_num) {
  auto s = c.prepare(std::string("SELECT ") + event_columns +
                      " FROM events WHERE case_num = ?1 ORDER BY seq");
  s.bind(1, case_num);
  std::vector<RecordedEvent> events;
  while (s.executeStep()) events.push_back(read_event(s));
  return events;
}

std::optional<RecordedEvent> find_event_by_client_id(Connection& c, std::int64_t case_num,
                                                     const std::string& event_id) {
  auto s = c.prepare(std::string("SELECT ") + event_columns +
                      " FROM events WHERE case_num = ?1 AND event_id = ?2");
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

void insert_event(Connection& c, std::int64_t case_num, const RecordedEvent& event) {
  auto s = c.prepare(insert_event_sql);
  bind_event(s, case_num, event);
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

void insert_projection(Connection& c, const CaseRow& stored, const CaseState& state) {
  Derived now = derived(stored.the_case, &state);
  for (std::size_t i = 0; i < state.steps.size(); ++i)
    write_step(c, stored, now, static_cast<int>(i), state.steps[i]);
}

void save_projection(Connection& c, const CaseRow& stored, const CaseState& state) {
  Derived now = derived(stored.the_case, &state);
  bool moved = now.municipality != stored.municipality || now.health_centre != stored.health_centre.str();
  // Step rows carry where the case is: after a move every row changes.
  std::vector<Step> old = moved ? std::vector<Step>{} : load_steps(c, stored.num);
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
  auto s = c.prepare(
      "SELECT key, title, actor, opened_on, opened_by_seq, due_on, status, done_on, late, "
      "working_days_late FROM steps WHERE case_num = ?1 ORDER BY ord");
  s.bind(1, case_num);
  std::vector<Step> steps;
  while (s.executeStep()) {
    Step step;
    step.key = StepKey(s.getColumn(0).getString());
    step.title = s.getColumn(1).getString();
    step.actor = ActorId(s.getColumn(2).getString());
    auto colon = step.actor.str().find(':');
    if (auto kind = actor_kind_from(step.actor.str().substr(0, colon))) step.actor_kind = *kind;
    step.opened_on = date_column(s.getColumn(3));
    step.opened_by_seq = s.getColumn(4).getInt64();
    step.due_on = optional_date_column(s.getColumn(5));
    auto status = status_from(s.getColumn(6).getText());
    if (!status) throw StorageError(std::string("corrupt row: steps.status ") + s.getColumn(6).getText());
    step.status = *status;
    step.done_on = optional_date_column(s.getColumn(7));
    step.late = s.getColumn(8).getInt() != 0;
    step.working_days_late = s.getColumn(9).getInt();
    steps.push_back(std::move(step));
  }
  return steps;
}

void write_audit(Connection& c, const Caller& caller, const std::string& action,
                 const std::vector<CaseId>& cases) {
  // One statement for the whole list: the case ids go in as a JSON array.
  auto s = c.prepare(
      "INSERT INTO audit (at, actor, token, action, case_id) "
      "SELECT ?1, ?2, ?3, ?4, value FROM json_each(?5)");
  s.bind(1, utc_now_millis());
  s.bind(2, caller.actor ? caller.actor->str() : "admin");
  s.bind(3, caller.token_name);
  s.bind(4, action);
  std::string ids = "[";
  for (const CaseId& id : cases) {
    if (ids.size() > 1) ids += ',';
    ids += '"';
    for (char ch : id.str()) {
      if (ch == '"' || ch == '\\') ids += '\\';
      ids += ch;
    }
    ids += '"';
  }
  ids += cases.empty() ? "null]" : "]";  // a row without a case when there is none
  s.bind(5, ids);
  s.exec();
}

}  // namespace kedja::storage
