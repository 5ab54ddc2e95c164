#include "storage/schema.h"

#include "storage/step_counts.h"
#include "storage/step_histograms.h"
#include "storage/work_counts.h"
#include "storage/store.h"

#include "domain/text/unicode.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <array>
#include <optional>
#include <string>

namespace kedja::storage {
namespace {

// Dates are stored as 'YYYY-MM-DD' text: readable with the sqlite3 shell, and
// text order is date order, so indexes on them work for ranges. The CHECKs
// are cheap comparisons on purpose: GLOB patterns and long IN lists in CHECK
// constraints cost more than the rest of an insert (measured: bulk load ran
// at less than half the speed), so vocabularies are tables with foreign keys.

// Migration 1: the base schema.
constexpr const char* migration_1 = R"sql(
CREATE TABLE cases (
  num INTEGER PRIMARY KEY,                 -- internal; events and steps refer to it
  id TEXT NOT NULL UNIQUE CHECK (length(id) BETWEEN 2 AND 40),
  external_ref TEXT CHECK (external_ref IS NULL OR length(external_ref) > 0),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  given_fold TEXT NOT NULL,                -- for name search; from migration 7 NFC + case folding
  family_fold TEXT NOT NULL,
  birth_date TEXT NOT NULL CHECK (length(birth_date) = 10 AND birth_date BETWEEN '1800-01-01' AND '2199-12-31'),
  sex TEXT NOT NULL CHECK (sex = 'F' OR sex = 'M' OR sex = 'X'),
  language TEXT NOT NULL,
  interpreter_needed INTEGER NOT NULL CHECK (interpreter_needed = 0 OR interpreter_needed = 1),
  household TEXT,
  unaccompanied INTEGER NOT NULL CHECK (unaccompanied = 0 OR unaccompanied = 1),
  municipality TEXT NOT NULL CHECK (length(municipality) > 0),   -- as created
  health_centre TEXT NOT NULL CHECK (substr(health_centre, 1, 3) = 'hc:'),
  rule_set TEXT,                                                 -- as given
  -- derived from the events by the step engine, rewritten on every write:
  cur_municipality TEXT NOT NULL CHECK (length(cur_municipality) > 0),
  cur_health_centre TEXT NOT NULL CHECK (substr(cur_health_centre, 1, 3) = 'hc:'),
  closed INTEGER NOT NULL CHECK (closed = 0 OR closed = 1),
  resolved_rule_set TEXT
);
CREATE UNIQUE INDEX cases_external_ref ON cases(external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX cases_municipality ON cases(cur_municipality, id);
CREATE INDEX cases_health_centre ON cases(cur_health_centre, id);
CREATE INDEX cases_household ON cases(household) WHERE household IS NOT NULL;
CREATE INDEX cases_given_fold ON cases(given_fold);
CREATE INDEX cases_family_fold ON cases(family_fold);

-- The event vocabulary of contract §2.
CREATE TABLE event_types (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO event_types (name) VALUES ('asylum_registered'), ('housing_changed'), ('permit_granted'),
    ('permit_refused'), ('municipality_assigned'), ('arrival_notice_received'), ('arrival_date_changed'),
    ('arrived'), ('health_centre_notified'), ('school_notified'), ('health_talk_booked'),
    ('health_exam_booked'), ('health_talk_held'), ('test_results_received'), ('newcomer_informed'),
    ('health_exam_held'), ('reception_informed'), ('vaccination_plan_made'), ('introduction_plan_made'),
    ('school_started'), ('preschool_started'), ('establishment_talk_held'),
    ('establishment_plan_started'), ('establishment_plan_ended'), ('sfi_registered'), ('sfi_started'),
    ('civic_orientation_started'), ('civic_orientation_completed'), ('step_declined'),
    ('health_centre_changed'), ('moved'), ('event_voided'), ('case_closed');

-- The event log: append-only (the triggers below refuse UPDATE and DELETE).
CREATE TABLE events (
  case_num INTEGER NOT NULL REFERENCES cases(num),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  type TEXT NOT NULL REFERENCES event_types(name),
  date TEXT NOT NULL CHECK (length(date) = 10 AND date BETWEEN '1800-01-01' AND '2199-12-31'),
  event_id TEXT CHECK (event_id IS NULL OR length(event_id) BETWEEN 1 AND 64),
  housing TEXT CHECK (housing = 'ABO' OR housing = 'EBO'),
  permit TEXT CHECK (permit = 'PUT' OR permit = 'TUT'),
  municipality TEXT,
  latest_reception TEXT CHECK (length(latest_reception) = 10 AND latest_reception BETWEEN '1800-01-01' AND '2199-12-31'),
  expected_arrival TEXT CHECK (length(expected_arrival) = 10 AND expected_arrival BETWEEN '1800-01-01' AND '2199-12-31'),
  appointment TEXT CHECK (length(appointment) = 10 AND appointment BETWEEN '1800-01-01' AND '2199-12-31'),
  school_start_obstacle INTEGER CHECK (school_start_obstacle = 0 OR school_start_obstacle = 1),
  outcome TEXT CHECK (outcome = 'work' OR outcome = 'studies' OR outcome = 'other'),
  step TEXT,
  health_centre TEXT CHECK (substr(health_centre, 1, 3) = 'hc:'),
  voided_seq INTEGER CHECK (voided_seq >= 1 AND voided_seq < seq),
  reason TEXT,
  recorded_at TEXT NOT NULL CHECK (length(recorded_at) >= 20 AND substr(recorded_at, 11, 1) = 'T'),
  recorded_by TEXT NOT NULL CHECK (length(recorded_by) > 0),
  PRIMARY KEY (case_num, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX events_event_id ON events(case_num, event_id) WHERE event_id IS NOT NULL;
CREATE TRIGGER events_seq_contiguous BEFORE INSERT ON events
  WHEN NEW.seq <> 1 + coalesce((SELECT max(seq) FROM events WHERE case_num = NEW.case_num), 0)
  BEGIN SELECT RAISE(ABORT, 'events: seq must be one past the case''s last event'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- The step projection: what the engine makes of each case's events, replaced
-- on every write, with the case facts that lists show.
CREATE TABLE steps (
  case_num INTEGER NOT NULL REFERENCES cases(num),
  ord INTEGER NOT NULL CHECK (ord >= 0),   -- order of opening
  case_id TEXT NOT NULL,
  key TEXT NOT NULL CHECK (length(key) > 0),
  title TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (instr(actor, ':') > 1),
  opened_on TEXT NOT NULL CHECK (length(opened_on) = 10 AND opened_on BETWEEN '1800-01-01' AND '2199-12-31'),
  opened_by_seq INTEGER NOT NULL CHECK (opened_by_seq >= 1),
  due_on TEXT CHECK (length(due_on) = 10 AND due_on BETWEEN '1800-01-01' AND '2199-12-31'),
  status TEXT NOT NULL
    CHECK (status = 'open' OR status = 'done' OR status = 'declined' OR status = 'cancelled'),
  done_on TEXT CHECK (length(done_on) = 10 AND done_on BETWEEN '1800-01-01' AND '2199-12-31'),
  late INTEGER NOT NULL CHECK (late = 0 OR late = 1),
  working_days_late INTEGER NOT NULL CHECK (working_days_late >= 0),
  municipality TEXT NOT NULL,
  health_centre TEXT NOT NULL,
  birth_date TEXT NOT NULL CHECK (length(birth_date) = 10 AND birth_date BETWEEN '1800-01-01' AND '2199-12-31'),
  given_name TEXT NOT NULL,
  family_name TEXT NOT NULL,
  PRIMARY KEY (case_num, ord),
  CHECK (status <> 'open' OR done_on IS NULL),
  CHECK (status <> 'done' OR done_on IS NOT NULL),
  CHECK (late = 0 OR due_on IS NOT NULL),
  CHECK (late = 1 OR working_days_late = 0)
) WITHOUT ROWID;
-- Open steps with a due date, in "most overdue first" order, per filter: a
-- list reads only the rows it returns.
-- "My overdue steps" is the most frequent list: its index also covers the
-- columns the list shows and scope filters, so a page reads no table rows.
CREATE INDEX steps_open_by_actor ON steps(actor, due_on, case_id, key, ord, given_name,
  family_name, birth_date, municipality, health_centre, opened_on)
  WHERE status = 'open' AND due_on IS NOT NULL;
CREATE INDEX steps_open_by_municipality ON steps(municipality, due_on, case_id, key, ord)
  WHERE status = 'open' AND due_on IS NOT NULL;
CREATE INDEX steps_open_by_health_centre ON steps(health_centre, due_on, case_id, key, ord)
  WHERE status = 'open' AND due_on IS NOT NULL;
CREATE INDEX steps_open_by_due ON steps(due_on, case_id, key, ord)
  WHERE status = 'open' AND due_on IS NOT NULL;

-- Only the SHA-256 of a token is kept.
CREATE TABLE tokens (
  hash BLOB PRIMARY KEY CHECK (length(hash) = 32),
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  role TEXT NOT NULL CHECK (role IN ('reception', 'hc', 'school', 'preschool', 'school_health',
    'child_health', 'sfi', 'af', 'mv', 'coordinator', 'admin')),
  actor TEXT,
  created_at TEXT NOT NULL,
  CHECK ((role = 'admin') = (actor IS NULL))
);

-- Who read or wrote which case, and when.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL CHECK (length(actor) > 0),
  token TEXT NOT NULL,
  action TEXT NOT NULL CHECK (length(action) > 0),
  case_id TEXT
);
)sql";

// Migration 2: the audit log paged per case without a scan.
constexpr const char* migration_2 = R"sql(
CREATE INDEX audit_by_case ON audit(case_id, id) WHERE case_id IS NOT NULL;
)sql";

// Migration 3: which cases an audit row is about, as one small row per case
// in a table of its own, in place of the per-case index on audit: a list
// read (100 cases a page) writes one audit row and 100 links instead of 100
// audit rows and 100 index entries (measured: 20–30 % more audited list
// reads per second through the one writer). No REFERENCES on audit_id: a
// foreign-key lookup per link would cost about as much as the link itself;
// write_audit writes a row and its links in the same savepoint.
constexpr const char* migration_3 = R"sql(
CREATE TABLE audit_cases (
  case_id TEXT NOT NULL CHECK (length(case_id) > 0),
  audit_id INTEGER NOT NULL CHECK (audit_id >= 1),
  PRIMARY KEY (case_id, audit_id)
) WITHOUT ROWID;
INSERT INTO audit_cases (case_id, audit_id) SELECT case_id, id FROM audit WHERE case_id IS NOT NULL;
DROP INDEX audit_by_case;
)sql";

// Migration 4, for the cost of an audited list read (measured: GET
// /v1/overdue, see server/README.md):
// - the actor's index covers `status` too. SQLite (3.40, as in Debian 12)
//   counts an index as covering only if it holds every column the query
//   names, the partial index's own WHERE terms included; without `status`
//   each of a page's rows was looked up in the table as well;
// - audit links name the case by its integer `num`, not its text id: a
//   smaller key, compared faster, in a table a third of the size. Every
//   link is to a case that exists (cases are never deleted);
// - a list read names a read set, the cases its page showed, stored once
//   and shared by every read that showed the same cases (storage/audit.h).
//   The links made so far stay links of their audit rows.
constexpr const char* migration_4 = R"sql(
CREATE TABLE audit_links (
  case_num INTEGER NOT NULL CHECK (case_num >= 1),
  audit_id INTEGER NOT NULL CHECK (audit_id >= 1),
  PRIMARY KEY (case_num, audit_id)
) WITHOUT ROWID;
INSERT INTO audit_links (case_num, audit_id)
  SELECT k.num, l.audit_id FROM audit_cases l JOIN cases k ON k.id = l.case_id ORDER BY 1, 2;
DROP TABLE audit_cases;
CREATE TABLE audit_read_sets (
  id INTEGER PRIMARY KEY,
  digest BLOB NOT NULL UNIQUE CHECK (length(digest) = 32)  -- SHA-256 of the case nums
);
CREATE TABLE audit_read_set_cases (
  case_num INTEGER NOT NULL CHECK (case_num >= 1),
  read_set INTEGER NOT NULL CHECK (read_set >= 1),
  PRIMARY KEY (case_num, read_set)
) WITHOUT ROWID;
ALTER TABLE audit ADD COLUMN read_set INTEGER REFERENCES audit_read_sets(id);
CREATE INDEX audit_by_read_set ON audit(read_set, id) WHERE read_set IS NOT NULL;
DROP INDEX steps_open_by_actor;
CREATE INDEX steps_open_by_actor ON steps(actor, due_on, case_id, key, ord, given_name,
  family_name, birth_date, municipality, health_centre, opened_on, status)
  WHERE status = 'open' AND due_on IS NOT NULL;
)sql";

// Migration 5: an appended event names the audit row of the write that
// appended it. The event row is written anyway, next to the case's other
// events: a link row of its own cost every append a page at a random place
// in audit_links (measured: 16 durable writers, storage/README.md).
constexpr const char* migration_5 = R"sql(
ALTER TABLE events ADD COLUMN audit_id INTEGER CHECK (audit_id IS NULL OR audit_id >= 1);
)sql";

// Migration 6: tokens have a lifecycle (contract v1.1 §4 "Tokens"): an
// optional last valid day, the day last used, and a revocation that keeps
// the row (the audit log names tokens by name). Names are never reused.
constexpr const char* migration_6 = R"sql(
ALTER TABLE tokens ADD COLUMN expires TEXT
  CHECK (expires IS NULL OR (length(expires) = 10 AND expires BETWEEN '1990-01-01' AND '2199-12-31'));
ALTER TABLE tokens ADD COLUMN last_used TEXT
  CHECK (last_used IS NULL OR (length(last_used) = 10 AND last_used BETWEEN '1990-01-01' AND '2199-12-31'));
ALTER TABLE tokens ADD COLUMN revoked_at TEXT
  CHECK (revoked_at IS NULL OR (length(revoked_at) >= 20 AND substr(revoked_at, 11, 1) = 'T'));
)sql";

