// The web pages' work: Att göra, the case page, recording events from forms
// with every refusal shown on the form and nothing written, the
// coordinator's pseudonymised pages, and escaping of stored text.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using WebPagesTest = WebTest;
using Fields = std::vector<std::pair<std::string, std::string>>;

// The form fields of a recorded event, with the session's CSRF token.
Fields event_fields(const std::string& csrf, const std::string& type, Fields more = {}) {
  Fields fields = {{"csrf", csrf}, {"type", type}, {"date", today_text}};
  fields.insert(fields.end(), more.begin(), more.end());
  return fields;
}

std::vector<std::string> event_types(const Json& the_case) {
  std::vector<std::string> types;
  for (const auto& e : the_case["events"]) types.push_back(e["type"]);
  return types;
}

TEST_F(WebPagesTest, ReceptionSeesANewlyNotifiedChildDueTodayAndRecordsFromTheRow) {
  const std::string id = notified_child("ostersund", "Samir");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.has("Samir Haddad"));
  EXPECT_TRUE(list.has("Registrera hälsocentralen informerad"));
  EXPECT_TRUE(list.has("i dag"));
  EXPECT_TRUE(list.has("arabiska, tolk behövs"));
  const std::string event_id = first_group(list.html, "name=\"event_id\" value=\"([^\"]+)\"");
  ASSERT_FALSE(event_id.empty());

  const Fields fields = event_fields(csrf(cookie), "health_centre_notified",
                                     {{"event_id", event_id}, {"tillbaka", "/att-gora?flik=snart"}});
  const Page saved = post_form("/arenden/" + id + "/handelser", fields, cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.location(), "/att-gora?flik=snart");
  const Page after = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(after.has("Sparat: Hälsocentralen informerad"));
  EXPECT_FALSE(open("/att-gora?flik=snart", cookie).has("Sparat:"));  // shown once
  EXPECT_EQ(event_types(get("/v1/cases/" + id, admin_).body),
            (std::vector<std::string>{"arrival_notice_received", "health_centre_notified"}));
}

TEST_F(WebPagesTest, ADoubleClickRecordsOnce) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Fields fields = event_fields(csrf(cookie), "school_notified", {{"event_id", "web-double-click"}});
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser", fields, cookie).status, 303);
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser", fields, cookie).status, 303);
  EXPECT_EQ(event_count(id), 2u);
  EXPECT_TRUE(open("/arenden/" + id, cookie).has("Redan sparat"));
}

TEST_F(WebPagesTest, HealthCentreBooksTheTalkWithAnAppointmentDate) {
  const std::string id = notified_child("ostersund");
  const std::string reception = login(token(Role::reception, "reception:ostersund"));
  ASSERT_EQ(post_form("/arenden/" + id + "/handelser", event_fields(csrf(reception), "health_centre_notified"),
                      reception).status, 303);
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(list.has("Registrera hälsosamtal bokat"));
  EXPECT_TRUE(list.has("type=\"date\""));

  // Without the appointment: the form again, naming the field, nothing written.
  const Page refused = post_form("/arenden/" + id + "/handelser", event_fields(csrf(cookie), "health_talk_booked"),
                                 cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("Det gick inte att spara"));
  EXPECT_TRUE(refused.has("Bokad tid måste fyllas i"));
  EXPECT_TRUE(refused.has("href=\"#health_talk_booked-appointment\""));
  EXPECT_TRUE(refused.has("id=\"health_talk_booked-appointment\""));
  EXPECT_EQ(event_count(id), 2u);

  const Page saved = post_form("/arenden/" + id + "/handelser",
                               event_fields(csrf(cookie), "health_talk_booked", {{"appointment", "2026-12-02"}}),
                               cookie);
  EXPECT_EQ(saved.status, 303);
  const Page page = open("/arenden/" + id, cookie);
  EXPECT_TRUE(page.has("Bokad tid: ons 2 dec 2026"));
  EXPECT_TRUE(page.has("<time datetime=\"2026-12-02\">ons 2 dec 2026</time>"));
}

