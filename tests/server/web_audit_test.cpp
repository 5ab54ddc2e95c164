// Loggkontroll (issue 14 §6): the admin searches the audit log by token,
// case and period, draws the seeded sample of reads (and its CSV), and
// prints a person's log extract; every other role gets the 403 page, every
// bad input is named in Swedish at its field, and nothing is written.
#include "server/today.h"
#include "server/web/audit_words.h"
#include "storage/audit_actions.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

class WebAuditTest : public WebTest {
 protected:
  // Imports `file` on the page Importera as `cookie`'s session: upload
  // (multipart), then confirm. Returns the confirm's status.
  int import_file(const std::string& cookie, const std::string& file) {
    const std::string boundary = "----kedjaTestBoundary";
    Request request;
    request.method = "POST";
    request.target = "/importera";
    request.headers["cookie"] = "kedja_session=" + cookie;
    request.headers["content-type"] = "multipart/form-data; boundary=" + boundary;
    request.body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf(cookie) +
                   "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"a.csv\"\r\n"
                   "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
    const Response uploaded = answer(*handler_, request);
    const auto* preview = uploaded.header("Location");
    if (uploaded.status != 303 || !preview) return uploaded.status;
    return post_form(*preview, {{"csrf", csrf(cookie)}}, cookie).status;
  }
  static std::string two_people() {
    return "Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Hushåll;Kommun;Aviseringsdatum;"
           "Förväntat ankomstdatum\n"
           "MIG-1;Selam;Berhane;2016-05-05;K;tigrinja;HH-1;Krokom;2026-11-20;2026-12-07\n"
           "MIG-2;Yonas;Berhane;2014-02-01;M;tigrinja;HH-1;Krokom;2026-11-20;2026-12-07\n";
  }
  // The id of the case `name` (given name) as the admin finds it.
  std::string case_named(const std::string& name) {
    return get("/v1/cases?q=" + name, admin_).body["items"][0].value("id", "");
  }
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
      {"a bad first day", "/loggkontroll?fran=31/12", 400, "Från och med ska skrivas ÅÅÅÅ-MM-DD"},
      {"no such first day", "/loggkontroll?fran=2026-02-30", 400, "Från och med finns inte i kalendern (2026-02-30)"},
      {"a last day before the first", "/loggkontroll?fran=2026-11-02&till=2026-11-01", 400,
       "Till och med ska vara ett datum ÅÅÅÅ-MM-DD, inte före Från och med"},
      {"an unknown parameter", "/loggkontroll?nyckl=x", 400, "Okänd parameter i adressen (nyckl)"},
      {"a stale page", "/loggkontroll?nyckel=cli&sida=bm90", 400, "Sidan i adressen gäller inte"},
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
       "Det finns inget ärende med id:t ”c0000000000000000”"},
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

TEST_F(WebAuditTest, AnImportIsAChangeInSwedishAndNeverSampledAsARead) {
  const std::string mv = login(token(Role::mv, "mv:jamtland"));
  ASSERT_EQ(import_file(mv, two_people()), 303);
  const std::string selam = case_named("Selam");
  ASSERT_FALSE(selam.empty());
  const std::string cookie = login(admin_);
  const Page search = open("/loggkontroll?nyckel=mv%20mv%3Ajamtland&" + period(), cookie);
  ASSERT_EQ(search.status, 200) << search.html;
  EXPECT_TRUE(search.has("<td>Ändring</td><td>Importerade 2 ärenden</td>")) << search.html;
  EXPECT_FALSE(search.has(">import<"));
  EXPECT_FALSE(search.has("Läsning"));  // mv's import read nothing
  const Page extract = open("/loggkontroll/utdrag?arende=" + selam, cookie);
  ASSERT_EQ(extract.status, 200) << extract.html;
  EXPECT_TRUE(extract.has("<td>Ändring</td><td>Importerade ärendet, ett av 2 i samma import</td>")) << extract.html;
  // The sample of reads, all of the period's: the import is not among them.
  const Page sample = open("/loggkontroll/stickprov?" + period() + "&antal=100&urval=7", cookie);
  ASSERT_EQ(sample.status, 200) << sample.html;
  EXPECT_FALSE(sample.has("Importerade"));
  const Page csv = open("/loggkontroll/stickprov.csv?" + period() + "&antal=100&urval=7", cookie);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.html.find("Importerade"), std::string::npos);
  EXPECT_EQ(csv.html.find(";import;"), std::string::npos);
}

