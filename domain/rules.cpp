#include "domain/rules.h"

#include <algorithm>

namespace kedja {

std::string_view to_string(AgeOn age_on) {
  switch (age_on) {
    case AgeOn::opening_day: return "opening_day";
    case AgeOn::arrival_notice: return "arrival_notice";
  }
  return "?";
}

std::optional<AgeOn> age_on_from(std::string_view text) {
  if (text == "opening_day") return AgeOn::opening_day;
  if (text == "arrival_notice") return AgeOn::arrival_notice;
  return std::nullopt;
}

const StepRule* RuleSet::find(const StepKey& key) const {
  auto it = std::find_if(steps.begin(), steps.end(), [&](const StepRule& s) { return s.key == key; });
  return it == steps.end() ? nullptr : &*it;
}

const RuleSet* RuleSets::find(const RuleSetId& id) const {
  auto it = std::find_if(sets_.begin(), sets_.end(), [&](const RuleSet& s) { return s.id == id; });
  return it == sets_.end() ? nullptr : &*it;
}

// Periods do not overlap (load_config refuses that), so at most one matches.
const RuleSet* RuleSets::in_force_on(Date day) const {
  auto it = std::find_if(sets_.begin(), sets_.end(), [&](const RuleSet& s) { return s.valid_on(day); });
  return it == sets_.end() ? nullptr : &*it;
}

}  // namespace kedja