TEST_F(WebPagesTest, HealthCentreRecordsTheChainWithTheObstacleFlag) {
  Json body = person("ostersund", "2018-04-02");
  body["events"] = Json::array({
      {{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}},
      {{"type", "health_centre_notified"}, {"date", "2026-11-02"}},
      {{"type", "health_talk_booked"}, {"date", "2026-11-03"}, {"appointment", "2026-11-10"}},
  });
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const std::string token = csrf(cookie);
  const std::string path = "/arenden/" + id + "/handelser";
  EXPECT_EQ(post_form(path, event_fields(token, "health_talk_held"), cookie).status, 303);
  EXPECT_EQ(post_form(path, event_fields(token, "test_results_received"), cookie).status, 303);
  const Page no_flag = post_form(path, event_fields(token, "reception_informed"), cookie);
  EXPECT_EQ(no_flag.status, 400);
  EXPECT_TRUE(no_flag.has("Hinder för skolstart måste fyllas i"));
  EXPECT_EQ(post_form(path, event_fields(token, "reception_informed", {{"school_start_obstacle", "true"}}), cookie)
                .status,
            303);
  const Json the_case = get("/v1/cases/" + id, admin_).body;
  EXPECT_EQ(the_case["events"].back()["school_start_obstacle"], true);
  EXPECT_TRUE(open("/arenden/" + id, cookie).has("Hinder för skolstart: ja"));
}

TEST_F(WebPagesTest, AnEventTheRoleMayNotRecordIs403OnTheFormAndWritesNothing) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = post_form("/arenden/" + id + "/handelser", event_fields(csrf(cookie), "arrived"), cookie);
  EXPECT_EQ(page.status, 403);
  EXPECT_TRUE(page.has("Din roll får inte registrera den här händelsen"));
  EXPECT_EQ(event_count(id), 1u);
}

TEST_F(WebPagesTest, ARuleRefusalIs409InSwedishAndWritesNothing) {
  Json body = person("ostersund", "2023-01-10");
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}},
       {{"type", "arrived"}, {"date", "2026-11-09"}}});
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::preschool, "preschool:ostersund"));
  const Page page = post_form("/arenden/" + id + "/handelser", event_fields(csrf(cookie), "preschool_started"),
                              cookie);
  EXPECT_EQ(page.status, 409);
  EXPECT_TRUE(page.has("Inget sparades: förskolestart kan registreras först när provsvaren har kommit"));
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebPagesTest, ABadDateIs400NamingTheDateField) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  Fields fields = {{"csrf", csrf(cookie)}, {"type", "arrived"}, {"date", "2026-02-30"}};
  const Page page = post_form("/arenden/" + id + "/handelser", fields, cookie);
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(page.has("Datum är inte ett datum"));
  EXPECT_TRUE(page.has("href=\"#arrived-date\""));
  EXPECT_EQ(event_count(id), 1u);
}

TEST_F(WebPagesTest, AnEventCanBeVoidedWithAReasonAndShowsStruckThrough) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const std::string path = "/arenden/" + id + "/handelser";
  ASSERT_EQ(post_form(path, event_fields(csrf(cookie), "school_notified"), cookie).status, 303);
  const Page no_reason = post_form(path, event_fields(csrf(cookie), "event_voided", {{"seq", "2"}, {"voided_seq", "2"}}),
                                   cookie);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(no_reason.has("Skäl måste fyllas i"));
  EXPECT_EQ(post_form(path,
                      event_fields(csrf(cookie), "event_voided",
                                   {{"seq", "2"}, {"voided_seq", "2"}, {"reason", "Fel barn"}}),
                      cookie)
                .status,
            303);
  const Page page = open("/arenden/" + id, cookie);
  EXPECT_TRUE(page.has("<del>Skolan informerad</del>"));
  EXPECT_TRUE(page.has("Makulerad: Fel barn"));
}

TEST_F(WebPagesTest, TheCasePageOffersExactlyTheRolesEvents) {
  const std::string id = notified_child("ostersund");
  const Page reception = open("/arenden/" + id, login(token(Role::reception, "reception:ostersund")));
  EXPECT_TRUE(reception.has("Registrera hälsocentralen informerad"));
  EXPECT_TRUE(reception.has("Registrera ärendet avslutat"));
  EXPECT_FALSE(reception.has("Registrera hälsosamtal bokat"));
  const Page hc = open("/arenden/" + id, login(token(Role::hc, "hc:ostersund")));
  EXPECT_TRUE(hc.has("Registrera hälsosamtal bokat"));
  EXPECT_FALSE(hc.has("Registrera ankommit"));
  const Page coordinator = open("/arenden/" + id, login(token(Role::coordinator, "lst:jamtland")));
  EXPECT_EQ(coordinator.status, 200);
  EXPECT_FALSE(coordinator.has("<form method=\"post\" action=\"/arenden/"));
}

