// Recording from a row of Att göra: the rows share one form (event_forms.h
// row_forms_start); each row's button posts rad={row}.{case}.{type} and its
// fields "{row}.{field}" to POST /att-gora/registrera, which records through
// the same record_event as the case page — the same scope, roles, rules,
// audit and event_id idempotency — and writes nothing on a refusal.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class WebRowsTest : public WebTest {
 protected:
  // The row of `name` on `list`: its button's value ("3.c…​.health_talk_booked").
  static std::string row_of(const Page& list, const std::string& name) {
    const auto at = list.html.find(name);
    if (at == std::string::npos) return "";
    const auto end = list.html.find("</tr>", at);
    return first_group(list.html.substr(at, end - at), "name=\"rad\" value=\"([^\"]+)\"");
  }

  // What the browser sends when the row's button is pressed: the shared
  // hidden fields of the page's form, the row's fields, and the button.
  static Fields pressed(const Page& list, const std::string& row, Fields row_fields = {}) {
    Fields fields = {{"csrf", first_group(list.html, "name=\"csrf\" value=\"([0-9a-f]+)\"")},
                     {"event_id", first_group(list.html, "name=\"event_id\" value=\"([^\"]+)\"")},
                     {"tillbaka", "/att-gora?flik=snart"},
                     {"date", today_text}};
    fields.insert(fields.end(), row_fields.begin(), row_fields.end());
    fields.emplace_back("rad", row);
    return fields;
  }

  static std::string number_of(const std::string& row) { return row.substr(0, row.find('.')); }

  // A child in Östersund whose health centre was told today: hc:ostersund's
  // "book the talk" row is under Förfaller snart.
  std::string child_to_book(const std::string& given_name) {
    Json body = person("ostersund", "2018-04-02", given_name);
    body["events"] = Json::array({
        {{"type", "arrival_notice_received"}, {"date", today_text}, {"expected_arrival", "2026-12-07"}},
        {{"type", "health_centre_notified"}, {"date", today_text}},
    });
    return create_case(body);
  }
};

TEST_F(WebRowsTest, TheRowsShareOneFormWhoseFirstButtonIsDisabledSoEnterRecordsNothing) {
  child_to_book("Samir");
  const Page list = open("/att-gora?flik=snart", login(token(Role::hc, "hc:ostersund")));
  const auto form = list.html.find("<form method=\"post\" action=\"/att-gora/registrera\"");
  ASSERT_NE(form, std::string::npos);
  const auto first_button = list.html.find("<button", form);
  const std::string tag = list.html.substr(first_button, list.html.find('>', first_button) - first_button);
  EXPECT_NE(tag.find("disabled"), std::string::npos) << tag;
  EXPECT_EQ(list.html.find("<form", form + 1), std::string::npos) << "no form inside the rows' form";
}

TEST_F(WebRowsTest, HealthCentreBooksTheTalkFromTheRowWithTheRowsDate) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const std::string row = row_of(list, "Samir Haddad");
  ASSERT_NE(row.find(id + ".health_talk_booked"), std::string::npos) << row;
  const Page saved = post_form("/att-gora/registrera",
                               pressed(list, row, {{number_of(row) + ".appointment", "2026-12-02"}}), cookie);
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(saved.location(), "/att-gora?flik=snart");
  const Json the_case = get("/v1/cases/" + id, admin_).body;
  ASSERT_EQ(the_case["events"].size(), 3u);
  EXPECT_EQ(the_case["events"].back()["type"], "health_talk_booked");
  EXPECT_EQ(the_case["events"].back()["appointment"], "2026-12-02");
  EXPECT_TRUE(open("/att-gora?flik=snart", cookie).has("Sparat: Hälsosamtal bokat"));
}

TEST_F(WebRowsTest, ADoubleClickOnARowRecordsOnce) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const std::string row = row_of(list, "Samir Haddad");
  const Fields fields = pressed(list, row, {{number_of(row) + ".appointment", "2026-12-02"}});
  EXPECT_EQ(post_form("/att-gora/registrera", fields, cookie).status, 303);
  EXPECT_EQ(post_form("/att-gora/registrera", fields, cookie).status, 303);
  EXPECT_EQ(event_count(id), 3u);
  EXPECT_TRUE(open("/att-gora?flik=snart", cookie).has("Redan sparat"));
}