// Every action of storage/audit_actions.h has Swedish words, without the
// English of the stored action.
TEST_F(WebAuditTest, EveryAuditActionHasSwedishWords) {
  for (const storage::AuditAction& known : storage::audit_actions) {
    const std::string stored = std::string(known.action) + (known.prefix ? (known.action.starts_with("read") ? "3)" : "3") : "");
    for (const std::int64_t cases : {1, 2}) {
      const auto words = web::audit_action_words(stored, cases, EventType::arrived);
      ASSERT_TRUE(words.has_value()) << stored;
      static const std::regex english(
          R"x(\b(import|read|list|create|append|token|revoke|feed|duplicate|check|event|overdue|due|work|repeated)\b)x",
          std::regex::icase);
      EXPECT_FALSE(std::regex_search(*words, english)) << stored << " → " << *words;
    }
    EXPECT_EQ(web::audit_kind_words(!known.write), known.write ? "Ändring" : "Läsning") << stored;
  }
}

// Every kind of row Kedja writes — through the API, the pages, a feed, a
// token's life — is one the list of actions knows, with its kind, and the
// pages show none of them in English.
TEST_F(WebAuditTest, EveryActionTheSystemWritesIsKnownAndShownInSwedishWithItsKind) {
  const std::string child = notified_child("ostersund");                        // create, append
  const Json event = {{"type", "health_centre_notified"}, {"date", "2026-11-25"}, {"event_id", "e-1"}};
  ASSERT_EQ(post("/v1/cases/" + child + "/events", admin_, event).status, 201);   // append
  ASSERT_EQ(post("/v1/cases/" + child + "/events", admin_, event).status, 200);   // read (repeated event)
  const std::string reception = token(Role::reception, "reception:ostersund");
  for (const char* path : {"/v1/cases/", "/v1/cases?limit=5", "/v1/overdue?as_of=2026-12-31",
                           "/v1/due?actor=reception:ostersund&from=2026-11-01&to=2026-12-31"})
    ASSERT_EQ(get(path == std::string("/v1/cases/") ? path + child : path, reception).status, 200) << path;
  const std::string reception_page = login(reception);
  ASSERT_EQ(open("/att-gora?flik=snart", reception_page).status, 200);            // list work
  const Reply feed = post("/v1/tokens", admin_, {{"actor", "hc:ostersund"}, {"role", "hc"}, {"kind", "feed"},
                                                 {"name", "flode"}});
  ASSERT_EQ(feed.status, 201);
  ASSERT_EQ(get("/v1/feeds/hc:ostersund.ics", feed.body.value("token", "")).status, 200);  // feed
  ASSERT_EQ(call("DELETE", "/v1/tokens/flode", admin_).status, 204);                 // token create, revoke
  const std::string mv = login(token(Role::mv, "mv:jamtland"));
  ASSERT_EQ(import_file(mv, two_people()), 303);                                      // import
  // Ny ankomst: the same person again is a duplicate check; confirmed, a create.
  const std::vector<std::pair<std::string, std::string>> again = {
      {"hushall", "HH-2"}, {"sprak", "tigrinja"}, {"kommun", "krokom"}, {"p1-fornamn", "Selam"},
      {"p1-efternamn", "Berhane"}, {"p1-fodelsedatum", "2016-05-05"}, {"p1-kon", "K"}};
  auto fields = again;
  fields.emplace_back("csrf", csrf(mv));
  ASSERT_EQ(post_form("/ny-ankomst", fields, mv).status, 409);                         // duplicate check
  fields.emplace_back("p1-ny", "ja");
  ASSERT_EQ(post_form("/ny-ankomst", fields, mv).status, 303);                         // create

  storage::AuditQuery all;
  all.from_utc = "2000-01-01T00:00:00.000Z";
  all.limit = 1000;
  const auto rows = store_->audit_log(all).items;
  std::set<std::string> seen;
  for (const auto& row : rows) {
    const storage::AuditAction* known = storage::find_audit_action(row.entry.action);
    ASSERT_NE(known, nullptr) << "an action the list does not know: " << row.entry.action;
    EXPECT_EQ(row.read, !known->write) << row.entry.action;
    seen.insert(std::string(known->action));
  }
  for (const storage::AuditAction& known : storage::audit_actions)
    EXPECT_TRUE(seen.contains(std::string(known.action))) << "no row of " << known.action << " was made";
  const std::string cookie = login(admin_);
  const Page page = open("/loggkontroll?fran=2000-01-01", cookie);
  ASSERT_EQ(page.status, 200);
  for (const auto& row : rows) EXPECT_FALSE(page.has("<td>" + row.entry.action + "</td>")) << row.entry.action;
}

