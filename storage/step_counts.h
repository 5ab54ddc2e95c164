// Step counts: how many steps there are of each (status, due_on, municipality,
// actor, step, health centre, late, working days late), kept up to date by
// triggers on `steps` — so in the same transaction as every write of the
// projection (append, create, bulk load, reproject) — for the overdue
// summary and the follow-up (contract v1.1 §4), which read a few thousand
// count rows instead of every step (issue 15: ≤ 50 ms at 1M cases).
//
// Counted: steps with a due date that are not cancelled (the follow-up never
// counts the others, and the summary only open ones). Two tables:
// `step_counts` by due day (every counted status), and `step_counts_monthly`
// by due month for done and declined steps, whose outcome does not depend on
// as_of: a period of whole months reads one row per month and group.
// A count that falls to 0 is deleted, so the tables equal a GROUP BY of
// `steps` row for row (tested after random event sequences and reproject).
#pragma once

#include <SQLiteCpp/Database.h>

namespace kedja::storage {

// Migration: the two tables, their triggers, and counts of the steps stored.
void create_step_counts(SQLite::Database& db);

// Deletes every count and counts the stored steps again (bulk_load into an
// empty database drops the triggers and counts once at the end).
void recount_steps(SQLite::Database& db);

// The names of the triggers that keep the counts, all `steps_count_…`.
inline constexpr const char* step_count_trigger_pattern = "steps_count_%";

}  // namespace kedja::storage