// Migration 7 (issue 12 §3): names are searched by their Unicode fold (NFC
// and case folding, utf8proc) instead of a lower-casing of Latin letters
// only, and text is stored in NFC. Older rows are brought to both: the
// names, language and household of every case in NFC, the names the step
// rows copy likewise, and given_fold/family_fold recomputed. Done in C++,
// as SQLite knows neither form; one pass over the cases, writing only rows
// that change. (external_ref is left as it is: dossier numbers are ASCII,
// and a rewrite could collide with the unique index.)
void migration_7(SQLite::Database& db) {
  auto nfc = [](const std::string& text) { return text::to_nfc(text).value_or(text); };
  SQLite::Statement select(db,
      "SELECT num, given_name, family_name, given_fold, family_fold, language, household FROM cases");
  SQLite::Statement update_case(db,
      "UPDATE cases SET given_name = ?2, family_name = ?3, given_fold = ?4, family_fold = ?5, "
      "language = ?6, household = ?7 WHERE num = ?1");
  SQLite::Statement update_steps(db, "UPDATE steps SET given_name = ?2, family_name = ?3 WHERE case_num = ?1");
  while (select.executeStep()) {
    const std::int64_t num = select.getColumn(0).getInt64();
    const std::string given = nfc(select.getColumn(1).getString());
    const std::string family = nfc(select.getColumn(2).getString());
    const std::string language = nfc(select.getColumn(5).getString());
    std::optional<std::string> household;
    if (!select.getColumn(6).isNull()) household = nfc(select.getColumn(6).getString());
    const bool same = given == select.getColumn(1).getString() && family == select.getColumn(2).getString() &&
                      text::search_fold(given) == select.getColumn(3).getString() &&
                      text::search_fold(family) == select.getColumn(4).getString() &&
                      language == select.getColumn(5).getString() &&
                      (!household || *household == select.getColumn(6).getString());
    if (same) continue;
    update_case.bind(1, num);
    update_case.bind(2, given);
    update_case.bind(3, family);
    update_case.bind(4, text::search_fold(given));
    update_case.bind(5, text::search_fold(family));
    update_case.bind(6, language);
    if (household) update_case.bind(7, *household); else update_case.bind(7);
    update_case.exec();
    update_case.reset();
    update_steps.bind(1, num);
    update_steps.bind(2, given);
    update_steps.bind(3, family);
    update_steps.exec();
    update_steps.reset();
  }
}

