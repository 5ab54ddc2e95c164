// HTTP details of issue 11 §4–§6 at the handler: idempotency keys checked
// like new requests, Cache-Control on answers, what the log holds, and
// duplicate JSON members.
#include "fixture.h"

#include "server/log.h"

#include <SQLiteCpp/Database.h>

#include <iostream>
#include <sstream>

namespace kedja::server::testing {
namespace {

// Everything written to std::cerr while it lives.
class CapturedLog {
 public:
  CapturedLog() : old_(std::cerr.rdbuf(text_.rdbuf())) {}
  ~CapturedLog() { std::cerr.rdbuf(old_); }
  std::string text() const { return text_.str(); }

 private:
  std::ostringstream text_;
  std::streambuf* old_;
};

class HttpDetails : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    Json body = person("ostersund", "2016-03-01");
    body["events"] = Json::array({{{"type", "arrival_notice_received"},
                                   {"date", "2026-11-02"},
                                   {"expected_arrival", "2026-11-16"}}});
    id_ = create_case(body);
    reception_ = token(Role::reception, "reception:ostersund");
    const Reply first = post(events_path(), reception_, notified_);
    ASSERT_EQ(first.status, 201) << first.raw.body;
  }
  std::string events_path() const { return "/v1/cases/" + id_ + "/events"; }
  std::size_t event_count() { return get("/v1/cases/" + id_, admin_).body["events"].size(); }

  std::string id_;
  std::string reception_;
  const Json notified_ = {{"type", "health_centre_notified"}, {"date", "2026-11-02"}, {"event_id", "client-42"}};
};

TEST_F(HttpDetails, ARepeatedEventIdWithTheSameContentIs200WithTheStoredEvent) {
  const Reply again = post(events_path(), reception_, notified_);
  EXPECT_EQ(again.status, 200) << again.raw.body;
  EXPECT_EQ(again.body["event"]["seq"], 2);
  EXPECT_EQ(event_count(), 2u);
}

TEST_F(HttpDetails, ACoordinatorRepeatingAnEventIdIs403) {
  const Reply repeat = post(events_path(), token(Role::coordinator, "lst:jamtland"), notified_);
  EXPECT_EQ(repeat.status, 403) << repeat.raw.body;
}

TEST_F(HttpDetails, AReusedEventIdWithOtherContentIs409AndDropsNothingSilently) {
  Json other = notified_;
  other["date"] = "2026-11-03";
  const Reply reused = post(events_path(), reception_, other);
  EXPECT_EQ(reused.status, 409) << reused.raw.body;
  EXPECT_EQ(reused.body["detail"], "event_id already used for another event");
  EXPECT_EQ(reused.body["errors"][0]["field"], "event_id");
  EXPECT_EQ(event_count(), 2u);
}

TEST_F(HttpDetails, EveryAnswerSaysNoStore) {
  const struct {
    const char* method;
    std::string target;
    std::string token;
    std::string body;
  } cases[] = {
      {"GET", "/v1/cases/" + id_, admin_, ""},
      {"GET", "/v1/cases", reception_, ""},
      {"GET", "/v1/overdue?as_of=2026-12-01", reception_, ""},
      {"GET", "/v1/due", reception_, ""},
      {"GET", "/v1/overdue/summary", reception_, ""},
      {"GET", "/v1/audit?case=" + id_, admin_, ""},
      {"GET", "/v1/tokens", admin_, ""},
      {"POST", "/v1/tokens", admin_, R"({"role":"admin"})"},
      {"POST", events_path(), reception_, notified_.dump()},
      {"POST", "/v1/cases", reception_, person("ostersund", "2016-03-01").dump()},
      {"GET", "/v1/cases/nope", reception_, ""},
      {"GET", "/v1/cases", "", ""},
      {"GET", "/v1/health", "", ""},
  };
  for (const auto& c : cases) {
    const Reply reply = call(c.method, c.target, c.token, c.body);
    const std::string* cache = reply.raw.header("Cache-Control");
    ASSERT_TRUE(cache) << c.method << ' ' << c.target << " (" << reply.status << ")";
    EXPECT_EQ(*cache, "no-store") << c.method << ' ' << c.target;
  }
}

