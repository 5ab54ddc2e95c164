// Issue 11 §2 over the handler: the audit log fails closed. While reads'
// audit rows cannot be committed (the database read-only or full under a
// running service), reads of cases answer 503 problem+json; a write that
// cannot be committed answers 503 itself; no unrelated later request
// answers 500; afterwards /v1/audit shows every answered read.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

Json notified(int i) {
  return {{"type", "health_centre_notified"}, {"date", "2026-11-02"}, {"event_id", "e" + std::to_string(i)}};
}

Json with_events(Json body, std::size_t count) {
  body["events"] = Json::array();
  for (std::size_t i = 0; i < count; ++i) body["events"].push_back(notified(static_cast<int>(i)));
  return body;
}

using AuditFailsClosedTest = ServerTest;

void expect_503(const Reply& reply, const std::string& what) {
  EXPECT_EQ(reply.status, 503) << what << ": " << reply.raw.body;
  EXPECT_EQ(reply.raw.content_type, "application/problem+json") << what;
  EXPECT_EQ(reply.body.value("status", 0), 503) << what;
  EXPECT_NE(reply.raw.header("Retry-After"), nullptr) << what;
  EXPECT_EQ(reply.raw.body.find("Haddad"), std::string::npos) << what;  // no personal data
}

TEST_F(AuditFailsClosedTest, ReadsOfCasesAnswer503UntilTheirAuditRowsCanBeCommitted) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const std::string hc = token(Role::hc, "hc:ostersund");
  store_->simulate_write_fault(storage::WriteFault::read_only);
  ASSERT_EQ(get("/v1/cases/" + id, admin_).status, 200);  // before the writer knew; its row waits
  expect_503(get("/v1/audit?case=" + id, admin_), "audit");  // cannot show a log with a gap
  for (const char* target : {"/v1/cases", "/v1/overdue", "/v1/due"}) expect_503(get(target, hc), target);
  expect_503(get("/v1/cases/" + id, admin_), "the case");
  // A write that cannot be committed is its own 503, not a 500.
  expect_503(post("/v1/cases/" + id + "/events", admin_, notified(1)), "append");
  EXPECT_EQ(get("/v1/overdue/summary", hc).status, 200);  // no case in it, not audited
  EXPECT_EQ(get("/v1/health", "").status, 200);

  store_->simulate_write_fault(storage::WriteFault::none);
  const Reply audit = get("/v1/audit?case=" + id, admin_);
  ASSERT_EQ(audit.status, 200) << audit.raw.body;
  std::vector<std::string> actions;
  for (const auto& item : audit.body["items"]) actions.push_back(item["action"].get<std::string>());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "read"}));  // the answered read, no refused one
  EXPECT_EQ(get("/v1/cases/" + id, hc).status, 200);
  EXPECT_EQ(post("/v1/cases/" + id + "/events", admin_, notified(1)).status, 201);
}

TEST_F(AuditFailsClosedTest, AFullDatabaseIsA503ForTheWriteThatMeetsItAndNoLaterRequest) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  store_->simulate_write_fault(storage::WriteFault::full);
  int status = 0;
  for (int i = 0; i < 500 && status != 503; ++i) {  // until the pages' free space is used up
    Json body = with_events(person("ostersund", "2016-03-01"), 100);
    body["confirmed_new"] = true;  // the same person again and again, on purpose
    status = post("/v1/cases", admin_, body).status;
    ASSERT_TRUE(status == 201 || status == 503) << status;
  }
  ASSERT_EQ(status, 503);
  store_->simulate_write_fault(storage::WriteFault::none);
  EXPECT_EQ(get("/v1/cases/" + id, admin_).status, 200);
  EXPECT_EQ(post("/v1/cases/" + id + "/events", admin_, notified(1)).status, 201);
}

}  // namespace
}  // namespace kedja::server::testing
