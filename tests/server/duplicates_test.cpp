// Possible duplicates (issue 14 §3): POST /v1/cases answers 409
// possible_duplicate, listing the matching cases in the caller's scope only,
// unless the body says "confirmed_new": true.
#include "fixture.h"

#include <algorithm>
#include <map>

namespace kedja::server::testing {
namespace {

class Duplicates : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    Json amina = person("ostersund", "2018-04-02", "Amina");
    amina["external_ref"] = "MIG-1";
    amina_ = create_case(amina);
    Json asa = person("ostersund", "2016-01-01", "Åsa");
    asa["family_name"] = "Öberg";
    asa_ = create_case(asa);
  }

  std::size_t case_count() { return get("/v1/cases?limit=1000", admin_).body["items"].size(); }

  std::string amina_, asa_;
};

// The ids listed in a 409's matches.
std::vector<std::string> matched_ids(const Json& body) {
  std::vector<std::string> ids;
  if (body.contains("matches"))
    for (const auto& match : body["matches"]) ids.push_back(match.value("id", ""));
  return ids;
}

TEST_F(Duplicates, ANewCaseIsCheckedAgainstTheCasesInScope) {
  static const struct {
    const char* what;
    Role role;
    const char* actor;
    const char* municipality;
    const char* given;
    const char* family;
    const char* born;
    const char* external_ref;  // "" for none
    bool confirmed_new;
    int status;
    const char* matches;       // "amina", "asa" or "" (none listed)
    const char* matched_by;    // the first match's first reason
  } cases[] = {
      {"the same name and birth date in scope", Role::reception, "reception:ostersund", "ostersund", "Amina",
       "Haddad", "2018-04-02", "", false, 409, "amina", "name_and_birth_date"},
      {"other case of letters", Role::reception, "reception:ostersund", "ostersund", "AMINA", "haddad",
       "2018-04-02", "", false, 409, "amina", "name_and_birth_date"},
      {"Å and Ö in another case", Role::reception, "reception:ostersund", "ostersund", "åsa", "ÖBERG",
       "2016-01-01", "", false, 409, "asa", "name_and_birth_date"},
      {"Å and Ö decomposed (NFD, as a Mac types them)", Role::reception, "reception:ostersund", "ostersund",
       "A\xCC\x8Asa", "O\xCC\x88" "berg", "2016-01-01", "", false, 409, "asa", "name_and_birth_date"},
      {"spaces at either end, as pasted from a spreadsheet", Role::reception, "reception:ostersund", "ostersund",
       " Amina\xC2\xA0", "Haddad ", "2018-04-02", "", false, 409, "amina", "name_and_birth_date"},
      {"A and O are not Å and Ö", Role::reception, "reception:ostersund", "ostersund", "Asa", "Oberg",
       "2016-01-01", "", false, 201, "", ""},
      {"the same external_ref under another name", Role::reception, "reception:ostersund", "ostersund", "Samir",
       "Nasser", "2011-03-03", "MIG-1", false, 409, "amina", "external_ref"},
      {"another birth date", Role::reception, "reception:ostersund", "ostersund", "Amina", "Haddad",
       "2018-04-03", "", false, 201, "", ""},
      {"the same person outside the caller's scope", Role::reception, "reception:krokom", "krokom", "Amina",
       "Haddad", "2018-04-02", "", false, 201, "", ""},
      {"the Migration Agency sees the region", Role::mv, "mv:jamtland", "krokom", "Åsa", "Öberg", "2016-01-01",
       "", false, 409, "asa", "name_and_birth_date"},
      {"confirmed new", Role::reception, "reception:ostersund", "ostersund", "Amina", "Haddad", "2018-04-02", "",
       true, 201, "", ""},
  };
  std::map<std::string, std::string> tokens;  // one token an actor (names are never reused)
  for (const auto& c : cases) {
    if (!tokens.contains(c.actor)) tokens[c.actor] = this->token(c.role, c.actor);
    const std::string& token = tokens[c.actor];
    Json body = person(c.municipality, c.born, c.given);
    body["family_name"] = c.family;
    if (*c.external_ref) body["external_ref"] = c.external_ref;
    if (c.confirmed_new) body["confirmed_new"] = true;
    const std::size_t before = case_count();
    const Reply reply = post("/v1/cases", token, body);
    EXPECT_EQ(reply.status, c.status) << c.what << ": " << reply.raw.body;
    if (c.status == 409) {
      EXPECT_EQ(reply.raw.content_type, "application/problem+json") << c.what;
      EXPECT_EQ(reply.body.value("type", ""), "/problems/possible-duplicate") << c.what;
      EXPECT_EQ(reply.body.value("code", ""), "possible_duplicate") << c.what;
      const std::string expected = std::string(c.matches) == "amina" ? amina_ : asa_;
      const auto ids = matched_ids(reply.body);
      EXPECT_NE(std::find(ids.begin(), ids.end(), expected), ids.end()) << c.what << ": " << reply.raw.body;
      if (!reply.body["matches"].empty()) {
        EXPECT_EQ(reply.body["matches"][0]["matched_by"][0], c.matched_by) << c.what;
      }
      EXPECT_EQ(case_count(), before) << c.what << ": nothing written";
    } else {
      EXPECT_EQ(case_count(), before + 1) << c.what;
      EXPECT_EQ(reply.raw.body.find(amina_), std::string::npos) << c.what << ": no other case named";
      EXPECT_EQ(reply.raw.body.find(asa_), std::string::npos) << c.what << ": no other case named";
    }
  }
}

