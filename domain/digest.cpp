#include "domain/digest.h"

#include <algorithm>
#include <map>

namespace kedja {

Date digest_horizon(Date today, const Calendar& calendar) {
  return calendar.working_days_after(today, digest_working_days_ahead);
}

std::vector<DigestRow> digest_rows(std::span<const DueStep> steps, Date today, const Calendar& calendar) {
  const Date horizon = digest_horizon(today, calendar);
  // Overdue from the first working day after due_on (contract §3 v1.1), as
  // the overdue list counts it.
  const Date overdue_before = calendar.last_working_day_on_or_before(today);
  std::map<std::string, DigestRow> by_key;
  for (const DueStep& step : steps) {
    if (step.due_on > horizon) continue;
    DigestRow& row = by_key[step.step.str()];
    if (row.step.empty()) row = DigestRow{step.step, step.title};
    if (step.due_on < overdue_before) ++row.overdue;
    else if (step.due_on <= today) ++row.due_today;
    else ++row.due_soon;
  }
  std::vector<DigestRow> rows;
  for (auto& [key, row] : by_key) rows.push_back(std::move(row));
  std::stable_sort(rows.begin(), rows.end(),
                   [](const DigestRow& a, const DigestRow& b) { return a.title < b.title; });
  return rows;
}

}  // namespace kedja
