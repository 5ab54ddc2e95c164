// Rule sets: data that say which steps a case's events open, who owns them,
// when they are due and which events close them (contract §3). Loaded from
// config/rules/*.json by domain/json; the engine never sees JSON.
#pragma once

#include "domain/dates.h"
#include "domain/event.h"
#include "domain/ids.h"
#include "domain/region.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja {

enum class PeriodUnit { working_days, calendar_days, weeks, months };

// When a step is due, counted from the opening event's date.
struct DueRule {
  // Due on a date from the opening event's payload (appointment,
  // latest_reception) when the event has it; otherwise `period` applies.
  std::optional<Field> on_payload_date;
  // No period (and no payload date): the step has no due date.
  std::optional<PeriodUnit> unit;
  int amount = 0;  // 0 working days = "the same working day"
  // Roll a calendar-day/week/month deadline forward to a working day
  // (statutory deadlines, lag 1930:173 2 §).
  bool roll_to_working_day = false;
};

// Whom a step applies to: the age on the opening day in [min_age, max_age],
// and when `unaccompanied_only`, only unaccompanied persons.
struct AgeBand {
  int min_age = 0;
  int max_age = 200;
  bool unaccompanied_only = false;
};

// Who owns a step, possibly by age on the opening day (vaccinations:
// child_health 0–5, school_health 6–17).
struct OwnerRule {
  ActorKind kind;
  int min_age = 0;
  int max_age = 200;
};

// Whose age decides whether a rule applies (contract §3 v1.1, "Whose age").
enum class AgeOn {
  opening_day,     // the age on the step's opening day (the default)
  arrival_notice,  // on the case's latest arrival_notice_received on or before
                   // the opening (the opening day when there is none), so a
                   // 17-year-old's chain, once begun, finishes after 18
};
std::string_view to_string(AgeOn age_on);
std::optional<AgeOn> age_on_from(std::string_view text);

struct StepRule {
  StepKey key;
  std::string title;                 // Swedish, shown to users
  // The first whose ages match the age on the opening day; past every band,
  // the band reaching the highest age (an 18-year-old's vaccination plan
  // goes to school health care). Owners' ages never use `age_on`.
  std::vector<OwnerRule> owners;
  EventType opens_on{};
  std::vector<EventType> closes_on;
  DueRule due;
  std::vector<AgeBand> applies_to;   // any band matching; empty = everyone
  AgeOn age_on = AgeOn::opening_day; // the age `applies_to` is checked against
  // Participation is the person's choice: `step_declined` may close the step.
  // Declining any other step is refused (a unit cannot decline its duty).
  bool voluntary = false;
  // The step does not open (again) once a step of one of these keys is done:
  // `book_health_talk` after `hold_health_talk` (contract §3 v1.1).
  std::vector<StepKey> unless_done;
};

struct RuleSet {
  RuleSetId id;
  std::string title;
  Date valid_from{};
  std::optional<Date> valid_to;  // inclusive
  std::vector<StepRule> steps;

  bool valid_on(Date day) const { return day >= valid_from && (!valid_to || day <= *valid_to); }
  const StepRule* find(const StepKey& key) const;
};

// All loaded rule sets; validity periods do not overlap (checked at load).
class RuleSets {
 public:
  RuleSets() = default;
  explicit RuleSets(std::vector<RuleSet> sets) : sets_(std::move(sets)) {}
  const RuleSet* find(const RuleSetId& id) const;
  const RuleSet* in_force_on(Date day) const;
  const std::vector<RuleSet>& all() const { return sets_; }

 private:
  std::vector<RuleSet> sets_;
};

}  // namespace kedja
