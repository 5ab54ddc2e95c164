// Work counts: how many steps each actor has of each (open or closed, day,
// step, municipality, health centre), kept up to date by triggers on
// `steps` — so in the same transaction as every write of the projection
// (append, create, bulk load, reproject) — for the four tab counts of the
// web page Att göra (Store::work, issue 13). One actor's tab reads a few
// hundred count rows instead of tens of thousands of index entries (the
// Klara count read 56,700 for one health centre at 1M demo cases).
//
// Counted: open steps by due day ('' for a step without a due date), and
// done or declined steps with a done day by that day — exactly the steps
// the tabs' own conditions on `steps` can select. A count that falls to 0
// is deleted, so the table equals a GROUP BY of `steps` row for row
// (tested after random event sequences, reproject and a bulk load).
// work_day_counts holds the same without the step (migration 19): the
// page's usual view chooses no step, and its tab counts read a row per day
// and place — 3,899 rows for Hälsocentralen Östersund at 1M demo cases
// against 15,296 — kept by the same triggers, in the same transaction.
#pragma once

#include "domain/steps.h"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kedja::storage {

// Migration 16: the table, and counts of the steps stored.
void create_work_counts(SQLite::Database& db);
// Migration 19: the counts without the step (work_day_counts: actor, open,
// day, municipality, health centre), for the tab counts of a view with no
// step chosen, and the triggers that keep both tables.
void add_work_day_counts(SQLite::Database& db);

// The counts of the steps a bulk load inserts, tallied as it inserts them:
// into an empty database it writes them once at the end (with the triggers
// dropped) instead of a GROUP BY of the steps, which sorts every step —
// about 13 s of CPU for the 6.6M steps of the 1M-case demo, against about
// 1 s for the tally. The same rule as the triggers (tested: after a bulk
// load both tables equal a GROUP BY of the steps).
class WorkCountTally {
 public:
  // A step as stored, with the case's municipality and health centre now.
  void add(const Step& step, std::string_view municipality, std::string_view health_centre);
  // Inserts the counts into work_counts and work_day_counts, which must
  // hold none of them.
  void write(SQLite::Database& db) const;

 private:
  std::string key_;  // reused: a lookup of a count already there allocates nothing
  std::unordered_map<std::string, std::int64_t> counts_;
};

// The names of the triggers that keep the counts, all `work_count_…`.
inline constexpr const char* work_count_trigger_pattern = "work_count_%";

}  // namespace kedja::storage
