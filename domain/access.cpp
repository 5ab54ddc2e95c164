// Roles and scope (contract §4). A token has one role and, except for admin,
// one actor; the role decides what it sees and which events it may record.
#include "domain/access.h"

#include <algorithm>
#include <array>
#include <span>

namespace kedja {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 11> role_names{{
    {Role::reception, "reception"},
    {Role::hc, "hc"},
    {Role::school, "school"},
    {Role::preschool, "preschool"},
    {Role::school_health, "school_health"},
    {Role::child_health, "child_health"},
    {Role::sfi, "sfi"},
    {Role::af, "af"},
    {Role::mv, "mv"},
    {Role::coordinator, "coordinator"},
    {Role::admin, "admin"},
}};

// The "recorded by" column of contract §2, per role. step_declined and
// event_voided depend on the actor and are decided in may_record.
std::span<const EventType> recordable_by(Role role) {
  using enum EventType;
  static constexpr EventType mv[] = {asylum_registered, housing_changed, permit_granted, permit_refused,
                                     municipality_assigned, moved};
  static constexpr EventType af[] = {municipality_assigned, establishment_talk_held, establishment_plan_started,
                                     establishment_plan_ended};
  static constexpr EventType reception[] = {arrival_notice_received, arrival_date_changed, arrived,
                                            health_centre_notified, school_notified, civic_orientation_started,
                                            civic_orientation_completed, health_centre_changed, moved, case_closed};
  static constexpr EventType hc[] = {health_talk_booked, health_exam_booked, health_talk_held, test_results_received,
                                     newcomer_informed, health_exam_held, reception_informed, health_centre_changed};
  static constexpr EventType vaccination[] = {vaccination_plan_made};
  static constexpr EventType school[] = {introduction_plan_made, school_started};
  static constexpr EventType preschool[] = {preschool_started};
  static constexpr EventType sfi[] = {sfi_registered, sfi_started};
  switch (role) {
    case Role::mv: return mv;
    case Role::af: return af;
    case Role::reception: return reception;
    case Role::hc: return hc;
    case Role::child_health:
    case Role::school_health: return vaccination;
    case Role::school: return school;
    case Role::preschool: return preschool;
    case Role::sfi: return sfi;
    case Role::coordinator:
    case Role::admin: return {};
  }
  return {};
}

}  // namespace

std::string_view to_string(Role role) {
  for (const auto& [r, name] : role_names)
    if (r == role) return name;
  return "?";
}

std::optional<Role> role_from(std::string_view text) {
  for (const auto& [r, name] : role_names)
    if (name == text) return r;
  return std::nullopt;
}

std::optional<ActorKind> actor_kind_for(Role role) {
  switch (role) {
    case Role::reception: return ActorKind::reception;
    case Role::hc: return ActorKind::hc;
    case Role::school: return ActorKind::school;
    case Role::preschool: return ActorKind::preschool;
    case Role::school_health: return ActorKind::school_health;
    case Role::child_health: return ActorKind::child_health;
    case Role::sfi: return ActorKind::sfi;
    case Role::af: return ActorKind::af;
    case Role::mv: return ActorKind::mv;
    case Role::coordinator: return ActorKind::lst;
    case Role::admin: return std::nullopt;
  }
  return std::nullopt;
}

Role role_for(ActorKind kind) {
  for (const auto& [role, name] : role_names)
    if (actor_kind_for(role) == kind) return role;
  return Role::admin;  // unreachable: every kind has its role (tested)
}

bool owns_steps(Role role) { return role != Role::coordinator && role != Role::admin; }

// A caller whose actor is missing or unknown to the region gets an empty
// scope (not all_cases, no municipality, no health centre): it sees nothing.
Scope scope_of(const Caller& caller, const Region& region) {
  Scope scope;
  switch (caller.role) {
    case Role::admin:
    case Role::af:
    case Role::mv: scope.all_cases = true; return scope;
    case Role::coordinator:
      scope.all_cases = scope.hide_identity = scope.read_only = true;
      return scope;
    default: break;
  }
  const Actor* actor = caller.actor ? region.find_actor(*caller.actor) : nullptr;
  if (!actor || actor->kind != actor_kind_for(caller.role)) return scope;
  if (caller.role == Role::hc) {
    scope.health_centre = actor->id;
    return scope;
  }
  scope.municipality = actor->municipality;
  switch (caller.role) {
    case Role::school:
    case Role::school_health: scope.min_age = 6, scope.max_age = 17; break;
    case Role::preschool:
    case Role::child_health: scope.min_age = 0, scope.max_age = 5; break;
    case Role::sfi: scope.min_age = 16; break;
    default: break;
  }
  if (scope.min_age || scope.max_age) scope.step_owner = actor->id;
  return scope;
}

bool in_scope(const Scope& scope, std::string_view municipality, const ActorId& health_centre,
              Date birth_date, Date today, bool owns_open_step) {
  if (scope.all_cases) return true;
  if (!scope.municipality && !scope.health_centre) return false;
  if (scope.municipality && *scope.municipality != municipality) return false;
  if (scope.health_centre && *scope.health_centre != health_centre) return false;
  if (scope.step_owner && owns_open_step) return true;
  int age = age_on(birth_date, today);
  if (scope.min_age && age < *scope.min_age) return false;
  if (scope.max_age && age > *scope.max_age) return false;
  return true;
}

bool may_create_cases(Role role) {
  return role == Role::reception || role == Role::mv || role == Role::admin;
}

bool may_manage_feed_tokens(const Caller& caller, const ActorId& feed_actor) {
  if (caller.role == Role::admin) return true;
  if (caller.role == Role::coordinator || !caller.actor) return false;
  return *caller.actor == feed_actor;
}

bool may_record(const Caller& caller, EventType type, const std::optional<ActorId>& step_owner,
                const std::optional<ActorId>& voided_recorder) {
  if (caller.role == Role::admin) return true;
  if (caller.role == Role::coordinator || !caller.actor) return false;
  if (type == EventType::step_declined) return step_owner && *step_owner == *caller.actor;
  if (type == EventType::event_voided) return voided_recorder && *voided_recorder == *caller.actor;
  const auto allowed = recordable_by(caller.role);
  return std::find(allowed.begin(), allowed.end(), type) != allowed.end();
}

}  // namespace kedja
