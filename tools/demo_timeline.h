// What happens to a household in `kedja demo`, before it is spread over
// its members: the asylum, permit, referral and arrival dates they share.
#pragma once

#include "domain/case.h"
#include "domain/region.h"
#include "tools/demo_case_log.h"
#include "tools/demo_names.h"
#include "tools/demo_random.h"

#include <optional>
#include <string>

namespace kedja::tools {

enum class HouseholdKind { family, single_parent, couple, single_adult, unaccompanied_minor };
enum class Path { settled, pending, refused };

struct Member {
  int age = 0;  // on the arrival notice (or asylum) day
  Sex sex = Sex::X;
};

struct Timeline {
  Path path = Path::settled;
  Housing housing = Housing::ABO;          // at asylum registration
  std::optional<Date> housing_changed;     // to EBO
  Date asylum{};
  std::optional<Date> permit;
  Permit permit_kind = Permit::TUT;
  std::optional<Date> refused;
  std::optional<Date> assigned;            // anvisning
  std::optional<Date> latest_reception;
  bool assigned_by_af = false;
  std::optional<Date> notice;              // avisering
  Date expected{};
  std::optional<Date> change_on;           // arrival_date_changed
  Date changed_expected{};
  std::optional<Date> arrival;
  std::optional<Date> moved_on;
  std::string moved_to;
  std::optional<Date> closed_on;
  std::string closed_reason;
};

// The units one event may be recorded by.
struct RegionUnits {
  ActorId mv, af;
  const Region* region = nullptr;
  ActorId unit(ActorKind kind, const std::string& municipality) const {
    const Actor* actor = region->unit(kind, municipality);
    return actor ? actor->id : ActorId{std::string(to_string(kind)) + ":" + municipality};
  }
};

Timeline plan_timeline(HouseholdKind kind, Date today, DemoRandom& random);

// Adds one member's events to `log`: the shared chain plus the health,
// school, SFI, civic orientation and establishment steps for the age.
struct PersonFacts {
  const Case& the_case;
  const Timeline& timeline;
  const RegionUnits& units;
  Date today;
};
void plan_person(const PersonFacts& person, CaseLog& log, DemoRandom& random);

}  // namespace kedja::tools
