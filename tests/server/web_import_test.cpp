// Importera (issue 14 §4): an arrival list uploaded (multipart/form-data),
// previewed with every bad row in Swedish, and imported all or nothing only
// when confirmed — through csv/import.h, the code path of `kedja import`.
// Every refusal writes nothing: another municipality's row (scope), a role
// that may not create cases (403), a missing or wrong CSRF token (403), bad
// rows; a second confirm imports nothing more.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

const std::string header =
    "Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Hushåll;Kommun;Aviseringsdatum;Förväntat ankomstdatum\n";
const std::string krokom_rows =
    "MIG-1;Amina;Haddad;2016-05-05;K;arabiska;HH-1;Krokom;2026-11-20;2026-12-07\n"
    "MIG-2;Omar;Haddad;2014-02-01;M;arabiska;HH-1;krokom;2026-11-20;2026-12-07\n";

class WebImportTest : public WebTest {
 protected:
  // POST /importera as a browser sends a form with a file input.
  Page upload(const std::string& cookie, const std::string& file, const std::string& csrf_token,
              const std::string& file_name = "ankomster.csv") {
    const std::string boundary = "----WebKitFormBoundaryX3bY9sQk";
    std::string body;
    if (!csrf_token.empty())
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf_token + "\r\n";
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"" + file_name +
            "\"\r\nContent-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
    Request request;
    request.method = "POST";
    request.target = "/importera";
    request.headers["cookie"] = "kedja_session=" + cookie;
    request.headers["content-type"] = "multipart/form-data; boundary=" + boundary;
    request.body = body;
    Page page;
    page.raw = answer(*handler_, request);
    page.status = page.raw.status;
    page.html = page.raw.body;
    return page;
  }
  // Uploads `file` and returns the preview's address ("" when refused).
  std::string uploaded(const std::string& cookie, const std::string& file) {
    const Page page = upload(cookie, file, csrf(cookie));
    EXPECT_EQ(page.status, 303) << page.html;
    return page.location();
  }
  Page confirm(const std::string& cookie, const std::string& preview) {
    return post_form(preview, {{"csrf", csrf(cookie)}}, cookie);
  }
  std::size_t case_count() { return get("/v1/cases?limit=1000", admin_).body["items"].size(); }
  std::string login_as(Role role, const std::string& actor) { return login(token(role, actor)); }
};

TEST_F(WebImportTest, APreviewWritesNothingAndTheConfirmCreatesEveryCaseWithLinks) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const Page form = open("/importera", cookie);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("enctype=\"multipart/form-data\""));
  EXPECT_TRUE(form.has("<label for=\"fil\">Ankomstlista (CSV-fil)</label>"));
  EXPECT_TRUE(form.has("href=\"/importera\" aria-current=\"page\""));
  EXPECT_TRUE(form.has("Du kan importera personer som ska bo i Krokom."));

  const std::string preview_url = uploaded(cookie, header + krokom_rows);
  ASSERT_EQ(preview_url.rfind("/importera/", 0), 0u);
  const Page preview = open(preview_url, cookie);
  ASSERT_EQ(preview.status, 200) << preview.html;
  EXPECT_TRUE(preview.has("<th scope=\"row\">Amina Haddad</th>"));
  EXPECT_TRUE(preview.has("<dd>UTF-8</dd>"));
  EXPECT_TRUE(preview.has("Importera 2 ärenden"));
  EXPECT_TRUE(preview.has("datetime=\"2026-12-07\""));
  EXPECT_TRUE(preview.has("<td>K</td>")) << "kön as the file writes it";
  EXPECT_FALSE(preview.has("error-summary"));
  EXPECT_EQ(case_count(), 0u) << "a preview writes nothing";

  const Page confirmed = confirm(cookie, preview_url);
  ASSERT_EQ(confirmed.status, 303) << confirmed.html;
  EXPECT_EQ(confirmed.location(), preview_url);
  EXPECT_EQ(case_count(), 2u);
  const Page done = open(preview_url, cookie);
  ASSERT_EQ(done.status, 200);
  EXPECT_TRUE(done.has("2 ärenden skapades från ankomster.csv."));
  const std::string id = first_group(done.html, "href=\"/arenden/([^\"]+)\">Amina Haddad</a>");
  ASSERT_FALSE(id.empty()) << done.html;
  EXPECT_EQ(open("/arenden/" + id, cookie).status, 200);
  // The arrival notice is the reception unit's, the creation audited as the caller's import.
  const Reply the_case = get("/v1/cases/" + id, admin_);
  EXPECT_EQ(the_case.body["events"][0].value("type", ""), "arrival_notice_received");
  EXPECT_EQ(the_case.body["events"][0].value("recorded_by", ""), "reception:krokom");
  const Reply audit = get("/v1/audit?case=" + id, admin_);
  bool imported = false;
  for (const auto& item : audit.body["items"])
    imported |= item.value("action", "") == "import" && item.value("actor", "") == "reception:krokom";
  EXPECT_TRUE(imported) << audit.raw.body;
}