TEST_F(WebPagesTest, ACaseOutsideTheCallersScopeIs404) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:berg"));
  EXPECT_EQ(open("/arenden/" + id, cookie).status, 404);
  const Page post = post_form("/arenden/" + id + "/handelser", event_fields(csrf(cookie), "arrived"), cookie);
  EXPECT_EQ(post.status, 404);
  EXPECT_EQ(event_count(id), 1u);
  EXPECT_FALSE(open("/att-gora?flik=snart", cookie).has("Amina"));
}

TEST_F(WebPagesTest, AScriptTagNameRendersAsText) {
  const std::string id = notified_child("ostersund", "<script>alert(1)</script>");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  for (const std::string& path : {std::string("/att-gora?flik=snart"), "/arenden/" + id}) {
    const Page page = open(path, cookie);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_FALSE(page.has("<script>")) << path;
    EXPECT_TRUE(page.has("&lt;script&gt;alert(1)&lt;/script&gt;")) << path;
  }
}

TEST_F(WebPagesTest, CoordinatorPagesHoldNoIdentities) {
  Json body = person("ostersund", "2018-04-02", "Zainab");
  body["family_name"] = "Qureshi";
  body["household"] = "HH-Qureshi";
  body["external_ref"] = "MIG-77731";
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}}});
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page overview = open("/oversikt", cookie);
  ASSERT_EQ(overview.status, 200);
  const std::string list_link = first_group(overview.html, "href=\"(/att-gora\\?flik=forsenade[^\"]*)\"");
  ASSERT_FALSE(list_link.empty()) << overview.html;
  EXPECT_NE(list_link.find("kommun=ostersund"), std::string::npos);
  std::string link = list_link;
  for (std::size_t at; (at = link.find("&amp;")) != std::string::npos;) link.replace(at, 5, "&");
  const Page list = open(link, cookie);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.has(id));
  for (const Page* page : {&overview, &list}) {
    for (const char* secret : {"Zainab", "Qureshi", "HH-Qureshi", "MIG-77731", "2018-04-02", "2 apr 2018"})
      EXPECT_FALSE(page->has(secret)) << secret;
  }
  const Page the_case = open("/arenden/" + id, cookie);
  EXPECT_EQ(the_case.status, 200);
  for (const char* secret : {"Zainab", "Qureshi", "HH-Qureshi", "MIG-77731", "2018-04-02"})
    EXPECT_FALSE(the_case.has(secret)) << secret;
  EXPECT_TRUE(the_case.has("Födelseår"));
}

TEST_F(WebPagesTest, TabsShowCountsAndTheOverdueRowsWorkingDaysLate) {
  notified_child("ostersund", "Ny");                         // due today
  notified_child("ostersund", "Sen", "2026-11-20");          // due Fri 20 Nov: 3 working days late
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page overdue = open("/att-gora", cookie);
  EXPECT_TRUE(overdue.has("Sen Haddad"));
  EXPECT_FALSE(overdue.has("Ny Haddad"));
  EXPECT_TRUE(overdue.has("3 arbetsdagar sen"));
  EXPECT_TRUE(overdue.has("Försenade<span class=\"count\">2</span>"));  // two reception steps
  EXPECT_TRUE(overdue.has("Förfaller snart<span class=\"count\">2</span>"));
  const Page filtered = open("/att-gora?flik=snart&steg=notify_school", cookie);
  EXPECT_TRUE(filtered.has("Förfaller snart<span class=\"count\">1</span>"));
}

TEST_F(WebPagesTest, TheAsOfDateInTheUrlMovesTheTabs) {
  notified_child("ostersund", "Ny");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page later = open("/att-gora?datum=2026-11-27", cookie);  // Friday: 2 working days on
  EXPECT_TRUE(later.has("Ny Haddad"));
  EXPECT_TRUE(later.has("2 arbetsdagar sen"));
  EXPECT_TRUE(later.has("value=\"2026-11-27\""));
}

TEST_F(WebPagesTest, FiltersAndSortSurviveInLinks) {
  notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page page = open("/att-gora?flik=snart&tolk=ja&alder=6-15&sortera=namn", cookie);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Amina Haddad"));
  EXPECT_TRUE(page.has("aria-sort=\"ascending\""));
  EXPECT_TRUE(page.has("href=\"/att-gora?flik=snart&amp;alder=6-15&amp;tolk=ja&amp;sortera=namn&amp;ordning=fallande\""));
  EXPECT_FALSE(open("/att-gora?flik=snart&tolk=nej", cookie).has("Amina Haddad"));
  EXPECT_FALSE(open("/att-gora?flik=snart&alder=0-5", cookie).has("Amina Haddad"));
}

