// GET /v1/feeds/{actor}.ics (issue 16) through the handler, without sockets:
// a feed token reads its own feed, as iCalendar made by libical, and
// nothing else; no personal data in the bytes.
#include "fixture.h"

#include <libical/ical.h>

namespace kedja::server::testing {
namespace {

class Feeds : public ServerTest {
 protected:
  std::string feed_token(const std::string& actor) {
    const Reply reply = post("/v1/tokens", admin_, {{"actor", actor}, {"role", "hc"}, {"kind", "feed"}});
    EXPECT_EQ(reply.status, 201) << reply.raw.body;
    EXPECT_EQ(reply.body.value("kind", ""), "feed");
    return reply.body.value("token", std::string{});
  }

  // A child in Östersund whose health talk is booked for 2026-12-03.
  std::string booked_case() {
    Json fields = person("ostersund", "2016-04-02", "Zainab");
    fields["family_name"] = "Qasemi";
    fields["events"] = Json::array({
        {{"type", "arrival_notice_received"}, {"date", "2026-11-23"}, {"expected_arrival", "2026-12-01"}},
        {{"type", "health_centre_notified"}, {"date", "2026-11-23"}},
        {{"type", "health_talk_booked"}, {"date", "2026-11-24"}, {"appointment", "2026-12-03"}},
    });
    return create_case(fields);
  }
};

TEST_F(Feeds, AFeedTokenReadsItsFeedAsICalendar) {
  const std::string id = booked_case();
  const std::string token = feed_token("hc:ostersund");
  const Reply reply = get("/v1/feeds/hc:ostersund.ics?token=" + token, "");
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.raw.content_type, "text/calendar; charset=utf-8");
  ASSERT_NE(reply.raw.header("Cache-Control"), nullptr);
  EXPECT_EQ(*reply.raw.header("Cache-Control"), "no-store");

  // libical's own parser reads it back: one VEVENT, all day, on the appointment.
  icalcomponent* calendar = icalparser_parse_string(reply.raw.body.c_str());
  ASSERT_NE(calendar, nullptr);
  int events = 0;
  for (icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT); event;
       event = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
    ++events;
    EXPECT_EQ(std::string(icalcomponent_get_uid(event)), id + ".hold_health_talk@kedja");
    const icaltimetype start = icalcomponent_get_dtstart(event);
    EXPECT_TRUE(start.is_date);
    EXPECT_EQ(start.year * 10000 + start.month * 100 + start.day, 20261203);
    EXPECT_NE(std::string(icalcomponent_get_description(event)).find("http://127.0.0.1:8080/arenden/" + id),
              std::string::npos);
  }
  icalcomponent_free(calendar);
  EXPECT_EQ(events, 1);
  for (const char* personal : {"Zainab", "Qasemi", "2016-04-02", "20160402"})
    EXPECT_EQ(reply.raw.body.find(personal), std::string::npos) << personal;
}

TEST_F(Feeds, TheFeedTokenMayComeAsABearerHeader) {
  booked_case();
  EXPECT_EQ(get("/v1/feeds/hc:ostersund.ics", feed_token("hc:ostersund")).status, 200);
  EXPECT_EQ(get("/v1/feeds/hc%3Aostersund.ics", feed_token("hc:ostersund")).status, 200);
}

TEST_F(Feeds, EveryOtherTokenIsRefused) {
  const std::string own = feed_token("hc:ostersund");
  const std::string other = feed_token("hc:krokom");
  const std::string api = token(Role::hc, "hc:ostersund");
  static const struct {
    const char* what;
    int status;
  } cases[] = {{"another actor's feed token", 401}, {"the actor's API token", 401}, {"no token", 401},
               {"a malformed token", 401}};
  const std::string tokens[] = {other, api, "", "kedja_nothex"};
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    const Reply reply = get("/v1/feeds/hc:ostersund.ics" + (tokens[i].empty() ? "" : "?token=" + tokens[i]), "");
    EXPECT_EQ(reply.status, cases[i].status) << cases[i].what;
    EXPECT_EQ(reply.raw.body.find("BEGIN:VCALENDAR"), std::string::npos) << cases[i].what;
  }
  // The unit's own feed token is refused everywhere else.
  for (const char* target : {"/v1/cases", "/v1/overdue", "/v1/due", "/v1/actors", "/v1/tokens"})
    EXPECT_EQ(get(target, own).status, 401) << target;
  EXPECT_EQ(post("/v1/cases", own, person("ostersund", "2016-04-02")).status, 401);
}

TEST_F(Feeds, ARevokedFeedTokenIs401) {
  const Reply made = post("/v1/tokens", admin_, {{"actor", "hc:ostersund"}, {"role", "hc"}, {"kind", "feed"},
                                                 {"name", "kalender hc"}});
  ASSERT_EQ(made.status, 201);
  const std::string target = "/v1/feeds/hc:ostersund.ics?token=" + made.body.value("token", "");
  EXPECT_EQ(get(target, "").status, 200);
  EXPECT_EQ(call("DELETE", "/v1/tokens/kalender%20hc", admin_).status, 204);
  EXPECT_EQ(get(target, "").status, 401);
}

TEST_F(Feeds, BadTokenKindsAndParametersAreNamed) {
  Reply reply = post("/v1/tokens", admin_, {{"actor", "hc:ostersund"}, {"role", "hc"}, {"kind", "calendar"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["errors"][0]["field"], "kind");
  reply = get("/v1/feeds/hc:ostersund.ics?token=" + feed_token("hc:ostersund") + "&from=2026-01-01", "");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["errors"][0]["field"], "from");
  EXPECT_EQ(call("POST", "/v1/feeds/hc:ostersund.ics", "").status, 405);
}

// The county board's coordinator owns no step: it has no feed, so it gets no
// feed token, as the admin gets none (domain/access.h owns_steps).
TEST_F(Feeds, OnlyARoleThatOwnsStepsGetsAFeedToken) {
  static const struct {
    const char* role;
    const char* actor;  // "" for none
    int status;
  } cases[] = {
      {"hc", "hc:ostersund", 201},
      {"coordinator", "lst:jamtland", 400},
      {"admin", "", 400},
  };
  for (const auto& c : cases) {
    Json body = {{"role", c.role}, {"kind", "feed"}};
    if (*c.actor) body["actor"] = c.actor;
    const Reply reply = post("/v1/tokens", admin_, body);
    EXPECT_EQ(reply.status, c.status) << c.role << ": " << reply.raw.body;
    if (c.status == 400) {
      EXPECT_EQ(reply.body["errors"][0]["field"], "kind") << c.role;
    }
  }
}

}  // namespace
}  // namespace kedja::server::testing
