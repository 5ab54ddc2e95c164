// The page Uppföljning (issue 15 point 4): hand-counted figures in its
// tables and charts, each caller's scope, the API's refusals in the page's
// words, escaping, and the download being the API's own file.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

// Two ten-year-olds told on Monday 2 November 2026. As of Wednesday 25
// November, due in November:
//   Östersund: notify_health_centre done the same day (on time);
//     notify_school open since 2 Nov (late, 17 working days overdue);
//     book_health_talk due 9 Nov, open (late, 12).
//   Berg: notify_health_centre done on 3 Nov (late by 1 working day);
//     notify_school done the same day (on time); book_health_talk due 10 Nov,
//     open (late, 11); plan_school_start due 16 Nov, open (late, 7).
class WebFollowUpTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    child("ostersund", "Amina", {{"health_centre_notified", "2026-11-02"}});
    child("berg", "Bilal", {{"health_centre_notified", "2026-11-03"}, {"school_notified", "2026-11-02"}});
  }
  void child(const char* municipality, const char* name, std::vector<std::pair<const char*, const char*>> more) {
    Json body = person(municipality, "2016-03-01", name);
    body["events"] = Json::array(
        {{{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-20"}}});
    for (const auto& [type, date] : more) body["events"].push_back({{"type", type}, {"date", date}});
    create_case(body);
  }
  static constexpr const char* november = "/uppfoljning?fran=2026-11-01&till=2026-11-30";
};

// One row of a numbers table: the row header, then the cells.
std::string table_row(const std::string& head, std::initializer_list<const char*> cells) {
  std::string row = "<th scope=\"row\">" + head + "</th>";
  for (const char* cell : cells) row += "<td class=\"num\">" + std::string(cell) + "</td>";
  return row;
}

TEST_F(WebFollowUpTest, TheCoordinatorSeesTheShareOnTimePerMunicipalityAsCountedByHand) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page page = open(november, cookie);
  ASSERT_EQ(page.status, 200) << page.html;
  // Antal (on time + late), I tid, Försenade, Andel i tid.
  EXPECT_TRUE(page.has(table_row("Berg", {"4", "1", "3", "25,0\u00A0%"}))) << page.html;
  EXPECT_TRUE(page.has(table_row("Östersund", {"3", "1", "2", "33,3\u00A0%"}))) << page.html;
  // Per step × municipality, with the median working days late.
  EXPECT_TRUE(page.has(table_row("Berg", {"1", "0", "1", "0,0\u00A0%", "1", "0", "0"}))) << page.html;
  EXPECT_TRUE(page.has(table_row("Östersund", {"1", "0", "1", "0,0\u00A0%", "17", "0", "0"}))) << page.html;
  // The bar chart, named and described, with its target line.
  EXPECT_TRUE(page.has("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"")) << page.html;
  EXPECT_TRUE(page.has("role=\"img\" aria-labelledby=\"andel-per-grupp-titel andel-per-grupp-beskrivning\""));
  EXPECT_TRUE(page.has("Östersund 33,3\u00A0% av 3; 0 av 2 når målet.")) << page.html;
  EXPECT_TRUE(page.has(">Mål 90\u00A0%</text>"));
  // The trend's 13 months end with the period's last month.
  EXPECT_TRUE(page.has(">nov 2025</th>"));
  EXPECT_TRUE(page.has(">nov 2026</th>"));
  EXPECT_FALSE(page.has(">okt 2025</th>"));
  // Overdue on the day by working days: 7 in 6–10; 11, 12 and 17 in 11–20.
  EXPECT_TRUE(page.has(table_row("Summa", {"0", "1", "3", "0", "4"}))) << page.html;
  for (const char* secret : {"Amina", "Bilal", "2016-03-01"}) EXPECT_FALSE(page.has(secret)) << secret;
}

TEST_F(WebFollowUpTest, TheTargetAndTheStepComeFromTheUrl) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page page = open(std::string(november) + "&steg=notify_school&mal=30", cookie);
  ASSERT_EQ(page.status, 200) << page.html;
  EXPECT_TRUE(page.has(">Mål 30\u00A0%</text>"));
  EXPECT_TRUE(page.has(table_row("Berg", {"1", "1", "0", "100,0\u00A0%"}))) << page.html;
  EXPECT_FALSE(page.has("Boka hälsosamtal med smittskyddsprover</th>")) << page.html;
  EXPECT_TRUE(page.has("<option value=\"notify_school\" selected=\"selected\">"));
  EXPECT_TRUE(page.has("id=\"mal\" name=\"mal\" min=\"1\" max=\"100\" value=\"30\""));
  // The download keeps the page's choices.
  EXPECT_TRUE(page.has("href=\"/uppfoljning.csv?fran=2026-11-01&amp;till=2026-11-30&amp;steg=notify_school&amp;mal=30\""))
      << page.html;
}

TEST_F(WebFollowUpTest, AUnitSeesItsOwnScopePerUnit) {
  const std::string cookie = login(token(Role::reception, "reception:berg"));
  const Page page = open(november, cookie);
  ASSERT_EQ(page.status, 200) << page.html;
  EXPECT_TRUE(page.has("<option value=\"enhet\" selected=\"selected\">"));
  EXPECT_TRUE(page.has(table_row("Mottagningsenheten Berg", {"2", "1", "1", "50,0\u00A0%"}))) << page.html;
  EXPECT_FALSE(page.has("Östersund")) << page.html;
}

// The page is about the unit itself: by default its own steps only; "Alla
// steg i de ärenden vi ser" is the API's scope as for lists.
TEST_F(WebFollowUpTest, AUnitSeesItsOwnStepsUnlessItAsksForAll) {
  const std::string cookie = login(token(Role::school, "school:berg"));
  const Page own = open(november, cookie);
  ASSERT_EQ(own.status, 200) << own.html;
  EXPECT_TRUE(own.has("<option value=\"school:berg\" selected=\"selected\">Våra steg (Grundskolan Berg)</option>"))
      << own.html;
  EXPECT_TRUE(own.has("Här räknas era egna steg, de som Grundskolan Berg ansvarar för")) << own.html;
  EXPECT_TRUE(own.has(table_row("Grundskolan Berg", {"1", "0", "1", "0,0\u00A0%"}))) << own.html;  // plan_school_start
  EXPECT_FALSE(own.has("Mottagningsenheten Berg")) << own.html;
  EXPECT_FALSE(own.has("Hälsocentralen Berg")) << own.html;
  // The aging of its own overdue step: 7 working days, in 6–10.
  EXPECT_TRUE(own.has(table_row("Summa", {"0", "1", "0", "0", "1"}))) << own.html;
  EXPECT_TRUE(own.has("href=\"/uppfoljning.csv?fran=2026-11-01&amp;till=2026-11-30\"")) << own.html;

  const Page all = open(std::string(november) + "&enhet=alla", cookie);
  ASSERT_EQ(all.status, 200) << all.html;
  EXPECT_TRUE(all.has("<option value=\"alla\" selected=\"selected\">")) << all.html;
  EXPECT_TRUE(all.has(table_row("Mottagningsenheten Berg", {"2", "1", "1", "50,0\u00A0%"}))) << all.html;
  EXPECT_TRUE(all.has(table_row("Grundskolan Berg", {"1", "0", "1", "0,0\u00A0%"}))) << all.html;
  EXPECT_TRUE(all.has("href=\"/uppfoljning.csv?fran=2026-11-01&amp;till=2026-11-30&amp;enhet=alla\"")) << all.html;
}

// The coordinator sees every unit, or one it chooses.
TEST_F(WebFollowUpTest, TheCoordinatorMayChooseOneUnit) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page all = open(november, cookie);
  EXPECT_TRUE(all.has("<option value=\"\" selected=\"selected\">Alla enheter</option>")) << all.html;
  EXPECT_TRUE(all.has("<option value=\"hc:berg\">Hälsocentralen Berg</option>")) << all.html;
  const Page one = open(std::string(november) + "&enhet=reception:berg", cookie);
  ASSERT_EQ(one.status, 200) << one.html;
  EXPECT_TRUE(one.has("Här räknas stegen som Mottagningsenheten Berg ansvarar för.")) << one.html;
  // Per municipality: Berg's two reception steps, one on time, one late.
  EXPECT_TRUE(one.has(table_row("Berg", {"2", "1", "1", "50,0\u00A0%"}))) << one.html;
  EXPECT_FALSE(one.has(table_row("Östersund", {"3", "1", "2", "33,3\u00A0%"}))) << one.html;
}

TEST_F(WebFollowUpTest, EveryRoleHasTheMenuEntry) {
  for (const auto& [role, actor] : {std::pair{Role::reception, "reception:berg"}, std::pair{Role::hc, "hc:berg"},
                                    std::pair{Role::school, "school:berg"},
                                    std::pair{Role::coordinator, "lst:jamtland"}}) {
    const Page page = open("/att-gora", login(token(role, actor)));
    EXPECT_TRUE(page.has("<a href=\"/uppfoljning\">Uppföljning</a>")) << actor;
  }
}

TEST_F(WebFollowUpTest, BadParametersAre400NamingTheField) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  static const struct {
    const char* target;
    const char* named;  // the field's link in the error summary, or the parameter's name
  } cases[] = {
      {"/uppfoljning?fran=2026-02-30", "href=\"#fran\""},
      {"/uppfoljning?fran=2026-11-01&till=2026-10-01", "href=\"#till\""},
      {"/uppfoljning?datum=igår", "href=\"#datum\""},
      {"/uppfoljning?steg=boka_taxi", "href=\"#steg\""},
      {"/uppfoljning?per=land", "href=\"#per\""},
      {"/uppfoljning?mal=120", "href=\"#mal\""},
      {"/uppfoljning?mal=9x", "href=\"#mal\""},
      {"/uppfoljning?from=2026-11-01", "(from)"},
      {"/uppfoljning?enhet=school:atlantis", "href=\"#enhet\""},
      {"/uppfoljning?=x", "en parameter utan namn"},
      {"/uppfoljning?fran=2027-01-01&datum=2026-11-25", "när Till och med är tomt"},
      {"/uppfoljning.csv?steg=boka_taxi", "href=\"#steg\""},
  };
  for (const auto& c : cases) {
    const Page page = open(c.target, cookie);
    EXPECT_EQ(page.status, 400) << c.target;
    EXPECT_TRUE(page.has("Urvalet har fel")) << c.target;
    EXPECT_TRUE(page.has(c.named)) << c.target << ": " << page.html;
    EXPECT_FALSE(page.has("<svg")) << c.target;
  }
}

TEST_F(WebFollowUpTest, MarkupInTheUrlIsShownAsText) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page page = open("/uppfoljning?fran=%3Cscript%3Ealert(1)%3C%2Fscript%3E", cookie);
  EXPECT_EQ(page.status, 400);
  EXPECT_FALSE(page.has("<script>alert")) << page.html;
  EXPECT_TRUE(page.has("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")) << page.html;
}

