// Kedja's persistence: the SQLite event log, the step projection, tokens and
// the audit log, in one database file (contract §2–4).
//
// Threads: a SQLite connection is never shared between threads. Writes go to
// one writer thread that owns the write connection and commits the writes
// that arrive together in one transaction (group commit); each caller is
// answered only after that commit is durable. Reads use a connection owned by
// the calling thread (one per thread, opened on first use).
//
// No SQLite types appear in this header.
#pragma once

#include "domain/access.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/result.h"
#include "domain/steps.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kedja::storage {

inline constexpr int max_page_size = 1000;
inline constexpr int default_page_size = 100;

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // opaque; nullopt at the end
};

// A case with everything the engine makes of it.
struct StoredCase {
  Case the_case;
  std::vector<RecordedEvent> events;  // by seq
  CaseState state;
};

// A case in a list: its fields and where it is now, no events or steps.
struct CaseSummary {
  Case the_case;
  std::string municipality;  // now
  ActorId health_centre;     // now
  bool closed = false;
  std::optional<RuleSetId> rule_set;  // resolved
};

struct CaseQuery {
  std::optional<std::string> municipality;
  std::optional<bool> closed;  // status=open|closed
  std::optional<std::string> external_ref;
  std::optional<std::string> household;
  std::optional<std::string> name_prefix;  // q: given or family name, ignoring case (Å, Ä, Ö too)
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

// An open step with the case facts lists show (overdue, due).
struct StepItem {
  CaseId case_id;
  std::string given_name;
  std::string family_name;
  Date birth_date{};
  std::string municipality;
  StepKey step;
  ActorId actor;
  Date opened_on{};
  Date due_on{};
  int working_days_overdue = 0;  // 0 for due lists
};

struct OverdueQuery {
  std::optional<ActorId> actor;
  std::optional<std::string> municipality;
  Date as_of{};
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

struct DueQuery {
  std::optional<ActorId> actor;
  Date from{};
  Date to{};
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

enum class SummaryBy { municipality, actor };

struct SummaryRow {
  std::string group;  // municipality slug or actor id
  StepKey step;
  std::int64_t overdue = 0;
  Date oldest_due_on{};
};

struct AuditEntry {
  std::string at;      // UTC timestamp
  std::string actor;   // actor id, or "admin"
  std::string token;   // the token's name, never the token
  std::string action;  // e.g. "read", "list", "create", "append event 7"
};

struct Appended {
  RecordedEvent event;
  bool repeated = false;  // an event_id the case already had: nothing written
  std::vector<Step> steps;
};

struct Options {
  std::string path;            // a file; ":memory:" is not supported (threads need a file)
  bool durable = true;         // synchronous=FULL; tests of logic may turn it off
};

// Thrown when the database cannot be used (newer schema, not a Kedja file);
// SQLite::Exception for other infrastructure failures.
struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by the paged reads for a cursor they did not hand out (a client's
// bad input: answer 400 naming "cursor").
struct BadCursor : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Store {
 public:
  // Opens (creating if needed) and migrates the database.
  Store(Options options, EngineContext context);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static int schema_version();

  // --- writes: durable when they return --------------------------------
  // Creates a case with its first events, all or nothing. Scope and roles are
  // checked (may_create_cases, may_record for each event), and audited.
  Result<StoredCase> create_case(const Caller& caller, Case the_case, std::vector<Event> events,
                                 Date today);
  // Appends one event: 404 if the case is not in the caller's scope, 403 if
  // the role may not record it, 409 if the domain refuses it.
  Result<Appended> append_event(const Caller& caller, const CaseId& id, Event event, Date today);

  // --- reads: scoped by the caller and audited -------------------------
  // A read's audit rows are queued to the writer, not awaited: they are
  // committed (durable) with its next group commit, within milliseconds; a
  // crash in that window can lose them. audit() first waits for the rows
  // of the reads made before it.
  Result<StoredCase> find_case(const Caller& caller, const CaseId& id, Date today);
  Page<CaseSummary> list_cases(const Caller& caller, const CaseQuery& query, Date today);
  Page<StepItem> overdue(const Caller& caller, const OverdueQuery& query, Date today);
  Page<StepItem> due(const Caller& caller, const DueQuery& query, Date today);
  std::vector<SummaryRow> summary(const Caller& caller, SummaryBy by, Date as_of, Date today);
  Page<AuditEntry> audit(const CaseId& id, int limit, const std::optional<std::string>& cursor);

  // --- tokens: only a hash is stored -----------------------------------
  std::string create_token(const Caller& owner);  // returns the new token, once
  std::optional<Caller> authenticate(std::string_view token);

  // --- bulk and maintenance ---------------------------------------------
  // Loads many cases with their events in one transaction, skipping the
  // per-write audit/scope path (demo and import; `recorded_by` and
  // `recorded_at` as given, events assumed valid). Pulls cases from `next`
  // until it returns false; assigns each case its id. All or nothing: on an
  // exception nothing is written. Returns the number of cases loaded.
  struct BulkCase {
    Case the_case;
    std::vector<RecordedEvent> events;
  };
  std::int64_t bulk_load(const std::function<bool(BulkCase&)>& next);
  // Which of `refs` are already some case's external_ref, in the order
  // given: an import refuses those rows before it loads anything. One read
  // transaction for them all (a read per row cost an import more than its
  // load: two file locks each).
  std::vector<std::string> taken_external_refs(const std::vector<std::string>& refs);
  // Recomputes every case's steps from its events; progress(done, total).
  void reproject(const std::function<void(std::int64_t, std::int64_t)>& progress);
  // A consistent copy while the service runs (SQLite's backup API).
  void backup(const std::string& to_path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kedja::storage
