// The web pages' work: Att göra, the case page, recording events from forms
// with every refusal shown on the form and nothing written, the
// coordinator's pseudonymised pages, and escaping of stored text.
#include "server/web/assets.h"
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

// The fields a row's button posts: the shared form's CSRF token and
// rendering, and the button's row reference (event_forms.h, row_event).
Fields row_fields(const std::string& html, const std::string& rad) {
  const auto group = [&](const char* pattern) {
    std::smatch match;
    return std::regex_search(html, match, std::regex(pattern)) ? match[1].str() : std::string();
  };
  return {{"csrf", group("<form id=\"r\" method=\"post\"><input type=\"hidden\" name=\"csrf\" value=\"([^\"]+)\"")},
          {"visning", group("name=\"visning\" value=\"([^\"]+)\"")},
          {"rad", rad}};
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
  const std::string rad = id + ".health_centre_notified";
  EXPECT_TRUE(list.has("<button form=\"r\" name=\"rad\" value=\"" + rad + "\">"));

  // Posted to the page's own address: back to the same view, dated today.
  const Page saved = post_form("/att-gora?flik=snart", row_fields(list.html, rad), cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.location(), "/att-gora?flik=snart");
  const Page after = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(after.has("Sparat: Hälsocentralen informerad, ons 25 nov 2026."));
  EXPECT_FALSE(open("/att-gora?flik=snart", cookie).has("Sparat:"));  // shown once
  const Json the_case = get("/v1/cases/" + id, admin_).body;
  EXPECT_EQ(event_types(the_case), (std::vector<std::string>{"arrival_notice_received", "health_centre_notified"}));
  EXPECT_EQ(the_case["events"].back()["date"], today_text);
}

TEST_F(WebPagesTest, ARowsWayBackIsTheViewItWasPostedFrom) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const std::string view =
      "/att-gora?flik=snart&kommun=ostersund&alder=6-15&tolk=ja&sortera=namn&ordning=fallande&sida=1&antal=100"
      "&datum=2026-11-25";
  const Page list = open(view, cookie);
  ASSERT_EQ(list.status, 200);
  const Page saved = post_form(view, row_fields(list.html, id + ".school_notified"), cookie);
  EXPECT_EQ(saved.status, 303);
  // Tab, filters, sort, rows and date kept (page 1 is the address without `sida`).
  EXPECT_EQ(saved.location(),
            "/att-gora?flik=snart&kommun=ostersund&alder=6-15&tolk=ja&sortera=namn&ordning=fallande&antal=100"
            "&datum=2026-11-25");
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

TEST_F(WebPagesTest, ADoubleClickOnARowRecordsOnceAndANewRenderingAnew) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const Fields fields = row_fields(list.html, id + ".school_notified");
  EXPECT_EQ(post_form("/att-gora?flik=snart", fields, cookie).status, 303);
  EXPECT_EQ(post_form("/att-gora?flik=snart", fields, cookie).status, 303);
  EXPECT_EQ(event_count(id), 2u);
  EXPECT_TRUE(open("/att-gora?flik=snart", cookie).has("Redan sparat: Skolan informerad"));
  // Each rendering has a value of its own: 16 base64url characters.
  const Page again = open("/att-gora?flik=snart", cookie);
  const std::string first = fields[1].second;
  const std::string second = first_group(again.html, "name=\"visning\" value=\"([A-Za-z0-9_-]+)\"");
  EXPECT_EQ(first.size(), 16u);
  EXPECT_EQ(second.size(), 16u);
  EXPECT_NE(first, second);
}

