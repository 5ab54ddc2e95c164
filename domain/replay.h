// Internal to the domain: the replay both `project` and `check_append` use,
// so that what is refused and what is derived cannot drift apart.
#pragma once

#include "domain/steps.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kedja::detail {

// The events that take part in the replay, in (date, seq) order: every
// `event_voided` and the event it voids are left out. A void aimed at a
// missing event or at another void has no effect (check_append refuses it).
std::vector<const RecordedEvent*> replay_order(std::span<const RecordedEvent> events);

// The case's rule set: the one it names, else the one in force on the date of
// its first event in replay order; nullptr if there is none.
const RuleSet* rule_set_for(const Case& the_case, const std::vector<const RecordedEvent*>& order,
                            const RuleSets& rule_sets);

// Applies events one at a time to a CaseState.
class Replayer {
 public:
  Replayer(const Case& the_case, const EngineContext& context, const RuleSet* rule_set);

  // Why `event`, applied next, would break a domain invariant; nullopt if it
  // would not. Does not change the state.
  std::optional<std::string> violation(const RecordedEvent& event) const;
  void apply(const RecordedEvent& event);

  const CaseState& state() const { return state_; }
  CaseState take_state() { return std::move(state_); }

 private:
  void relocate(const Event& event);
  void close_steps(const Event& event);
  void open_steps(const RecordedEvent& event);
  void finish(Step& step, StepStatus status, Date on);
  bool may_open(const StepRule& rule, Date on);
  const OwnerRule* owner_rule(const StepRule& rule, int age) const;
  const Actor* owner_for(ActorKind kind) const;
  bool take_earlier_closer(const StepRule& rule);
  std::optional<Date> due_date(const StepRule& rule, const Event& opening) const;

  const Case& case_;
  const EngineContext& context_;
  CaseState state_;
  std::vector<const StepRule*> rules_;  // rules_[i] made state_.steps[i]
  bool results_received_ = false;       // test_results_received seen
  bool health_declined_ = false;        // a health step declined (seed 003: voluntary)
  std::optional<Date> closed_on_;
  // The latest arrival_notice_received replayed so far (age_on: arrival_notice).
  std::optional<Date> arrival_notice_on_;
  // The events applied so far on the day being replayed, and the step keys
  // each closed: a closing event dated on a step's opening day closes it,
  // in whatever order the two were recorded (contract §3 v1.1).
  struct AppliedToday {
    EventType type;
    std::vector<StepKey> closed;
  };
  Date today_{};
  std::vector<AppliedToday> applied_today_;
};

// check_append's checks of an event's own fields against the person and
// the region (and of a void's target), before any replay.
std::optional<Problem> check_event_fields(const Case& the_case, std::span<const RecordedEvent> events,
                                          const Event& event, const EngineContext& context);

// Contract §2 input rules (v1.1): a 400 naming `date` when a step of
// `state` falls due after DateRange::last() (check_append's last check).
std::optional<Problem> derived_dates_out_of_range(const CaseState& state);

// check_append for an event that goes last in replay order and voids
// nothing, on a replayer that already holds the state of the events before
// it (`first_date`: the date of the first of them in replay order, or the
// event's own when it is the first). Applies `next` when it is accepted.
std::optional<Problem> accept_last(const Case& the_case, Replayer& replayer, Date first_date,
                                   const RecordedEvent& next, const EngineContext& context);

}  // namespace kedja::detail
