#include "storage/writer.h"

#include "storage/schema.h"
#include "storage/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <optional>
#include <utility>

namespace kedja::storage {
namespace {

// SQLite errors that say the database cannot commit now, whatever was
// asked of it: full, read-only, an I/O error, locked by another program,
// out of memory. Anything else is a fault of the request (or a bug).
bool cannot_commit_now(const SQLite::Exception& e) {
  switch (e.getErrorCode() & 0xff) {
    case SQLITE_FULL: case SQLITE_READONLY: case SQLITE_IOERR: case SQLITE_CANTOPEN:
    case SQLITE_BUSY: case SQLITE_LOCKED: case SQLITE_NOMEM: case SQLITE_PROTOCOL:
      return true;
    default:
      return false;
  }
}

// The error as its caller should see it: Unavailable when the database
// cannot commit now.
std::exception_ptr as_charged(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const SQLite::Exception& e) {
    if (cannot_commit_now(e))
      return std::make_exception_ptr(Unavailable(std::string("the database cannot record this now (") +
                                                 e.what() + "); nothing was written"));
  } catch (...) {
  }
  return error;
}

bool is_unavailable(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const Unavailable&) {
    return true;
  } catch (...) {
    return false;
  }
}

std::string what(std::exception_ptr error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an unknown error";
  }
}

}  // namespace

Writer::Writer(const std::string& path, bool durable, Log log) : log_(std::move(log)) {
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
  if (!audit_failing_) return;
  if (auto refusal = audit_refusal()) throw Unavailable(*refusal);
}

bool Writer::post(Task task, std::chrono::milliseconds room_wait) {
  auto request = std::make_unique<Request>();
  request->task = std::move(task);
  request->posted = true;
  bool wake = false;
  {
    std::unique_lock lock(mutex_);
    // Bounded: a writer far behind (a slow disk) makes reads fail soon,
    // not hang (issue 11 §1).
    if (!room_.wait_for(lock, room_wait, [this] { return posted_ < max_posted; })) return false;
    request->queued_at = std::chrono::steady_clock::now();
    // The writer needs waking only to start the delay, or when the batch
    // is full: a wake-up per read would cost a context switch each.
    wake = queue_.empty() || queue_.size() + 1 == posted_batch;
    queue_.push_back(request.release());  // the writer deletes it once committed
    ++posted_;
  }
  if (wake) wake_.notify_one();
  return true;
}

std::optional<std::string> Writer::audit_refusal() const {
  if (!audit_failing_) return std::nullopt;
  std::lock_guard lock(mutex_);
  if (retried_queued_ == 0) return std::nullopt;
  return "the audit log cannot record reads now (" + audit_failure_ + "); no case is shown until it can";
}

WriterStats Writer::stats() const {
  std::lock_guard lock(mutex_);
  WriterStats stats = stats_;
  stats.callers_queued = callers_;
  stats.posted_queued = posted_;
  stats.audit_failing = retried_queued_ > 0;
  return stats;
}