// Two tabs (or two people) with the same list: the step closed from the
// first, the second's row is stale. Its event is refused in the store's
// write (AppendIf::closes_an_open_step), the user sent back to the list.
TEST_F(WebPagesTest, AStaleRowDoesNotRecordItsStepAgain) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page first_tab = open("/att-gora?flik=snart", cookie);
  const Page second_tab = open("/att-gora?flik=snart", cookie);
  const std::string rad = id + ".school_notified";
  EXPECT_EQ(post_form("/att-gora?flik=snart", row_fields(first_tab.html, rad), cookie).status, 303);
  EXPECT_EQ(event_count(id), 2u);
  const Page stale = post_form("/att-gora?flik=snart&sortera=namn", row_fields(second_tab.html, rad), cookie);
  EXPECT_EQ(stale.status, 303);
  EXPECT_EQ(stale.location(), "/att-gora?flik=snart&sortera=namn");
  EXPECT_EQ(event_count(id), 2u);
  const Page after = open("/att-gora?flik=snart&sortera=namn", cookie);
  EXPECT_TRUE(after.has("Inget sparades: Skolan informerad är redan registrerat på ärendet, av någon annan eller "
                        "i en annan flik. Listan nedan visar läget nu."));
  EXPECT_FALSE(after.has("value=\"" + rad + "\""));  // the list as it is now: the step is done
}

TEST_F(WebPagesTest, AStaleRowsBookingDoesNotReplaceTheFirstBooking) {
  const std::string id = notified_child("ostersund");
  const std::string reception = login(token(Role::reception, "reception:ostersund"));
  ASSERT_EQ(post_form("/arenden/" + id + "/handelser", event_fields(csrf(reception), "health_centre_notified"),
                      reception).status, 303);
  const std::string key = token(Role::hc, "hc:ostersund");
  const std::string nurse = login(key);
  const std::string colleague = login(key);  // another session: another person, or another browser
  const Page nurses_list = open("/att-gora?flik=snart", nurse);
  const Page colleagues_list = open("/att-gora?flik=snart", colleague);
  const std::string rad = id + ".health_talk_booked";
  Fields first = row_fields(nurses_list.html, rad);
  first.emplace_back("appointment", "2026-12-02");
  Fields second = row_fields(colleagues_list.html, rad);
  second.emplace_back("appointment", "2026-12-09");
  EXPECT_EQ(post_form("/att-gora?flik=snart", first, nurse).status, 303);
  EXPECT_EQ(post_form("/att-gora?flik=snart", second, colleague).status, 303);
  EXPECT_EQ(event_count(id), 3u);
  EXPECT_TRUE(open("/att-gora?flik=snart", colleague).has("Inget sparades: Hälsosamtal bokat är redan registrerat"));
  const Page the_case = open("/arenden/" + id, nurse);
  EXPECT_TRUE(the_case.has("Bokad tid: ons 2 dec 2026"));
  EXPECT_FALSE(the_case.has("9 dec 2026"));
}

