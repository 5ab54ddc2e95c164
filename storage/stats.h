// What the store reports about itself for the service's metrics
// (server/metrics.h): queue depths, group commits, failed commits, sizes on
// disk. Plain numbers, no SQL behind them.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace kedja::storage {

// The writer's state and what it has done since it started, for the
// service's metrics (server/metrics.h). A snapshot, taken under the
// writer's lock.
struct WriterStats {
  // Group sizes are counted in these buckets (requests in one transaction,
  // posted audit rows included: at most max_group + posted_batch = 320).
  static constexpr std::array<std::size_t, 10> group_bounds = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

  std::size_t callers_queued = 0;  // writes waiting for their group commit
  std::size_t posted_queued = 0;   // reads' audit rows not yet committed (the audit queue)
  bool audit_failing = false;      // audit rows wait after a failed commit: reads answer 503
  std::uint64_t groups = 0;        // group transactions tried
  std::uint64_t group_requests = 0;  // requests in them, summed
  // Groups of at most group_bounds[i] requests (cumulative, as a Prometheus
  // histogram's buckets); a group of more than 512 cannot happen.
  std::array<std::uint64_t, group_bounds.size()> groups_up_to{};
  std::uint64_t failed_commits = 0;  // group transactions that did not commit
  // When the last of them failed (UTC); nullopt while none has.
  std::optional<std::chrono::system_clock::time_point> last_failed_commit;
};

// The store's state for the service's metrics (server/metrics.h).
struct StoreStats {
  WriterStats writer;
  std::uintmax_t database_bytes = 0;  // the database file
  std::uintmax_t wal_bytes = 0;       // its write-ahead log (0 when there is none)
};

}  // namespace kedja::storage