void Writer::count_group(std::size_t requests, bool committed) {
  std::lock_guard lock(mutex_);
  ++stats_.groups;
  stats_.group_requests += requests;
  for (std::size_t i = 0; i < WriterStats::group_bounds.size(); ++i)
    if (requests <= WriterStats::group_bounds[i]) ++stats_.groups_up_to[i];
  if (committed) return;
  ++stats_.failed_commits;
  stats_.last_failed_commit = std::chrono::system_clock::now();
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

// When the posted tasks at the front are due (the queue holds no caller).
std::chrono::steady_clock::time_point Writer::posted_due() const {
  if (retried_queued_ > 0) return retry_at_;
  if (queue_.size() >= posted_batch) return std::chrono::steady_clock::time_point::min();
  return queue_.front()->queued_at + posted_delay;
}

bool Writer::group_due() const {
  if (stopping_ || callers_ > 0) return true;
  return !queue_.empty() && std::chrono::steady_clock::now() >= posted_due();
}

std::deque<Writer::Request*> Writer::next_batch() {
  std::unique_lock lock(mutex_);
  while (!group_due()) {
    if (queue_.empty()) wake_.wait(lock);
    else wake_.wait_until(lock, posted_due());
  }
  // No waiting for more callers to gather: with appends worked out on the
  // callers' threads (writes.cpp), a group that commits at once beat one
  // that waited up to 100, 300 or 600 µs for the callers of the last group
  // (measured: 16 durable writers, storage/README.md).
  // At most max_group callers per transaction: a long one would hold every
  // caller in it that long.
  std::deque<Request*> batch;
  std::size_t callers = 0, posted = 0;
  while (!queue_.empty() && callers < max_group && posted < posted_batch) {
    Request* request = queue_.front();
    queue_.pop_front();
    (request->posted ? posted : callers) += 1;
    if (request->retried) --retried_queued_;
    batch.push_back(request);
  }
  callers_ -= callers;
  return batch;
}

void Writer::run_group(std::deque<Request*>& group) {
  if (group.empty()) return;
  Connection& c = *connection_;
  std::exception_ptr commit_error;
  const int changes_before = c.db().getTotalChanges();
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
      // On a full disk or an I/O error SQLite may roll the whole
      // transaction back, not just the statement: then the group is lost,
      // for that cause.
      if (request->error && sqlite3_get_autocommit(c.db().getHandle())) std::rethrow_exception(request->error);
      if (!request->kept) run("ROLLBACK TO request");
      run("RELEASE request");
    }
    run("COMMIT");
  } catch (...) {
    commit_error = std::current_exception();
    c.db().tryExec("ROLLBACK");
  }
  count_group(group.size(), !commit_error);
  // Posted tasks first, so that a caller answered below already finds the
  // audit state this group left (audit_refusal).
  std::size_t committed = 0;
  std::deque<Request*> failed;
  std::exception_ptr posted_error;
  for (Request*& request : group) {
    if (!request->posted) continue;
    if (std::exception_ptr error = request->error ? request->error : commit_error) {
      if (!posted_error) posted_error = error;
      request->error = nullptr;
      failed.push_back(request);
    } else {
      ++committed;
      delete request;
    }
    request = nullptr;
  }
  if (committed > 0 || !failed.empty()) finish_posted(committed, std::move(failed), posted_error);
  // Answer only now: every kept write of the group is durable.
  std::exception_ptr caller_failure;
  for (Request* request : group) {
    if (!request) continue;
    if (!request->error && commit_error) request->error = commit_error;
    if (request->error) {
      std::exception_ptr raw = std::exchange(request->error, as_charged(request->error));
      if (!caller_failure && is_unavailable(request->error)) caller_failure = raw;
      request->done.set_exception(request->error);
    } else {
      request->done.set_value();
    }
  }
  group.clear();
  note_callers(caller_failure ? caller_failure : (posted_error ? posted_error : nullptr),
               !commit_error && c.db().getTotalChanges() != changes_before);
}

void Writer::finish_posted(std::size_t committed, std::deque<Request*> failed, std::exception_ptr error) {
  std::string lost;
  bool recovered = false;
  {
    std::lock_guard lock(mutex_);
    posted_ -= committed;
    if (committed > 0 || stopping_) room_.notify_all();
    if (!failed.empty() && stopping_) {
      // Closing: nobody is left to try them again.
      posted_ -= failed.size();
      lost = std::to_string(failed.size()) + " audit rows of reads already answered could not be recorded (" +
             what(error) + ")";
      for (Request* request : failed) delete request;
    } else if (!failed.empty()) {
      for (auto it = failed.rbegin(); it != failed.rend(); ++it) {
        (*it)->retried = true;
        queue_.push_front(*it);
      }
      retried_queued_ += failed.size();
      retry_at_ = std::chrono::steady_clock::now() + retry_delay;
      audit_failure_ = what(error);
      audit_failing_ = true;
    } else if (audit_failing_ && retried_queued_ == 0) {
      audit_failing_ = false;
      recovered = true;
    }
  }
  if (!failed.empty()) note_failure(error);  // first: the cause, then what it cost
  if (!lost.empty()) log(lost);
  if (recovered) note_recovery();
}

void Writer::note_callers(std::exception_ptr failure, bool wrote) {
  if (failure) note_failure(failure);
  else if (wrote && !audit_failing_) note_recovery();
}

void Writer::note_failure(std::exception_ptr cause) {
  if (failure_logged_) return;
  log("cannot commit to the database (" + what(cause) +
      "); writes, and reads of cases whose audit rows cannot be recorded, answer 503 until it can");
  failure_logged_ = true;
}

void Writer::note_recovery() {
  if (!failure_logged_) return;
  log("commits to the database again; every read's audit row kept waiting is recorded");
  failure_logged_ = false;
}

void Writer::log(const std::string& line) const {
  if (log_) log_(line);
}

void Writer::run_one_alone(Request& request) {
  try {
    request.kept = request.task(*connection_);
  } catch (...) {
    connection_->db().tryExec("ROLLBACK");  // a task that threw mid-transaction
    request.done.set_exception(as_charged(std::current_exception()));
    return;
  }
  request.done.set_value();
}

}  // namespace kedja::storage