// Migration 8: feed tokens (issue 16). A token is of a kind: `api` (every
// token so far) or `feed`, which reads one actor's calendar feed and nothing
// else, and so always has an actor.
constexpr const char* migration_8 = R"sql(
ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api'
  CHECK (kind = 'api' OR (kind = 'feed' AND actor IS NOT NULL));
)sql";

// Migration 9: the morning digests sent (issue 16), one row per unit and
// day at most: `kedja remind` claims the row before it sends and gives it
// back when the send fails, so a unit is mailed at most once a day however
// often, and however many at once, the command runs.
constexpr const char* migration_9 = R"sql(
CREATE TABLE digests_sent (
  actor TEXT NOT NULL CHECK (instr(actor, ':') > 1),
  day TEXT NOT NULL CHECK (length(day) = 10 AND day BETWEEN '1990-01-01' AND '2199-12-31'),
  address TEXT NOT NULL CHECK (instr(address, '@') > 1),
  sent_at TEXT NOT NULL CHECK (length(sent_at) >= 20 AND substr(sent_at, 11, 1) = 'T'),
  PRIMARY KEY (actor, day)
) WITHOUT ROWID;
)sql";

// Each migration is SQL, C++ or both (SQL first).
struct Migration {
  const char* sql = nullptr;
  void (*code)(SQLite::Database&) = nullptr;
};

