// The handler without sockets: health, authentication, actors, paths and
// methods, the calendar endpoints and the body limit.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

using HandlerTest = ServerTest;

TEST_F(HandlerTest, HealthNeedsNoToken) {
  const Reply reply = get("/v1/health", "");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["status"], "ok");
}

TEST_F(HandlerTest, MissingTokenIs401WithBearerChallenge) {
  const Reply reply = get("/v1/actors", "");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.raw.content_type, "application/problem+json");
  ASSERT_NE(reply.raw.header("WWW-Authenticate"), nullptr);
  EXPECT_EQ(*reply.raw.header("WWW-Authenticate"), "Bearer");
}

TEST_F(HandlerTest, UnknownTokenIs401) {
  EXPECT_EQ(get("/v1/actors", "not-a-token").status, 401);
}

TEST_F(HandlerTest, AuthorizationSchemeOtherThanBearerIs401) {
  Request request{"GET", "/v1/actors", {{"authorization", "Basic " + admin_}}, "", ""};
  EXPECT_EQ(answer(*handler_, request).status, 401);
}

TEST_F(HandlerTest, ProblemHasTypeTitleStatusDetail) {
  const Reply reply = get("/v1/nowhere", admin_);
  EXPECT_EQ(reply.status, 404);
  EXPECT_TRUE(reply.body.contains("type"));
  EXPECT_EQ(reply.body["title"], "Not Found");
  EXPECT_EQ(reply.body["status"], 404);
  EXPECT_TRUE(reply.body["detail"].is_string());
}

TEST_F(HandlerTest, ActorsListsTheRegionWithMunicipalities) {
  const Reply reply = get("/v1/actors", admin_);
  ASSERT_EQ(reply.status, 200);
  bool lugnvik = false, af = false;
  for (const auto& actor : reply.body["items"]) {
    if (actor["id"] == "hc:ostersund-lugnvik") {
      lugnvik = true;
      EXPECT_EQ(actor["kind"], "hc");
      EXPECT_EQ(actor["municipality"], "ostersund");
      EXPECT_TRUE(actor["name"].is_string());
    }
    if (actor["id"] == "af:jamtland") {
      af = true;
      EXPECT_TRUE(actor["municipality"].is_null());
    }
  }
  EXPECT_TRUE(lugnvik);
  EXPECT_TRUE(af);
}

TEST_F(HandlerTest, UnknownPathsAre404) {
  // Paths outside /v1/ are the web pages' (contract §6): web_test.cpp.
  static const char* const cases[] = {"/v1", "/v1/cases/", "/v1/cases/x/steps", "/v1/overdue/", "/v1/calendar"};
  for (const char* target : cases) EXPECT_EQ(get(target, admin_).status, 404) << target;
}

TEST_F(HandlerTest, WrongMethodIs405WithAllow) {
  static const struct {
    const char* method;
    const char* target;
    const char* allow;
  } cases[] = {
      {"DELETE", "/v1/cases", "GET, POST"},     {"POST", "/v1/health", "GET"},
      {"PUT", "/v1/cases/abc", "GET"},          {"GET", "/v1/cases/abc/events", "POST"},
      {"POST", "/v1/overdue", "GET"},           {"DELETE", "/v1/audit", "GET"},
      {"POST", "/v1/calendar/non-working-days", "GET"},
  };
  for (const auto& c : cases) {
    const Reply reply = call(c.method, c.target, admin_);
    EXPECT_EQ(reply.status, 405) << c.method << ' ' << c.target;
    ASSERT_NE(reply.raw.header("Allow"), nullptr) << c.target;
    EXPECT_EQ(*reply.raw.header("Allow"), c.allow) << c.target;
  }
}

TEST_F(HandlerTest, BodyOverOneMebibyteIs413) {
  const std::string body(max_body_bytes + 1, ' ');
  EXPECT_EQ(call("POST", "/v1/cases", admin_, body).status, 413);
}

TEST_F(HandlerTest, NonWorkingDaysOfAYearListHolidaysAndEves) {
  const Reply reply = get("/v1/calendar/non-working-days?year=2026", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["year"], 2026);
  bool midsummer_eve = false;
  for (const auto& item : reply.body["items"])
    if (item["date"] == "2026-06-19") midsummer_eve = item["name"] == "midsommarafton";
  EXPECT_TRUE(midsummer_eve) << reply.body.dump();
}

TEST_F(HandlerTest, AddWorkingDaysCountsOverChristmas) {
  const Reply reply = get("/v1/calendar/add-working-days?from=2026-12-22&days=5", admin_);
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.body["date"], "2027-01-04");
}

TEST_F(HandlerTest, CalendarAnswersUpToTheLastDayOfTheRange) {
  static const struct {
    const char* target;
    const char* date;
  } cases[] = {
      {"/v1/calendar/add-working-days?from=2199-12-29&days=1", "2199-12-30"},
      {"/v1/calendar/add-working-days?from=2199-12-30&days=0", "2199-12-30"},
      {"/v1/calendar/add-working-days?from=1990-01-01&days=0", "1990-01-02"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(c.target, admin_);
    EXPECT_EQ(reply.status, 200) << c.target;
    EXPECT_EQ(reply.body["date"], c.date) << c.target;
  }
}

TEST_F(HandlerTest, CalendarRefusesBadParameters) {
  static const struct {
    const char* target;
    const char* field;
  } cases[] = {
      {"/v1/calendar/non-working-days", "year"},
      {"/v1/calendar/non-working-days?year=1800", "year"},
      {"/v1/calendar/non-working-days?year=20x6", "year"},
      {"/v1/calendar/non-working-days?year=2026&yaer=1", "yaer"},
      {"/v1/calendar/add-working-days?from=2026-02-30&days=1", "from"},
      {"/v1/calendar/add-working-days?from=2026-02-03&days=-1", "days"},
      {"/v1/calendar/add-working-days?days=1", "from"},
      {"/v1/calendar/add-working-days?from=2026-02-03", "days"},
      {"/v1/calendar/add-working-days?from=2199-12-01&days=100", "days"},
      // Issue 12 §2: both land on 2200-01-02 (nyårsafton is not a working day).
      {"/v1/calendar/add-working-days?from=2199-12-31&days=0", "days"},
      {"/v1/calendar/add-working-days?from=2199-12-30&days=1", "days"},
      {"/v1/calendar/add-working-days?from=1989-12-29&days=1", "from"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(c.target, admin_);
    EXPECT_EQ(reply.status, 400) << c.target;
    ASSERT_TRUE(reply.body.contains("errors")) << c.target;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.target;
  }
}

}  // namespace
}  // namespace kedja::server::testing
