// POST /v1/cases, GET /v1/cases/{id}, GET /v1/cases and POST /v1/cases/{id}/events.
#include "fixture.h"

#include <set>

namespace kedja::server::testing {
namespace {

using CasesTest = ServerTest;

Json arrival_notice(const char* date = "2026-11-02") {
  return {{"type", "arrival_notice_received"}, {"date", date}, {"expected_arrival", "2026-11-16"}};
}

TEST_F(CasesTest, CreateAnswers201WithLocationEventsAndSteps) {
  Json body = person("ostersund", "2016-03-01");
  body["external_ref"] = "MIG-1";
  body["events"] = Json::array({arrival_notice()});
  const Reply reply = post("/v1/cases", admin_, body);
  ASSERT_EQ(reply.status, 201) << reply.raw.body;
  const std::string id = reply.body["id"];
  ASSERT_NE(reply.raw.header("Location"), nullptr);
  EXPECT_EQ(*reply.raw.header("Location"), "/v1/cases/" + id);
  EXPECT_EQ(reply.body["external_ref"], "MIG-1");
  EXPECT_EQ(reply.body["birth_date"], "2016-03-01");
  EXPECT_EQ(reply.body["health_centre"], "hc:ostersund");
  EXPECT_EQ(reply.body["status"], "open");
  ASSERT_EQ(reply.body["events"].size(), 1u);
  EXPECT_EQ(reply.body["events"][0]["seq"], 1);
  EXPECT_EQ(reply.body["events"][0]["expected_arrival"], "2026-11-16");
  EXPECT_EQ(reply.body["events"][0]["recorded_by"], "admin");
  bool notify = false;
  for (const auto& step : reply.body["steps"])
    if (step["key"] == "notify_health_centre") {
      notify = true;
      EXPECT_EQ(step["actor"], "reception:ostersund");
      EXPECT_EQ(step["due_on"], "2026-11-02");
      EXPECT_EQ(step["status"], "open");
      EXPECT_TRUE(step["done_on"].is_null());
    }
  EXPECT_TRUE(notify) << reply.body.dump();
}

TEST_F(CasesTest, CreateWithABadEventWritesNothing) {
  Json body = person("ostersund", "2016-03-01");
  body["external_ref"] = "MIG-ATOMIC";
  body["events"] = Json::array({arrival_notice(), {{"type", "arrived"}, {"date", "2026-02-30"}}});
  const Reply reply = post("/v1/cases", admin_, body);
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["errors"][0]["field"], "events[1].date") << reply.body.dump();
  EXPECT_TRUE(get("/v1/cases?external_ref=MIG-ATOMIC", admin_).body["items"].empty());
}

TEST_F(CasesTest, CreateRefusedByADomainRuleIs409AndWritesNothing) {
  Json body = person("ostersund", "2023-03-01");
  body["external_ref"] = "MIG-409";
  body["events"] = Json::array({{{"type", "preschool_started"}, {"date", "2026-11-02"}}});
  EXPECT_EQ(post("/v1/cases", admin_, body).status, 409);
  EXPECT_TRUE(get("/v1/cases?external_ref=MIG-409", admin_).body["items"].empty());
}

TEST_F(CasesTest, GetCaseShowsEventsAndSteps) {
  Json body = person("krokom", "2015-05-05");
  body["events"] = Json::array({arrival_notice()});
  const std::string id = create_case(body);
  const Reply reply = get("/v1/cases/" + id, admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["id"], id);
  EXPECT_EQ(reply.body["municipality"], "krokom");
  EXPECT_EQ(reply.body["events"].size(), 1u);
  EXPECT_FALSE(reply.body["steps"].empty());
}

TEST_F(CasesTest, UnknownCaseIs404) {
  EXPECT_EQ(get("/v1/cases/no-such-case", admin_).status, 404);
  EXPECT_EQ(post("/v1/cases/no-such-case/events", admin_, arrival_notice()).status, 404);
}

TEST_F(CasesTest, ListFiltersByMunicipalityStatusAndRef) {
  Json a = person("berg", "2010-01-01");
  a["external_ref"] = "REF-A";
  const std::string in_berg = create_case(a);
  const std::string in_are = create_case(person("are", "2010-01-01"));
  Reply reply = get("/v1/cases?municipality=berg&status=open", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(lists(reply.body, "id", in_berg));
  EXPECT_FALSE(lists(reply.body, "id", in_are));
  EXPECT_FALSE(reply.body["items"][0].contains("events"));
  EXPECT_TRUE(get("/v1/cases?status=closed", admin_).body["items"].empty());
  reply = get("/v1/cases?external_ref=REF-A", admin_);
  ASSERT_EQ(reply.body["items"].size(), 1u);
  EXPECT_EQ(reply.body["items"][0]["id"], in_berg);
}

TEST_F(CasesTest, ListFindsNamePrefixIgnoringCase) {
  const std::string asa = create_case(person("berg", "2010-01-01", "Åsa"));
  const std::string other = create_case(person("berg", "2010-01-01", "Omar"));
  const Reply reply = get("/v1/cases?q=%C3%A5s", admin_);  // "ås"
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(lists(reply.body, "id", asa)) << reply.body.dump();
  EXPECT_FALSE(lists(reply.body, "id", other));
}

TEST_F(CasesTest, ListPagesWithCursorUntilNull) {
  for (int i = 0; i < 3; ++i) create_case(person("ragunda", "2012-01-01"));
  std::set<std::string> seen;
  std::string target = "/v1/cases?limit=2";
  int pages = 0;
  while (pages < 5) {
    const Reply reply = get(target, admin_);
    ASSERT_EQ(reply.status, 200) << reply.raw.body;
    ++pages;
    for (const auto& item : reply.body["items"]) seen.insert(item["id"].get<std::string>());
    if (reply.body["next_cursor"].is_null()) break;
    target = "/v1/cases?limit=2&cursor=" + reply.body["next_cursor"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 3u);
  EXPECT_EQ(pages, 2);
}

TEST_F(CasesTest, AppendEventAnswers201WithEventAndSteps) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const Reply reply = post("/v1/cases/" + id + "/events", admin_, arrival_notice());
  ASSERT_EQ(reply.status, 201) << reply.raw.body;
  EXPECT_EQ(reply.body["event"]["seq"], 1);
  EXPECT_EQ(reply.body["event"]["type"], "arrival_notice_received");
  EXPECT_TRUE(reply.body["event"]["recorded_at"].is_string());
  EXPECT_FALSE(reply.body["steps"].empty());
}

TEST_F(CasesTest, RepeatedEventIdAnswers200AndRecordsNothing) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  Json event = arrival_notice();
  event["event_id"] = "client-42";
  ASSERT_EQ(post("/v1/cases/" + id + "/events", admin_, event).status, 201);
  const Reply again = post("/v1/cases/" + id + "/events", admin_, event);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["event"]["seq"], 1);
  EXPECT_EQ(again.body["event"]["event_id"], "client-42");
  EXPECT_EQ(get("/v1/cases/" + id, admin_).body["events"].size(), 1u);
}

TEST_F(CasesTest, EventTheRoleMayNotRecordIs403) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const std::string hc = token(Role::hc, "hc:ostersund");
  EXPECT_EQ(post("/v1/cases/" + id + "/events", hc, arrival_notice()).status, 403);
}

TEST_F(CasesTest, EventADomainRuleRefusesIs409) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const Reply reply =
      post("/v1/cases/" + id + "/events", admin_, {{"type", "arrived"}, {"date", "2010-01-01"}});
  EXPECT_EQ(reply.status, 409);  // before the person's birth
  EXPECT_EQ(reply.raw.content_type, "application/problem+json");
}

TEST_F(CasesTest, RolesThatMayNotCreateCasesGet403) {
  const std::string school = token(Role::school, "school:ostersund");
  EXPECT_EQ(post("/v1/cases", school, person("ostersund", "2016-03-01")).status, 403);
}

}  // namespace
}  // namespace kedja::server::testing