// Migration 10: the web page "Att göra" lists an actor's open steps without a
// due date and its steps closed in the last 30 days; without these indexes
// each such tab read every step of the region.
constexpr const char* migration_10 = R"sql(
CREATE INDEX steps_open_undated_by_actor ON steps(actor, opened_on) WHERE status = 'open' AND due_on IS NULL;
CREATE INDEX steps_closed_by_actor ON steps(actor, done_on) WHERE done_on IS NOT NULL;
)sql";

// Migration 11 (issue 15): counts of steps by status, due day, group and
// lateness, kept by triggers on steps, for the overdue summary and the
// follow-up (storage/step_counts.h); counted from the stored steps.
void migration_11(SQLite::Database& db) { create_step_counts(db); }

// Migration 12: the tab counts of "Att göra" read their indexes alone. The
// two indexes of migration 10 named only (actor, date): each count looked up
// every step of the tab in the table for the scope's columns, 34 ms for one
// health centre's 6,000 steps closed in 30 days at 100k demo cases. With the
// scope's columns (health centre, municipality, birth date; case_num comes
// with the key) in the index, the same count reads 6,000 index entries.
constexpr const char* migration_12 = R"sql(
DROP INDEX steps_open_undated_by_actor;
CREATE INDEX steps_open_undated_by_actor ON steps(actor, opened_on, health_centre, municipality, birth_date)
  WHERE status = 'open' AND due_on IS NULL;
