// The replay semantics (contract §3, v1.1), one event at a time:
//
//  1. Where the case is: `moved` and `municipality_assigned` set its current
//     municipality and move its open steps of municipal kinds (reception,
//     school, preschool, school_health, child_health, sfi) to that
//     municipality's units; `health_centre_changed` sets its health centre
//     and moves its open hc steps. `step_declined` closes the open step of
//     that key as declined (only a voluntary step: participation is the
//     person's choice, never overdue); `case_closed` cancels every open step.
//  2. Closing: every open step whose rule lists the event's type among its
//     closing events is done on the event's date. Steps are closed before
//     new ones open, so a step closes on the first closing event after its
//     opening one in (date, seq) order — or, when a closing event dated on
//     the opening day was replayed before the opening (recorded first), on
//     that one: a same-day closer closes in whatever order the two were
//     recorded. A step is late when at least one working day lies in
//     (due_on, done_on], by that many working days.
//  3. Opening: every rule that opens on the event's type, when the age falls
//     in one of its bands — the age on the event's date, or with `age_on:
//     arrival_notice` on the latest arrival_notice_received replayed before
//     it — unless a step its `unless_done` names is done, and an owner
//     resolves (by the age on the opening day; past every band, the band
//     reaching the highest age) to the current municipality's unit, the
//     current health centre or the region's office. A step of the same key
//     still open stays as it is, with its first due date (and so does one
//     opened the same day, already closed by a same-day closer); only a step
//     whose due date comes from the event's payload (a re-booked
//     appointment, a new latest_reception) is replaced: cancelled on this
//     date, and the new one opens.
//
// Due dates: the opening event's payload date when the rule names one and
// the event has it; else the period from the opening date — working days by
// Calendar::working_days_after (0 = the same working day), calendar days,
// weeks or months (add_months), rolled to a working day only where the rule
// says so; else no due date. A due date may come out after DateRange:
// `check_append` refuses the event that would derive it.
#include "domain/replay.h"

#include <algorithm>
#include <set>

