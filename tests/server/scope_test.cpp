// The scope matrix: every role × every endpoint × cases in and out of its
// scope (contract §4, "Roles and scope"). Out of scope is 404, as if the case
// did not exist; an event the role may not record is 403.
#include "fixture.h"

#include <map>

namespace kedja::server::testing {
namespace {

// The people of the matrix, all but one in Östersund, on 2026-11-25.
enum Person { toddler, pupil, adult, pupil_in_berg, pupil_at_lugnvik, person_count };
const char* const person_names[] = {"toddler (3, ostersund)", "pupil (10, ostersund)",
                                    "adult (30, ostersund)", "pupil (10, berg)",
                                    "pupil (10, ostersund, hc:ostersund-lugnvik)"};

struct RoleRow {
  Role role;
  const char* actor;
  bool sees[person_count];  // toddler, pupil, adult, berg, lugnvik
  // An event this role records, valid on every case of the matrix.
  const char* event;
};

const RoleRow roles[] = {
    {Role::reception, "reception:ostersund", {true, true, true, false, true},
     R"({"type":"health_centre_notified","date":"2026-11-20"})"},
    {Role::hc, "hc:ostersund", {true, true, true, false, false},
     R"({"type":"health_talk_booked","date":"2026-11-20","appointment":"2026-12-01"})"},
    {Role::school, "school:ostersund", {false, true, false, false, true},
     R"({"type":"introduction_plan_made","date":"2026-11-20"})"},
    {Role::preschool, "preschool:ostersund", {true, false, false, false, false},
     R"({"type":"preschool_started","date":"2026-11-20"})"},
    {Role::school_health, "school_health:ostersund", {false, true, false, false, true},
     R"({"type":"vaccination_plan_made","date":"2026-11-20"})"},
    {Role::child_health, "child_health:ostersund", {true, false, false, false, false},
     R"({"type":"vaccination_plan_made","date":"2026-11-20"})"},
    {Role::sfi, "sfi:ostersund", {false, false, true, false, false},
     R"({"type":"sfi_started","date":"2026-11-20"})"},
    {Role::af, "af:jamtland", {true, true, true, true, true},
     R"({"type":"establishment_talk_held","date":"2026-11-20"})"},
    {Role::mv, "mv:jamtland", {true, true, true, true, true},
     R"({"type":"asylum_registered","date":"2026-11-20","housing":"ABO"})"},
    {Role::coordinator, "lst:jamtland", {true, true, true, true, true},
     R"({"type":"arrived","date":"2026-11-20"})"},
    {Role::admin, "", {true, true, true, true, true},
     R"({"type":"health_centre_notified","date":"2026-11-20"})"},
};

class ScopeTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ids_[toddler] = make("ostersund", "2023-05-01", std::nullopt);
    ids_[pupil] = make("ostersund", "2016-03-01", std::nullopt);
    ids_[adult] = make("ostersund", "1996-01-01", std::nullopt);
    ids_[pupil_in_berg] = make("berg", "2016-03-01", std::nullopt);
    ids_[pupil_at_lugnvik] = make("ostersund", "2016-03-01", "hc:ostersund-lugnvik");
    for (const auto& row : roles) tokens_[row.role] = row.role == Role::admin ? admin_ : token(row.role, row.actor);
  }

