// The one writer: a thread that owns the write connection. Write requests
// queue up; the writer takes all that are queued, runs them in ONE
// transaction, each in its own SAVEPOINT (a refused one rolls back alone),
// commits once (one fsync for the group) and then answers every caller.
#pragma once

#include "storage/connection.h"

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>

namespace kedja::storage {

class Writer {
 public:
  // Returns true to keep the task's writes, false to roll them back (a
  // refused request). An exception also rolls back, and reaches the caller.
  using Task = std::function<bool(Connection&)>;

  // Opens the write connection on the writer thread and migrates the
  // database; rethrows what went wrong there.
  Writer(const std::string& path, bool durable);
  ~Writer();
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  // Runs `task` in the next group transaction; returns once that
  // transaction is committed (durable with synchronous=FULL). Returns the
  // task's answer; rethrows its exception or the commit's.
  bool run(Task task);

  // Runs `task` on the writer thread outside any group transaction: the
  // task manages its own transactions (bulk load, reprojection).
  void run_alone(Task task);

 private:
  struct Request {
    Task task;
    bool alone = false;
    bool kept = false;
    std::exception_ptr error;
    std::promise<void> done;
  };

  bool submit(Task task, bool alone);
  void loop(const std::string& path, bool durable, std::promise<void>& opened);
  void run_group(std::deque<Request*>& group);
  void run_one_alone(Request& request);

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Request*> queue_;
  bool stopping_ = false;
  Connection* connection_ = nullptr;  // owned by the writer thread
  std::thread thread_;
};

}  // namespace kedja::storage