DROP INDEX steps_closed_by_actor;
CREATE INDEX steps_closed_by_actor ON steps(actor, done_on, status, health_centre, municipality, birth_date)
  WHERE done_on IS NOT NULL;
)sql";

// Migration 13 (issue 14 §3): a new case is checked against the cases of
// the same folded name and birth date (Store::possible_duplicates); one
// index seek instead of the rows of a common family name.
constexpr const char* migration_13 = R"sql(
CREATE INDEX cases_person ON cases(family_fold, given_fold, birth_date);
)sql";

// Migration 14 (issue 14 §6, Loggkontroll): the audit log searched by token
// and period, and each row's case found from the row.
// - audit_by_token (token, at): one token's rows in a period are one index
//   range, in time order (the ≤ 50 ms target at 1M cases: bench/audit_bench);
// - audit_by_at (at): every token's rows in a period, and the period's ends
//   for the random sample of reads (storage/audit.h read_audit_sample);
// - audit_links_by_audit, events_by_audit: the case of a single read, a
//   create or an append, found from its audit row (the links are keyed by
//   case; an appended event names its row). Bulk-loaded events name none, so
//   the partial index holds only appends made through the API;
// - audit_read_sets.cases: how many cases a list read showed, counted once
//   when the set is made (the links are keyed by case, so counting them per
//   set scanned them all); the sets made so far are counted here.
constexpr const char* migration_14 = R"sql(
CREATE INDEX audit_by_token ON audit(token, at);
CREATE INDEX audit_by_at ON audit(at);
CREATE INDEX audit_links_by_audit ON audit_links(audit_id);
CREATE INDEX events_by_audit ON events(audit_id) WHERE audit_id IS NOT NULL;
ALTER TABLE audit_read_sets ADD COLUMN cases INTEGER CHECK (cases IS NULL OR cases >= 1);
UPDATE audit_read_sets SET cases = counted.n
  FROM (SELECT read_set, count(*) AS n FROM audit_read_set_cases GROUP BY read_set) AS counted
  WHERE counted.read_set = audit_read_sets.id;
)sql";

