// GET /v1/follow-up and the overdue summary's buckets (contract v1.1 §4).
#include "fixture.h"

namespace kedja::server::testing {
namespace {

class FollowUpTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    // Both reception steps are due the day of the notice and still open on
    // Wednesday 25 November: Östersund's (due Monday 2 Nov) 17 working days
    // overdue, Berg's (due Friday 20 Nov) 3.
    Json early = person("ostersund", "2016-03-01", "Early");
    early["events"] = Json::array({{{"type", "arrival_notice_received"},
                                    {"date", "2026-11-02"},
                                    {"expected_arrival", "2026-11-16"}}});
    early_ = create_case(early);
    Json late = person("berg", "2016-03-01", "Later");
    late["events"] = Json::array({{{"type", "arrival_notice_received"},
                                   {"date", "2026-11-20"},
                                   {"expected_arrival", "2026-12-01"}}});
    later_ = create_case(late);
  }
  // The row of `group` and `step`, or null.
  static Json row_of(const Json& body, const char* member, const char* group, const char* step) {
    for (const auto& row : body["rows"])
      if (row[member] == group && row["step"] == step) return row;
    return nullptr;
  }
  std::string early_, later_;
};

TEST_F(FollowUpTest, SummaryRowsCountOverdueStepsInBuckets) {
  const Reply reply = get("/v1/overdue/summary", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  const Json ostersund = row_of(reply.body, "municipality", "ostersund", "notify_health_centre");
  const Json berg = row_of(reply.body, "municipality", "berg", "notify_health_centre");
  EXPECT_EQ(ostersund["buckets"], Json::parse(R"({"1-5": 0, "6-10": 0, "11-20": 1, "21+": 0})"));
  EXPECT_EQ(berg["buckets"], Json::parse(R"({"1-5": 1, "6-10": 0, "11-20": 0, "21+": 0})"));
  const Reply later = get("/v1/overdue/summary?as_of=2026-12-31", admin_);
  EXPECT_EQ(row_of(later.body, "municipality", "ostersund", "notify_health_centre")["buckets"]["21+"], 1);
}

TEST_F(FollowUpTest, RowsCountLateStepsWithShareAndMedian) {
  const Reply reply = get("/v1/follow-up?from=2026-11-01&to=2026-11-30", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.body["from"], "2026-11-01");
  EXPECT_EQ(reply.body["to"], "2026-11-30");
  EXPECT_EQ(reply.body["as_of"], today_text);
  const Json row = row_of(reply.body, "municipality", "ostersund", "notify_health_centre");
  ASSERT_TRUE(row.is_object()) << reply.body.dump();
  EXPECT_EQ(row, Json::parse(R"({"municipality": "ostersund", "step": "notify_health_centre", "on_time": 0,
      "late": 1, "declined": 0, "pending": 0, "share_on_time": 0.0, "median_working_days_late": 17.0})"));
  // By due month: both cases together, the median between 3 and 17.
  const Reply months = get("/v1/follow-up?from=2026-11-01&to=2026-11-30&by=month&step=notify_health_centre", admin_);
  ASSERT_EQ(months.status, 200) << months.raw.body;
  ASSERT_EQ(months.body["rows"].size(), 1u);
  EXPECT_EQ(months.body["rows"][0]["month"], "2026-11");
  EXPECT_EQ(months.body["rows"][0]["late"], 2);
  EXPECT_EQ(months.body["rows"][0]["median_working_days_late"], 10.0);
  // As of the Friday Berg's step fell due, it is pending, not late.
  const Reply friday = get("/v1/follow-up?from=2026-11-01&to=2026-11-30&by=actor&as_of=2026-11-20", admin_);
  const Json pending = row_of(friday.body, "actor", "reception:berg", "notify_health_centre");
  EXPECT_EQ(pending["pending"], 1);
  EXPECT_TRUE(pending["share_on_time"].is_null());
  EXPECT_TRUE(pending["median_working_days_late"].is_null());
}

TEST_F(FollowUpTest, DefaultsToTheLastTwelveFullMonths) {
  const Reply reply = get("/v1/follow-up", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.body["from"], "2025-11-01");
  EXPECT_EQ(reply.body["to"], "2026-10-31");
  EXPECT_TRUE(reply.body["rows"].empty());  // every step here is due in November 2026
  const Reply to_only = get("/v1/follow-up?to=2026-11-30", admin_);
  EXPECT_EQ(to_only.body["from"], "2025-12-01");
  EXPECT_EQ(to_only.body["rows"].size(), 4u);  // two notify steps in each municipality
}

TEST_F(FollowUpTest, EachCallerCountsWhatItsScopeHolds) {
  const Reply berg = get("/v1/follow-up?from=2026-11-01&to=2026-11-30", token(Role::reception, "reception:berg"));
  ASSERT_EQ(berg.status, 200) << berg.raw.body;
  for (const auto& row : berg.body["rows"]) EXPECT_EQ(row["municipality"], "berg");
  EXPECT_FALSE(berg.body["rows"].empty());
  const Reply coordinator = get("/v1/follow-up?from=2026-11-01&to=2026-11-30", token(Role::coordinator, "lst:jamtland"));
  ASSERT_EQ(coordinator.status, 200);
  EXPECT_EQ(coordinator.body["rows"].size(), 4u);
  // Scope as for lists: the school sees Berg's ten-year-old and so the
  // case's two steps; the preschool (ages 0–5, no step of its own) nothing.
  const Reply school = get("/v1/follow-up?from=2026-11-01&to=2026-11-30", token(Role::school, "school:berg"));
  ASSERT_EQ(school.status, 200);
  ASSERT_EQ(school.body["rows"].size(), 2u) << school.raw.body;
  for (const auto& row : school.body["rows"]) EXPECT_EQ(row["municipality"], "berg");
  const Reply preschool =
      get("/v1/follow-up?from=2026-11-01&to=2026-11-30", token(Role::preschool, "preschool:berg"));
  ASSERT_EQ(preschool.status, 200);
  EXPECT_TRUE(preschool.body["rows"].empty()) << preschool.raw.body;
}

// ?actor= (the page's "Våra steg"): that unit's steps only, within the
// caller's scope, by any grouping.
TEST_F(FollowUpTest, AnActorCountsThatUnitsStepsOnly) {
  const Reply reply = get("/v1/follow-up?from=2026-11-01&to=2026-11-30&actor=reception:berg", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  ASSERT_EQ(reply.body["rows"].size(), 2u) << reply.body.dump();  // Berg's two notify steps
  for (const auto& row : reply.body["rows"]) EXPECT_EQ(row["municipality"], "berg");
  const Reply by_month =
      get("/v1/follow-up?from=2026-11-01&to=2026-11-30&by=month&actor=reception:ostersund", admin_);
  ASSERT_EQ(by_month.status, 200) << by_month.raw.body;
  std::int64_t counted = 0;
  for (const auto& row : by_month.body["rows"])
    counted += row["late"].get<std::int64_t>() + row["pending"].get<std::int64_t>();
  EXPECT_EQ(counted, 2);  // Östersund's two steps, not Berg's
  // Another unit's steps outside the caller's scope are not there to count.
  const Reply outside = get("/v1/follow-up?from=2026-11-01&to=2026-11-30&actor=reception:ostersund",
                            token(Role::reception, "reception:berg"));
  ASSERT_EQ(outside.status, 200);
  EXPECT_TRUE(outside.body["rows"].empty()) << outside.raw.body;
}

TEST_F(FollowUpTest, IsNotAudited) {
  const auto audit_rows = [&] { return get("/v1/audit?case=" + early_, admin_).body["items"].size(); };
  const auto before = audit_rows();
  ASSERT_EQ(get("/v1/follow-up?from=2026-11-01&to=2026-11-30", admin_).status, 200);
  ASSERT_EQ(get("/v1/overdue/summary", admin_).status, 200);
  EXPECT_EQ(audit_rows(), before);
}

TEST_F(FollowUpTest, BadParametersAreA400NamingThem) {
  static const struct {
    const char* target;
    const char* field;
  } cases[] = {
      {"/v1/follow-up?from=2026-02-30", "from"},
      {"/v1/follow-up?to=2026-13-01", "to"},
      {"/v1/follow-up?from=2026-12-01&to=2026-11-01", "to"},
      {"/v1/follow-up?from=2027-01-01&as_of=2026-11-25", "from"},
      {"/v1/follow-up?by=county", "by"},
      {"/v1/follow-up?step=book_a_taxi", "step"},
      {"/v1/follow-up?as_of=tomorrow", "as_of"},
      {"/v1/follow-up?form=2026-01-01", "form"},
      {"/v1/follow-up?by=month&by=actor", "by"},
      {"/v1/follow-up?actor=school:atlantis", "actor"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(c.target, admin_);
    EXPECT_EQ(reply.status, 400) << c.target;
    ASSERT_TRUE(reply.body.contains("errors")) << c.target << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.target;
  }
}

}  // namespace
}  // namespace kedja::server::testing