TEST_F(WebPagesTest, ARowsFormTakesExactlyItsFieldsAndRefusesTheRestNamingTheField) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const Fields good = row_fields(list.html, id + ".school_notified");
  const auto with = [&](std::string name, std::string value) {
    Fields fields = good;
    bool replaced = false;
    for (auto& [n, v] : fields)
      if (n == name) { v = value; replaced = true; }
    if (!replaced) fields.emplace_back(name, value);
    return fields;
  };
  const auto without = [&](const std::string& name) {
    Fields fields;
    for (const auto& field : good)
      if (field.first != name) fields.push_back(field);
    return fields;
  };
  static const struct {
    const char* name;
    const char* value;  // nullptr: the field left out
    const char* named;
  } cases[] = {
      {"rad", nullptr, "fältet rad"},
      {"rad", "", "fältet rad"},
      {"rad", "c1234", "fältet rad"},
      {"rad", "c1234.no_such_event", "fältet rad"},
      {"visning", nullptr, "fältet visning"},
      {"visning", "kort", "fältet visning"},
      {"visning", "0123456789abcde!", "fältet visning"},
      {"date", "2026-11-20", "fältet date"},
      {"tillbaka", "/att-gora", "fältet tillbaka"},
      {"event_id", "web-x", "fältet event_id"},
  };
  for (const auto& c : cases) {
    const Fields fields = c.value ? with(c.name, c.value) : without(c.name);
    const Page page = post_form("/att-gora?flik=snart", fields, cookie);
    EXPECT_EQ(page.status, 400) << c.name << "=" << (c.value ? c.value : "(none)");
    EXPECT_TRUE(page.has("Det gick inte att spara")) << c.name;
    EXPECT_TRUE(page.has(c.named)) << c.name;
    EXPECT_TRUE(page.has("Inget sparades")) << c.name;
  }
  // A bad view in the address is the page's 400, naming the parameter.
  const Page bad_view = post_form("/att-gora?flik=alla", good, cookie);
  EXPECT_EQ(bad_view.status, 400);
  EXPECT_TRUE(bad_view.has("parametern flik"));
  // Without the CSRF token: 403, as every form.
  EXPECT_EQ(post_form("/att-gora?flik=snart", without("csrf"), cookie).status, 403);
  EXPECT_EQ(event_count(id), 1u);
  EXPECT_EQ(post_form("/att-gora?flik=snart", good, cookie).status, 303);
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebPagesTest, HealthCentreBooksTheTalkWithAnAppointmentDate) {
  const std::string id = notified_child("ostersund");
  const std::string reception = login(token(Role::reception, "reception:ostersund"));
  ASSERT_EQ(post_form("/arenden/" + id + "/handelser", event_fields(csrf(reception), "health_centre_notified"),
                      reception).status, 303);
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(list.has("Registrera hälsosamtal bokat"));
  // A row with a field is a form of its own (Enter in it sends that row
  // alone), labelled, its button not in the shared form.
  EXPECT_TRUE(list.has("<form method=\"post\"><input type=\"hidden\" name=\"csrf\""));
  // The input inside its label: labelled without an id and a `for`.
  EXPECT_TRUE(list.has("<label>Bokad tid<input type=\"date\" name=\"appointment\"></label>"));
  EXPECT_TRUE(list.has("<button name=\"rad\" value=\"" + id + ".health_talk_booked\">"));

  // Without the appointment: the case page's form, naming the field, nothing written.
  const Fields row = row_fields(list.html, id + ".health_talk_booked");
  const Page refused = post_form("/att-gora?flik=snart", row, cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("Det gick inte att spara"));
  EXPECT_TRUE(refused.has("Bokad tid måste fyllas i"));
  EXPECT_TRUE(refused.has("href=\"#health_talk_booked-appointment\""));
  EXPECT_TRUE(refused.has("id=\"health_talk_booked-appointment\""));
  EXPECT_EQ(event_count(id), 2u);
  // Its link back keeps the list's view (tab, filters, sort, page).
  const Page refused_in_view = post_form("/att-gora?flik=snart&sortera=namn&antal=100", row, cookie);
  EXPECT_EQ(refused_in_view.status, 400);
  EXPECT_TRUE(refused_in_view.has("<a href=\"/att-gora?flik=snart&amp;sortera=namn&amp;antal=100\">← Tillbaka till Att göra</a>"))
      << refused_in_view.html;

  Fields booked = row;
  booked.emplace_back("appointment", "2026-12-02");
  const Page saved = post_form("/att-gora?flik=snart", booked, cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.location(), "/att-gora?flik=snart");
  const Page page = open("/arenden/" + id, cookie);
  EXPECT_TRUE(page.has("Bokad tid: ons 2 dec 2026"));
  EXPECT_TRUE(page.has("<time datetime=\"2026-12-02\">ons 2 dec 2026</time>"));

  // The case page's own form still takes the event with its date.
  const Page from_case = post_form("/arenden/" + id + "/handelser",
                                   event_fields(csrf(cookie), "health_talk_held"), cookie);
  EXPECT_EQ(from_case.status, 303);
  EXPECT_EQ(from_case.location(), "/arenden/" + id);
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

// A case of Hälsocentralen Östersund whose test results came today: its
// step inform_reception (due in one working day) is under Förfaller snart.
class WebRowChoiceTest : public WebTest {
 protected:
  std::string results_received(const std::string& given_name) {
    Json body = person("ostersund", "2018-04-02", given_name);
    body["events"] = Json::array({
        {{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}},
        {{"type", "health_centre_notified"}, {"date", "2026-11-02"}},
        {{"type", "health_talk_booked"}, {"date", "2026-11-03"}, {"appointment", "2026-11-10"}},
        {{"type", "health_talk_held"}, {"date", "2026-11-10"}},
        {{"type", "test_results_received"}, {"date", today_text}},
    });
    return create_case(body);
  }
};

// The obstacle's yes/no is the row's button: two buttons of the shared
// form, "<case>.reception_informed.ja|nej", no form of the row's own.
TEST_F(WebRowChoiceTest, EachObstacleButtonOfARowRecordsItsChoice) {
  const std::string yes = results_received("Hinder");
  const std::string no = results_received("Inget");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(list.has("<button form=\"r\" name=\"rad\" value=\"" + yes +
                       ".reception_informed.ja\">Registrera: hinder för skolstart</button>"));
  EXPECT_TRUE(list.has("<button form=\"r\" name=\"rad\" value=\"" + yes +
                       ".reception_informed.nej\">Registrera: inget hinder för skolstart</button>"));
  EXPECT_FALSE(list.has("type=\"radio\""));
  static const struct {
    const std::string* id;
    const char* choice;
    bool obstacle;
  } cases[] = {{&yes, "ja", true}, {&no, "nej", false}};
  for (const auto& c : cases) {
    const Page saved =
        post_form("/att-gora?flik=snart", row_fields(list.html, *c.id + ".reception_informed." + c.choice), cookie);
    EXPECT_EQ(saved.status, 303) << c.choice;
    const Json the_case = get("/v1/cases/" + *c.id, admin_).body;
    EXPECT_EQ(the_case["events"].back()["type"], "reception_informed") << c.choice;
    EXPECT_EQ(the_case["events"].back()["school_start_obstacle"], c.obstacle) << c.choice;
    EXPECT_EQ(the_case["events"].back()["date"], today_text) << c.choice;
  }
}

TEST_F(WebRowChoiceTest, ACraftedObstacleChoiceIsRefusedNamingTheFieldAndWritesNothing) {
  const std::string id = results_received("Hinder");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  static const struct {
    const char* rad_suffix;
    const char* extra_name;  // nullptr: none
    const char* extra_value;
    const char* named;
  } cases[] = {
      {".reception_informed", nullptr, nullptr, "fältet rad"},          // no choice
      {".reception_informed.kanske", nullptr, nullptr, "fältet rad"},   // no such choice
      {".reception_informed.JA", nullptr, nullptr, "fältet rad"},
      {".reception_informed.ja.nej", nullptr, nullptr, "fältet rad"},
      {".reception_informed.", nullptr, nullptr, "fältet rad"},
      {".health_talk_held.ja", nullptr, nullptr, "fältet rad"},         // an event without the choice
      {".reception_informed.ja", "school_start_obstacle", "false", "fältet school_start_obstacle"},
  };
  for (const auto& c : cases) {
    Fields fields = row_fields(list.html, id + c.rad_suffix);
    if (c.extra_name) fields.emplace_back(c.extra_name, c.extra_value);
    const Page page = post_form("/att-gora?flik=snart", fields, cookie);
    EXPECT_EQ(page.status, 400) << c.rad_suffix;
    EXPECT_TRUE(page.has(c.named)) << c.rad_suffix;
    EXPECT_TRUE(page.has("Inget sparades")) << c.rad_suffix;
  }
  EXPECT_EQ(event_count(id), 5u);
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

// A void's and a closure's reason are free text, written by a person about a
// person: the coordinator's case page and JSON read say there was one, never
// what it says; the unit that wrote it still reads it.
TEST_F(WebPagesTest, FreeTextReasonsAreHiddenFromTheCoordinator) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const std::string path = "/arenden/" + id + "/handelser";
  ASSERT_EQ(post_form(path, event_fields(csrf(cookie), "school_notified"), cookie).status, 303);
  const std::string void_reason = "Fel barn, Amina har diabetes";
  const std::string close_reason = "Flyttat till mormor Fatima i Oslo";
  ASSERT_EQ(post_form(path,
                      event_fields(csrf(cookie), "event_voided",
                                   {{"seq", "2"}, {"voided_seq", "2"}, {"reason", void_reason}}),
                      cookie)
                .status,
            303);
  ASSERT_EQ(post_form(path, event_fields(csrf(cookie), "case_closed", {{"reason", close_reason}}), cookie).status,
            303);

  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  const Page page = open("/arenden/" + id, login(coordinator));
  ASSERT_EQ(page.status, 200);
  for (const std::string& secret : {void_reason, close_reason, std::string("diabetes"), std::string("Fatima")})
    EXPECT_FALSE(page.has(secret)) << secret;
  EXPECT_TRUE(page.has("Makulerad: visas inte för samordnaren (fritext)"));
  EXPECT_TRUE(page.has("Skäl: visas inte för samordnaren (fritext)"));

  const Reply read = get("/v1/cases/" + id, coordinator);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.raw.body.find("diabetes"), std::string::npos) << read.raw.body;
  EXPECT_EQ(read.raw.body.find("Fatima"), std::string::npos) << read.raw.body;
  ASSERT_EQ(read.body["events"].size(), 4u);
  for (const auto& e : read.body["events"]) {
    EXPECT_TRUE(e["event_id"].is_null()) << e.dump();  // the forms' "web-…", or whatever a client chose
    if (e.contains("reason")) {
      EXPECT_EQ(e["reason"], std::string(storage::hidden_reason)) << e.dump();
    }
  }

  EXPECT_TRUE(open("/arenden/" + id, cookie).has("Makulerad: " + void_reason));
  EXPECT_EQ(get("/v1/cases/" + id, admin_).body["events"][3]["reason"], close_reason);
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
  // Every row of Försenade is late: the table's class styles the column
  // (table.overdue in the stylesheet), not a class on each cell.
  EXPECT_TRUE(overdue.has("<td>3 arbetsdagar sen</td>"));
  EXPECT_TRUE(overdue.has("<table class=\"work act overdue\">"));
  EXPECT_TRUE(open(web::stylesheet_path(), "").html.find("table.overdue td:nth-child(7)") != std::string::npos);
  EXPECT_TRUE(overdue.has("Försenade<span class=\"count\">2</span>"));  // two reception steps
  EXPECT_TRUE(overdue.has("Förfaller snart<span class=\"count\">2</span>"));
  const Page filtered = open("/att-gora?flik=snart&steg=notify_school", cookie);
  EXPECT_TRUE(filtered.has("Förfaller snart<span class=\"count\">1</span>"));
}

