// Issue 12 through the API: contract §2's input rules (v1.1) and the
// coordinator's pseudonymised single-case read (§4). Each example of the
// issue is a case here.
#include "fixture.h"

namespace kedja::server::testing {
namespace {

using InputRulesTest = ServerTest;

const std::string nfd_ake = "A\xCC\x8Ake";  // Åke typed as A + U+030A (macOS, PDFs)
const std::string nfc_ake = "\xC3\x85ke";   // Åke as one code point

Json arrival_notice(const char* date = "2026-11-02") {
  return {{"type", "arrival_notice_received"}, {"date", date}, {"expected_arrival", "2026-11-16"}};
}

std::string first_field(const Reply& reply) {
  if (!reply.body.contains("errors") || reply.body["errors"].empty()) return "";
  return reply.body["errors"][0].value("field", "");
}

// §1: a case listed two events with seq 2 and the void's own seq nowhere.
TEST_F(InputRulesTest, AVoidKeepsItsOwnSeqAndNamesItsTargetVoidedSeq) {
  Json body = person("ostersund", "2016-03-01");
  body["events"] = Json::array({arrival_notice(), {{"type", "health_centre_notified"}, {"date", "2026-11-02"}}});
  const std::string id = create_case(body);
  const Reply voided = post("/v1/cases/" + id + "/events", admin_,
                            {{"type", "event_voided"}, {"date", "2026-11-03"}, {"voided_seq", 2}, {"reason", "fel"}});
  ASSERT_EQ(voided.status, 201) << voided.raw.body;
  EXPECT_EQ(voided.body["event"]["seq"], 3);
  EXPECT_EQ(voided.body["event"]["voided_seq"], 2);
  const Reply read = get("/v1/cases/" + id, admin_);
  std::vector<int> seqs;
  for (const auto& event : read.body["events"]) seqs.push_back(event["seq"]);
  EXPECT_EQ(seqs, (std::vector<int>{1, 2, 3}));
  const Reply old_name = post("/v1/cases/" + id + "/events", admin_,
                              {{"type", "event_voided"}, {"date", "2026-11-03"}, {"seq", 1}, {"reason", "fel"}});
  EXPECT_EQ(old_name.status, 400);
  EXPECT_EQ(first_field(old_name), "seq");
}

// §3: NFC/NFD and case never matter to search; text is stored in NFC.
TEST_F(InputRulesTest, ADecomposedNameIsStoredInNfcAndFoundEitherWay) {
  const std::string nfd_id = create_case(person("ostersund", "2016-03-01", nfd_ake));
  const std::string nfc_id = create_case(person("ostersund", "2016-03-01", "\xC3\x85" "KE"));
  EXPECT_EQ(get("/v1/cases/" + nfd_id, admin_).body["given_name"], nfc_ake);
  for (const char* q : {"%C3%A5ke",      // åke (NFC)
                        "a%CC%8Ake",     // åke (NFD)
                        "%C3%85KE",      // ÅKE
                        "A%CC%8A"}) {    // Å (NFD)
    const Reply reply = get(std::string("/v1/cases?q=") + q, admin_);
    ASSERT_EQ(reply.status, 200) << q;
    EXPECT_TRUE(lists(reply.body, "id", nfd_id)) << q;
    EXPECT_TRUE(lists(reply.body, "id", nfc_id)) << q;
  }
  EXPECT_FALSE(lists(get("/v1/cases?q=ake", admin_).body, "id", nfd_id));  // å is not a
}

TEST_F(InputRulesTest, ControlCharactersAreRefusedNamingTheFieldAndNothingIsWritten) {
  static const struct {
    const char* field;
    const char* value;
  } cases[] = {
      {"given_name", "Amina\x1b[2J"}, {"family_name", "Haddad\x07"}, {"family_name", "Had\bdad"},
      {"language", "arabiska\x1b"},   {"household", "H\x7f"},        {"external_ref", "MIG\x01"},
  };
  for (const auto& c : cases) {
    Json body = person("ostersund", "2016-03-01");
    body[c.field] = c.value;
    const Reply reply = post("/v1/cases", admin_, body);
    EXPECT_EQ(reply.status, 400) << c.field;
    EXPECT_EQ(first_field(reply), c.field) << reply.raw.body;
  }
  Json nul = person("ostersund", "2016-03-01");
  nul["given_name"] = std::string("Ami\0na", 6);
  EXPECT_EQ(first_field(post("/v1/cases", admin_, nul)), "given_name");
  EXPECT_TRUE(get("/v1/cases", admin_).body["items"].empty());

  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const Reply reason = post("/v1/cases/" + id + "/events", admin_,
                            {{"type", "case_closed"}, {"date", "2026-11-03"}, {"reason", "klar\x1b]0;x\x07"}});
  EXPECT_EQ(reason.status, 400);
  EXPECT_EQ(first_field(reason), "reason");
}

TEST_F(InputRulesTest, LengthsAreCountedInCharacters) {
  auto repeat = [](const std::string& unit, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += unit;
    return out;
  };
  Json fits = person("ostersund", "2016-03-01", repeat("\xC3\xA5", 200));
  fits["external_ref"] = repeat("\xC3\xA5", 64);
  fits["language"] = repeat("\xC3\xA5", 35);
  fits["household"] = repeat("\xC3\xA5", 100);
  const std::string id = create_case(fits);
  static const struct {
    const char* field;
    int characters;
  } too_long[] = {{"given_name", 201}, {"family_name", 201}, {"language", 36}, {"household", 101}, {"external_ref", 65}};
  for (const auto& c : too_long) {
    Json body = person("ostersund", "2016-03-01");
    body[c.field] = repeat("\xC3\xA5", c.characters);
    const Reply reply = post("/v1/cases", admin_, body);
    EXPECT_EQ(reply.status, 400) << c.field;
    EXPECT_EQ(first_field(reply), c.field);
  }
  EXPECT_EQ(post("/v1/cases/" + id + "/events", admin_,
                 {{"type", "case_closed"}, {"date", "2026-11-03"}, {"reason", repeat("\xC3\xA5", 500)}}).status, 201);
}

// §4: an arrival 10 days ahead, civic orientation in 2099 and a health talk
// held tomorrow were accepted and opened or closed steps.
TEST_F(InputRulesTest, AnEventDatedAfterTodayIsRefusedNamingDate) {
  Json body = person("ostersund", "2016-03-01");
  body["events"] = Json::array({arrival_notice("2026-11-20")});
  const std::string id = create_case(body);
  static const Json future[] = {
      {{"type", "arrived"}, {"date", "2026-12-05"}},
      {{"type", "civic_orientation_started"}, {"date", "2099-01-01"}},
      {{"type", "health_talk_held"}, {"date", "2026-11-26"}},
  };
  for (const auto& event : future) {
    const Reply reply = post("/v1/cases/" + id + "/events", admin_, event);
    EXPECT_EQ(reply.status, 400) << event.dump();
    EXPECT_EQ(first_field(reply), "date") << reply.raw.body;
  }
  EXPECT_EQ(get("/v1/cases/" + id, admin_).body["events"].size(), 1u);

  Json create = person("ostersund", "2016-03-01");
  create["events"] = Json::array({arrival_notice("2026-11-20"), {{"type", "arrived"}, {"date", "2026-12-05"}}});
  const Reply refused = post("/v1/cases", admin_, create);
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(first_field(refused), "events[1].date");
  EXPECT_EQ(get("/v1/cases", admin_).body["items"].size(), 1u);

  // Today itself, and a booking ahead, are fine.
  EXPECT_EQ(post("/v1/cases/" + id + "/events", admin_,
                 {{"type", "health_talk_booked"}, {"date", today_text}, {"appointment", "2027-01-12"}}).status, 201);
}

TEST_F(InputRulesTest, AnAppointmentBeforeItsEventsDateNamesAppointment) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const Reply reply = post("/v1/cases/" + id + "/events", admin_,
                           {{"type", "health_talk_booked"}, {"date", "2026-11-20"}, {"appointment", "2026-11-19"}});
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(first_field(reply), "appointment");
}

// §7: the coordinator's token read name, birth date, external_ref and
// household of any case id taken from a list.
TEST_F(InputRulesTest, TheCoordinatorReadsOneCasePseudonymised) {
  Json body = person("ostersund", "2016-03-01");
  body["external_ref"] = "MIG-7";
  body["household"] = "Haddad-1";
  body["events"] = Json::array({arrival_notice()});
  const std::string id = create_case(body);
  const Reply reply = get("/v1/cases/" + id, token(Role::coordinator, "lst:jamtland"));
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  for (const char* hidden : {"given_name", "family_name", "birth_date", "external_ref", "household"})
    EXPECT_FALSE(reply.body.contains(hidden)) << hidden << ": " << reply.raw.body;
  EXPECT_EQ(reply.body["birth_year"], 2016);
  EXPECT_EQ(reply.body["id"], id);
  EXPECT_EQ(reply.body["events"].size(), 1u);
  EXPECT_FALSE(reply.body["steps"].empty());
  for (const char* secret : {"Amina", "Haddad", "MIG-7", "2016-03-01"})
    EXPECT_EQ(reply.raw.body.find(secret), std::string::npos) << secret;
  // Others still see who the person is.
  EXPECT_EQ(get("/v1/cases/" + id, admin_).body["given_name"], "Amina");
}

// §2 at the end of the range: with today on the range's last day, an
// assignment in November 2199 would make receive_in_municipality fall due
// in 2200 — a 400 naming date, where the database's CHECK gave a 500.
class LastDayOfTheRangeTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    handler_ = std::make_unique<Handler>(*store_, shipped_context(), [] { return day("2199-12-31"); });
  }
};

TEST_F(LastDayOfTheRangeTest, AStepFallingDueAfterTheRangeIsA400NamingDate) {
  const std::string id = create_case(person("ostersund", "2001-05-05"));
  const Reply assigned = post("/v1/cases/" + id + "/events", admin_,
                              {{"type", "municipality_assigned"}, {"date", "2199-11-15"}, {"municipality", "berg"}});
  EXPECT_EQ(assigned.status, 400) << assigned.raw.body;
  EXPECT_EQ(first_field(assigned), "date");
  EXPECT_TRUE(get("/v1/cases/" + id, admin_).body["events"].empty());

  Json body = person("ostersund", "2190-03-01");                 // a child then
  body["events"] = Json::array({arrival_notice("2199-12-31")});  // "the same working day" is 2200-01-02
  const Reply created = post("/v1/cases", admin_, body);
  EXPECT_EQ(created.status, 400) << created.raw.body;
  EXPECT_EQ(first_field(created), "events[0].date");

  EXPECT_EQ(post("/v1/cases/" + id + "/events", admin_,
                 {{"type", "municipality_assigned"}, {"date", "2199-10-15"}, {"municipality", "berg"}}).status, 201);
}

}  // namespace
}  // namespace kedja::server::testing
