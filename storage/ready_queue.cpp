#include "storage/ready_queue.h"

namespace kedja::storage {

bool ReadyQueue::push(ReadyCase ready) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return cancelled_ || cases_.size() < capacity_; });
  if (cancelled_) return false;
  cases_.push_back(std::move(ready));
  if (cases_.size() == 1) changed_.notify_all();  // the consumer may be waiting for one
  return true;
}

void ReadyQueue::finish(std::exception_ptr error) {
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
    error_ = error;
  }
  changed_.notify_all();
}

bool ReadyQueue::pop(std::vector<ReadyCase>& out) {
  out.clear();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return finished_ || !cases_.empty(); });
  if (cases_.empty()) {
    if (error_) std::rethrow_exception(error_);
    return false;
  }
  out.swap(cases_);
  changed_.notify_all();  // room for the producer
  return true;
}

void ReadyQueue::cancel() {
  {
    std::lock_guard lock(mutex_);
    cancelled_ = true;
  }
  changed_.notify_all();
}

}  // namespace kedja::storage