TEST_F(HttpDetails, ARefusedAuthenticationIsLoggedWithoutTheToken) {
  const std::string revoked = token(Role::hc, "hc:ostersund");
  ASSERT_TRUE(store_->revoke_token(Caller{Role::admin, std::nullopt, "t"}, "hc hc:ostersund"));
  CapturedLog log;
  Request request;
  request.method = "GET";
  request.target = "/v1/cases?q=Amina&limit=5";
  request.remote_address = "192.0.2.7";
  request.headers["authorization"] = "Bearer " + revoked;
  EXPECT_EQ(answer(*handler_, request).status, 401);
  request.headers.clear();
  EXPECT_EQ(answer(*handler_, request).status, 401);
  const std::string text = log.text();
  EXPECT_NE(text.find("401 192.0.2.7 GET /v1/cases?q&limit: the token is unknown, revoked, expired or a feed token\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("401 192.0.2.7 GET /v1/cases?q&limit: no bearer token\n"), std::string::npos) << text;
  EXPECT_TRUE(text.starts_with("20")) << text;  // the time, UTC
  EXPECT_EQ(text.find(revoked.substr(6, 12)), std::string::npos) << text;
  EXPECT_EQ(text.find("Amina"), std::string::npos) << text;
}

TEST_F(HttpDetails, A500IsLoggedWithoutQueryValuesOrTheBody) {
  {
    // A broken database: the case list's table is gone.
    SQLite::Database db(path_.string(), SQLite::OPEN_READWRITE);
    db.exec("ALTER TABLE cases RENAME TO cases_gone");
  }
  CapturedLog log;
  const Reply reply = get("/v1/cases?q=Haddad&household=Familjen%20Haddad", admin_);
  EXPECT_EQ(reply.status, 500) << reply.raw.body;
  const std::string text = log.text();
  EXPECT_NE(text.find("500 GET /v1/cases?q&household: "), std::string::npos) << text;
  EXPECT_EQ(text.find("Haddad"), std::string::npos) << text;
}

TEST(Log, ATargetIsLoggedWithoutValuesAndWithoutControlCharacters) {
  static const struct {
    const char* target;
    const char* logged;
  } cases[] = {
      {"/v1/cases", "/v1/cases"},
      {"/v1/cases?q=%C3%85sa&limit=5", "/v1/cases?q&limit"},
      {"/v1/cases?q", "/v1/cases?q"},
      {"/v1/cases?&&q=1", "/v1/cases?q"},
      {"/v1/x\r\n2026-01-01T00:00:00Z forged", "/v1/x%0D%0A2026-01-01T00:00:00Z%20forged"},
  };
  for (const auto& c : cases) EXPECT_EQ(loggable_target(c.target), c.logged) << c.target;
}

TEST_F(HttpDetails, DuplicateMembersAre400NamingTheMember) {
  const std::string events = events_path();
  static const struct {
    const char* what;
    bool to_cases;
    const char* body;
    const char* field;
  } cases[] = {
      {"a case field", true,
       R"({"given_name":"Amina","given_name":"Sara","family_name":"Haddad","birth_date":"2016-03-01",)"
       R"("sex":"F","language":"ar","interpreter_needed":false,"unaccompanied":false,"municipality":"ostersund"})",
       "given_name"},
      {"an event of a new case", true,
       R"({"given_name":"Amina","family_name":"Haddad","birth_date":"2016-03-01","sex":"F","language":"ar",)"
       R"("interpreter_needed":false,"unaccompanied":false,"municipality":"ostersund",)"
       R"("events":[{"type":"arrival_notice_received","date":"2026-11-02","expected_arrival":"2026-11-16",)"
       R"("expected_arrival":"2026-11-30"}]})",
       "events[0].expected_arrival"},
      {"an appended event", false, R"({"type":"school_notified","date":"2026-11-02","type":"arrived"})", "type"},
      {"an event_id", false, R"({"type":"school_notified","date":"2026-11-02","event_id":"a","event_id":"b"})",
       "event_id"},
  };
  for (const auto& c : cases) {
    const Reply reply = call("POST", c.to_cases ? "/v1/cases" : events, admin_, c.body);
    EXPECT_EQ(reply.status, 400) << c.what << ": " << reply.raw.body;
    ASSERT_TRUE(reply.body.contains("errors")) << c.what << ": " << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.what;
    EXPECT_NE(reply.body["errors"][0]["message"].get<std::string>().find("duplicate"), std::string::npos)
        << c.what;
  }
  EXPECT_EQ(event_count(), 2u);
}

}  // namespace
}  // namespace kedja::server::testing