TEST_F(WebFollowUpTest, TheDownloadIsTheApisFile) {
  const std::string coordinator = token(Role::coordinator, "lst:jamtland");
  const Page file = open("/uppfoljning.csv?fran=2026-11-01&till=2026-11-30", login(coordinator));
  ASSERT_EQ(file.status, 200) << file.html;
  EXPECT_EQ(file.raw.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(*file.raw.header("Content-Disposition"),
            "attachment; filename=\"uppfoljning-2026-11-01-2026-11-30.csv\"; "
            "filename*=UTF-8''uppf%C3%B6ljning-2026-11-01-2026-11-30.csv");
  Request request;
  request.method = "GET";
  request.target = "/v1/follow-up?from=2026-11-01&to=2026-11-30&format=csv";
  request.headers["authorization"] = "Bearer " + coordinator;
  EXPECT_EQ(file.html, answer(*handler_, request).body);
  EXPECT_NE(file.html.find("\r\nÖstersund;Informera hälsocentralen;1;0;0;0;100,0;\r\n"), std::string::npos)
      << file.html;
}

TEST_F(WebFollowUpTest, WithoutASessionThePageIsTheLoginPage) {
  for (const char* target : {"/uppfoljning", "/uppfoljning.csv"}) {
    const Page page = open(target, "");
    EXPECT_EQ(page.status, 303) << target;
    EXPECT_EQ(page.location(), "/logga-in?till=" + web::percent_encoded(target)) << target;
  }
}

}  // namespace
}  // namespace kedja::server::testing
