// Loggkontroll (issue 14 §6): the admin searches the audit log by token,
// case and period, draws the seeded sample of reads (and its CSV), and
// prints a person's log extract; every other role gets the 403 page, every
// bad input is named in Swedish at its field, and nothing is written.
#include "server/today.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

class WebAuditTest : public WebTest {
 protected:
  // The rows of the audit log in the clock's last two days, every token's:
  // what a refused page must leave as it was.
  std::size_t audit_rows() {
    const std::string from = format_date(stockholm_today() - date::days{1});
    return get("/v1/audit?limit=1000&from=" + from, admin_).body["items"].size();
  }
  // Today and yesterday by the clock (the rows are stamped with it).
  static std::string period() {
    const Date today = stockholm_today();
    return "fran=" + format_date(today - date::days{1}) + "&till=" + format_date(today);
  }
};

TEST_F(WebAuditTest, TheAdminFindsATokensReadsWithUnitTimeWordsAndTheCase) {
  const std::string child = notified_child("ostersund");
  const std::string hc = login(token(Role::hc, "hc:ostersund"));
  ASSERT_EQ(open("/arenden/" + child, hc).status, 200);
  const std::string cookie = login(admin_);
  const Page start = open("/loggkontroll", cookie);
  ASSERT_EQ(start.status, 200);
  EXPECT_TRUE(start.has("href=\"/loggkontroll\" aria-current=\"page\""));
  EXPECT_TRUE(start.has("<option value=\"hc hc:ostersund\">"));  // the token names to choose from
  const Page page = open("/loggkontroll?nyckel=hc%20hc%3Aostersund&" + period(), cookie);
  ASSERT_EQ(page.status, 200) << page.html;
  EXPECT_TRUE(page.has("Hälsocentralen Östersund"));
  EXPECT_TRUE(page.has("Läste ärendet"));
  EXPECT_TRUE(page.has("Läsning"));
  EXPECT_TRUE(page.has("href=\"/arenden/" + child + "\""));
  EXPECT_FALSE(page.has("Registrerade ärendet"));  // the admin's create is not the health centre's
  for (const char* header : {"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Cache-Control"})
    EXPECT_TRUE(page.raw.header(header)) << header;
  // The case alone: every token's rows about it, the create in words.
  const Page by_case = open("/loggkontroll?arende=" + child, cookie);
  EXPECT_TRUE(by_case.has("Registrerade ärendet"));
}

TEST_F(WebAuditTest, TheExtractListsWhoReadTheCaseFromWhichUnitAndIsPrintable) {
  const std::string child = notified_child("ostersund", "Nour");
  const std::string hc = login(token(Role::hc, "hc:ostersund"));
  ASSERT_EQ(open("/arenden/" + child, hc).status, 200);
  const std::string reception = login(token(Role::reception, "reception:ostersund"));
  ASSERT_EQ(open("/att-gora?flik=snart", reception).status, 200);
  const std::string cookie = login(admin_);
  const Page page = open("/loggkontroll/utdrag?arende=" + child, cookie);
  ASSERT_EQ(page.status, 200) << page.html;
  EXPECT_TRUE(page.has("<h1>Loggutdrag</h1>"));
  EXPECT_TRUE(page.has("Nour Haddad"));
  EXPECT_TRUE(page.has("Hälsocentralen Östersund"));
  EXPECT_TRUE(page.has("Mottagningsenheten Östersund"));
  EXPECT_TRUE(page.has("Att göra-listan"));
  EXPECT_TRUE(page.has("class=\"hint no-print\""));
}

TEST_F(WebAuditTest, TheSampleGetsItsNumberInTheAddressAndDrawsTheSameRowsAgain) {
  const std::string hc = login(token(Role::hc, "hc:ostersund"));
  for (const char* name : {"A", "B", "C", "D"}) {
    const std::string id = notified_child("ostersund", name);
    ASSERT_EQ(open("/arenden/" + id, hc).status, 200);
  }
  const std::string cookie = login(admin_);
  const Page form = open("/loggkontroll/stickprov", cookie);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("value=\"2026-10-01\""));  // last month, as of the pages' today
  const Page drawn = open("/loggkontroll/stickprov?" + period() + "&antal=3", cookie);
  ASSERT_EQ(drawn.status, 303);
  const std::string location = drawn.location();
  EXPECT_NE(location.find("urval="), std::string::npos) << location;
  const Page first = open(location, cookie);
  ASSERT_EQ(first.status, 200) << first.html;
  EXPECT_TRUE(first.has("3 slumpvis valda läsningar"));
  EXPECT_FALSE(first.has("Ändring"));  // reads only
  const Page again = open(location, cookie);
  const auto table = [](const std::string& html) { return html.substr(html.find("<table")); };
  EXPECT_EQ(table(again.html), table(first.html));
  const std::string csv_url = "/loggkontroll/stickprov.csv" + location.substr(location.find('?'));
  const Page csv = open(csv_url, cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.content_type, "text/csv; charset=utf-8");
  EXPECT_TRUE(csv.html.starts_with("\xEF\xBB\xBFTid (svensk tid);Tid (UTC);Enhet;"));
  EXPECT_EQ(std::count(csv.html.begin(), csv.html.end(), '\n'), 4);  // the header and three rows, CRLF
  EXPECT_NE(csv.html.find(";Läsning;"), std::string::npos);
}

