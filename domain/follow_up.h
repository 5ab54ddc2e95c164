// Uppföljning — the on-time follow-up of contract v1.1 §4: how each step
// counts against its deadline, and the figures a group of steps adds up to.
//
// Pure: the caller passes `as_of` and the calendar. Storage keeps counts of
// steps by (status, due_on, late, working_days_late) and classifies each
// count with `follow_up_outcome`, so the stored counts and a recomputation
// from the events apply the same rule.
#pragma once

#include "domain/calendar.h"
#include "domain/steps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kedja {

enum class FollowUpOutcome {
  on_time,   // done, no working day after due_on (i rätt tid)
  late,      // done late, or open and overdue as of as_of (försenad)
  pending,   // open, not overdue as of as_of (pågående)
  declined,  // closed by step_declined: outside the share (avböjt)
};

struct FollowUpCount {
  FollowUpOutcome outcome = FollowUpOutcome::on_time;
  // For `late`: working days in (due_on, done_on] when done, in
  // (due_on, as_of] when still open; 0 otherwise.
  int working_days_late = 0;
};

// How a step counts on `as_of` (a Europe/Stockholm civil day). nullopt: the
// step never counts — it has no due date, or it was cancelled (a closed
// case; a re-booking's superseded step). `late` and `working_days_late` are
// the stored values of a done step (contract §3: late ⇔ ≥ 1 working day).
std::optional<FollowUpCount> follow_up_outcome(StepStatus status, std::optional<Date> due_on, bool late,
                                               int working_days_late, Date as_of, const Calendar& calendar);
std::optional<FollowUpCount> follow_up_outcome(const Step& step, Date as_of, const Calendar& calendar);

// The figures of one row of the follow-up (one group × step).
class FollowUpFigures {
 public:
  // Adds `n` steps that count as `count`.
  void add(const FollowUpCount& count, std::int64_t n = 1);
  void add(const FollowUpFigures& other);

  std::int64_t on_time() const { return on_time_; }
  std::int64_t late() const { return late_; }
  std::int64_t declined() const { return declined_; }
  std::int64_t pending() const { return pending_; }
  // on_time / (on_time + late), in [0, 1]; nullopt when both are 0.
  std::optional<double> share_on_time() const;
  // The median of the late ones' working days late (the mean of the two
  // middle values when their number is even); nullopt when none is late.
  std::optional<double> median_working_days_late() const;
  bool operator==(const FollowUpFigures&) const = default;

 private:
  void add_days_late(int days, std::int64_t n);

  std::int64_t on_time_ = 0, late_ = 0, declined_ = 0, pending_ = 0;
  // (working days late, how many late steps), sorted by the days: a sorted
  // vector, because the follow-up adds each group's days in order (an
  // append), where a map's node per entry showed in its profile at 1M cases.
  std::vector<std::pair<int, std::int64_t>> days_late_;
};

// The period a follow-up covers, both days inclusive.
struct FollowUpPeriod {
  Date from{};
  Date to{};
};

// The default period: the last 12 full calendar months before the month of
// `as_of` (as_of 2026-11-30 → 2025-11-01..2026-10-31).
FollowUpPeriod last_twelve_full_months(Date as_of);

// "YYYY-MM" of a due date: the group of `by=month`.
std::string month_of(Date due_on);

}  // namespace kedja