TEST_F(WebImportTest, ASecondConfirmImportsNothingMore) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string preview_url = uploaded(cookie, header + krokom_rows);
  ASSERT_EQ(confirm(cookie, preview_url).status, 303);
  const Page again = confirm(cookie, preview_url);
  EXPECT_EQ(again.status, 303);
  EXPECT_EQ(again.location(), preview_url);
  EXPECT_EQ(case_count(), 2u);

  // The same file uploaded again is recognised (no dossier numbers to stop it).
  const std::string no_refs = header + ";Sara;Ali;2015-01-01;K;somaliska;;Krokom;2026-11-20;2026-12-07\n";
  ASSERT_EQ(confirm(cookie, uploaded(cookie, no_refs)).status, 303);
  const Page warned = open(uploaded(cookie, no_refs), cookie);
  EXPECT_TRUE(warned.has("Samma fil har redan importerats i den här sessionen: 1 ärende skapades då."));
  EXPECT_EQ(case_count(), 3u);
}

TEST_F(WebImportTest, ARowForAnotherMunicipalityIsABadRowAndNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string file = header + krokom_rows + "MIG-3;Ali;Karimi;2016-02-03;M;dari;;Berg;2026-11-20;2026-12-07\n";
  const std::string preview_url = uploaded(cookie, file);
  const Page preview = open(preview_url, cookie);
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(preview.has("rad 4: Kommun: du kan bara importera personer som ska bo i Krokom")) << preview.html;
  EXPECT_TRUE(preview.has("Filen har fel och kan inte importeras"));
  EXPECT_FALSE(preview.has("Importera 2 ärenden"));

  // A confirm posted all the same checks the file again and refuses it.
  const Page refused = confirm(cookie, preview_url);
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(refused.has("Inget importerades"));
  EXPECT_EQ(case_count(), 0u);

  // Migrationsverket imports for the whole region.
  const std::string mv = login_as(Role::mv, "mv:jamtland");
  const std::string mv_preview = uploaded(mv, file);
  EXPECT_TRUE(open(mv_preview, mv).has("Importera 3 ärenden"));
  ASSERT_EQ(confirm(mv, mv_preview).status, 303);
  EXPECT_EQ(case_count(), 3u);
}