TEST_F(WebRowsTest, TwoRowsOfOneRenderingAreBothRecorded) {
  const std::string first = child_to_book("Samir");
  const std::string second = child_to_book("Leyla");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  for (const char* name : {"Samir Haddad", "Leyla Haddad"}) {
    const std::string row = row_of(list, name);
    EXPECT_EQ(post_form("/att-gora/registrera", pressed(list, row, {{number_of(row) + ".appointment", "2026-12-03"}}),
                        cookie).status,
              303) << name;
  }
  EXPECT_EQ(event_count(first), 3u);
  EXPECT_EQ(event_count(second), 3u);
}

TEST_F(WebRowsTest, AnotherRowsFieldIsNotTakenAndTheRefusalNamesTheField) {
  const std::string first = child_to_book("Samir");
  const std::string second = child_to_book("Leyla");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const std::string row = row_of(list, "Samir Haddad");
  const std::string other = row_of(list, "Leyla Haddad");
  const Page refused = post_form("/att-gora/registrera",
                                 pressed(list, row, {{number_of(other) + ".appointment", "2026-12-02"}}), cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("Bokad tid måste fyllas i"));
  EXPECT_EQ(event_count(first), 2u);
  EXPECT_EQ(event_count(second), 2u);
}

TEST_F(WebRowsTest, AMalformedRowIs400AndWritesNothing) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  for (const std::string& row : {std::string(""), std::string("3"), std::string("3."), "." + id + ".health_talk_booked",
                                 std::string("3..health_talk_booked"), "3." + id + "."}) {
    Fields fields = pressed(list, row, {{"3.appointment", "2026-12-02"}});
    const Page page = post_form("/att-gora/registrera", fields, cookie);
    EXPECT_EQ(page.status, 400) << "rad=" << row;
    EXPECT_TRUE(page.has("inget sparades")) << "rad=" << row;
  }
  Fields without = pressed(list, "x");
  without.pop_back();
  EXPECT_EQ(post_form("/att-gora/registrera", without, cookie).status, 400);
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebRowsTest, AnUnknownEventTypeIs400OnTheCasePage) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const Page page = post_form("/att-gora/registrera", pressed(list, "1." + id + ".no_such_event"), cookie);
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(page.has("Formuläret saknar en känd händelsetyp."));
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebRowsTest, ARowOfACaseOutsideTheCallersScopeIs404AndWritesNothing) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:berg"));
  const Page list = open("/att-gora?flik=snart", cookie);
  const Page page = post_form("/att-gora/registrera",
                              pressed(list, "1." + id + ".health_talk_booked", {{"1.appointment", "2026-12-02"}}),
                              cookie);
  EXPECT_EQ(page.status, 404);
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebRowsTest, AnEventTheRoleMayNotRecordFromARowIs403AndWritesNothing) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::school, "school:ostersund"));
  const Page list = open("/att-gora", cookie);
  const Page page = post_form("/att-gora/registrera", pressed(list, "1." + id + ".health_talk_booked",
                                                              {{"1.appointment", "2026-12-02"}}),
                              cookie);
  EXPECT_EQ(page.status, 403);
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebRowsTest, ARowPostWithoutTheCsrfTokenIsRefused) {
  const std::string id = child_to_book("Samir");
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page list = open("/att-gora?flik=snart", cookie);
  Fields fields = pressed(list, row_of(list, "Samir Haddad"), {{"1.appointment", "2026-12-02"}});
  fields.erase(fields.begin());  // the csrf field
  EXPECT_EQ(post_form("/att-gora/registrera", fields, cookie).status, 403);
  EXPECT_EQ(event_count(id), 2u);
}

TEST_F(WebRowsTest, OnlyPostIsAllowed) {
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/att-gora/registrera", cookie);
  EXPECT_EQ(page.status, 405);
  ASSERT_NE(page.raw.header("Allow"), nullptr);
  EXPECT_EQ(*page.raw.header("Allow"), "POST");
}

}  // namespace
}  // namespace kedja::server::testing
