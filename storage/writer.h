// The one writer: a thread that owns the write connection. Write requests
// queue up; the writer takes all that are queued, runs them in ONE
// transaction, each in its own SAVEPOINT (a refused one rolls back alone),
// commits once (one fsync for the group) and then answers every caller.
#pragma once

#include "storage/connection.h"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kedja::storage {

class Writer {
 public:
  // Returns true to keep the task's writes, false to roll them back (a
  // refused request). An exception also rolls back, and reaches the caller.
  using Task = std::function<bool(Connection&)>;

  // Posted tasks waiting for their commit before post() makes callers wait.
  static constexpr std::size_t max_posted = 4096;
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

  // Opens the write connection on the writer thread and migrates the
  // database; rethrows what went wrong there.
  Writer(const std::string& path, bool durable);
  // Commits everything queued (posted tasks too) before it returns.
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `task` in the next group transaction; returns once that
  // transaction is committed (durable with synchronous=FULL). Returns the
  // task's answer; rethrows its exception or the commit's.
  bool run(Task task);

  // Queues `task` for a later group transaction and returns without
  // waiting for it: it is committed (durable) within posted_delay, or with
  // the next caller's group if that comes first. While max_posted posted
  // tasks are waiting, the caller
  // waits for room (backpressure). A posted task cannot answer its caller:
  // if one fails (or its commit does), the next post() throws that failure,
  // so a lasting fault (a full disk) still surfaces.
  void post(Task task);

  // Returns once every task run or posted before it is committed (the
  // queue is first in, first out).
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
  void run_group(std::deque<Request*>& group);
  void run_one_alone(Request& request);
  void finish_posted(std::size_t count, std::exception_ptr error);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable room_;         // posted_ fell below max_posted
  std::deque<Request*> queue_;
  std::size_t callers_ = 0;              // requests in queue_ that a caller waits for
  std::size_t posted_ = 0;               // posted tasks not yet committed
  std::exception_ptr posted_error_;      // a posted task's failure, for the next post()
  bool stopping_ = false;
  Connection* connection_ = nullptr;  // owned by the writer thread
  std::thread thread_;
};

}  // namespace kedja::storage
