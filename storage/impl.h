// Store's insides, shared by the files that implement it.
#pragma once

#include "storage/connection.h"
#include "storage/store.h"
#include "storage/writer.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kedja::storage {

struct Store::Impl {
  Impl(Options options, EngineContext context);
  ~Impl();

  // This thread's read-only connection to this store, opened on first use.
  Connection& reader();
  // Closes this thread's connection to this store, if it has one (bulk_load
  // takes the file for itself when no other connection has it open).
  void close_reader();

  // Audits a read through the writer without waiting for it: the rows are
  // committed (durable) within Writer::posted_delay (20 ms); a crash in that
  // window can lose them. Writes' audit rows
  // are written in the write's own transaction and are durable when the
  // write returns. Throws Unavailable when Writer::max_posted rows still
  // wait after Writer::max_room_wait: the read must not be answered.
  void audit_read(const Caller& caller, const std::string& action, std::vector<std::int64_t> case_nums);
  // Throws Unavailable when reads of cases must not be answered now: their
  // audit rows cannot be committed, or too many wait (Writer::audit_refusal).
  void require_audit() const;

  Options options_;
  EngineContext context_;
  std::uint64_t serial_;  // tells this store's thread-local connections apart
  // Counts reprojections: a step row read before one may be stale after it.
  std::atomic<std::uint64_t> projection_epoch_{0};
  std::unique_ptr<Writer> writer_;
  std::optional<std::int64_t> max_page_count_;  // the writer's, before simulate_write_fault

  // Records `today` as the token's last-used day, unless it is already
  // (tokens.cpp): queued to the writer, not awaited.
  void mark_used(const TokenInfo& info, Date today);
  std::mutex last_used_mutex_;
  std::unordered_map<std::string, Date> last_used_marked_;  // token name → the day last posted
};

// The columns a caller's scope is checked against, on `cases` or `steps`.
struct ScopeColumns {
  const char* municipality;   // the case's current municipality
  const char* health_centre;  // its current health centre
  const char* birth_date;
  const char* case_num;       // qualified ("steps.case_num"): used in a subquery
};
inline constexpr ScopeColumns case_scope_columns{"cur_municipality", "cur_health_centre", "birth_date",
                                                 "cases.num"};
inline constexpr ScopeColumns step_scope_columns{"municipality", "health_centre", "birth_date",
                                                 "steps.case_num"};

// The SQL filters of a caller's scope, as domain/access.h in_scope decides.
struct ScopeFilter {
  std::string sql;  // " AND …" clauses with named parameters :scope_m, :scope_hc, :born_*, :scope_owner
  std::optional<std::string> municipality;
  std::optional<std::string> health_centre;
  std::optional<std::string> born_after;     // birth_date > this
  std::optional<std::string> born_on_or_before;
  std::optional<std::string> step_owner;     // or owns an open step of the case
};
ScopeFilter scope_filter(const Scope& scope, Date today, const ScopeColumns& columns);
void bind_scope(SQLite::Statement& s, const ScopeFilter& filter);

// Does the scope's step_owner own an open step of the case, as stored?
// (in_scope's `owns_open_step`; false for scopes without a step owner.)
bool owns_open_step(Connection& c, std::int64_t case_num, const Scope& scope);

// Whether a case in `scope` may be `person` (Store::possible_duplicates'
// match: the same folded name and birth date, or the same external_ref), read
// on `c`: the writer asks it inside a create's transaction, so that two
// creates of one person at once cannot both pass the caller's check.
bool has_possible_duplicate(Connection& c, const Scope& scope, const Case& person, Date today);

// Coordinators see no names, and only the birth year (contract §4).
void hide_identity(std::string& given_name, std::string& family_name, Date& birth_date);
// Nor the events' free text: every `reason` becomes hidden_reason and every
// client `event_id` (a string the client chose) is dropped (store.h StoredCase).
void hide_free_text(std::vector<RecordedEvent>& events);

// Cursor texts: opaque to clients, a list of fields inside.
std::string encode_cursor(const std::vector<std::string>& fields);
// Throws BadCursor for anything encode_cursor did not make with `count` fields.
std::vector<std::string> decode_cursor(const std::string& cursor, std::size_t count);

int clamp_limit(int limit);
// A number field of a decoded cursor; throws BadCursor if it is not one.
std::int64_t cursor_number(const std::string& field);

// The SHA-256 of `bytes`, 32 raw bytes.
std::string sha256(std::string_view bytes);

}  // namespace kedja::storage