namespace kedja::detail {
namespace {

// The calendar's table reaches one year either side of its supported years.
bool in_table(Date day) {
  int year = static_cast<int>(date::year_month_day{day}.year());
  return year >= Calendar::first_year - 1 && year <= Calendar::last_year + 1;
}

bool in_band(int age, int min_age, int max_age) { return age >= min_age && age <= max_age; }

std::optional<Date> payload_date(const Event& event, Field field) {
  switch (field) {
    case Field::latest_reception: return event.latest_reception;
    case Field::expected_arrival: return event.expected_arrival;
    case Field::appointment: return event.appointment;
    default: return std::nullopt;
  }
}

const std::set<std::string, std::less<>> health_steps{"book_health_talk", "hold_health_talk",
                                                      "receive_test_results"};

// The step keys of a rule set, for a message that refuses one.
std::string step_key_list(const RuleSet* rules) {
  if (!rules) return "(none: the case has no rule set yet)";
  std::string text;
  for (const StepRule& rule : rules->steps) text += (text.empty() ? "" : ", ") + rule.key.str();
  return text;
}

}  // namespace

std::vector<const RecordedEvent*> replay_order(std::span<const RecordedEvent> events) {
  std::vector<const RecordedEvent*> order;
  order.reserve(events.size());
  bool voids_any = std::any_of(events.begin(), events.end(), [](const RecordedEvent& r) {
    return r.event.type == EventType::event_voided;
  });
  if (!voids_any) {  // the usual case: every event takes part
    for (const auto& r : events) order.push_back(&r);
  } else {
    std::set<std::int64_t> seqs, voids, left_out;
    for (const auto& r : events) {
      seqs.insert(r.seq);
      if (r.event.type == EventType::event_voided) voids.insert(r.seq);
    }
    for (const auto& r : events) {
      if (r.event.type != EventType::event_voided || !r.event.voided_seq) continue;
      left_out.insert(r.seq);
      if (seqs.count(*r.event.voided_seq) && !voids.count(*r.event.voided_seq)) left_out.insert(*r.event.voided_seq);
    }
    for (const auto& r : events)
      if (!left_out.count(r.seq)) order.push_back(&r);
  }
  auto earlier = [](const RecordedEvent* a, const RecordedEvent* b) {
    return a->event.date != b->event.date ? a->event.date < b->event.date : a->seq < b->seq;
  };
  // Events mostly arrive in date order: sort only when they did not.
  if (!std::is_sorted(order.begin(), order.end(), earlier)) std::stable_sort(order.begin(), order.end(), earlier);
  return order;
}

const RuleSet* rule_set_for(const Case& the_case, const std::vector<const RecordedEvent*>& order,
                            const RuleSets& rule_sets) {
  if (the_case.rule_set) return rule_sets.find(*the_case.rule_set);
  if (order.empty()) return nullptr;
  return rule_sets.in_force_on(order.front()->event.date);
}

Replayer::Replayer(const Case& the_case, const EngineContext& context, const RuleSet* rule_set)
    : case_(the_case), context_(context) {
  state_.rule_set = rule_set;
  state_.municipality = the_case.municipality;
  state_.health_centre = the_case.health_centre;
}

std::optional<std::string> Replayer::violation(const RecordedEvent& recorded) const {
  const Event& e = recorded.event;
  if (e.date < case_.birth_date)
    return "the event is dated before the person's birth (" + format_date(case_.birth_date) + ")";
  if (closed_on_)
    return "the case was closed on " + format_date(*closed_on_) + "; no event may follow it";
  if (e.municipality && !context_.region.find_municipality(*e.municipality))
    return "unknown municipality \"" + *e.municipality + "\"";
  if (e.health_centre) {
    const Actor* hc = context_.region.find_actor(ActorId{*e.health_centre});
    if (!hc || hc->kind != ActorKind::hc) return "unknown health centre \"" + *e.health_centre + "\"";
  }
  if (e.type == EventType::preschool_started && !results_received_ && !health_declined_)
    return "preschool_started before test_results_received: preschool starts only after the "
           "infection test results are received (seed 003, STEG 2.8)";
  if (e.type == EventType::step_declined && e.step) {
    const StepRule* rule = state_.rule_set ? state_.rule_set->find(StepKey{*e.step}) : nullptr;
    if (!rule)
      return "step_declined: \"" + *e.step + "\" is not a step of the case's rule set — one of: " +
             step_key_list(state_.rule_set);
    if (!rule->voluntary)
      return "step_declined: \"" + *e.step + "\" is not voluntary; only a step the person may "
             "choose to decline can be declined, not a unit's own duty";
    bool open = std::any_of(state_.steps.begin(), state_.steps.end(), [&](const Step& s) {
      return s.status == StepStatus::open && s.key.str() == *e.step;
    });
    if (!open) return "step_declined: step \"" + *e.step + "\" is not open";
  }
  return std::nullopt;
}

void Replayer::apply(const RecordedEvent& recorded) {
  const Event& e = recorded.event;
  if (e.date != today_) {
    today_ = e.date;
    applied_today_.clear();
  }
  applied_today_.push_back({e.type, {}});
  relocate(e);
  if (e.type == EventType::step_declined && e.step) {
    for (Step& step : state_.steps)
      if (step.status == StepStatus::open && step.key.str() == *e.step)
        finish(step, StepStatus::declined, e.date);
    if (health_steps.count(*e.step)) health_declined_ = true;
  }
  if (e.type == EventType::test_results_received) results_received_ = true;
  if (e.type == EventType::arrival_notice_received) arrival_notice_on_ = e.date;
  if (e.type == EventType::case_closed) {
    for (Step& step : state_.steps)
      if (step.status == StepStatus::open) finish(step, StepStatus::cancelled, e.date);
    state_.closed = true;
    closed_on_ = e.date;
    return;
  }
  close_steps(e);
  open_steps(recorded);
}

// Was an event applied earlier on this day (before the opening event, the
// last entry) one of the rule's closing events, that has closed no step of
// this key yet? It then closes the new step: one closing event closes one
// step of a key, as it does when it comes after the opening.
bool Replayer::take_earlier_closer(const StepRule& rule) {
  for (std::size_t i = 0; i + 1 < applied_today_.size(); ++i) {
    AppliedToday& earlier = applied_today_[i];
    bool closer = std::find(rule.closes_on.begin(), rule.closes_on.end(), earlier.type) != rule.closes_on.end();
    bool used = std::find(earlier.closed.begin(), earlier.closed.end(), rule.key) != earlier.closed.end();
    if (closer && !used) {
      earlier.closed.push_back(rule.key);
      return true;
    }
  }
  return false;
}

void Replayer::relocate(const Event& e) {
  bool moves = e.type == EventType::moved || e.type == EventType::municipality_assigned;
  if (moves && e.municipality && context_.region.find_municipality(*e.municipality)) {
    state_.municipality = *e.municipality;
    for (Step& step : state_.steps)
      if (step.status == StepStatus::open && is_municipal_kind(step.actor_kind))
        if (const Actor* unit = context_.region.unit(step.actor_kind, state_.municipality))
          step.actor = unit->id;
  }
  if (e.type == EventType::health_centre_changed && e.health_centre) {
    const Actor* hc = context_.region.find_actor(ActorId{*e.health_centre});
    if (!hc || hc->kind != ActorKind::hc) return;
    state_.health_centre = hc->id;
    for (Step& step : state_.steps)
      if (step.status == StepStatus::open && step.actor_kind == ActorKind::hc) step.actor = hc->id;
  }
}

void Replayer::close_steps(const Event& e) {
  for (std::size_t i = 0; i < state_.steps.size(); ++i) {
    Step& step = state_.steps[i];
    const auto& closers = rules_[i]->closes_on;
    if (step.status == StepStatus::open &&
        std::find(closers.begin(), closers.end(), e.type) != closers.end()) {
      finish(step, StepStatus::done, e.date);
      applied_today_.back().closed.push_back(step.key);
    }
  }
}

void Replayer::finish(Step& step, StepStatus status, Date on) {
  step.status = status;
  step.done_on = on;
  // Late only when at least one working day lies in (due_on, done_on]: due
  // on a Friday and done on the Saturday is on time.
  if (status == StepStatus::done && step.due_on && on > *step.due_on && in_table(on)) {
    step.working_days_late = context_.calendar.working_days_between(*step.due_on, on);
    step.late = step.working_days_late > 0;
  }
}

const Actor* Replayer::owner_for(ActorKind kind) const {
  if (kind == ActorKind::hc) return context_.region.find_actor(state_.health_centre);
  return context_.region.unit(kind, state_.municipality);
}

// Whether `rule` opens a step on an event dated `on`: its ages, its
// unless_done, and what an open step of its key does (see the top).
bool Replayer::may_open(const StepRule& rule, Date on) {
  const Date age_day = rule.age_on == AgeOn::arrival_notice && arrival_notice_on_ ? *arrival_notice_on_ : on;
  const int age = age_on(case_.birth_date, age_day);
  bool applies = rule.applies_to.empty() ||
                 std::any_of(rule.applies_to.begin(), rule.applies_to.end(), [&](const AgeBand& b) {
                   return in_band(age, b.min_age, b.max_age) && (!b.unaccompanied_only || case_.unaccompanied);
                 });
  if (!applies) return false;
  for (const Step& step : state_.steps)
    if (step.status == StepStatus::done &&
        std::find(rule.unless_done.begin(), rule.unless_done.end(), step.key) != rule.unless_done.end())
      return false;
  for (Step& step : state_.steps) {
    if (step.key != rule.key) continue;
    if (rule.due.on_payload_date) {
      if (step.status == StepStatus::open) finish(step, StepStatus::cancelled, on);  // a re-booking
      continue;
    }
    if (step.status == StepStatus::open) return false;  // keeps its first due date
    // One step a day, in whatever order the day's events were recorded: a
    // step of this key opened today and closed by a same-day closer stands
    // for the second opening event too.
    if (step.opened_on == on) return false;
  }
  return true;
}

// The owner band of the age on the opening day; past every band, the one
// reaching the highest age.
const OwnerRule* Replayer::owner_rule(const StepRule& rule, int age) const {
  const OwnerRule* oldest = nullptr;
  for (const OwnerRule& o : rule.owners) {
    if (in_band(age, o.min_age, o.max_age)) return &o;
    if (!oldest || o.max_age > oldest->max_age) oldest = &o;
  }
  return oldest && age > oldest->max_age ? oldest : nullptr;
}

void Replayer::open_steps(const RecordedEvent& recorded) {
  if (!state_.rule_set) return;
  const Event& e = recorded.event;
  const int age = age_on(case_.birth_date, e.date);
  for (const StepRule& rule : state_.rule_set->steps) {
    if (rule.opens_on != e.type) continue;
    const OwnerRule* owner = owner_rule(rule, age);
    const Actor* actor = owner ? owner_for(owner->kind) : nullptr;
    if (!actor || !may_open(rule, e.date)) continue;
    Step step;
    step.key = rule.key;
    step.title = rule.title;
    step.actor = actor->id;
    step.actor_kind = owner->kind;
    step.opened_on = e.date;
    step.opened_by_seq = recorded.seq;
    step.due_on = due_date(rule, e);
    if (take_earlier_closer(rule)) finish(step, StepStatus::done, e.date);
    state_.steps.push_back(std::move(step));
    rules_.push_back(&rule);
  }
}

std::optional<Date> Replayer::due_date(const StepRule& rule, const Event& opening) const {
  const DueRule& due = rule.due;
  if (due.on_payload_date)
    if (auto day = payload_date(opening, *due.on_payload_date)) return day;
  if (!due.unit) return std::nullopt;
  const Date from = opening.date;
  Date day = from;
  switch (*due.unit) {
    case PeriodUnit::working_days:
      // Past DateRange the calendar has no table: the first day after it
      // stands for "later than the range" (check_append refuses the event).
      return context_.calendar.working_days_after_in_range(from, due.amount)
          .value_or(DateRange::last() + date::days{1});
    case PeriodUnit::calendar_days: day = add_days(from, due.amount); break;
    case PeriodUnit::weeks: day = add_days(from, 7 * due.amount); break;
    case PeriodUnit::months: day = add_months(from, due.amount); break;
  }
  if (!due.roll_to_working_day || !DateRange::contains(day)) return day;
  return context_.calendar.roll_to_working_day(day);  // the table reaches a year past the range
}

}  // namespace kedja::detail