TEST_F(WebAuditTest, WhatIsTypedIsTrimmedAndACaseIdFoundInItsAddressOrCapitals) {
  const std::string child = notified_child("ostersund");
  std::string upper = child;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string cookie = login(admin_);
  for (const std::string& typed : {"%20" + child, "+" + child, upper, "https%3A%2F%2Fkedja.example%2Farenden%2F" + child,
                                   "%2Farenden%2F" + child + "%2F", child + "%C2%A0"}) {
    const Page page = open("/loggkontroll?arende=" + typed, cookie);
    EXPECT_EQ(page.status, 200) << typed << page.html;
    EXPECT_TRUE(page.has("Registrerade ärendet")) << typed;
    EXPECT_FALSE(page.has("Inga loggrader matchar")) << typed;
    EXPECT_EQ(open("/loggkontroll/utdrag?arende=" + typed, cookie).status, 200) << typed;
  }
  // A token's name with a space after it: the token's rows.
  const Page spaced = open("/loggkontroll?nyckel=admin%20&" + period(), cookie);
  EXPECT_EQ(spaced.status, 200) << spaced.html;
  EXPECT_TRUE(spaced.has("Registrerade ärendet"));
}

TEST_F(WebAuditTest, ACaseOrTokenThatDoesNotExistIsSaidSoNotNoRows) {
  notified_child("ostersund");
  token(Role::reception, "reception:ostersund");
  const std::string cookie = login(admin_);
  const Page no_case = open("/loggkontroll?arende=c0123456789abcdef", cookie);
  EXPECT_EQ(no_case.status, 404);
  EXPECT_TRUE(no_case.has("Det finns inget ärende med id:t ”c0123456789abcdef”")) << no_case.html;
  EXPECT_TRUE(no_case.has("href=\"#arende\""));
  EXPECT_FALSE(no_case.has("Inga loggrader matchar"));
  // Token names tell capitals apart: the name in other capitals is suggested.
  const Page capitals = open("/loggkontroll?nyckel=RECEPTION%20RECEPTION%3AOSTERSUND", cookie);
  EXPECT_EQ(capitals.status, 404);
  EXPECT_TRUE(capitals.has("Det finns ingen nyckel som heter ”RECEPTION RECEPTION:OSTERSUND”")) << capitals.html;
  EXPECT_TRUE(capitals.has("Menade du ”reception reception:ostersund”?"));
  EXPECT_TRUE(capitals.has("id=\"nyckel\"") && capitals.has("aria-invalid=\"true\""));
  const Page unknown = open("/loggkontroll?nyckel=ingen-sadan", cookie);
  EXPECT_TRUE(unknown.has("Det finns ingen nyckel som heter ”ingen-sadan”"));
}

TEST_F(WebAuditTest, APageOpenedWithoutASearchShowsNoErrorsAndEachPageNamesItsOwnFields) {
  const std::string cookie = login(admin_);
  for (const char* path : {"/loggkontroll", "/loggkontroll/stickprov", "/loggkontroll/utdrag"}) {
    const Page page = open(path, cookie);
    EXPECT_EQ(page.status, 200) << path;
    EXPECT_FALSE(page.has("aria-invalid")) << path << page.html;
    EXPECT_FALSE(page.has("error-summary")) << path;
    EXPECT_FALSE(page.has("field-error")) << path;
  }
  const Page empty_search = open("/loggkontroll?nyckel=&arende=&fran=&till=", cookie);
  EXPECT_EQ(empty_search.status, 400);
  EXPECT_TRUE(empty_search.has("Fyll i en nyckel, ett ärende eller en period"));
  const Page empty_extract = open("/loggkontroll/utdrag?arende=", cookie);
  EXPECT_EQ(empty_extract.status, 400);
  EXPECT_TRUE(empty_extract.has("Fyll i ärendets id")) << empty_extract.html;
  EXPECT_FALSE(empty_extract.has("Fyll i en nyckel")) << "the extract has no Nyckel field";
}

}  // namespace
}  // namespace kedja::server::testing
