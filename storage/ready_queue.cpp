#include "storage/ready_queue.h"

#include "storage/rows.h"

namespace kedja::storage {

ReadyCase ready_case(Case the_case, std::vector<RecordedEvent> events, CaseState state) {
  the_case.id = new_case_id();
  Derived now = derived(the_case, &state);
  std::string given_fold = fold_name(the_case.given_name);
  std::string family_fold = fold_name(the_case.family_name);
  std::string birth_date = format_date(the_case.birth_date);
  return {std::move(the_case), std::move(events),      std::move(state),      std::move(now),
          std::move(given_fold), std::move(family_fold), std::move(birth_date), 0};
}

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
