#include "tools/demo_case_log.h"

#include <algorithm>

namespace kedja::tools {
namespace {

void put_digits(char* at, int value, int width) {
  for (int i = width - 1; i >= 0; --i, value /= 10) at[i] = static_cast<char>('0' + value % 10);
}

// "YYYY-MM-DDTHH:MM:SSZ", by hand: ten million of them must be cheap.
std::string timestamp(Date day, int seconds) {
  date::year_month_day ymd{day};
  std::string text = "0000-00-00T00:00:00Z";
  put_digits(&text[0], static_cast<int>(ymd.year()), 4);
  put_digits(&text[5], static_cast<int>(static_cast<unsigned>(ymd.month())), 2);
  put_digits(&text[8], static_cast<int>(static_cast<unsigned>(ymd.day())), 2);
  put_digits(&text[11], seconds / 3600, 2);
  put_digits(&text[14], seconds / 60 % 60, 2);
  put_digits(&text[17], seconds % 60, 2);
  return text;
}

}  // namespace

int CaseLog::add(Event event, const ActorId& by) {
  if (planned_.empty()) planned_.reserve(24);
  planned_.push_back({std::move(event), by, -1});
  return static_cast<int>(planned_.size()) - 1;
}

int CaseLog::add(EventType type, Date date, const ActorId& by) {
  Event event;
  event.type = type;
  event.date = date;
  return add(std::move(event), by);
}

void CaseLog::add_void(Date date, int target, std::string reason, const ActorId& by) {
  Event event;
  event.type = EventType::event_voided;
  event.date = date;
  event.reason = std::move(reason);
  planned_.push_back({std::move(event), by, target});
}

std::vector<RecordedEvent> CaseLog::finish(Date last_day, DemoRandom& random) {
  std::vector<int> order;
  order.reserve(planned_.size());
  for (int i = 0; i < static_cast<int>(planned_.size()); ++i)
    if (planned_[i].event.date <= last_day) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return planned_[a].event.date < planned_[b].event.date; });
  std::vector<std::int64_t> seq_of(planned_.size(), 0);
  std::vector<RecordedEvent> events;
  events.reserve(order.size());
  Date previous_day{};
  int seconds = 0;
  for (int index : order) {
    auto& planned = planned_[index];
    if (planned.void_of >= 0) {
      if (seq_of[planned.void_of] == 0) continue;  // its target was not kept
      planned.event.voided_seq = seq_of[planned.void_of];
    }
    const Date day = planned.event.date;
    int start = 7 * 3600 + random.between(0, 8 * 3600);  // 08–17 local time, roughly
    seconds = day == previous_day ? std::min(std::max(seconds + 60, start), 86399) : start;
    previous_day = day;
    seq_of[index] = static_cast<std::int64_t>(events.size()) + 1;
    events.push_back({seq_of[index], std::move(planned.event), timestamp(day, seconds), std::move(planned.by)});
  }
  planned_.clear();
  return events;
}

}  // namespace kedja::tools