  // Each case has steps overdue today and steps due later: an assignment
  // (2 months), an arrival notice, and test results already in (so that
  // preschool may start).
  std::string make(const std::string& municipality, const std::string& birth,
                   std::optional<std::string> health_centre) {
    Json body = person(municipality, birth);
    if (health_centre) body["health_centre"] = *health_centre;
    body["events"] = Json::array({
        {{"type", "municipality_assigned"}, {"date", "2026-06-01"}, {"municipality", municipality}},
        {{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-16"}},
        {{"type", "test_results_received"}, {"date", "2026-11-10"}},
    });
    return create_case(body);
  }

  std::string ids_[person_count];
  std::map<Role, std::string> tokens_;
};

TEST_F(ScopeTest, ReadingACaseOutOfScopeIs404) {
  for (const auto& row : roles)
    for (int p = 0; p < person_count; ++p) {
      const Reply reply = get("/v1/cases/" + ids_[p], tokens_[row.role]);
      EXPECT_EQ(reply.status, row.sees[p] ? 200 : 404) << to_string(row.role) << " × " << person_names[p];
    }
}

TEST_F(ScopeTest, CaseListShowsExactlyTheCasesInScope) {
  for (const auto& row : roles) {
    const Reply reply = get("/v1/cases?limit=1000", tokens_[row.role]);
    ASSERT_EQ(reply.status, 200) << to_string(row.role);
    for (int p = 0; p < person_count; ++p)
      EXPECT_EQ(lists(reply.body, "id", ids_[p]), row.sees[p]) << to_string(row.role) << " × " << person_names[p];
  }
}

TEST_F(ScopeTest, OverdueAndDueListsNeverShowCasesOutOfScope) {
  for (const auto& row : roles) {
    const Reply overdue = get("/v1/overdue?limit=1000", tokens_[row.role]);
    const Reply due = get("/v1/due?from=2026-01-01&to=2027-12-31&limit=1000", tokens_[row.role]);
    ASSERT_EQ(overdue.status, 200) << to_string(row.role);
    ASSERT_EQ(due.status, 200) << to_string(row.role);
    for (int p = 0; p < person_count; ++p) {
      if (row.sees[p]) continue;
      EXPECT_FALSE(lists(overdue.body, "case_id", ids_[p])) << to_string(row.role) << " × " << person_names[p];
      EXPECT_FALSE(lists(due.body, "case_id", ids_[p])) << to_string(row.role) << " × " << person_names[p];
    }
  }
}

TEST_F(ScopeTest, RegionWideRolesSeeEveryOverdueCase) {
  for (const Role role : {Role::admin, Role::coordinator}) {
    const Reply overdue = get("/v1/overdue?limit=1000", tokens_[role]);
    ASSERT_EQ(overdue.status, 200);
    for (int p = 0; p < person_count; ++p)
      EXPECT_TRUE(lists(overdue.body, "case_id", ids_[p])) << to_string(role) << " × " << person_names[p];
  }
}

TEST_F(ScopeTest, RecordingOnACaseOutOfScopeIs404AndInScopeIsTheRolesRight) {
  for (const auto& row : roles)
    for (int p = 0; p < person_count; ++p) {
      const Reply reply = call("POST", "/v1/cases/" + ids_[p] + "/events", tokens_[row.role], row.event);
      const int expected = !row.sees[p] ? 404 : row.role == Role::coordinator ? 403 : 201;
      EXPECT_EQ(reply.status, expected)
          << to_string(row.role) << " × " << person_names[p] << ": " << reply.raw.body;
    }
}

TEST_F(ScopeTest, RecordingAnotherRolesEventIs403) {
  const char* const foreign = R"({"type":"permit_granted","date":"2026-11-20","permit":"PUT"})";
  for (const auto& row : roles) {
    if (row.role == Role::mv || row.role == Role::admin) continue;
    for (int p = 0; p < person_count; ++p) {
      if (!row.sees[p]) continue;
      EXPECT_EQ(call("POST", "/v1/cases/" + ids_[p] + "/events", tokens_[row.role], foreign).status, 403)
          << to_string(row.role) << " × " << person_names[p];
    }
  }
}

TEST_F(ScopeTest, OnlyReceptionMvAndAdminCreateCases) {
  for (const auto& row : roles) {
    const bool may = row.role == Role::reception || row.role == Role::mv || row.role == Role::admin;
    Json body = person("ostersund", "2016-03-01");
    body["confirmed_new"] = true;  // each role registers the same person: past the duplicate check
    const Reply reply = post("/v1/cases", tokens_[row.role], body);
    EXPECT_EQ(reply.status, may ? 201 : 403) << to_string(row.role) << ": " << reply.raw.body;
  }
}

TEST_F(ScopeTest, AuditIsAdminOnly) {
  for (const auto& row : roles)
    for (int p = 0; p < person_count; ++p)
      EXPECT_EQ(get("/v1/audit?case=" + ids_[p], tokens_[row.role]).status,
                row.role == Role::admin ? 200 : 403)
          << to_string(row.role) << " × " << person_names[p];
}

TEST_F(ScopeTest, EveryRoleReadsActorsCalendarAndSummary) {
  for (const auto& row : roles)
    for (const char* target : {"/v1/actors", "/v1/calendar/non-working-days?year=2026",
                               "/v1/calendar/add-working-days?from=2026-11-25&days=3",
                               "/v1/overdue/summary"})
      EXPECT_EQ(get(target, tokens_[row.role]).status, 200) << to_string(row.role) << ' ' << target;
}

}  // namespace
}  // namespace kedja::server::testing