TEST_F(WebPagesTest, BadFilterValuesAre400NamingTheParameter) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  static const struct {
    const char* target;
    const char* named;
  } cases[] = {
      {"/att-gora?flik=alla", "flik"},       {"/att-gora?steg=nope", "steg"},
      {"/att-gora?kommun=oslo", "kommun"},   {"/att-gora?alder=3", "alder"},
      {"/att-gora?tolk=kanske", "tolk"},     {"/att-gora?sortera=x", "sortera"},
      {"/att-gora?sida=0", "sida"},          {"/att-gora?datum=2026-02-30", "datum"},
      {"/att-gora?kommunn=berg", "kommunn"}, {"/oversikt?datum=igår", "datum"},
      {"/att-gora?antal=70", "antal"},
  };
  for (const auto& c : cases) {
    const Page page = open(c.target, cookie);
    EXPECT_EQ(page.status, 400) << c.target;
    EXPECT_TRUE(page.has(std::string("parametern ") + c.named) || page.has(std::string("(") + c.named + ")"))
        << c.target;
  }
}

TEST_F(WebPagesTest, APageHolds50RowsOr100WhenTheUrlSaysSo) {
  for (int i = 0; i < 26; ++i) notified_child("ostersund", "Barn" + std::to_string(100 + i));  // 52 steps
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page fifty = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(fifty.has("Sida 1 av 2"));
  EXPECT_TRUE(fifty.has("href=\"/att-gora?flik=snart&amp;sida=2\""));
  const Page hundred = open("/att-gora?flik=snart&antal=100", cookie);
  EXPECT_EQ(hundred.status, 200);
  EXPECT_FALSE(hundred.has("Sida 1 av"));
  EXPECT_TRUE(hundred.has("Barn125 Haddad"));
  EXPECT_TRUE(hundred.has("<option value=\"100\" selected=\"selected\">"));
}

TEST_F(WebPagesTest, DoneStepsShowWhetherTheyWereOnTime) {
  Json body = person("ostersund", "2018-04-02", "Klar");
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-16"}, {"expected_arrival", "2026-11-30"}},
       {{"type", "health_centre_notified"}, {"date", "2026-11-18"}},
       {{"type", "school_notified"}, {"date", "2026-11-16"}}});
  create_case(body);
  const Page done = open("/att-gora?flik=klara", login(token(Role::reception, "reception:ostersund")));
  EXPECT_TRUE(done.has("Klart 2 arbetsdagar sen"));
  EXPECT_TRUE(done.has("Klart i tid"));
}

TEST_F(WebPagesTest, AVoluntaryStepCanBeDeclined) {
  Json body = person("ostersund", "2018-04-02");
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-16"}, {"expected_arrival", "2026-11-30"}},
       {{"type", "health_centre_notified"}, {"date", "2026-11-16"}}});
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/arenden/" + id, cookie);
  EXPECT_TRUE(page.has("Avböjt – personen deltar inte"));
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser",
                      event_fields(csrf(cookie), "step_declined", {{"step", "book_health_talk"}}), cookie)
                .status,
            303);
  EXPECT_TRUE(open("/arenden/" + id, cookie).has("Avböjt</span>"));
}

TEST_F(WebPagesTest, AReturnAddressToAnotherHostIsIgnored) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  for (const char* evil : {"//evil.example/", "https://evil.example/", "/\\evil.example"}) {
    const Page page = post_form("/arenden/" + id + "/handelser",
                                event_fields(csrf(cookie), "arrived", {{"tillbaka", evil}, {"event_id", evil}}),
                                cookie);
    EXPECT_EQ(page.location(), "/arenden/" + id) << evil;
  }
}

TEST_F(WebPagesTest, ReadsFromThePagesAreAuditedAsTheApisAre) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  open("/arenden/" + id, cookie);
  open("/att-gora?flik=snart", cookie);
  const Json audit = get("/v1/audit?case=" + id, admin_).body;
  std::vector<std::string> actions;
  for (const auto& entry : audit["items"])
    if (entry["actor"] == "reception:ostersund") actions.push_back(entry["action"]);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "read"), actions.end()) << audit.dump();
  EXPECT_NE(std::find(actions.begin(), actions.end(), "list work"), actions.end()) << audit.dump();
}

}  // namespace
}  // namespace kedja::server::testing
