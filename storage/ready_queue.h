// bulk_load's pipeline: one thread pulls cases from the caller's source and
// projects them while the writer inserts the ones before (measured: the
// source and the projection were ≈ 10 % of a load's time on the writer).
#pragma once

#include "domain/steps.h"
#include "storage/case_io.h"

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

namespace kedja::storage {

// A case ready to insert: its events numbered, its projection computed,
// its id drawn and the columns the inserts derive from it made (all on the
// producer's thread: measured, a few per cent of the writer's time).
struct ReadyCase {
  Case the_case;
  std::vector<RecordedEvent> events;
  CaseState state;
  Derived now;                         // the case row's derived columns
  std::string given_fold, family_fold;
  std::string birth_date;              // as the step rows carry it
  std::int64_t num = 0;                // the case row's, once inserted
};

// Makes a ReadyCase: draws the case a fresh id and derives its columns.
ReadyCase ready_case(Case the_case, std::vector<RecordedEvent> events, CaseState state);

class ReadyQueue {
 public:
  explicit ReadyQueue(std::size_t capacity) : capacity_(capacity) {}

  // Producer. Waits for room; false once the consumer has given up.
  bool push(ReadyCase ready);
  // Producer: no more cases; `error` (if any) is why.
  void finish(std::exception_ptr error = nullptr);

  // Consumer. Moves every waiting case into `out` (cleared first), waiting
  // for one; false at the end, or rethrows the producer's error.
  bool pop(std::vector<ReadyCase>& out);
  // Consumer: gives up; the producer's next push returns false.
  void cancel();

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ReadyCase> cases_;
  std::size_t capacity_;
  bool finished_ = false;
  bool cancelled_ = false;
  std::exception_ptr error_;
};

}  // namespace kedja::storage
