// Step histograms: the region's steps counted per (status, due month,
// municipality, step), each row holding the distribution the answer needs
// as a histogram — for the coordinator's overdue summary and follow-up
// (contract v1.1 §4), which then read one row per group instead of one per
// group × day × lateness × actor × health centre (issue 15: the same number
// of rows at 10k and at 1M cases, where step_counts read 8–14 times more).
//
// Rows (table `step_histograms`, WITHOUT ROWID):
//   - status 'open', due_month '' — every open step with a due date of a
//     municipality and step, whatever the month: the histogram counts them
//     by due day (days since 1970-01-01), because whether an open step is
//     late depends on as_of;
//   - status 'done' or 'declined', due_month 'YYYY-MM' — the histogram
//     counts them by working days late: 0 for on time (and for every
//     declined step), ≥ 1 for late (follow_up_outcome's rule).
// Counted: steps with a due date that are not cancelled, as step_counts.
// Kept by triggers on `steps` in the projection's own transaction, through
// the SQL function `kedja_histogram`, which every Connection registers
// (a plain `sqlite3` shell cannot write steps: the triggers need it). A
// count that falls to 0 is removed; a row whose n falls to 0 is deleted.
//
// The histogram BLOB: pairs of (int32 value, uint32 count), little-endian,
// sorted by value, no count 0; never empty (an empty one is the row gone).
#pragma once

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kedja::storage {

// Registers `kedja_histogram(counts BLOB or NULL, value INTEGER, delta
// INTEGER) → BLOB or NULL` on `db`: `counts` with `delta` added to the count
// of `value` (NULL when nothing is left). A count that would go below 0 is an
// SQL error (the histogram and the steps disagree), as is a value outside
// int32 or a malformed BLOB.
void register_histogram_function(SQLite::Database& db);

// Migration 15: the table, its triggers, and the stored steps counted.
void create_step_histograms(SQLite::Database& db);

// Deletes every histogram and counts them again from `step_counts`, which
// must be up to date (bulk_load into an empty database, whose triggers were
// dropped — the names match step_count_trigger_pattern — calls it after
// recount_steps).
void recount_step_histograms(SQLite::Database& db);

// Step histograms by birth month (table `step_histograms_by_birth_month`,
// WITHOUT ROWID): the done and declined steps with a due date per
// (municipality, due month, birth month 'YYYY-MM' of the case, status,
// actor, step), the histogram counting them by working days late as above.
// For the units whose scope is an age range today (school, preschool,
// school and child health, sfi: domain/access.h): their follow-up reads the
// whole birth months inside the range here, instead of every step of their
// municipality (issue 15: a school's 12-month follow-up read 1.6M steps at
// 1M demo cases). Kept by triggers as the histograms above; migration 20
// also adds the index cases(cur_municipality, birth_date), by which the
// part months at the range's ends are read from the cases' steps.
void create_step_birth_histograms(SQLite::Database& db);
void recount_step_birth_histograms(SQLite::Database& db);

// One (value, count) pair of a histogram.
struct HistogramEntry {
  std::int32_t value = 0;
  std::uint32_t count = 0;
  bool operator==(const HistogramEntry&) const = default;
};

// Reads a histogram BLOB, in value order, calling `each(value, count)`.
// Throws StorageError when the BLOB is not one (its size is not a multiple
// of 8).
void read_histogram(std::span<const unsigned char> blob, const auto& each);

// The entries of `blob` whose value is below `limit` (a prefix: the entries
// are sorted), found by binary search; throws as read_histogram.
std::span<const unsigned char> histogram_below(std::span<const unsigned char> blob, std::int32_t limit);

// The whole histogram as entries (tests and tools; the hot paths read in
// place with read_histogram).
std::vector<HistogramEntry> histogram_entries(std::span<const unsigned char> blob);

namespace detail {
[[noreturn]] void throw_bad_histogram(std::size_t size);
inline std::uint32_t load_u32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
}  // namespace detail

void read_histogram(std::span<const unsigned char> blob, const auto& each) {
  if (blob.size() % 8 != 0) detail::throw_bad_histogram(blob.size());
  for (std::size_t at = 0; at < blob.size(); at += 8)
    each(static_cast<std::int32_t>(detail::load_u32(blob.data() + at)), detail::load_u32(blob.data() + at + 4));
}

}  // namespace kedja::storage