TEST_F(WebImportTest, RolesThatDoNotCreateCasesGet403AndNoMenuEntry) {
  for (const auto& [role, actor] : std::vector<std::pair<Role, std::string>>{
           {Role::hc, "hc:krokom"}, {Role::school, "school:krokom"}, {Role::af, "af:jamtland"},
           {Role::coordinator, "lst:jamtland"}}) {
    const std::string cookie = login_as(role, actor);
    ASSERT_FALSE(cookie.empty()) << actor;
    EXPECT_EQ(open("/importera", cookie).status, 403) << actor;
    EXPECT_FALSE(open("/att-gora", cookie).has("href=\"/importera\"")) << actor;
    EXPECT_EQ(upload(cookie, header + krokom_rows, csrf(cookie)).status, 403) << actor;
    EXPECT_EQ(open("/importera/0123456789abcdef0123456789abcdef", cookie).status, 403) << actor;
  }
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebImportTest, WithoutTheRightCsrfTokenNothingIsKeptOrWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  EXPECT_EQ(upload(cookie, header + krokom_rows, "").status, 403);
  EXPECT_EQ(upload(cookie, header + krokom_rows, std::string(64, 'a')).status, 403);
  const std::string preview_url = uploaded(cookie, header + krokom_rows);
  EXPECT_EQ(post_form(preview_url, {}, cookie).status, 403);
  EXPECT_EQ(post_form(preview_url, {{"csrf", std::string(64, '0')}}, cookie).status, 403);
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebImportTest, AnUploadBelongsToItsSession) {
  const std::string secret = token(Role::reception, "reception:krokom");
  const std::string mine = login(secret), theirs = login(secret);
  const std::string preview_url = uploaded(mine, header + krokom_rows);
  EXPECT_EQ(open(preview_url, theirs).status, 404);
  EXPECT_EQ(confirm(theirs, preview_url).status, 404);
  EXPECT_EQ(case_count(), 0u);
  EXPECT_EQ(open("/importera/nosuchupload", mine).status, 404);
}

TEST_F(WebImportTest, BadRowsAreListedInSwedishWithLineAndColumnAndNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string file = header +
                           "MIG-1;Amina;Haddad;2016-02-30;K;arabiska;;Krokom;2026-11-20;2026-12-07\n"
                           "MIG-1;Omar;Haddad;2014-02-01;Q;arabiska;;Krokom;2026-11-20;2026-12-07\n"
                           ";;Haddad;2014-02-01;M;arabiska;;Krokom;2026-11-20;2026-12-07\n";
  const Page preview = open(uploaded(cookie, file), cookie);
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(preview.has("rad 2: Födelsedatum: ”2016-02-30” är inte ett datum (ÅÅÅÅ-MM-DD)")) << preview.html;
  EXPECT_TRUE(preview.has("rad 3: Dossiernummer: ”MIG-1” finns redan på rad 2"));
  EXPECT_TRUE(preview.has("rad 3: Kön: ”Q” är inte K (kvinna), M (man) eller X"));
  EXPECT_TRUE(preview.has("rad 4: Förnamn: måste fyllas i"));
  EXPECT_TRUE(preview.has("<dt>Rader med fel</dt><dd>3</dd>"));
  EXPECT_TRUE(preview.has("Ladda upp en rättad fil"));
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebImportTest, AWindows1252FileAndAnUnknownColumnAreShownAsRead) {
  const std::string cookie = login_as(Role::reception, "reception:ostersund");
  // "Kommentar" is ignored with a warning; Å and Ö as Windows-1252 bytes.
  const std::string file =
      "F\xF6rnamn;Efternamn;F\xF6" "delsedatum;K\xF6n;Spr\xE5k;Kommun;Aviseringsdatum;F\xF6rv\xE4ntat ankomstdatum;Kommentar\n"
      "\xC5sa;\xD6" "berg;2016-05-05;K;arabiska;\xD6stersund;2026-11-20;2026-12-07;ring f\xF6rst\n";
  const Page preview = open(uploaded(cookie, file), cookie);
  ASSERT_EQ(preview.status, 200) << preview.html;
  EXPECT_TRUE(preview.has("<dd>Windows-1252</dd>"));
  EXPECT_TRUE(preview.has("<th scope=\"row\">Åsa Öberg</th>"));
  EXPECT_TRUE(preview.has("rad 1: Kommentar: okänd kolumn, hoppas över"));
  EXPECT_TRUE(preview.has("Importera 1 ärende<"));
}

