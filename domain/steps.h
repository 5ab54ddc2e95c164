// The step engine: a case's events, under its rule set, in Swedish working
// days, become its steps — who must do what, by when (contract §3).
//
// Pure: no clock, no I/O. The storage layer calls `project` on every write
// and stores the result; recomputing a typical case takes microseconds, so
// one more event costs no more than recomputing the case.
#pragma once

#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/region.h"
#include "domain/result.h"
#include "domain/rules.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace kedja {

enum class StepStatus { open, done, declined, cancelled };
std::string_view to_string(StepStatus status);

struct Step {
  StepKey key;
  std::string title;
  ActorId actor;
  ActorKind actor_kind{};
  Date opened_on{};
  std::int64_t opened_by_seq = 0;
  std::optional<Date> due_on;
  StepStatus status = StepStatus::open;
  std::optional<Date> done_on;    // done, declined or cancelled on
  bool late = false;              // done after due_on
  int working_days_late = 0;      // working days in (due_on, done_on]
};

// What the events make of a case.
struct CaseState {
  const RuleSet* rule_set = nullptr;  // nullptr until the case has an event
  std::string municipality;           // where the case is now
  ActorId health_centre;              // its health centre now
  bool closed = false;
  std::vector<Step> steps;            // in order of opening
};

// Everything the engine needs besides the case and its events.
struct EngineContext {
  const RuleSets& rule_sets;
  const Region& region;
  const Calendar& calendar;
};

// Replays the events in (date, seq) order, voided events (and the voids
// themselves) left out, and derives the steps. Events that break an
// invariant are skipped here; `check_append` refuses them beforehand.
CaseState project(const Case& the_case, std::span<const RecordedEvent> events,
                  const EngineContext& context);

// Would appending `next` break a domain rule? A reason (ProblemKind::conflict
// or ::invalid naming the field) if so: an event before the person's birth,
// an unknown municipality/health centre in the payload, `preschool_started`
// before `test_results_received` (seed 003 STEG 2.8), a decline of a step that
// is not open, voiding an event that does not exist or is itself a void, an
// event on a closed case. `next.seq` must be one past the last event.
std::optional<Problem> check_append(const Case& the_case, std::span<const RecordedEvent> events,
                                    const RecordedEvent& next, const EngineContext& context);

// The same check; when it accepts `next`, also sets `after` to what
// `project` makes of the events with `next` appended, without replaying the
// history again. One replay when `next` goes last in (date, seq) order and
// voids nothing (the usual append), two otherwise.
std::optional<Problem> check_append(const Case& the_case, std::span<const RecordedEvent> events,
                                    const RecordedEvent& next, const EngineContext& context,
                                    CaseState& after);

// Working days in (due_on, as_of] for an open step; 0 if not overdue.
int working_days_overdue(const Step& step, Date as_of, const Calendar& calendar);

}  // namespace kedja
