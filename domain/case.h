// A case is one person followed through the reception chain (contract §2).
#pragma once

#include "domain/dates.h"
#include "domain/event.h"
#include "domain/ids.h"
#include "domain/region.h"
#include "domain/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kedja {

enum class Sex { F, M, X };
std::string_view to_string(Sex sex);

// The case's fields as given when it was created. Where the case lives now
// (after `moved`, `municipality_assigned`, `health_centre_changed`) is derived
// from the events: see CaseState.
struct Case {
  CaseId id;
  std::optional<std::string> external_ref;  // e.g. the Migration Agency's dossier number
  std::string given_name;
  std::string family_name;
  Date birth_date{};
  Sex sex = Sex::X;
  std::string language;
  bool interpreter_needed = false;
  std::optional<std::string> household;  // groups a family
  bool unaccompanied = false;            // ensamkommande barn (EKB)
  std::string municipality;              // slug
  ActorId health_centre;                 // hc actor id; default: the municipality's
  std::optional<RuleSetId> rule_set;     // default: in force on the first event date
};

// Lengths in characters (contract §2 input rules, v1.1).
inline constexpr std::size_t max_name = 200;          // given_name, family_name (1–200)
inline constexpr std::size_t max_language = 35;
inline constexpr std::size_t max_household = 100;
inline constexpr std::size_t max_external_ref = 64;

using RawFields = std::vector<std::pair<std::string, RawValue>>;

// Parses the fields of a new case (everything but `id` and `events`) and
// checks them against the region: a known municipality, a known health centre
// (defaulting to the municipality's). Unknown field names are refused. Text
// is refused with control characters (U+0000–U+001F, U+007F) or beyond its
// length; the caller gives it in NFC (domain/text/unicode.h).
// `lenient_types` as in RawEvent. Errors name the field, after `prefix`.
Result<Case> parse_case(const RawFields& fields, const Region& region, bool lenient_types = false,
                        std::string_view prefix = "");

}  // namespace kedja
