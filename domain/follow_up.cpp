#include "domain/follow_up.h"

#include <algorithm>
#include <cassert>

namespace kedja {

std::optional<FollowUpCount> follow_up_outcome(StepStatus status, std::optional<Date> due_on, bool late,
                                               int working_days_late, Date as_of, const Calendar& calendar) {
  if (!due_on) return std::nullopt;  // no deadline, nothing to be on time for
  switch (status) {
    case StepStatus::cancelled: return std::nullopt;
    case StepStatus::declined: return FollowUpCount{FollowUpOutcome::declined, 0};
    case StepStatus::done:
      if (late && working_days_late > 0) return FollowUpCount{FollowUpOutcome::late, working_days_late};
      return FollowUpCount{FollowUpOutcome::on_time, 0};
    case StepStatus::open: {
      // Overdue from the first working day after due_on (contract §3 v1.1).
      const int overdue = as_of > *due_on ? calendar.working_days_between(*due_on, as_of) : 0;
      if (overdue > 0) return FollowUpCount{FollowUpOutcome::late, overdue};
      return FollowUpCount{FollowUpOutcome::pending, 0};
    }
  }
  return std::nullopt;
}

std::optional<FollowUpCount> follow_up_outcome(const Step& step, Date as_of, const Calendar& calendar) {
  return follow_up_outcome(step.status, step.due_on, step.late, step.working_days_late, as_of, calendar);
}

void FollowUpFigures::add(const FollowUpCount& count, std::int64_t n) {
  assert(n >= 0 && "a negative number of steps");
  switch (count.outcome) {
    case FollowUpOutcome::on_time: on_time_ += n; break;
    case FollowUpOutcome::pending: pending_ += n; break;
    case FollowUpOutcome::declined: declined_ += n; break;
    case FollowUpOutcome::late:
      late_ += n;
      add_days_late(count.working_days_late, n);
      break;
  }
}

void FollowUpFigures::add_days_late(int days, std::int64_t n) {
  if (days_late_.empty() || days_late_.back().first < days) {
    days_late_.emplace_back(days, n);
    return;
  }
  auto at = std::lower_bound(days_late_.begin(), days_late_.end(), days,
                             [](const std::pair<int, std::int64_t>& entry, int d) { return entry.first < d; });
  if (at != days_late_.end() && at->first == days) at->second += n;
  else days_late_.insert(at, {days, n});
}

void FollowUpFigures::add(const FollowUpFigures& other) {
  on_time_ += other.on_time_;
  late_ += other.late_;
  declined_ += other.declined_;
  pending_ += other.pending_;
  for (const auto& [days, n] : other.days_late_) add_days_late(days, n);
}

std::optional<double> FollowUpFigures::share_on_time() const {
  if (on_time_ + late_ == 0) return std::nullopt;
  return static_cast<double>(on_time_) / static_cast<double>(on_time_ + late_);
}

std::optional<double> FollowUpFigures::median_working_days_late() const {
  if (late_ == 0) return std::nullopt;
  // The values at 0-based ranks (late − 1) / 2 and late / 2 of the sorted
  // list: one rank when late is odd, the two middle ones when even.
  const std::int64_t low_rank = (late_ - 1) / 2, high_rank = late_ / 2;
  std::optional<int> low, high;
  std::int64_t seen = 0;
  for (const auto& [days, n] : days_late_) {
    seen += n;
    if (!low && seen > low_rank) low = days;
    if (!high && seen > high_rank) high = days;
    if (high) break;
  }
  assert(low && high && "days_late_ holds every late step");
  return (static_cast<double>(*low) + static_cast<double>(*high)) / 2.0;
}

FollowUpPeriod last_twelve_full_months(Date as_of) {
  const date::year_month_day ymd{as_of};
  const Date month_start = Date{ymd.year() / ymd.month() / date::day{1}};
  return {add_months(month_start, -12), month_start - date::days{1}};
}

std::string month_of(Date due_on) { return format_date(due_on).substr(0, 7); }

}  // namespace kedja
