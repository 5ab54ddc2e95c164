// One synthetic person's events as `kedja demo` plans them: added in the
// order things happen, then cut at the last day (today, or the day the case
// closes), put in date order (ties keep the planned order) and numbered.
#pragma once

#include "domain/event.h"
#include "tools/demo_random.h"

#include <string>
#include <vector>

namespace kedja::tools {

class CaseLog {
 public:
  // Returns the event's planning index (for a later void).
  int add(Event event, const ActorId& by);
  int add(EventType type, Date date, const ActorId& by);
  // An event_voided that cancels the event planned as `target`.
  void add_void(Date date, int target, std::string reason, const ActorId& by);

  // The events dated on or before `last_day`, in date order, seq 1, 2, …;
  // recorded_at on the event's day in office hours (UTC), never decreasing.
  std::vector<RecordedEvent> finish(Date last_day, DemoRandom& random);

 private:
  struct Planned {
    Event event;
    ActorId by;
    int void_of = -1;
  };
  std::vector<Planned> planned_;
};

}  // namespace kedja::tools
