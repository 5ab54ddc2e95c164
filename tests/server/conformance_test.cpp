// Contract §4 read to the letter, as an outside test suite checks it: what a
// conformance review of the running service found and what was fixed.
#include "fixture.h"

#include <cstddef>

namespace kedja::server::testing {
namespace {

class ConformanceTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    Json fields = person("ostersund", "2016-03-01");
    fields["events"] = Json::array({{{"type", "arrival_notice_received"},
                                     {"date", "2026-11-20"},
                                     {"expected_arrival", "2026-12-01"}}});
    id_ = create_case(fields);
  }
  std::size_t event_count() {
    return get("/v1/cases/" + id_, admin_).body.value("events", Json::array()).size();
  }
  std::size_t case_count() { return get("/v1/cases?limit=1000", admin_).body["items"].size(); }

  std::string id_;
};

TEST_F(ConformanceTest, EveryPathButHealthIs401WithoutAValidToken) {
  // "Every request carries Authorization: Bearer <token>; without a valid
  // one: 401" — also for paths and methods that do not exist.
  static const struct {
    const char* method;
    const char* target;
  } cases[] = {
      // Paths outside /v1/ are the web pages' (contract §6), which answer a
      // visitor without a session with the login page: web_test.cpp.
      {"GET", "/v1/nowhere"},   {"DELETE", "/v1/cases"},
      {"PUT", "/v1/actors"},    {"GET", "/v1/cases/x/events"},
      {"GET", "/v1/cases"},     {"POST", "/v1/cases"}, {"GET", "/v1/audit?case=x"},
  };
  for (const auto& c : cases) {
    for (const std::string token : {"", "not-a-token"}) {
      const Reply reply = call(c.method, c.target, token);
      EXPECT_EQ(reply.status, 401) << c.method << ' ' << c.target << " token '" << token << "'";
      ASSERT_NE(reply.raw.header("WWW-Authenticate"), nullptr) << c.target;
    }
  }
}

TEST_F(ConformanceTest, HealthNeedsNoTokenAndStillRefusesOtherMethods) {
  EXPECT_EQ(call("GET", "/v1/health", "").status, 200);
  const Reply post = call("POST", "/v1/health", "");
  EXPECT_EQ(post.status, 405);
  ASSERT_NE(post.raw.header("Allow"), nullptr);
  EXPECT_EQ(*post.raw.header("Allow"), "GET");
}

TEST_F(ConformanceTest, UnknownPathsAndMethodsAreStill404And405WithAToken) {
  EXPECT_EQ(call("GET", "/v1/nowhere", admin_).status, 404);
  EXPECT_EQ(call("DELETE", "/v1/cases", admin_).status, 405);
}

TEST_F(ConformanceTest, MalformedJsonNamesTheFieldAndSaysWhy) {
  static const struct {
    std::string body;
    const char* field;   // where the parser stopped
    const char* reason;  // a piece of the parser's own words
  } cases[] = {
      {"{", "body", "unexpected end of input"},
      {R"({"type":"event_voided","date":"2026-11-24","voided_seq":1e400,"reason":"x"})", "voided_seq", "number overflow"},
      {"{\"type\":\"case_closed\",\"date\":\"2026-11-24\",\"reason\":\"\xff\xfe\"}", "reason", "UTF-8"},
      {"{\"type\":\"arrived\",,}", "body", "syntax error"},
      {"{\"reason\":\"" + std::string(5000, 'a'), "body", "missing closing quote"},  // cut short
      {"{\"reason\":\"" + std::string(5000, 'a') + "\x01\"}", "reason", "control character"},
      {R"({"type":"arrived","date":2026-11-24})", "body", "syntax error"},  // stops after 2026
      {R"({"x":{"y":[1,2,{"z":tru}]}})", "x.y[2].z", "invalid literal"},
  };
  for (const auto& c : cases) {
    const std::size_t events_before = event_count();
    const Reply reply = call("POST", "/v1/cases/" + id_ + "/events", admin_, c.body);
    ASSERT_EQ(reply.status, 400) << c.reason;
    EXPECT_EQ(reply.raw.content_type, "application/problem+json") << c.reason;
    ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.reason;
    const std::string message = reply.body["errors"][0]["message"];
    EXPECT_NE(message.find("malformed JSON"), std::string::npos) << message;
    EXPECT_NE(message.find(c.reason), std::string::npos) << message;
    EXPECT_LT(message.size(), 300u) << "the parser's quote of a long token is cut: " << message;
    EXPECT_EQ(event_count(), events_before) << c.reason;
  }
}

TEST_F(ConformanceTest, MalformedJsonInANewCasesEventsNamesTheEvent) {
  const std::string body = R"({"given_name":"A","events":[{"type":"arrived"},{"type":"health_talk_booked",)"
                           R"("date":"2026-11-24","appointment":5e999}]})";
  const Reply reply = call("POST", "/v1/cases", admin_, body);
  ASSERT_EQ(reply.status, 400) << reply.raw.body;
  EXPECT_EQ(reply.body["errors"][0]["field"], "events[1].appointment") << reply.raw.body;
}