// The cells that repeat down the rows are written once a page and copied
// (todo_page.cpp, FragmentMemo): each row still shows its own.
TEST_F(WebPagesTest, EachRowShowsItsOwnDatesAndDaysThoughCellsRepeat) {
  notified_child("ostersund", "Fredag", "2026-11-20");   // due Fri 20 Nov: 3 working days late
  notified_child("ostersund", "Fredag2", "2026-11-20");  // the same cells again
  notified_child("ostersund", "Mandag", "2026-11-23");   // due Mon 23 Nov: 2 working days late
  const Page overdue = open("/att-gora?antal=100", login(token(Role::reception, "reception:ostersund")));
  ASSERT_EQ(overdue.status, 200);
  const auto row_of = [&](const std::string& name) {
    const auto at = overdue.html.find(">" + name + " Haddad<");
    if (at == std::string::npos) return std::string();
    const auto start = overdue.html.rfind("<tr>", at);
    return overdue.html.substr(start, overdue.html.find("</tr>", at) - start);
  };
  static const struct {
    const char* name;
    const char* due;
    const char* late;
  } rows[] = {{"Fredag", "fre 20 nov 2026", "<td>3 arbetsdagar sen</td>"},
              {"Fredag2", "fre 20 nov 2026", "<td>3 arbetsdagar sen</td>"},
              {"Mandag", "mån 23 nov 2026", "<td>2 arbetsdagar sen</td>"}};
  for (const auto& r : rows) {
    const std::string row = row_of(r.name);
    ASSERT_FALSE(row.empty()) << r.name;
    EXPECT_NE(row.find(std::string(">") + r.due + "</time></td><td>"), std::string::npos) << row;
    EXPECT_NE(row.find(r.late), std::string::npos) << row;
    EXPECT_NE(row.find(std::string("<td>HH-") + r.name + "</td>"), std::string::npos) << row;
    EXPECT_NE(row.find("<td>Östersund</td>"), std::string::npos) << row;
    EXPECT_NE(row.find("<td>arabiska, tolk behövs</td>"), std::string::npos) << row;
  }
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

// Printed, the filters' form is gone: the caption says what the rows are.
TEST_F(WebPagesTest, TheTablesCaptionNamesItsFiltersAndPage) {
  for (int i = 0; i < 26; ++i) notified_child("ostersund", "Barn" + std::to_string(100 + i));  // 52 steps
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  EXPECT_TRUE(open("/att-gora?flik=snart", cookie).has("<caption>Förfaller snart, per ons 25 nov 2026</caption>"));
  const Page filtered = open("/att-gora?flik=snart&kommun=ostersund&alder=6-15&tolk=ja&sida=2", cookie);
  EXPECT_TRUE(filtered.has("<caption>Förfaller snart, per ons 25 nov 2026 – kommun: Östersund, ålder: 6–15 år, "
                           "tolk behövs, sida 2</caption>"))
      << filtered.html;
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

// A parameter given twice (or badly %-escaped): the address says two
// things, and the page says so, naming it, instead of showing another view.
TEST_F(WebPagesTest, AParameterGivenTwiceIsA400NamingIt) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  static const struct {
    const char* target;
    const char* says;
  } cases[] = {
      {"/att-gora?flik=klara&kommun=krokom&kommun=krokom", "Parametern kommun står mer än en gång"},
      {"/att-gora?foo=1&foo=2", "Parametern foo står mer än en gång"},
      {"/att-gora?datum=2026-11-25&datum=2026-11-26", "Parametern datum står mer än en gång"},
      {"/att-gora.csv?flik=snart&flik=snart", "Parametern flik står mer än en gång"},
      {"/uppfoljning?per=kommun&per=enhet", "Parametern per står mer än en gång"},
      {"/att-gora?kommun=%zz", "Parametern kommun har en felaktig %-kod"},
  };
  for (const auto& c : cases) {
    const Page page = open(c.target, cookie);
    EXPECT_EQ(page.status, 400) << c.target;
    EXPECT_TRUE(page.has(c.says)) << c.target << "\n" << page.html;
    EXPECT_TRUE(page.has("<html lang=\"sv\">")) << c.target;  // a page, in Swedish, not the API's problem
  }
}

TEST_F(WebPagesTest, ARowPostedToAnAddressWithAParameterTwiceRecordsNothing) {
  const std::string id = notified_child("ostersund", "Dubbel");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const std::string rad = id + ".health_centre_notified";
  ASSERT_TRUE(list.has(rad));
  const Page refused = post_form("/att-gora?flik=snart&flik=snart", row_fields(list.html, rad), cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("Parametern flik står mer än en gång"));
  EXPECT_EQ(event_types(get("/v1/cases/" + id, admin_).body), (std::vector<std::string>{"arrival_notice_received"}));
}

TEST_F(WebPagesTest, TheAdminsListSaysItHoldsTheRegionsSteps) {
  const Page page = open("/att-gora", login(admin_));
  EXPECT_TRUE(page.has("Alla steg i regionen, per ")) << page.html;
  EXPECT_FALSE(page.has("Steg som "));
}

TEST_F(WebPagesTest, TheAsOfDateSaysWhetherItsShapeItsDayOrItsRangeIsWrong) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  EXPECT_TRUE(open("/att-gora?datum=2026-02-30", cookie).has("Datumet finns inte i kalendern (2026-02-30)"));
  EXPECT_TRUE(open("/att-gora?datum=2200-01-01", cookie).has("Datumet ska ligga mellan 1990-01-01 och 2199-12-31"));
  EXPECT_TRUE(open("/att-gora?datum=25/11", cookie).has("Datumet ska skrivas ÅÅÅÅ-MM-DD"));
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

TEST_F(WebPagesTest, TheCasePagesFormsGoBackToTheCaseWhateverTheyAreSent) {
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
