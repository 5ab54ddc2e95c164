// GET /v1/overdue, /v1/due, /v1/overdue/summary and /v1/audit.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

class ListsTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    // Notified on Monday 2 Nov; the reception should have told the health
    // centre the same day: 17 working days overdue on Wednesday 25 Nov.
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
  std::string early_, later_;
};

TEST_F(ListsTest, OverdueDefaultsAsOfToTodayAndSortsMostOverdueFirst) {
  const Reply reply = get("/v1/overdue", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.body["as_of"], today_text);
  ASSERT_GE(reply.body["items"].size(), 2u);
  const auto& first = reply.body["items"][0];
  EXPECT_EQ(first["case_id"], early_);
  EXPECT_EQ(first["working_days_overdue"], 17);
  EXPECT_EQ(first["due_on"], "2026-11-02");
  EXPECT_EQ(first["given_name"], "Early");
  EXPECT_TRUE(reply.body["next_cursor"].is_null());
  int previous = 1 << 30;
  for (const auto& item : reply.body["items"]) {
    EXPECT_LE(item["working_days_overdue"].get<int>(), previous);
    previous = item["working_days_overdue"];
  }
}

TEST_F(ListsTest, OverdueFiltersByActorAndMunicipality) {
  Reply reply = get("/v1/overdue?municipality=berg", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(lists(reply.body, "case_id", later_));
  EXPECT_FALSE(lists(reply.body, "case_id", early_));
  reply = get("/v1/overdue?actor=reception:ostersund", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(lists(reply.body, "case_id", early_));
  for (const auto& item : reply.body["items"]) EXPECT_EQ(item["actor"], "reception:ostersund");
}

TEST_F(ListsTest, OverdueAsOfInThePastShowsLess) {
  const Reply reply = get("/v1/overdue?as_of=2026-11-03", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["as_of"], "2026-11-03");
  EXPECT_TRUE(lists(reply.body, "case_id", early_));
  EXPECT_FALSE(lists(reply.body, "case_id", later_));
}

TEST_F(ListsTest, OverduePagesWithLimit) {
  const Reply first = get("/v1/overdue?limit=1", admin_);
  ASSERT_EQ(first.status, 200);
  ASSERT_EQ(first.body["items"].size(), 1u);
  ASSERT_TRUE(first.body["next_cursor"].is_string());
  const Reply second =
      get("/v1/overdue?limit=1&cursor=" + first.body["next_cursor"].get<std::string>(), admin_);
  ASSERT_EQ(second.status, 200);
  ASSERT_EQ(second.body["items"].size(), 1u);
  EXPECT_NE(second.body["items"][0], first.body["items"][0]);
}

TEST_F(ListsTest, DueListsOpenStepsInTheWindowSoonestFirst) {
  const Reply reply = get("/v1/due?from=2026-11-01&to=2026-12-31", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_TRUE(lists(reply.body, "case_id", early_));
  EXPECT_TRUE(lists(reply.body, "case_id", later_));
  std::string previous;
  for (const auto& item : reply.body["items"]) {
    EXPECT_GE(item["due_on"].get<std::string>(), previous);
    previous = item["due_on"];
  }
  EXPECT_FALSE(lists(get("/v1/due?from=2027-01-01&to=2027-01-02", admin_).body, "case_id", early_));
}

// Contract §3 v1.1: overdue from the first working day after due_on. The
// later case's notify steps are due on Friday 2026-11-20: over the weekend
// they are not overdue but still due, from Monday overdue by 1.
TEST_F(ListsTest, OverWeekendsStepsDueFridayAreDueNotOverdue) {
  static const struct {
    const char* today;
    const char* due_from;  // the default
    bool overdue;
  } cases[] = {
      {"2026-11-20", "2026-11-20", false},  // Friday
      {"2026-11-21", "2026-11-20", false},  // Saturday
      {"2026-11-22", "2026-11-20", false},  // Sunday
      {"2026-11-23", "2026-11-23", true},   // Monday
  };
  for (const auto& c : cases) {
    const std::string today = c.today;
    Handler handler(*store_, shipped_context(), [today] { return day(today.c_str()); });
    auto get_on = [&](const std::string& target) {
      Request request;
      request.method = "GET";
      request.target = target;
      request.headers["authorization"] = "Bearer " + admin_;
      Response response = answer(handler, request);
      EXPECT_EQ(response.status, 200) << target << " " << response.body;
      return Json::parse(response.body, nullptr, false);
    };
    const Json due = get_on("/v1/due");
    EXPECT_EQ(due["from"], c.due_from) << c.today;
    EXPECT_EQ(lists(due, "case_id", later_), !c.overdue) << c.today;
    const Json overdue = get_on("/v1/overdue");
    EXPECT_EQ(lists(overdue, "case_id", later_), c.overdue) << c.today;
    for (const auto& item : overdue["items"]) EXPECT_GE(item["working_days_overdue"].get<int>(), 1) << c.today;
  }
}

TEST_F(ListsTest, SummaryGroupsByMunicipalityOrActor) {
  Reply reply = get("/v1/overdue/summary", admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.body["as_of"], today_text);
  bool found = false;
  for (const auto& row : reply.body["rows"])
    if (row["municipality"] == "ostersund" && row["step"] == "notify_health_centre") {
      found = true;
      EXPECT_EQ(row["overdue"], 1);
      EXPECT_EQ(row["oldest_due_on"], "2026-11-02");
    }
  EXPECT_TRUE(found) << reply.body.dump();
  reply = get("/v1/overdue/summary?by=actor&as_of=2026-11-25", admin_);
  ASSERT_EQ(reply.status, 200);
  ASSERT_FALSE(reply.body["rows"].empty());
  EXPECT_TRUE(reply.body["rows"][0].contains("actor"));
}

TEST_F(ListsTest, CoordinatorListsHideNamesAndBirthDates) {
  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  for (const char* target : {"/v1/overdue", "/v1/cases", "/v1/due?from=2026-11-01&to=2026-12-31"}) {
    const Reply reply = get(target, coordinator);
    ASSERT_EQ(reply.status, 200) << target;
    ASSERT_FALSE(reply.body["items"].empty()) << target;
    for (const auto& item : reply.body["items"]) {
      EXPECT_FALSE(item.contains("given_name")) << target;
      EXPECT_FALSE(item.contains("family_name")) << target;
      EXPECT_FALSE(item.contains("birth_date")) << target;
      EXPECT_EQ(item["birth_year"], 2016) << target;
    }
  }
}

TEST_F(ListsTest, AuditShowsReadsWithTheTokenName) {
  const std::string reception = token(Role::reception, "reception:ostersund");
  ASSERT_EQ(get("/v1/cases/" + early_, reception).status, 200);
  const Reply reply = get("/v1/audit?case=" + early_, admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  bool read = false;
  for (const auto& entry : reply.body["items"]) {
    EXPECT_TRUE(entry["at"].is_string());
    if (entry["actor"] == "reception:ostersund") {
      read = true;
      EXPECT_EQ(entry["token"], "reception reception:ostersund");
      EXPECT_NE(entry["token"], reception);
    }
  }
  EXPECT_TRUE(read) << reply.body.dump();
  EXPECT_TRUE(reply.body.contains("next_cursor"));
}

TEST_F(ListsTest, AuditIsForbiddenToOtherRoles) {
  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  EXPECT_EQ(get("/v1/audit?case=" + early_, coordinator).status, 403);
}

TEST_F(ListsTest, BadQueryParametersAre400NamingThem) {
  static const struct {
    const char* target;
    const char* field;
  } cases[] = {
      {"/v1/overdue?limit=0", "limit"},
      {"/v1/overdue?limit=1001", "limit"},
      {"/v1/overdue?limit=ten", "limit"},
      {"/v1/overdue?as_of=2026-02-30", "as_of"},
      {"/v1/overdue?as_of=26-11-25", "as_of"},
      {"/v1/overdue?municipalty=berg", "municipalty"},
      {"/v1/overdue?municipality=gotham", "municipality"},
      {"/v1/overdue?actor=hc:nowhere", "actor"},
      {"/v1/overdue?limit=1&limit=2", "limit"},
      {"/v1/overdue?actor=%ZZ", "actor"},
      {"/v1/due?from=2026-12-01&to=2026-11-01", "to"},
      {"/v1/due?form=2026-12-01", "form"},
      {"/v1/overdue/summary?by=county", "by"},
      {"/v1/overdue/summary?as_of=tomorrow", "as_of"},
      {"/v1/cases?status=pending", "status"},
      {"/v1/cases?limit=-1", "limit"},
      {"/v1/cases?sort=name", "sort"},
      {"/v1/audit", "case"},
      {"/v1/audit?case=x&limit=5000", "limit"},
      {"/v1/actors?kind=hc", "kind"},
      {"/v1/overdue?cursor=zz", "cursor"},
      {"/v1/due?cursor=not-hex", "cursor"},
      {"/v1/cases?cursor=abc", "cursor"},
      {"/v1/audit?case=x&cursor=0", "cursor"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(c.target, admin_);
    EXPECT_EQ(reply.status, 400) << c.target;
    ASSERT_TRUE(reply.body.contains("errors")) << c.target;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.target;
    EXPECT_NE(reply.body["detail"].get<std::string>().find(c.field), std::string::npos) << c.target;
  }
}

}  // namespace
}  // namespace kedja::server::testing
