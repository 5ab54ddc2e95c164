// The morning digest (morgonsammanfattning, issue 16): for one unit, per
// step, how many of its open steps are overdue, fall due today, and fall
// due in the next five working days. Counts only: e-mail is not a protected
// channel, so a digest names no person and no case. Pure: `kedja remind`
// sends it, storage finds the steps.
#pragma once

#include "domain/calendar.h"
#include "domain/dates.h"
#include "domain/ids.h"

#include <span>
#include <string>
#include <vector>

namespace kedja {

// "The next five working days" (de närmaste fem arbetsdagarna).
inline constexpr int digest_working_days_ahead = 5;

// An open step of the unit with a due date, as storage finds it.
struct DueStep {
  StepKey step;
  std::string title;  // Swedish, from the rule set
  Date due_on{};
};

// One line of the digest: a step and its three counts.
struct DigestRow {
  StepKey step;
  std::string title;
  int overdue = 0;    // overdue on `today` (contract §3 v1.1: at least one working day late)
  int due_today = 0;  // due_on == today
  int due_soon = 0;   // due_on in (today, the fifth working day after today]

  bool operator==(const DigestRow&) const = default;
};

// The last due date a digest made on `today` counts: the fifth working day
// after `today` (Europe/Stockholm civil dates). Steps due later are left out.
Date digest_horizon(Date today, const Calendar& calendar);

// The digest's rows for `steps` on `today`, one per step key that has
// something to report, in step-title order. A step due before today but not
// yet overdue (due on a Saturday, today a Sunday) counts as due today: it is
// still to be done and no working day has passed. Steps due after the
// horizon are not counted. Empty: nothing to report, and nothing is sent.
std::vector<DigestRow> digest_rows(std::span<const DueStep> steps, Date today, const Calendar& calendar);

}  // namespace kedja