TEST_F(WebImportTest, AHeaderThatCannotBeReadIsShownAndCannotBeConfirmed) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string preview_url = uploaded(cookie, "Förnamn;Efternamn;Houshold\nAmina;Haddad;HH-1\n");
  const Page preview = open(preview_url, cookie);
  EXPECT_TRUE(preview.has("Filens första rad går inte att läsa"));
  EXPECT_TRUE(preview.has("rad 1: Houshold: okänd kolumn – menade du household?")) << preview.html;
  EXPECT_TRUE(preview.has("rad 1: birth_date: kolumnen saknas (den heter födelsedatum eller birth_date)"))
      << preview.html;
  EXPECT_EQ(confirm(cookie, preview_url).status, 409);
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebImportTest, TheConfirmChecksTheFileAgainAndTrustsNoPreview) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string preview_url = uploaded(cookie, header + krokom_rows);
  ASSERT_TRUE(open(preview_url, cookie).has("Importera 2 ärenden"));
  // Meanwhile someone registers MIG-2.
  Json person_body = person("krokom", "2014-02-01", "Omar");
  person_body["external_ref"] = "MIG-2";
  create_case(person_body);
  const Page refused = confirm(cookie, preview_url);
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(refused.has("rad 3: Dossiernummer: ”MIG-2” finns redan i Kedja, i ett annat ärende")) << refused.html;
  EXPECT_EQ(case_count(), 1u);
}

TEST_F(WebImportTest, NoFileChosenIsAnErrorAtTheField) {
  const std::string cookie = login_as(Role::mv, "mv:jamtland");
  const Page page = upload(cookie, "", csrf(cookie), "");
  EXPECT_EQ(page.status, 400);
  EXPECT_TRUE(page.has("href=\"#fil\">Välj en CSV-fil att ladda upp.</a>"));
  EXPECT_TRUE(page.has("aria-invalid=\"true\""));
}

TEST_F(WebImportTest, EveryBadValueOfARowIsSaidInSwedish) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string file = header +
                           "MIG-1;Amina;Haddad;1899-12-31;K;arabiska;;Krokom;2026-11-20;2026-12-07\n"
                           "MIG-2;Omar;Haddad;2014-02-01;M;arabiska;;Krokom;1989-01-01;2026-12-07\n"
                           "MIG-3;Sara;Haddad;2014-02-01;M;arabiska;;Krokom;2026-11-20;2300-01-01\n"
                           "MIG-4;" + std::string(201, 'a') + ";Haddad;2014-02-01;M;arabiska;;Krokom;2026-11-20;\n";
  const Page preview = open(uploaded(cookie, file), cookie);
  ASSERT_EQ(preview.status, 200);
  EXPECT_TRUE(preview.has("rad 2: Födelsedatum: får inte ligga före 1900-01-01")) << preview.html;
  EXPECT_TRUE(preview.has("rad 3: Aviseringsdatum: måste ligga mellan 1990-01-01 och 2199-12-31"));
  EXPECT_TRUE(preview.has("rad 4: Förväntat ankomstdatum: måste ligga mellan 1990-01-01 och 2199-12-31"));
  EXPECT_TRUE(preview.has("rad 5: Förnamn: får vara högst 200 tecken, inte 201"));
  for (const char* english : {"must ", "lies ", "characters", "required"}) EXPECT_FALSE(preview.has(english)) << english;
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebImportTest, ThePreviewShowsInterpreterAndUnaccompaniedAsJaOrNej) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const std::string file =
      "Förnamn;Efternamn;Födelsedatum;Kön;Språk;Tolkbehov;Ensamkommande;Kommun;Aviseringsdatum;Förväntat ankomstdatum\n"
      "Amina;Haddad;2009-05-05;K;arabiska;ja;ja;Krokom;2026-11-20;2026-12-07\n"
      "Omar;Haddad;1980-02-01;M;arabiska;nej;nej;Krokom;2026-11-20;2026-12-07\n";
  const Page preview = open(uploaded(cookie, file), cookie);
  ASSERT_EQ(preview.status, 200) << preview.html;
  EXPECT_TRUE(preview.has("<th scope=\"col\">Tolkbehov</th><th scope=\"col\">Ensamkommande</th>"));
  EXPECT_TRUE(preview.has("<td>arabiska</td><td>Ja</td><td>Ja</td><td>Krokom</td>")) << preview.html;
  EXPECT_TRUE(preview.has("<td>arabiska</td><td>Nej</td><td>Nej</td><td>Krokom</td>"));
  EXPECT_EQ(case_count(), 0u);
}

}  // namespace
}  // namespace kedja::server::testing
