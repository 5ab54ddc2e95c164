// GET/POST /v1/tokens and DELETE /v1/tokens/{name} (contract §4 "Tokens",
// issue 11 §3): the admin's, a token shown once, revocation and expiry
// refused at once.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

class TokensTest : public ServerTest {
 protected:
  Reply make(const Json& body) { return post("/v1/tokens", admin_, body); }
  Reply revoke(const std::string& name_in_path) { return call("DELETE", "/v1/tokens/" + name_in_path, admin_); }
};

TEST_F(TokensTest, AMadeTokenIsShownOnceAndWorks) {
  const Reply made = make({{"actor", "hc:ostersund"}, {"role", "hc"}});
  ASSERT_EQ(made.status, 201) << made.raw.body;
  const std::string token = made.body.value("token", "");
  EXPECT_EQ(token.rfind("kedja_", 0), 0u);
  EXPECT_EQ(made.body["name"], "hc:ostersund-1");
  EXPECT_EQ(made.body["actor"], "hc:ostersund");
  EXPECT_EQ(made.body["role"], "hc");
  EXPECT_TRUE(made.body["expires"].is_null());
  EXPECT_TRUE(made.body["revoked"].is_null());
  EXPECT_EQ(get("/v1/cases", token).status, 200);
  const Reply listed = get("/v1/tokens", admin_);
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(lists(listed.body, "name", "hc:ostersund-1"));
  EXPECT_EQ(listed.raw.body.find(token), std::string::npos);
  EXPECT_EQ(listed.raw.body.find(token.substr(6, 20)), std::string::npos);
}

TEST_F(TokensTest, TwoNursesAtOneHealthCentreGetATokenEach) {
  const Reply first = make({{"actor", "hc:ostersund"}, {"role", "hc"}});
  const Reply second = make({{"actor", "hc:ostersund"}, {"role", "hc"}});
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(second.status, 201) << second.raw.body;
  EXPECT_NE(first.body["name"], second.body["name"]);
  EXPECT_EQ(get("/v1/cases", first.body["token"]).status, 200);
  EXPECT_EQ(get("/v1/cases", second.body["token"]).status, 200);
}

TEST_F(TokensTest, ARevokedTokenIsRefusedFromTheNextRequest) {
  const Reply made = make({{"actor", "reception:krokom"}, {"role", "reception"}, {"name", "Mottagningen Krokom"}});
  ASSERT_EQ(made.status, 201) << made.raw.body;
  const std::string token = made.body["token"];
  ASSERT_EQ(get("/v1/cases", token).status, 200);
  const Reply revoked = revoke("Mottagningen%20Krokom");
  EXPECT_EQ(revoked.status, 204) << revoked.raw.body;
  EXPECT_TRUE(revoked.raw.body.empty());
  EXPECT_EQ(get("/v1/cases", token).status, 401);
  EXPECT_EQ(revoke("Mottagningen%20Krokom").status, 204);  // again: nothing changes
  const Reply listed = get("/v1/tokens", admin_);
  for (const auto& item : listed.body["items"]) {
    if (item["name"] == "Mottagningen Krokom") {
      EXPECT_TRUE(item["revoked"].is_string()) << item;
    }
  }
  EXPECT_TRUE(lists(listed.body, "name", "Mottagningen Krokom"));  // the row stays
}

TEST_F(TokensTest, ARevocationByAnotherProcessIsSeenAtOnce) {
  const Reply made = make({{"actor", "hc:ostersund"}, {"role", "hc"}});
  const std::string token = made.body["token"];
  ASSERT_EQ(get("/v1/cases", token).status, 200);
  {
    storage::Store other(storage::Options{path_.string(), false}, shipped_context());
    ASSERT_TRUE(other.revoke_token(Caller{Role::admin, std::nullopt, "cli"}, made.body["name"].get<std::string>()));
  }
  EXPECT_EQ(get("/v1/cases", token).status, 401);
}

TEST_F(TokensTest, AnExpiredTokenIsRefusedFromTheDayAfter) {
  const Reply made = make({{"actor", "hc:ostersund"}, {"role", "hc"}, {"expires", today_text}});
  ASSERT_EQ(made.status, 201) << made.raw.body;
  EXPECT_EQ(made.body["expires"], today_text);
  const std::string token = made.body["token"];
  EXPECT_EQ(get("/v1/cases", token).status, 200);
  Handler tomorrow(*store_, shipped_context(), [] { return day("2026-11-26"); });
  Request request;
  request.method = "GET";
  request.target = "/v1/cases";
  request.headers["authorization"] = "Bearer " + token;
  EXPECT_EQ(answer(tomorrow, request).status, 401);
}

TEST_F(TokensTest, TokensAreTheAdminsButAUnitsOwnFeedTokens) {
  const std::string reception = token(Role::reception, "reception:ostersund");
  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  // A unit sees only its own feed tokens: none yet, and never the API tokens.
  const Reply own = get("/v1/tokens", reception);
  ASSERT_EQ(own.status, 200) << own.raw.body;
  EXPECT_TRUE(own.body["items"].empty());
  EXPECT_EQ(post("/v1/tokens", reception, {{"role", "admin"}}).status, 403);
  EXPECT_EQ(call("DELETE", "/v1/tokens/admin", reception).status, 404);
  EXPECT_EQ(get("/v1/tokens", coordinator).status, 403);
  EXPECT_EQ(call("DELETE", "/v1/tokens/admin", coordinator).status, 403);
  EXPECT_EQ(post("/v1/tokens", coordinator, {{"role", "coordinator"}, {"actor", "lst:jamtland"}, {"kind", "feed"}})
                .status, 403);
  EXPECT_EQ(call("PUT", "/v1/tokens", admin_).status, 405);
  EXPECT_EQ(call("GET", "/v1/tokens/admin", admin_).status, 405);
}