TEST_F(ConformanceTest, DeeplyNestedJsonIsRefusedWithoutHarm) {
  const std::string open_only(300000, '[');  // never closed
  EXPECT_EQ(call("POST", "/v1/cases", admin_, open_only).status, 400);
  const std::string closed = std::string(300000, '[') + std::string(300000, ']');
  EXPECT_EQ(call("POST", "/v1/cases", admin_, closed).status, 400);
  EXPECT_EQ(call("GET", "/v1/health", "").status, 200);
}

TEST_F(ConformanceTest, DecliningAStepNoRuleSetHasIs400NamingStep) {
  // An unknown field value is a 400 naming the field (contract §4), for the
  // step's owner and the admin alike, in an event and in a new case's events.
  const std::string hc = token(Role::hc, "hc:ostersund");
  const Json decline = {{"type", "step_declined"}, {"date", "2026-11-24"}, {"step", "book_health_tlak"}};
  for (const std::string& who : {admin_, hc}) {
    const std::size_t before = event_count();
    const Reply reply = post("/v1/cases/" + id_ + "/events", who, decline);
    EXPECT_EQ(reply.status, 400) << reply.raw.body;
    ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], "step");
    EXPECT_EQ(event_count(), before);
  }
  Json fields = person("ostersund", "2016-03-01");
  fields["events"] = Json::array({decline});
  const std::size_t cases_before = case_count();
  const Reply created = post("/v1/cases", admin_, fields);
  EXPECT_EQ(created.status, 400) << created.raw.body;
  ASSERT_TRUE(created.body.contains("errors")) << created.raw.body;
  EXPECT_EQ(created.body["errors"][0]["field"], "events[0].step");
  EXPECT_EQ(case_count(), cases_before);
}

TEST_F(ConformanceTest, DecliningAKnownStepThatIsNotOpenIsStillADomainConflict) {
  const Json decline = {{"type", "step_declined"}, {"date", "2026-11-24"}, {"step", "start_preschool"}};
  EXPECT_EQ(post("/v1/cases/" + id_ + "/events", admin_, decline).status, 409);
}

TEST_F(ConformanceTest, EventIdIsUpTo64CharactersNotBytes) {
  std::string swedish_64, swedish_65;
  for (int i = 0; i < 64; ++i) swedish_64 += "å";  // 128 bytes
  swedish_65 = swedish_64 + "ö";
  static const struct {
    std::string event_id;
    int status;
  } cases[] = {
      {swedish_64, 201},
      {std::string(64, 'x'), 201},
      {swedish_65, 400},
      {std::string(65, 'x'), 400},
      {"", 400},
  };
  for (const auto& c : cases) {
    const Json event = {{"type", "arrival_date_changed"}, {"date", "2026-11-21"},
                        {"expected_arrival", "2026-12-02"}, {"event_id", c.event_id}};
    const Reply reply = post("/v1/cases/" + id_ + "/events", admin_, event);
    EXPECT_EQ(reply.status, c.status) << c.event_id.size() << " bytes → " << reply.raw.body;
    if (c.status == 201) {
      EXPECT_EQ(reply.body["event"]["event_id"], c.event_id);
      EXPECT_EQ(post("/v1/cases/" + id_ + "/events", admin_, event).status, 200) << "a retry";
    } else {
      ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
      EXPECT_EQ(reply.body["errors"][0]["field"], "event_id");
    }
  }
}

TEST_F(ConformanceTest, BirthDateAfterTodayIs400NamingIt) {
  static const struct {
    const char* birth_date;
    int status;
  } cases[] = {
      {"2026-11-26", 400},  // the fixture's today is 2026-11-25
      {"2099-01-01", 400},
      {"2026-11-25", 201},  // born today
  };
  for (const auto& c : cases) {
    const std::size_t before = case_count();
    const Reply reply = post("/v1/cases", admin_, person("ostersund", c.birth_date));
    EXPECT_EQ(reply.status, c.status) << c.birth_date << " → " << reply.raw.body;
    if (c.status != 400) continue;
    ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], "birth_date");
    EXPECT_EQ(case_count(), before) << c.birth_date;
  }
}

TEST_F(ConformanceTest, CoordinatorMayNotSearchCasesByWhatListsHideFromIt) {
  // Lists hide names from the coordinator; a name search would give them back.
  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  static const struct {
    const char* query;
    int status;
    const char* field;
  } cases[] = {
      {"q=amina", 403, "q"},
      {"q=AMI", 403, "q"},
      {"external_ref=MV-1", 403, "external_ref"},
      {"household=h1", 403, "household"},
      {"status=open", 200, ""},
      {"municipality=ostersund", 200, ""},
  };
  for (const auto& c : cases) {
    const Reply reply = get(std::string("/v1/cases?") + c.query, coordinator);
    EXPECT_EQ(reply.status, c.status) << c.query << " → " << reply.raw.body;
    if (c.status == 403) {
      ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
      EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.query;
      EXPECT_EQ(reply.raw.content_type, "application/problem+json");
    } else {
      EXPECT_TRUE(lists(reply.body, "id", id_)) << c.query;
    }
  }
  EXPECT_TRUE(lists(get("/v1/cases?q=amina", admin_).body, "id", id_));  // others may search
}

}  // namespace
}  // namespace kedja::server::testing
