#include "domain/feed.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace kedja {
namespace {

bool is_appointment(EventType opened_by) {
  return opened_by == EventType::health_talk_booked || opened_by == EventType::health_exam_booked;
}

std::string summary_of(const FeedStep& step, FeedEntryKind kind) {
  const std::string what = kind == FeedEntryKind::appointment ? "Bokat: " + step.title : step.title;
  return what + " – ärende " + step.case_id.str();
}

}  // namespace

FeedWindow feed_window(Date today) { return {today, today + date::days{feed_days_ahead}}; }

std::vector<FeedEntry> feed_entries(std::span<const FeedStep> steps, Date today) {
  const FeedWindow window = feed_window(today);
  std::vector<const FeedStep*> shown;
  for (const FeedStep& step : steps)
    if (step.due_on >= window.first && step.due_on <= window.last) shown.push_back(&step);
  std::stable_sort(shown.begin(), shown.end(), [](const FeedStep* a, const FeedStep* b) {
    return std::tie(a->due_on, a->case_id, a->step) < std::tie(b->due_on, b->case_id, b->step);
  });

  std::vector<FeedEntry> entries;
  std::map<std::string, int> uses;  // uid → how many entries have it so far
  for (const FeedStep* step : shown) {
    const FeedEntryKind kind = is_appointment(step->opened_by) ? FeedEntryKind::appointment
                                                               : FeedEntryKind::deadline;
    std::string base = step->case_id.str() + "." + step->step.str();
    const int n = ++uses[base];
    if (n > 1) {
      // Not `"-" + std::to_string(n)`: GCC 12 warns -Wrestrict on it in
      // Release builds, a false positive (GCC bug 105329).
      base += '-';
      base += std::to_string(n);
    }
    entries.push_back({base + "@kedja", step->due_on, kind, step->case_id, step->step, step->title,
                       summary_of(*step, kind)});
  }
  return entries;
}

}  // namespace kedja
