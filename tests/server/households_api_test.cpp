// POST /v1/households (issue 14 §1): a household's cases, each as POST
// /v1/cases takes one, written all or nothing; answers checked against
// server/openapi.json by the conformance test.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

class HouseholdsApi : public ServerTest {
 protected:
  static Json member(const std::string& given, const std::string& birth) {
    Json body = person("ostersund", birth, given);
    body["household"] = "HH-7";
    body["events"] = Json::array(
        {{{"type", "arrival_notice_received"}, {"date", "2026-11-25"}, {"expected_arrival", "2026-12-07"}}});
    return body;
  }
  static Json family() {
    return {{"cases", Json::array({member("Nadia", "1988-01-02"), member("Amina", "2016-05-05"),
                                   member("Omar", "2014-02-01")})}};
  }
  std::size_t case_count() { return get("/v1/cases?limit=1000", admin_).body["items"].size(); }
  void SetUp() override {
    ServerTest::SetUp();
    reception_ = token(Role::reception, "reception:ostersund");
  }
  std::string reception_;
};

TEST_F(HouseholdsApi, AHouseholdIsCreatedInOneRequest) {
  const Reply reply = post("/v1/households", reception_, family());
  ASSERT_EQ(reply.status, 201) << reply.raw.body;
  ASSERT_EQ(reply.body["items"].size(), 3u);
  EXPECT_EQ(reply.body["items"][1].value("given_name", ""), "Amina");
  EXPECT_EQ(reply.body["items"][1]["events"].size(), 1u);
  EXPECT_EQ(case_count(), 3u);
}

TEST_F(HouseholdsApi, ABadLastCaseIsNamedAndNothingIsWritten) {
  Json body = family();
  body["cases"][2]["birth_date"] = "2014-02-30";
  const Reply reply = post("/v1/households", reception_, body);
  EXPECT_EQ(reply.status, 400) << reply.raw.body;
  EXPECT_EQ(reply.body["errors"][0].value("field", ""), "cases[2].birth_date");
  body = family();
  body["cases"][2]["events"][0]["date"] = "2026-11-26";
  const Reply future = post("/v1/households", reception_, body);
  EXPECT_EQ(future.status, 400) << future.raw.body;
  EXPECT_EQ(future.body["errors"][0].value("field", ""), "cases[2].events[0].date");
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(HouseholdsApi, PossibleDuplicatesAreAnsweredByCaseUntilConfirmed) {
  create_case(person("ostersund", "2016-05-05", "Amina"));
  const Reply reply = post("/v1/households", reception_, family());
  ASSERT_EQ(reply.status, 409) << reply.raw.body;
  EXPECT_EQ(reply.body.value("code", ""), "possible_duplicate");
  ASSERT_EQ(reply.body["cases"].size(), 1u);
  EXPECT_EQ(reply.body["cases"][0].value("index", -1), 1);
  EXPECT_EQ(case_count(), 1u);
  Json body = family();
  body["cases"][1]["confirmed_new"] = true;
  EXPECT_EQ(post("/v1/households", reception_, body).status, 201);
  EXPECT_EQ(case_count(), 4u);
}

TEST_F(HouseholdsApi, RefusalsWriteNothing) {
  EXPECT_EQ(post("/v1/households", token(Role::hc, "hc:ostersund"), family()).status, 403);
  Json elsewhere = family();
  elsewhere["cases"][2]["municipality"] = "berg";
  const Reply scope = post("/v1/households", reception_, elsewhere);
  EXPECT_EQ(scope.status, 403) << scope.raw.body;
  const Reply unknown = post("/v1/households", reception_, {{"cases", family()["cases"]}, {"name", "x"}});
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.body["errors"][0].value("field", ""), "name");
  EXPECT_EQ(post("/v1/households", reception_, {{"cases", Json::array()}}).status, 400);
  EXPECT_EQ(call("GET", "/v1/households", reception_).status, 405);
  EXPECT_EQ(case_count(), 0u);
}

}  // namespace
}  // namespace kedja::server::testing
