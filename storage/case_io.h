// Reading and writing one case's rows on a connection: the case, its events,
// its projected steps, and audit rows. Callers hold the transaction.
#pragma once

#include "domain/access.h"
#include "storage/connection.h"
#include "storage/rows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kedja::storage {

// Where the case is now and what rule set it follows, by its projection
// (or as created, before it has one): the cases row's derived columns.
struct Derived {
  std::string municipality;
  std::string health_centre;
  bool closed = false;
  std::optional<std::string> rule_set;
};
Derived derived(const Case& the_case, const CaseState* state);

// 'c' and 16 hex digits of a random 64-bit value: opaque and not guessable.
CaseId new_case_id();

std::optional<CaseRow> load_case(Connection& c, const CaseId& id);
std::vector<RecordedEvent> load_events(Connection& c, std::int64_t case_num);
std::optional<RecordedEvent> find_event_by_client_id(Connection& c, std::int64_t case_num,
                                                     const std::string& event_id);

// Inserts the case, with what `state` (its projection, if known yet) makes
// of it, under its id, or a fresh one if it has none or the id is taken
// (set in `the_case`). Returns the row as stored.
CaseRow insert_case(Connection& c, Case& the_case, const CaseState* state);
// `audit_id`: the audit row of the write that appends it (none for the
// events a case is created with: the create's row links the case).
void insert_event(Connection& c, std::int64_t case_num, const RecordedEvent& event,
                  std::optional<std::int64_t> audit_id = std::nullopt);

// Makes the case's step rows and derived columns say what `state` says,
// writing only the rows that differ from what is stored (`stored`: the case
// row as it is in the database). Fewer pages written means shorter commits.
void save_projection(Connection& c, const CaseRow& stored, const CaseState& state);
// The same, given the step rows as stored, read in this transaction.
void save_projection(Connection& c, const CaseRow& stored, const CaseState& state,
                     const std::vector<Step>& stored_steps);

// The steps as stored (for tests and the "repeated event" answer).
std::vector<Step> load_steps(Connection& c, std::int64_t case_num);

}  // namespace kedja::storage
