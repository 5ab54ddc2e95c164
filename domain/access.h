// Who may see and record what (contract §4, "Roles and scope"). Every actor
// sees only what concerns it.
#pragma once

#include "domain/case.h"
#include "domain/event.h"
#include "domain/ids.h"
#include "domain/region.h"
#include "domain/result.h"

#include <optional>
#include <string>
#include <string_view>

namespace kedja {

enum class Role {
  reception,
  hc,
  school,
  preschool,
  school_health,
  child_health,
  sfi,
  af,
  mv,
  coordinator,  // goes with an lst actor
  admin,        // has no actor
};
std::string_view to_string(Role role);
std::optional<Role> role_from(std::string_view text);

// The actor kind a role's token must belong to (nullopt for admin).
std::optional<ActorKind> actor_kind_for(Role role);
// The role of a token for an actor of `kind` (its inverse: coordinator for
// lst, the kind's own role for the others).
Role role_for(ActorKind kind);
// Whether a role's actor can own steps, and so has a calendar feed (issue
// 16): every unit's role; not the coordinator (the county board follows up,
// it owns no step) nor the admin (no actor).
bool owns_steps(Role role);

// The one checked on each request: a token's role and actor.
struct Caller {
  Role role = Role::admin;
  std::optional<ActorId> actor;  // nullopt for admin
  std::string token_name;
};

// Which cases a caller sees, as filters storage can turn into SQL.
struct Scope {
  bool all_cases = false;                    // region-wide roles and admin
  std::optional<std::string> municipality;   // the case's current municipality
  std::optional<ActorId> health_centre;      // the case's current health centre
  std::optional<int> min_age, max_age;       // age today, inclusive
  // (v1.1) Whatever the age today, also every case on which this actor owns
  // an open step: a school keeps the child whose birthday came before the
  // school start was recorded. Set for the roles with an age range.
  std::optional<ActorId> step_owner;
  bool hide_identity = false;                // coordinator lists: no names, birth year only
  bool read_only = false;
};

Scope scope_of(const Caller& caller, const Region& region);

// The case as it is now (current municipality and health centre) is in
// scope. `owns_open_step`: the scope's step_owner owns an open step of the
// case (as stored), which stands in for the age range. The municipality must
// match even so: a unit's open steps always lie in the case's current
// municipality (a move takes them to the new municipality's units, and every
// municipality has every unit), so this loses nothing and lets storage keep
// its per-municipality index.
bool in_scope(const Scope& scope, std::string_view municipality, const ActorId& health_centre,
              Date birth_date, Date today, bool owns_open_step);

bool may_create_cases(Role role);

// May `caller` make, list and revoke the calendar feed tokens of
// `feed_actor` (issue 16)? The admin: any actor's. A unit (a token with an
// actor, every role but the read-only coordinator, whose unit owns no
// steps): its own actor's feed tokens only — never an API token, never
// another unit's. The API (/v1/tokens), the Kalender page and storage all
// ask this one function.
bool may_manage_feed_tokens(const Caller& caller, const ActorId& feed_actor);

// May `caller` record an event of this type? For `step_declined`, the owner
// of the declined step must be the caller's actor (`step_owner`); for
// `event_voided`, the voided event's recorder (`voided_recorder`).
bool may_record(const Caller& caller, EventType type, const std::optional<ActorId>& step_owner,
                const std::optional<ActorId>& voided_recorder);

}  // namespace kedja
