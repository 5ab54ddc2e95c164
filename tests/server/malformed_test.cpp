// Malformed input of every kind answers 4xx naming the field and leaves the
// database as it was: no case, no event, no audit entry.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

class MalformedTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    Json body = person("ostersund", "2016-03-01");
    body["events"] = Json::array({{{"type", "arrival_notice_received"},
                                   {"date", "2026-11-02"},
                                   {"expected_arrival", "2026-11-16"}}});
    id_ = create_case(body);
  }

  struct Snapshot {
    std::size_t cases = 0, events = 0, audit = 0;
    bool operator==(const Snapshot&) const = default;
  };
  // Audit first: the reads below are audited themselves.
  Snapshot snapshot() {
    Snapshot s;
    s.audit = store_->audit(CaseId{id_}, storage::max_page_size, std::nullopt).items.size();
    Caller admin;
    s.cases = store_->list_cases(admin, storage::CaseQuery{}, day(today_text)).items.size();
    s.events = store_->find_case(admin, CaseId{id_}, day(today_text))->events.size();
    return s;
  }
  std::size_t audit_count() {
    return store_->audit(CaseId{id_}, storage::max_page_size, std::nullopt).items.size();
  }

  std::string id_;
};

Json with(Json object, const std::string& field, Json value) {
  object[field] = std::move(value);
  return object;
}

TEST_F(MalformedTest, BadCaseBodiesAre400NamingTheFieldAndWriteNothing) {
  const Json good = ServerTest::person("ostersund", "2016-03-01");
  Json missing_name = good;
  missing_name.erase("given_name");
  static const std::string not_json = "{\"given_name\": ";
  const struct {
    std::string body;
    const char* field;
  } cases[] = {
      {not_json, "body"},
      {"[1,2]", "body"},
      {"", "body"},
      {"\"text\"", "body"},
      {with(good, "birth_date", "2026-02-30").dump(), "birth_date"},
      {with(good, "birth_date", 20160301).dump(), "birth_date"},
      {with(good, "sex", "Q").dump(), "sex"},
      {with(good, "interpreter_needed", "yes").dump(), "interpreter_needed"},
      {with(good, "municipality", "gotham").dump(), "municipality"},
      {with(good, "health_centre", "hc:nowhere").dump(), "health_centre"},
      {with(good, "favourite_colour", "blue").dump(), "favourite_colour"},
      {with(good, "household", Json::array({"a"})).dump(), "household"},
      {with(good, "language", Json::object()).dump(), "language"},
      {missing_name.dump(), "given_name"},
      {with(good, "events", "arrived").dump(), "events"},
      {with(good, "events", Json::array({"arrived"})).dump(), "events[0]"},
      {with(good, "events", Json::array({{{"date", "2026-11-02"}}})).dump(), "events[0].type"},
      {with(good, "events", Json::array({{{"type", "teleported"}, {"date", "2026-11-02"}}})).dump(),
       "events[0].type"},
  };
  for (const auto& c : cases) {
    const Snapshot before = snapshot();
    const std::size_t audit_before = audit_count();
    const Reply reply = call("POST", "/v1/cases", admin_, c.body);
    EXPECT_EQ(reply.status, 400) << c.body;
    EXPECT_EQ(reply.raw.content_type, "application/problem+json") << c.body;
    ASSERT_TRUE(reply.body.contains("errors")) << c.body << " → " << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.body << " → " << reply.raw.body;
    EXPECT_EQ(audit_count(), audit_before) << c.body;
    EXPECT_EQ(snapshot().cases, before.cases) << c.body;
  }
}

TEST_F(MalformedTest, BadEventBodiesAre400NamingTheFieldAndWriteNothing) {
  const Json good = {{"type", "arrival_date_changed"}, {"date", "2026-11-03"},
                     {"expected_arrival", "2026-11-20"}};
  Json no_payload = good;
  no_payload.erase("expected_arrival");
  const struct {
    std::string body;
    const char* field;
  } cases[] = {
      {"{", "body"},
      {"null", "body"},
      {with(good, "type", "teleported").dump(), "type"},
      {with(good, "type", 7).dump(), "type"},
      {with(good, "date", "2026-13-01").dump(), "date"},
      {with(good, "date", nullptr).dump(), "date"},
      {with(good, "expected_arrival", "soon").dump(), "expected_arrival"},
      {no_payload.dump(), "expected_arrival"},
      {with(good, "housing", "ABO").dump(), "housing"},
      {with(good, "event_id", 12).dump(), "event_id"},
      {with(good, "event_id", std::string(65, 'x')).dump(), "event_id"},
      {with(good, "expected_arrival", Json::array()).dump(), "expected_arrival"},
  };
  for (const auto& c : cases) {
    const Snapshot before = snapshot();
    const std::size_t audit_before = audit_count();
    const Reply reply = call("POST", "/v1/cases/" + id_ + "/events", admin_, c.body);
    EXPECT_EQ(reply.status, 400) << c.body;
    ASSERT_TRUE(reply.body.contains("errors")) << c.body << " → " << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.body << " → " << reply.raw.body;
    EXPECT_EQ(audit_count(), audit_before) << c.body;
    EXPECT_EQ(snapshot().events, before.events) << c.body;
  }
}

TEST_F(MalformedTest, RefusedRequestsWriteNoAuditEntry) {
  const std::string hc_elsewhere = token(Role::hc, "hc:berg");
  const std::string school = token(Role::school, "school:ostersund");
  const struct {
    const char* method;
    std::string target;
    std::string token;
    std::string body;
    int status;
  } cases[] = {
      {"POST", "/v1/cases/" + id_ + "/events", admin_, R"({"type":"arrived","date":"2026-02-30"})", 400},
      {"POST", "/v1/cases/" + id_ + "/events", admin_, R"({"type":"arrived","date":"2001-01-01"})", 409},
      {"POST", "/v1/cases/" + id_ + "/events", school, R"({"type":"arrived","date":"2026-11-20"})", 403},
      {"POST", "/v1/cases/" + id_ + "/events", hc_elsewhere,
       R"({"type":"health_talk_held","date":"2026-11-20"})", 404},
      {"GET", "/v1/cases/" + id_, hc_elsewhere, "", 404},
      {"GET", "/v1/cases/" + id_ + "?x=1", admin_, "", 400},
      {"POST", "/v1/cases/" + id_ + "/events", "", R"({"type":"arrived","date":"2026-11-20"})", 401},
  };
  for (const auto& c : cases) {
    const Snapshot before = snapshot();
    const std::size_t audit_before = audit_count();
    const Reply reply = call(c.method, c.target, c.token, c.body);
    EXPECT_EQ(reply.status, c.status) << c.method << ' ' << c.target << ' ' << c.body;
    EXPECT_EQ(audit_count(), audit_before) << c.method << ' ' << c.target << ' ' << c.body;
    EXPECT_EQ(snapshot().events, before.events) << c.target;
  }
}

}  // namespace
}  // namespace kedja::server::testing
