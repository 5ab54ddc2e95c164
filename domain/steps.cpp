// The step engine's entry points. The replay itself, and its semantics, are
// in replay.cpp.
#include "domain/steps.h"
#include "domain/replay.h"

#include <algorithm>
#include <cassert>
#include <map>

namespace kedja {
namespace {

using detail::Replayer;

// Each event in replay order that breaks an invariant, by seq, with why.
// Such events are skipped, so later ones see the state without them.
std::map<std::int64_t, std::string> violations(const Case& the_case,
                                               std::span<const RecordedEvent> events,
                                               const EngineContext& context) {
  auto order = detail::replay_order(events);
  Replayer replayer(the_case, context, detail::rule_set_for(the_case, order, context.rule_sets));
  std::map<std::int64_t, std::string> found;
  for (const RecordedEvent* r : order) {
    if (auto why = replayer.violation(*r)) found.emplace(r->seq, std::move(*why));
    else replayer.apply(*r);
  }
  return found;
}

const RecordedEvent* find_seq(std::span<const RecordedEvent> events, std::int64_t seq) {
  auto it = std::find_if(events.begin(), events.end(),
                         [&](const RecordedEvent& r) { return r.seq == seq; });
  return it == events.end() ? nullptr : &*it;
}

std::optional<Problem> check_void(std::span<const RecordedEvent> events, const Event& e) {
  const RecordedEvent* target = find_seq(events, *e.seq);
  const std::string which = "event_voided: seq " + std::to_string(*e.seq);
  if (!target) return Problem::conflict(which + " does not exist");
  if (target->event.type == EventType::event_voided)
    return Problem::conflict(which + " is itself a void and cannot be voided");
  bool voided = std::any_of(events.begin(), events.end(), [&](const RecordedEvent& r) {
    return r.event.type == EventType::event_voided && r.event.seq == e.seq;
  });
  if (voided) return Problem::conflict(which + " is already voided");
  return std::nullopt;
}

}  // namespace

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::open: return "open";
    case StepStatus::done: return "done";
    case StepStatus::declined: return "declined";
    case StepStatus::cancelled: return "cancelled";
  }
  return "?";
}

CaseState project(const Case& the_case, std::span<const RecordedEvent> events,
                  const EngineContext& context) {
  auto order = detail::replay_order(events);
  Replayer replayer(the_case, context, detail::rule_set_for(the_case, order, context.rule_sets));
  for (const RecordedEvent* r : order)
    if (!replayer.violation(*r)) replayer.apply(*r);
  return replayer.take_state();
}

// Checked in order: the event's own fields against the person and the region;
// a void's target; a closed case (only a void of its case_closed reopens it);
// a rule set in force; then the whole history replayed with the event, which
// must break no invariant that held without it — neither for the event itself
// nor for any other (a backdated event or a void can change what later events
// find).
std::optional<Problem> check_append(const Case& the_case, std::span<const RecordedEvent> events,
                                    const RecordedEvent& next, const EngineContext& context) {
  assert((events.empty() || next.seq > events.back().seq) && "next.seq must follow the last event");
  const Event& e = next.event;
  if (e.date < the_case.birth_date)
    return Problem::conflict("the event is dated " + format_date(e.date) +
                             ", before the person's birth (" + format_date(the_case.birth_date) + ")");
  if (e.municipality && !context.region.find_municipality(*e.municipality))
    return Problem::invalid("municipality", "unknown municipality \"" + *e.municipality + "\"");
  if (e.health_centre) {
    const Actor* hc = context.region.find_actor(ActorId{*e.health_centre});
    if (!hc || hc->kind != ActorKind::hc)
      return Problem::invalid("health_centre", "unknown health centre \"" + *e.health_centre + "\"");
  }
  if (e.type == EventType::event_voided && e.seq)
    if (auto problem = check_void(events, e)) return problem;

  const CaseState before = project(the_case, events, context);
  if (before.closed) {
    const RecordedEvent* target = e.seq ? find_seq(events, *e.seq) : nullptr;
    bool reopens = e.type == EventType::event_voided && target &&
                   target->event.type == EventType::case_closed;
    if (!reopens) return Problem::conflict("the case is closed; only voiding its case_closed reopens it");
  }

  std::vector<RecordedEvent> after(events.begin(), events.end());
  after.push_back(next);
  if (!the_case.rule_set) {
    auto order = detail::replay_order(after);
    if (!order.empty() && !context.rule_sets.in_force_on(order.front()->event.date))
      return Problem::conflict("no rule set is in force on " + format_date(order.front()->event.date));
  }
  auto old_violations = violations(the_case, events, context);
  for (const auto& [seq, why] : violations(the_case, after, context)) {
    if (old_violations.count(seq)) continue;
    if (seq == next.seq) return Problem::conflict(why);
    const RecordedEvent* other = find_seq(events, seq);
    return Problem::conflict("this would leave event seq " + std::to_string(seq) + " (" +
                             std::string(to_string(other->event.type)) + ", " +
                             format_date(other->event.date) + ") breaking a rule: " + why);
  }
  return std::nullopt;
}

int working_days_overdue(const Step& step, Date as_of, const Calendar& calendar) {
  if (step.status != StepStatus::open || !step.due_on || as_of <= *step.due_on) return 0;
  const Date last = Date{date::year{Calendar::last_year + 1} / date::December / date::day{31}};
  return calendar.working_days_between(*step.due_on, std::min(as_of, last));
}

}  // namespace kedja
