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

// A replay that skips the events breaking an invariant (as `project` does)
// and says which they were, by seq, with why; later events see the state
// without them.
struct CheckedReplay {
  std::map<std::int64_t, std::string> violations;
  CaseState state;  // = project(the_case, events, context)
};

CheckedReplay replay_checked(const Case& the_case, std::span<const RecordedEvent> events,
                             const EngineContext& context) {
  auto order = detail::replay_order(events);
  Replayer replayer(the_case, context, detail::rule_set_for(the_case, order, context.rule_sets));
  CheckedReplay replay;
  for (const RecordedEvent* r : order) {
    if (auto why = replayer.violation(*r)) replay.violations.emplace(r->seq, std::move(*why));
    else replayer.apply(*r);
  }
  replay.state = replayer.take_state();
  return replay;
}

Problem closed_case() {
  return Problem::conflict("the case is closed; only voiding its case_closed reopens it");
}

Problem no_rule_set(Date first) {
  return Problem::conflict("no rule set is in force on " + format_date(first));
}

const RecordedEvent* find_seq(std::span<const RecordedEvent> events, std::int64_t seq) {
  auto it = std::find_if(events.begin(), events.end(),
                         [&](const RecordedEvent& r) { return r.seq == seq; });
  return it == events.end() ? nullptr : &*it;
}

std::optional<Problem> check_void(std::span<const RecordedEvent> events, const Event& e) {
  const RecordedEvent* target = find_seq(events, *e.voided_seq);
  const std::string which = "event_voided: seq " + std::to_string(*e.voided_seq);
  if (!target) return Problem::conflict(which + " does not exist");
  if (target->event.type == EventType::event_voided)
    return Problem::conflict(which + " is itself a void and cannot be voided");
  bool voided = std::any_of(events.begin(), events.end(), [&](const RecordedEvent& r) {
    return r.event.type == EventType::event_voided && r.event.voided_seq == e.voided_seq;
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
  CaseState after;
  return check_append(the_case, events, next, context, after);
}

namespace {

std::optional<Problem> check_fields(const Case& the_case, std::span<const RecordedEvent> events,
                                    const Event& e, const EngineContext& context) {
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
  if (e.type == EventType::event_voided && e.voided_seq)
    if (auto problem = check_void(events, e)) return problem;
  return std::nullopt;
}

// `next` goes last in replay order and voids nothing: the replay of the
// history is a prefix of the replay with it, so the history's events find
// what they found before, and only `next` itself can break an invariant.
// One replay, then `next` applied to its state.
std::optional<Problem> check_last(const Case& the_case, const std::vector<const RecordedEvent*>& order,
                                  const RecordedEvent& next, const EngineContext& context,
                                  CaseState& after) {
  Replayer replayer(the_case, context, detail::rule_set_for(the_case, order, context.rule_sets));
  for (const RecordedEvent* r : order)
    if (!replayer.violation(*r)) replayer.apply(*r);
  if (auto problem = detail::accept_last(the_case, replayer, order.front()->event.date, next, context))
    return problem;
  after = replayer.take_state();
  return std::nullopt;
}

}  // namespace

namespace detail {

// Contract §2 input rules (v1.1): every date Kedja derives lies in
// DateRange. An event from which a step would fall due after it (an
// assignment in November 2199 with two months to receive) is bad input in
// its `date`, a 400 — never a row the database refuses.
std::optional<Problem> derived_dates_out_of_range(const CaseState& state) {
  // Opened and done dates are event dates, which parsing keeps in range.
  for (const Step& step : state.steps) {
    if (!step.due_on || DateRange::contains(*step.due_on)) continue;
    return Problem::invalid("date", "the step " + step.key.str() + " would fall due after " +
                                        format_date(DateRange::last()) + "; every date Kedja keeps lies in " +
                                        DateRange::text());
  }
  return std::nullopt;
}

}  // namespace detail

namespace {

std::optional<Problem> check_append_rules(const Case& the_case, std::span<const RecordedEvent> events,
                                             const RecordedEvent& next, const EngineContext& context,
                                             CaseState& after);

}  // namespace

std::optional<Problem> check_append(const Case& the_case, std::span<const RecordedEvent> events,
                                    const RecordedEvent& next, const EngineContext& context,
                                    CaseState& after) {
  if (auto problem = check_append_rules(the_case, events, next, context, after)) return problem;
  return detail::derived_dates_out_of_range(after);
}

namespace {

std::optional<Problem> check_append_rules(const Case& the_case, std::span<const RecordedEvent> events,
                                             const RecordedEvent& next, const EngineContext& context,
                                             CaseState& after) {
  assert((events.empty() || next.seq > events.back().seq) && "next.seq must follow the last event");
  const Event& e = next.event;
  if (auto problem = check_fields(the_case, events, e, context)) return problem;

  auto order = detail::replay_order(events);
  if (e.type != EventType::event_voided && !order.empty() && order.back()->event.date <= e.date)
    return check_last(the_case, order, next, context, after);

  CheckedReplay before = replay_checked(the_case, events, context);
  if (before.state.closed) {
    const RecordedEvent* target = e.voided_seq ? find_seq(events, *e.voided_seq) : nullptr;
    bool reopens = e.type == EventType::event_voided && target &&
                   target->event.type == EventType::case_closed;
    if (!reopens) return closed_case();
  }

  std::vector<RecordedEvent> with_next(events.begin(), events.end());
  with_next.push_back(next);
  if (!the_case.rule_set) {
    auto order_with_next = detail::replay_order(with_next);
    if (!order_with_next.empty() && !context.rule_sets.in_force_on(order_with_next.front()->event.date))
      return no_rule_set(order_with_next.front()->event.date);
  }
  CheckedReplay replay = replay_checked(the_case, with_next, context);
  for (const auto& [seq, why] : replay.violations) {
    if (before.violations.count(seq)) continue;
    if (seq == next.seq) return Problem::conflict(why);
    const RecordedEvent* other = find_seq(events, seq);
    return Problem::conflict("this would leave event seq " + std::to_string(seq) + " (" +
                             std::string(to_string(other->event.type)) + ", " +
                             format_date(other->event.date) + ") breaking a rule: " + why);
  }
  after = std::move(replay.state);
  return std::nullopt;
}

}  // namespace

int working_days_overdue(const Step& step, Date as_of, const Calendar& calendar) {
  if (step.status != StepStatus::open || !step.due_on || as_of <= *step.due_on) return 0;
  const Date last = Date{date::year{Calendar::last_year + 1} / date::December / date::day{31}};
  return calendar.working_days_between(*step.due_on, std::min(as_of, last));
}

namespace detail {

std::optional<Problem> check_event_fields(const Case& the_case, std::span<const RecordedEvent> events,
                                          const Event& e, const EngineContext& context) {
  return check_fields(the_case, events, e, context);
}

std::optional<Problem> accept_last(const Case& the_case, Replayer& replayer, Date first_date,
                                   const RecordedEvent& next, const EngineContext& context) {
  if (replayer.state().closed) return closed_case();
  if (!the_case.rule_set && !context.rule_sets.in_force_on(first_date)) return no_rule_set(first_date);
  if (auto why = replayer.violation(next)) return Problem::conflict(*why);
  replayer.apply(next);
  return std::nullopt;
}

}  // namespace detail

}  // namespace kedja