// Migration 15 (issue 15): the region's steps as one histogram row per
// status, due month, municipality and step (storage/step_histograms.h), so
// that the coordinator's summary and follow-up read as many rows at a
// million cases as at ten thousand.
void migration_15(SQLite::Database& db) { create_step_histograms(db); }

// Migration 16 (issue 13): the tab counts of "Att göra" from counts kept by
// triggers on steps per actor, open or closed, day, step and group
// (storage/work_counts.h), counted from the stored steps: at 1M demo cases
// the Klara count of one health centre read 56,700 index entries.
void migration_16(SQLite::Database& db) { create_work_counts(db); }

// Migration 17 (issue 13): the Klara tab's page reads its 100 rows in the
// index's order. The page sorts by done_on descending, then due_on, case and
// step (work.cpp's total order); the index was (actor, done_on, …), so
// SQLite read and sorted the whole first day, ≈ 1,900 rows for a health
// centre at 1M demo cases ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY").
// The scope's columns stay in the index for the counts that still read it.
constexpr const char* migration_17 = R"sql(
DROP INDEX steps_closed_by_actor;
CREATE INDEX steps_closed_by_actor
  ON steps(actor, done_on DESC, due_on, case_id, ord, status, health_centre, municipality, birth_date)
  WHERE done_on IS NOT NULL;
)sql";

// Migration 18 (issue 13): the open dated steps' index covers the page Att
// göra's rows. Försenade and Förfaller snart selected title, late and
// working_days_late besides the index's columns, so SQLite looked each of
// a page's 100 rows up in the steps table: two thirds of the page's query
// at 1M demo cases (0.24 → 0.08 ms a query, measured with the sqlite3
// shell). done_on needs no place: it is NULL on an open step (a CHECK).
constexpr const char* migration_18 = R"sql(
DROP INDEX steps_open_by_actor;
CREATE INDEX steps_open_by_actor ON steps(actor, due_on, case_id, key, ord, given_name,
  family_name, birth_date, municipality, health_centre, opened_on, status, title, late, working_days_late)
  WHERE status = 'open' AND due_on IS NOT NULL;
)sql";

// Migration 19 (issue 13): the work counts without the step
// (storage/work_counts.h): a tab count of the page's usual view (no step
// chosen) reads one row per day and place instead of one per day, place
// and step; the triggers now keep both tables.
void migration_19(SQLite::Database& db) { add_work_day_counts(db); }

// Migration 20 (issue 15): the done and declined steps counted by the
// case's birth month (storage/step_histograms.h) and cases indexed by
// municipality and birth date, for the follow-up of a unit whose scope is an
// age range today: a school's 12 months read 1.6M steps at 1M demo cases.
void migration_20(SQLite::Database& db) { create_step_birth_histograms(db); }

constexpr std::array migrations = {Migration{migration_1}, Migration{migration_2}, Migration{migration_3},
                                   Migration{migration_4}, Migration{migration_5}, Migration{migration_6},
                                   Migration{nullptr, migration_7},
                                   Migration{migration_8}, Migration{migration_9}, Migration{migration_10},
                                   Migration{nullptr, migration_11}, Migration{migration_12},
                                   Migration{migration_13}, Migration{migration_14},
                                   Migration{nullptr, migration_15}, Migration{nullptr, migration_16},
                                   Migration{migration_17}, Migration{migration_18},
                                   Migration{nullptr, migration_19}, Migration{nullptr, migration_20}};

int user_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

bool has_tables(SQLite::Database& db) {
  return db.execAndGet("SELECT count(*) FROM sqlite_master WHERE type = 'table'").getInt() > 0;
}

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(SQLite::Database& db, int target) {
  int version = user_version(db);
  if (version > latest_schema_version())
    throw StorageError("database " + db.getFilename() + " has schema version " +
                       std::to_string(version) + ", newer than this program's " +
                       std::to_string(latest_schema_version()) + ": upgrade Kedja");
  if (version == 0 && has_tables(db))
    throw StorageError("database " + db.getFilename() + " is not a Kedja database");
  for (int next = version + 1; next <= target; ++next) {
    SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
    if (user_version(db) >= next) continue;  // another process migrated meanwhile
    const Migration& migration = migrations[static_cast<std::size_t>(next - 1)];
    if (migration.sql) db.exec(migration.sql);
    if (migration.code) migration.code(db);
    db.exec("PRAGMA user_version = " + std::to_string(next));
    transaction.commit();
  }
}

}  // namespace kedja::storage