TEST_F(WebAuditTest, EveryOtherRoleIsRefusedAndNothingIsWritten) {
  for (const auto& [role, actor] : std::vector<std::pair<Role, std::string>>{
           {Role::reception, "reception:ostersund"}, {Role::hc, "hc:ostersund"}, {Role::coordinator, "lst:jamtland"}}) {
    const std::string cookie = login(token(role, actor));
    const std::size_t before = audit_rows();
    for (const char* path : {"/loggkontroll", "/loggkontroll/stickprov", "/loggkontroll/utdrag",
                             "/loggkontroll/stickprov.csv?fran=2026-11-01&till=2026-11-30&urval=1",
                             "/loggkontroll/utdrag?arende=c0000000000000000"})
      EXPECT_EQ(open(path, cookie).status, 403) << actor << " " << path;
    EXPECT_EQ(audit_rows(), before) << actor;
    EXPECT_FALSE(open("/att-gora", cookie).has("href=\"/loggkontroll\"")) << actor;
  }
}

TEST_F(WebAuditTest, EveryBadInputIsNamedInSwedishAtItsFieldAndWritesNothing) {
  const std::string child = notified_child("ostersund");
  const std::string cookie = login(admin_);
  static const struct {
    const char* what;
    const char* target;
    int status;
    const char* shown;
  } cases[] = {
      {"a bad first day", "/loggkontroll?fran=31/12", 400, "Från och med ska vara ett datum"},
      {"a last day before the first", "/loggkontroll?fran=2026-11-02&till=2026-11-01", 400,
       "Till och med ska vara ett datum ÅÅÅÅ-MM-DD, inte före Från och med"},
      {"an unknown parameter", "/loggkontroll?nyckl=x", 400, "Okänd parameter i adressen (nyckl)"},
      {"a stale page", "/loggkontroll?nyckel=x&sida=bm90", 400, "Sidan i adressen gäller inte"},
      {"a sample without a period", "/loggkontroll/stickprov?antal=5", 400, "Fyll i periodens första dag"},
      {"a sample of 0 rows", "/loggkontroll/stickprov?fran=2026-11-01&till=2026-11-30&antal=0", 400,
       "Antal rader ska vara ett heltal 1–100"},
      {"a sample number not a number", "/loggkontroll/stickprov?fran=2026-11-01&till=2026-11-30&urval=abc", 400,
       "Urvalet ska vara ett heltal 1–999999999"},
      {"a sample by token", "/loggkontroll/stickprov?fran=2026-11-01&till=2026-11-30&nyckel=x", 400,
       "Okänd parameter i adressen (nyckel)"},
      {"a file without a number", "/loggkontroll/stickprov.csv?fran=2026-11-01&till=2026-11-30", 400,
       "Fyll i urvalets nummer"},
      {"an extract without a case", "/loggkontroll/utdrag?fran=2026-11-01", 400, "Fyll i ärendets id"},
      {"an extract of no case", "/loggkontroll/utdrag?arende=c0000000000000000", 404,
       "Det finns inget ärende med det id:t"},
  };
  for (const auto& c : cases) {
    const std::size_t before = audit_rows();
    const Page page = open(c.target, cookie);
    EXPECT_EQ(page.status, c.status) << c.what;
    EXPECT_TRUE(page.has(c.shown)) << c.what << "\n" << page.html;
    EXPECT_TRUE(page.has("class=\"error-summary\"")) << c.what;
    EXPECT_EQ(audit_rows(), before) << c.what;
  }
  // The pages are GET only: a POST, CSRF token or not, is refused and writes nothing.
  const std::string csrf_token = csrf(cookie);
  const std::size_t before = audit_rows();
  EXPECT_EQ(post_form("/loggkontroll", {{"csrf", csrf_token}, {"nyckel", "x"}}, cookie).status, 405);
  EXPECT_EQ(post_form("/loggkontroll/utdrag", {{"arende", child}}, cookie).status, 405);
  EXPECT_EQ(audit_rows(), before);
}

}  // namespace
}  // namespace kedja::server::testing
