#include "storage/writer.h"

#include "storage/schema.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace kedja::storage {

Writer::Writer(const std::string& path, bool durable) {
  std::promise<void> opened;
  auto ready = opened.get_future();
  thread_ = std::thread([this, path, durable, opened = std::move(opened)]() mutable {
    loop(path, durable, opened);
  });
  try {
    ready.get();
  } catch (...) {
    thread_.join();
    throw;
  }
}

Writer::~Writer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

bool Writer::run(Task task) { return submit(std::move(task), false); }

void Writer::flush() {
  run([](Connection&) { return true; });
}

void Writer::post(Task task) {
  auto request = std::make_unique<Request>();
  request->task = std::move(task);
  request->posted = true;
  bool wake = false;
  {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [this] { return posted_ < max_posted; });
    if (posted_error_) std::rethrow_exception(std::exchange(posted_error_, nullptr));
    request->queued_at = std::chrono::steady_clock::now();
    // The writer needs waking only to start the delay, or when the batch
    // is full: a wake-up per read would cost a context switch each.
    wake = queue_.empty() || queue_.size() + 1 == posted_batch;
    queue_.push_back(request.release());  // the writer deletes it once committed
    ++posted_;
  }
  if (wake) wake_.notify_one();
}

void Writer::run_alone(Task task) { submit(std::move(task), true); }

bool Writer::submit(Task task, bool alone) {
  Request request;
  request.task = std::move(task);
  request.alone = alone;
  auto done = request.done.get_future();
  {
    std::lock_guard lock(mutex_);
    queue_.push_back(&request);
    ++callers_;
  }
  wake_.notify_one();
  done.get();  // rethrows the task's or the commit's exception
  return request.kept;
}

void Writer::loop(const std::string& path, bool durable, std::promise<void>& opened) {
  std::optional<Connection> connection;
  try {
    connection.emplace(path, OpenMode::write, durable);
    migrate(connection->db(), latest_schema_version());
  } catch (...) {
    opened.set_exception(std::current_exception());
    return;
  }
  connection_ = &*connection;
  opened.set_value();
  for (;;) {
    std::deque<Request*> batch = next_batch();
    if (batch.empty()) return;  // stopping, and every request answered
    // Consecutive ordinary requests share one transaction; a request that
    // runs alone splits the batch, keeping the order of arrival.
    std::deque<Request*> group;
    for (Request* request : batch) {
      if (!request->alone) {
        group.push_back(request);
        continue;
      }
      run_group(group);
      run_one_alone(*request);
    }
    run_group(group);
  }
}

bool Writer::group_due() const {
  if (stopping_ || callers_ > 0 || queue_.size() >= posted_batch) return true;
  return !queue_.empty() && std::chrono::steady_clock::now() >= queue_.front()->queued_at + posted_delay;
}

std::deque<Writer::Request*> Writer::next_batch() {
  std::unique_lock lock(mutex_);
  while (!group_due()) {
    if (queue_.empty()) wake_.wait(lock);
    else wake_.wait_until(lock, queue_.front()->queued_at + posted_delay);
  }
  // No waiting for more callers to gather: with appends worked out on the
  // callers' threads (writes.cpp), a group that commits at once beat one
  // that waited up to 100, 300 or 600 µs for the callers of the last group
  // (measured: 16 durable writers, storage/README.md).
  // At most max_group callers per transaction: a long one would hold every
  // caller in it (and every post() waiting for room) that long.
  std::deque<Request*> batch;
  std::size_t callers = 0, posted = 0;
  while (!queue_.empty() && callers < max_group && posted < posted_batch) {
    Request* request = queue_.front();
    queue_.pop_front();
    (request->posted ? posted : callers) += 1;
    batch.push_back(request);
  }
  callers_ -= callers;
  return batch;
}

void Writer::run_group(std::deque<Request*>& group) {
  if (group.empty()) return;
  Connection& c = *connection_;
  std::exception_ptr commit_error;
  // Prepared once (c.prepare caches them): parsing SQL text for every
  // savepoint showed in the writer's profile.
  auto run = [&c](const char* sql) { c.prepare(sql).exec(); };
  try {
    run("BEGIN IMMEDIATE");
    for (Request* request : group) {
      run("SAVEPOINT request");
      try {
        request->kept = request->task(c);
      } catch (...) {
        request->error = std::current_exception();
        request->kept = false;
      }
      if (!request->kept) run("ROLLBACK TO request");
      run("RELEASE request");
    }
    run("COMMIT");
  } catch (...) {
    commit_error = std::current_exception();
    c.db().tryExec("ROLLBACK");
  }
  // Posted tasks first, so that a caller answered below already finds a
  // posted task's failure in this group noted for the next post().
  std::size_t posted = 0;
  std::exception_ptr posted_error;
  for (Request*& request : group) {
    if (!request->posted) continue;
    ++posted;
    if (!posted_error) posted_error = request->error ? request->error : commit_error;
    delete std::exchange(request, nullptr);
  }
  if (posted > 0) finish_posted(posted, posted_error);
  // Answer only now: every kept write of the group is durable.
  for (Request* request : group) {
    if (!request) continue;
    if (!request->error && commit_error) request->error = commit_error;
    if (request->error) request->done.set_exception(request->error);
    else request->done.set_value();
  }
  group.clear();
}

void Writer::finish_posted(std::size_t count, std::exception_ptr error) {
  {
    std::lock_guard lock(mutex_);
    posted_ -= count;
    if (error && !posted_error_) posted_error_ = error;
  }
  room_.notify_all();
}

void Writer::run_one_alone(Request& request) {
  try {
    request.kept = request.task(*connection_);
  } catch (...) {
    connection_->db().tryExec("ROLLBACK");  // a task that threw mid-transaction
    request.done.set_exception(std::current_exception());
    return;
  }
  request.done.set_value();
}

}  // namespace kedja::storage