TEST_F(TokensTest, BadBodiesAre400NamingTheField) {
  static const struct {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({"actor":"hc:ostersund"})", "role"},
      {R"({"role":"nurse","actor":"hc:ostersund"})", "role"},
      {R"({"role":"hc","actor":"school:are"})", "actor"},
      {R"({"role":"hc","actor":"hc:nowhere"})", "actor"},
      {R"({"role":"admin","actor":"hc:are"})", "actor"},
      {R"({"role":"hc","actor":"hc:are","expires":"2026-02-30"})", "expires"},
      {R"({"role":"hc","actor":"hc:are","expires":"2026-11-24"})", "expires"},
      {R"({"role":"hc","actor":"hc:are","name":7})", "name"},
      {R"({"role":"hc","actor":"hc:are","name":""})", "name"},
      {R"({"role":"hc","actor":"hc:are","token":"kedja_x"})", "token"},
      {R"({"role":"hc","role":"admin"})", "role"},
      {R"(["role"])", "body"},
  };
  for (const auto& c : cases) {
    const Reply reply = call("POST", "/v1/tokens", admin_, c.body);
    EXPECT_EQ(reply.status, 400) << c.body << ": " << reply.raw.body;
    ASSERT_TRUE(reply.body.contains("errors")) << c.body << ": " << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.body << ": " << reply.raw.body;
  }
  EXPECT_EQ(get("/v1/tokens", admin_).body["items"].size(), 1u);  // the fixture's admin only
}

TEST_F(TokensTest, ATakenNameIs409AndAnUnknownOne404) {
  ASSERT_EQ(make({{"role", "admin"}, {"name", "drift"}}).status, 201);
  const Reply again = make({{"role", "admin"}, {"name", "drift"}});
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.body["errors"][0]["field"], "name");
  EXPECT_EQ(revoke("no-such-token").status, 404);
}

TEST_F(TokensTest, TheListIsPaged) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(make({{"actor", "sfi:berg"}, {"role", "sfi"}}).status, 201);
  const Reply first = get("/v1/tokens?limit=2", admin_);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body["items"].size(), 2u);
  ASSERT_TRUE(first.body["next_cursor"].is_string());
  const Reply rest = get("/v1/tokens?limit=2&cursor=" + first.body["next_cursor"].get<std::string>(), admin_);
  EXPECT_EQ(rest.body["items"].size(), 2u);
  EXPECT_TRUE(rest.body["next_cursor"].is_null());
  for (const char* member : {"name", "actor", "role", "created", "expires", "last_used", "revoked"})
    EXPECT_TRUE(rest.body["items"][0].contains(member)) << member;
  EXPECT_EQ(get("/v1/tokens?q=x", admin_).status, 400);
}

TEST_F(TokensTest, AUnitMakesListsAndRevokesItsOwnFeedTokensOnly) {
  const std::string hc = token(Role::hc, "hc:ostersund");
  const std::string other_hc = token(Role::hc, "hc:krokom");
  const Reply made = post("/v1/tokens", hc, {{"role", "hc"}, {"actor", "hc:ostersund"}, {"kind", "feed"}});
  ASSERT_EQ(made.status, 201) << made.raw.body;
  const std::string name = made.body["name"];
  EXPECT_EQ(get("/v1/feeds/hc:ostersund.ics?token=" + made.body["token"].get<std::string>(), "").status, 200);
  // Written as the API writes every token: an audit row naming who made it.
  EXPECT_EQ(made.body["kind"], "feed");

  static const struct {
    const char* what;
    Json body;
  } refused[] = {
      {"an API token of its own", {{"role", "hc"}, {"actor", "hc:ostersund"}}},
      {"another unit's feed token", {{"role", "hc"}, {"actor", "hc:krokom"}, {"kind", "feed"}}},
      {"a feed token of another role", {{"role", "reception"}, {"actor", "reception:ostersund"}, {"kind", "feed"}}},
      {"an admin token", {{"role", "admin"}}},
  };
  const std::size_t before = get("/v1/tokens", admin_).body["items"].size();
  for (const auto& c : refused) EXPECT_EQ(post("/v1/tokens", hc, c.body).status, 403) << c.what;
  EXPECT_EQ(get("/v1/tokens", admin_).body["items"].size(), before);

  const Reply mine = get("/v1/tokens", hc);
  ASSERT_EQ(mine.body["items"].size(), 1u) << mine.raw.body;
  EXPECT_EQ(mine.body["items"][0]["name"], name);
  EXPECT_TRUE(get("/v1/tokens", other_hc).body["items"].empty());
  // Another unit cannot revoke it, nor a unit its own API token: as unknown.
  EXPECT_EQ(call("DELETE", "/v1/tokens/" + name, other_hc).status, 404);
  EXPECT_EQ(call("DELETE", "/v1/tokens/hc%20hc:ostersund", hc).status, 404);
  EXPECT_EQ(get("/v1/cases", hc).status, 200);
  EXPECT_EQ(call("DELETE", "/v1/tokens/" + name, hc).status, 204);
  EXPECT_FALSE(get("/v1/tokens", hc).body["items"][0]["revoked"].is_null());
}

}  // namespace
}  // namespace kedja::server::testing
