// Issue 11 §1 over the handler: a create's events and a case's events are
// bounded (409 naming the limit, nothing written).
#include "domain/append_chain.h"
#include "fixture.h"

namespace kedja::server::testing {
namespace {

using BoundsTest = ServerTest;

Json notified(int i) {
  return {{"type", "health_centre_notified"}, {"date", "2026-11-02"}, {"event_id", "e" + std::to_string(i)}};
}

Json with_events(Json body, std::size_t count) {
  body["events"] = Json::array();
  for (std::size_t i = 0; i < count; ++i) body["events"].push_back(notified(static_cast<int>(i)));
  return body;
}

TEST_F(BoundsTest, CreateWithTheMostEventsAllowedIs201) {
  const Reply reply = post("/v1/cases", admin_, with_events(person("ostersund", "2016-03-01"), max_events_per_create));
  ASSERT_EQ(reply.status, 201) << reply.raw.body;
  EXPECT_EQ(reply.body["events"].size(), max_events_per_create);
}

TEST_F(BoundsTest, CreateWithMoreEventsIs409NamingTheLimit) {
  // 12,000 events with event_ids: about 900 KiB, as the 906 KiB
  // body, under the 1 MiB limit (the server checks the body's size first).
  for (std::size_t count : {max_events_per_create + 1, std::size_t{12000}}) {
    Json body = with_events(person("ostersund", "2016-03-01"), count);
    body["external_ref"] = "MIG-BIG";
    const Reply reply = post("/v1/cases", admin_, body);
    ASSERT_LT(body.dump().size(), std::size_t{1} << 20);
    ASSERT_EQ(reply.status, 409) << count << ": " << reply.raw.body;
    EXPECT_EQ(reply.raw.content_type, "application/problem+json");
    EXPECT_EQ(reply.body["errors"][0]["field"], "events");
    EXPECT_NE(reply.body["detail"].get<std::string>().find("at most 100 events"), std::string::npos)
        << reply.body.dump();
  }
  EXPECT_TRUE(get("/v1/cases?external_ref=MIG-BIG", admin_).body["items"].empty());
}

TEST_F(BoundsTest, AppendToAFullCaseIs409NamingTheLimit) {
  bool made = false;
  store_->bulk_load([&](storage::Store::BulkCase& bulk) {
    if (made) return false;
    Event e;
    e.type = EventType::health_centre_notified;
    e.date = day("2026-11-02");
    bulk.the_case.given_name = "Amina";
    bulk.the_case.family_name = "Haddad";
    bulk.the_case.birth_date = day("2016-03-01");
    bulk.the_case.language = "arabiska";
    bulk.the_case.municipality = "ostersund";
    bulk.events.assign(max_events_per_case, RecordedEvent{0, e, "2026-11-02T08:00:00Z", ActorId("admin")});
    made = true;
    return true;
  });
  const std::string id = get("/v1/cases", admin_).body["items"][0]["id"];
  const Reply reply = post("/v1/cases/" + id + "/events", admin_, notified(1));
  ASSERT_EQ(reply.status, 409) << reply.raw.body;
  EXPECT_NE(reply.body["detail"].get<std::string>().find("at most 2000 events"), std::string::npos)
      << reply.body.dump();
}

}  // namespace
}  // namespace kedja::server::testing
