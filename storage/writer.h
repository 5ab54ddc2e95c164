// The one writer: a thread that owns the write connection. Write requests
// queue up; the writer takes all that are queued, runs them in ONE
// transaction, each in its own SAVEPOINT (a refused one rolls back alone),
// commits once (one fsync for the group) and then answers every caller.
//
// Failures are charged to the request that caused them: a caller's write
// that cannot be committed gets its own error (Unavailable when the
// database is full, read-only, locked or failing, which the server answers
// with 503). A posted task (a read's audit row) has nobody to answer: when
// it cannot be committed it stays queued and is tried again, and until it
// is committed audit_refusal() says why reads must not be answered — no
// personal data leaves without its audit row (contract §4). A failure and
// the recovery from it are logged once each, with the cause.
#pragma once

#include "storage/connection.h"
#include "storage/stats.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kedja::storage {

class Writer {
 public:
  // Returns true to keep the task's writes, false to roll them back (a
  // refused request). An exception also rolls back, and reaches the caller.
  using Task = std::function<bool(Connection&)>;
  // Where the writer says, once each, that it cannot commit and that it
  // can again.
  using Log = std::function<void(const std::string& line)>;

  // Posted tasks waiting for their commit, at most: beyond, post() waits
  // for room, up to max_room_wait, and then gives up (a read costs a posted
  // task; the writer commits up to posted_batch of them a group).
  static constexpr std::size_t max_posted = 4096;
  static constexpr std::chrono::milliseconds max_room_wait{100};
  // Waiting callers in one group transaction, at most.
  static constexpr std::size_t max_group = 64;
  // A posted task waits at most this long for its commit: a commit comes
  // sooner when a caller's write needs one (posted tasks ride along), or
  // when posted_batch posted tasks are queued. Committing reads' audit rows
  // in batches rather than as they come keeps commits (each an fsync, and
  // each dropping every reader's page cache) to a few dozen a second under
  // a read load (storage/README.md has the figures).
  static constexpr std::chrono::milliseconds posted_delay{20};
  static constexpr std::size_t posted_batch = 256;
  // Posted tasks that could not be committed are tried again this often
  // (sooner when a caller's write makes a group).
  static constexpr std::chrono::milliseconds retry_delay{100};

  // Opens the write connection on the writer thread and migrates the
  // database; rethrows what went wrong there. `log` gets the lines above
  // (nothing is logged without one).
  Writer(const std::string& path, bool durable, Log log = {});
  // Commits everything queued (posted tasks too) before it returns; posted
  // tasks that still cannot be committed then are logged as lost.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `task` in the next group transaction; returns once that
  // transaction is committed (durable with synchronous=FULL). Returns the
  // task's answer; rethrows its exception, or the commit's — as
  // Unavailable when the database cannot commit now (full, read-only, an
  // I/O error, locked), the cause in its text.
  bool run(Task task);

  // Queues `task` for a later group transaction without waiting for its
  // commit: it is committed (durable) within posted_delay, or with the next
  // caller's group if that comes first. If it cannot be committed it is
  // kept and tried again every retry_delay, and audit_refusal() refuses
  // reads until it is. While max_posted posted tasks wait, waits for room
  // up to `room_wait`; returns false, the task not queued, if none came
  // (the writer is that far behind). Never throws another task's failure.
  [[nodiscard]] bool post(Task task, std::chrono::milliseconds room_wait = max_room_wait);

  // Why reads of cases must not be answered now, if they must not: posted
  // tasks wait after a failed commit (the cause). Cheap (an atomic and,
  // only when refusing, a lock).
  std::optional<std::string> audit_refusal() const;

  // A snapshot of the queues and of what the groups have done (one lock).
  WriterStats stats() const;

  // Returns once every task run or posted before it is committed (the
  // queue is first in, first out); throws Unavailable when posted tasks
  // are still waiting after a failed commit.
  void flush();

  // Runs `task` on the writer thread outside any group transaction: the
  // task manages its own transactions (bulk load, reprojection).
  void run_alone(Task task);

 private:
  struct Request {
    Task task;
    bool alone = false;
    bool posted = false;  // nobody waits: no promise to keep
    bool kept = false;
    bool retried = false;  // a posted task kept after a failed commit
    std::chrono::steady_clock::time_point queued_at;
    std::exception_ptr error;
    std::promise<void> done;
  };

  bool submit(Task task, bool alone);
  void loop(const std::string& path, bool durable, std::promise<void>& opened);
  // Waits until a group is due (see posted_delay) and takes it from the
  // queue; empty once stopping with nothing left.
  std::deque<Request*> next_batch();
  bool group_due() const;
  std::chrono::steady_clock::time_point posted_due() const;
  void run_group(std::deque<Request*>& group);
  void run_one_alone(Request& request);
  // Posted tasks of a group: the committed ones done, the failed ones
  // queued again in front (or, when stopping, lost); says so in the log.
  void finish_posted(std::size_t committed, std::deque<Request*> failed, std::exception_ptr error);
  // The log lines of a group's outcome: a new failure of a caller's write,
  // or the first clean commit after a failure.
  void note_callers(std::exception_ptr failure, bool wrote);
  void count_group(std::size_t requests, bool committed);  // into stats_
  void note_failure(std::exception_ptr cause);  // logged once until note_recovery
  void note_recovery();
  void log(const std::string& line) const;

  Log log_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable room_;         // posted_ fell below max_posted
  std::deque<Request*> queue_;
  std::size_t callers_ = 0;              // requests in queue_ that a caller waits for
  std::size_t posted_ = 0;               // posted tasks not yet committed
  std::size_t retried_queued_ = 0;       // posted tasks queued again after a failure (at the front)
  std::atomic<bool> audit_failing_{false};  // retried_queued_ > 0, readable without the lock
  std::string audit_failure_;            // why, under mutex_
  WriterStats stats_;                    // under mutex_; its queue depths are filled in by stats()
  std::chrono::steady_clock::time_point retry_at_;
  bool failure_logged_ = false;          // writer thread: a failure is logged, its recovery not yet
  bool stopping_ = false;
  Connection* connection_ = nullptr;  // owned by the writer thread
  std::thread thread_;
};

}  // namespace kedja::storage