TEST_F(Duplicates, AMatchOutsideTheScopeIsNeverRevealed) {
  // Krokom's reception cannot see Östersund's Amina: its create goes through
  // as if she did not exist, and nothing of her is in the answer.
  const std::string krokom = token(Role::reception, "reception:krokom");
  const Reply reply = post("/v1/cases", krokom, person("krokom", "2018-04-02", "Amina"));
  ASSERT_EQ(reply.status, 201) << reply.raw.body;
  EXPECT_EQ(reply.raw.body.find(amina_), std::string::npos);
  EXPECT_EQ(reply.raw.body.find("MIG-1"), std::string::npos);
  // …while Östersund's reception, registering her again, is shown only its own.
  const std::string ostersund = token(Role::reception, "reception:ostersund");
  const Reply again = post("/v1/cases", ostersund, person("ostersund", "2018-04-02", "Amina"));
  ASSERT_EQ(again.status, 409);
  EXPECT_EQ(matched_ids(again.body), std::vector<std::string>{amina_});
}

TEST_F(Duplicates, TheMatchesShownAreAuditedAsARead) {
  const std::string reception = token(Role::reception, "reception:ostersund");
  ASSERT_EQ(post("/v1/cases", reception, person("ostersund", "2018-04-02", "Amina")).status, 409);
  const Reply audit = get("/v1/audit?case=" + amina_, admin_);
  bool found = false;
  for (const auto& row : audit.body["items"])
    if (row.value("action", "") == "duplicate check" && row.value("actor", "") == "reception:ostersund") found = true;
  EXPECT_TRUE(found) << audit.raw.body;
}

// Every other refusal comes before the duplicate check: a bad field or a
// role that may not create is answered as it would be for a new person, and
// the caller is never shown matches for a create that could not be made.
TEST_F(Duplicates, ABadCreateIsRefusedForItsOwnReasonBeforeAnyMatch) {
  static const struct {
    const char* what;
    Role role;
    const char* actor;
    const char* event_date;  // "" for no event
    int status;
    const char* field;       // the first error's field, "" for none
  } cases[] = {
      {"an event after today", Role::reception, "reception:ostersund", "2026-11-26", 400, "events[0].date"},
      {"a role that may not create", Role::school, "school:ostersund", "", 403, ""},
      {"the same person, nothing wrong", Role::reception, "reception:ostersund", "", 409, ""},
  };
  std::map<std::string, std::string> tokens;  // one token an actor (names are never reused)
  for (const auto& c : cases) {
    if (!tokens.contains(c.actor)) tokens[c.actor] = token(c.role, c.actor);
    Json body = person("ostersund", "2018-04-02", "Amina");  // Amina again
    if (*c.event_date)
      body["events"] = Json::array({{{"type", "health_centre_notified"}, {"date", c.event_date}}});
    const std::size_t before = case_count();
    const Reply reply = post("/v1/cases", tokens[c.actor], body);
    EXPECT_EQ(reply.status, c.status) << c.what << ": " << reply.raw.body;
    if (c.status != 409) {
      EXPECT_FALSE(reply.body.contains("matches")) << c.what;
      EXPECT_EQ(reply.raw.body.find(amina_), std::string::npos) << c.what;
    }
    if (*c.field) {
      ASSERT_TRUE(reply.body.contains("errors")) << c.what;
      EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.what;
    }
    EXPECT_EQ(case_count(), before) << c.what << ": nothing written";
  }
}

TEST_F(Duplicates, ManyMatchesAreListedUpToTheLimitAndCalledAtLeast) {
  for (int i = 0; i < storage::Store::max_possible_duplicates; ++i) {  // 21 Aminas with the one of SetUp
    Json body = person("ostersund", "2018-04-02", "Amina");
    body["confirmed_new"] = true;
    ASSERT_EQ(post("/v1/cases", admin_, body).status, 201);
  }
  const Reply reply = post("/v1/cases", admin_, person("ostersund", "2018-04-02", "Amina"));
  ASSERT_EQ(reply.status, 409);
  EXPECT_EQ(reply.body["matches"].size(), static_cast<std::size_t>(storage::Store::max_possible_duplicates));
  EXPECT_EQ(reply.body.value("detail", "").rfind("at least 20 cases", 0), 0u) << reply.raw.body;
}

TEST_F(Duplicates, ConfirmedNewMustBeABoolean) {
  Json body = person("ostersund", "2018-04-02", "Amina");
  body["confirmed_new"] = "yes";
  const Reply reply = post("/v1/cases", admin_, body);
  EXPECT_EQ(reply.status, 400);
  ASSERT_TRUE(reply.body.contains("errors"));
  EXPECT_EQ(reply.body["errors"][0]["field"], "confirmed_new");
}

}  // namespace
}  // namespace kedja::server::testing
