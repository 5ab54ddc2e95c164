// Roles and scope (domain/access.h, contract §4).
#include "domain_fixture.h"

#include "domain/access.h"

namespace kedja::testing {
namespace {

Caller caller(Role role, const char* actor) {
  return Caller{role, *actor ? std::optional<ActorId>(ActorId{actor}) : std::nullopt, "t"};
}

TEST(Access, WhoMayRecordWhichEvent) {
  using enum EventType;
  static const struct {
    Role role;
    const char* actor;
    EventType type;
    bool allowed;
  } cases[] = {
      {Role::mv, "mv:jamtland", asylum_registered, true},
      {Role::mv, "mv:jamtland", housing_changed, true},
      {Role::mv, "mv:jamtland", permit_refused, true},
      {Role::mv, "mv:jamtland", municipality_assigned, true},
      {Role::mv, "mv:jamtland", moved, true},
      {Role::mv, "mv:jamtland", arrived, false},
      {Role::mv, "mv:jamtland", case_closed, false},
      {Role::af, "af:jamtland", municipality_assigned, true},
      {Role::af, "af:jamtland", establishment_talk_held, true},
      {Role::af, "af:jamtland", establishment_plan_ended, true},
      {Role::af, "af:jamtland", sfi_started, false},
      {Role::af, "af:jamtland", moved, false},
      {Role::reception, "reception:berg", arrival_notice_received, true},
      {Role::reception, "reception:berg", arrival_date_changed, true},
      {Role::reception, "reception:berg", health_centre_notified, true},
      {Role::reception, "reception:berg", civic_orientation_completed, true},
      {Role::reception, "reception:berg", health_centre_changed, true},
      {Role::reception, "reception:berg", moved, true},
      {Role::reception, "reception:berg", case_closed, true},
      {Role::reception, "reception:berg", health_talk_held, false},
      {Role::reception, "reception:berg", asylum_registered, false},
      {Role::hc, "hc:berg", health_talk_booked, true},
      {Role::hc, "hc:berg", test_results_received, true},
      {Role::hc, "hc:berg", reception_informed, true},
      {Role::hc, "hc:berg", health_centre_changed, true},
      {Role::hc, "hc:berg", vaccination_plan_made, false},
      {Role::hc, "hc:berg", school_started, false},
      {Role::child_health, "child_health:berg", vaccination_plan_made, true},
      {Role::child_health, "child_health:berg", preschool_started, false},
      {Role::school_health, "school_health:berg", vaccination_plan_made, true},
      {Role::school, "school:berg", introduction_plan_made, true},
      {Role::school, "school:berg", school_started, true},
      {Role::school, "school:berg", preschool_started, false},
      {Role::preschool, "preschool:berg", preschool_started, true},
      {Role::preschool, "preschool:berg", school_started, false},
      {Role::sfi, "sfi:berg", sfi_registered, true},
      {Role::sfi, "sfi:berg", sfi_started, true},
      {Role::sfi, "sfi:berg", civic_orientation_started, false},
      {Role::coordinator, "lst:jamtland", arrived, false},
      {Role::coordinator, "lst:jamtland", case_closed, false},
      {Role::admin, "", case_closed, true},
      {Role::admin, "", asylum_registered, true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(may_record(caller(c.role, c.actor), c.type, std::nullopt, std::nullopt), c.allowed)
        << to_string(c.role) << " " << to_string(c.type);
}

TEST(Access, OnlyTheStepsOwnerMayDeclineIt) {
  static const struct {
    Role role;
    const char* actor;
    const char* owner;  // "" = unknown
    bool allowed;
  } cases[] = {
      {Role::hc, "hc:berg", "hc:berg", true},
      {Role::hc, "hc:berg", "hc:krokom", false},
      {Role::hc, "hc:berg", "", false},
      {Role::school, "school:berg", "school:berg", true},
      {Role::coordinator, "lst:jamtland", "lst:jamtland", false},
      {Role::admin, "", "hc:berg", true},
  };
  for (const auto& c : cases) {
    std::optional<ActorId> owner = *c.owner ? std::optional<ActorId>(ActorId{c.owner}) : std::nullopt;
    EXPECT_EQ(may_record(caller(c.role, c.actor), EventType::step_declined, owner, std::nullopt), c.allowed)
        << c.actor << " declining a step of " << c.owner;
  }
}

TEST(Access, OnlyTheRecorderMayVoidAnEvent) {
  EXPECT_TRUE(may_record(caller(Role::mv, "mv:jamtland"), EventType::event_voided, std::nullopt,
                         ActorId{"mv:jamtland"}));
  EXPECT_FALSE(may_record(caller(Role::reception, "reception:berg"), EventType::event_voided, std::nullopt,
                          ActorId{"mv:jamtland"}));
  EXPECT_TRUE(may_record(caller(Role::admin, ""), EventType::event_voided, std::nullopt, ActorId{"hc:berg"}));
}

TEST(Access, ScopeFollowsTheRoleAndTheCaseAsItIsNow) {
  const Date today = day("2026-03-10");
  static const struct {
    Role role;
    const char* actor;
    const char* municipality;
    const char* health_centre;
    const char* born;
    bool sees;
  } cases[] = {
      {Role::reception, "reception:berg", "berg", "hc:berg", "1990-01-01", true},
      {Role::reception, "reception:berg", "krokom", "hc:berg", "1990-01-01", false},
      {Role::school, "school:berg", "berg", "hc:berg", "2016-06-01", true},       // 9
      {Role::school, "school:berg", "berg", "hc:berg", "2021-06-01", false},      // 4
      {Role::school, "school:berg", "krokom", "hc:krokom", "2016-06-01", false},
      {Role::school_health, "school_health:berg", "berg", "hc:berg", "2008-03-11", true},  // 17
      {Role::school_health, "school_health:berg", "berg", "hc:berg", "2008-03-10", false}, // 18 today
      {Role::preschool, "preschool:berg", "berg", "hc:berg", "2021-06-01", true},
      {Role::preschool, "preschool:berg", "berg", "hc:berg", "2016-06-01", false},
      {Role::child_health, "child_health:berg", "berg", "hc:berg", "2025-12-01", true},
      {Role::sfi, "sfi:berg", "berg", "hc:berg", "2010-03-10", true},             // 16 today
      {Role::sfi, "sfi:berg", "berg", "hc:berg", "2010-03-11", false},            // 15
      {Role::hc, "hc:ostersund-lugnvik", "ostersund", "hc:ostersund-lugnvik", "2016-06-01", true},
      {Role::hc, "hc:ostersund-lugnvik", "ostersund", "hc:ostersund", "2016-06-01", false},
      {Role::af, "af:jamtland", "berg", "hc:berg", "1990-01-01", true},
      {Role::mv, "mv:jamtland", "are", "hc:are", "2020-01-01", true},
      {Role::coordinator, "lst:jamtland", "are", "hc:are", "2020-01-01", true},
      {Role::admin, "", "are", "hc:are", "2020-01-01", true},
      {Role::reception, "reception:nowhere", "berg", "hc:berg", "1990-01-01", false},  // unknown actor
      {Role::reception, "hc:berg", "berg", "hc:berg", "1990-01-01", false},            // actor of another kind
  };
  for (const auto& c : cases) {
    Scope scope = scope_of(caller(c.role, c.actor), shipped_config().region);
    EXPECT_EQ(in_scope(scope, c.municipality, ActorId{c.health_centre}, day(c.born), today, false), c.sees)
        << c.actor << " / case in " << c.municipality << " born " << c.born;
  }
}

TEST(Access, TheCoordinatorReadsEverythingWithoutIdentities) {
  Scope scope = scope_of(caller(Role::coordinator, "lst:jamtland"), shipped_config().region);
  EXPECT_TRUE(scope.all_cases);
  EXPECT_TRUE(scope.hide_identity);
  EXPECT_TRUE(scope.read_only);
  EXPECT_FALSE(scope_of(caller(Role::mv, "mv:jamtland"), shipped_config().region).read_only);
}

TEST(Access, OnlyReceptionMigrationAgencyAndAdminCreateCases) {
  for (Role role : {Role::reception, Role::hc, Role::school, Role::preschool, Role::school_health,
                    Role::child_health, Role::sfi, Role::af, Role::mv, Role::coordinator, Role::admin}) {
    bool expected = role == Role::reception || role == Role::mv || role == Role::admin;
    EXPECT_EQ(may_create_cases(role), expected) << to_string(role);
  }
}

TEST(Access, AUnitManagesItsOwnFeedTokensOnlyAndTheAdminAny) {
  static const struct {
    Role role;
    const char* actor;  // "" for admin
    const char* feed_actor;
    bool may;
  } cases[] = {
      {Role::hc, "hc:ostersund", "hc:ostersund", true},
      {Role::hc, "hc:ostersund", "hc:ostersund-lugnvik", false},
      {Role::reception, "reception:krokom", "reception:krokom", true},
      {Role::reception, "reception:krokom", "reception:ostersund", false},
      {Role::school, "school:are", "school:are", true},
      {Role::af, "af:jamtland", "af:jamtland", true},
      {Role::coordinator, "lst:jamtland", "lst:jamtland", false},
      {Role::admin, "", "hc:ostersund", true},
  };
  for (const auto& c : cases) {
    Caller who{c.role, *c.actor ? std::optional<ActorId>(ActorId{c.actor}) : std::nullopt, "t"};
    EXPECT_EQ(may_manage_feed_tokens(who, ActorId{c.feed_actor}), c.may) << c.actor << " → " << c.feed_actor;
  }
}

TEST(Access, RoleNamesAndActorKindsRoundTrip) {
  for (Role role : {Role::reception, Role::hc, Role::school, Role::preschool, Role::school_health,
                    Role::child_health, Role::sfi, Role::af, Role::mv, Role::coordinator, Role::admin})
    EXPECT_EQ(role_from(to_string(role)), role) << to_string(role);
  EXPECT_EQ(actor_kind_for(Role::coordinator), ActorKind::lst);
  EXPECT_FALSE(actor_kind_for(Role::admin).has_value());
  EXPECT_FALSE(role_from("superuser").has_value());
}

TEST(Access, EveryActorKindHasTheRoleWhoseKindItIs) {
  for (ActorKind kind : {ActorKind::reception, ActorKind::school, ActorKind::preschool, ActorKind::school_health,
                         ActorKind::child_health, ActorKind::sfi, ActorKind::hc, ActorKind::af, ActorKind::mv,
                         ActorKind::lst})
    EXPECT_EQ(actor_kind_for(role_for(kind)), kind) << to_string(kind);
  EXPECT_EQ(role_for(ActorKind::lst), Role::coordinator);
}

TEST(Access, EveryUnitOwnsStepsButTheCoordinatorAndTheAdmin) {
  for (Role role : {Role::reception, Role::hc, Role::school, Role::preschool, Role::school_health,
                    Role::child_health, Role::sfi, Role::af, Role::mv})
    EXPECT_TRUE(owns_steps(role)) << to_string(role);
  EXPECT_FALSE(owns_steps(Role::coordinator));
  EXPECT_FALSE(owns_steps(Role::admin));
}

}  // namespace
}  // namespace kedja::testing
