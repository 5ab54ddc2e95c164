// The web pages' lists as CSV files for Excel (issue 13 "Download"):
// /att-gora.csv and /oversikt.csv take their page's query string and answer
// its whole list through the one CSV writer — BOM, ';', CRLF, Swedish
// headers, formula cells neutralised — with the page's scope, the
// coordinator's pseudonyms and the same audit rows.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using WebDownloadTest = WebTest;

// The file's lines without the BOM and their CRLF; fails if one lacks it.
std::vector<std::string> csv_lines(const std::string& file) {
  EXPECT_TRUE(file.starts_with("\xEF\xBB\xBF")) << "no BOM";
  std::vector<std::string> lines;
  std::string_view rest = std::string_view(file).substr(std::min<std::size_t>(3, file.size()));
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    EXPECT_NE(end, std::string_view::npos) << "a line without CRLF: " << rest;
    if (end == std::string_view::npos) break;
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 2);
  }
  return lines;
}

std::string unescaped(std::string link) {
  for (std::size_t at; (at = link.find("&amp;")) != std::string::npos;) link.replace(at, 5, "&");
  return link;
}

TEST_F(WebDownloadTest, TheTabsListDownloadsAsAnExcelFileWithASwedishName) {
  notified_child("ostersund", "Samir");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page page = open("/att-gora?flik=snart&sortera=namn", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has(">Ladda ned (CSV)</a>"));
  const std::string link = unescaped(first_group(page.html, "href=\"(/att-gora\\.csv[^\"]*)\""));
  EXPECT_EQ(link, "/att-gora.csv?flik=snart&sortera=namn");

  const Page file = open(link, cookie);
  ASSERT_EQ(file.status, 200) << file.html;
  EXPECT_EQ(file.raw.content_type, "text/csv; charset=utf-8");
  ASSERT_NE(file.raw.header("Content-Disposition"), nullptr);
  EXPECT_EQ(*file.raw.header("Content-Disposition"),
            "attachment; filename=\"att-gora-snart-2026-11-25.csv\"; "
            "filename*=UTF-8''att-g%C3%B6ra-f%C3%B6rfaller-snart-2026-11-25.csv");
  ASSERT_NE(file.raw.header("Cache-Control"), nullptr);
  EXPECT_EQ(*file.raw.header("Cache-Control"), "no-store");
  const auto lines = csv_lines(file.html);
  ASSERT_EQ(lines.size(), 3u) << file.html;  // the header and the two reception steps
  EXPECT_EQ(lines[0],
            "Ärende;Förnamn;Efternamn;Födelsedatum;Ålder;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
            "Arbetsdagar kvar;Språk;Tolkbehov;Hushåll");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_NE(lines[i].find(";Samir;Haddad;2018-04-02;8;Östersund;"), std::string::npos) << lines[i];
    EXPECT_NE(lines[i].find(";Mottagningsenheten Östersund;2026-11-25;2026-11-25;0;arabiska;ja;HH-Samir"),
              std::string::npos)
        << lines[i];
  }
  EXPECT_NE(file.html.find(";Informera hälsocentralen;"), std::string::npos);
  EXPECT_NE(file.html.find(";Informera skolan och förskolekön;"), std::string::npos);
}

TEST_F(WebDownloadTest, AFormulaInANameIsWrittenAsText) {
  notified_child("ostersund", "=HYPERLINK(\"http://x\")");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page file = open("/att-gora.csv?flik=snart", cookie);
  ASSERT_EQ(file.status, 200);
  EXPECT_NE(file.html.find(";\"'=HYPERLINK(\"\"http://x\"\")\";Haddad;"), std::string::npos) << file.html;
}

TEST_F(WebDownloadTest, TheFileHoldsEveryPageOfTheListWithThePagesFiltersAndSort) {
  // More rows than one page of the list shows (50), and one person filtered out.
  for (int i = 0; i < 30; ++i) notified_child("ostersund", "Barn" + std::to_string(100 + i));
  Json adult = person("ostersund", "2018-04-02", "Vuxen");  // a child needing no interpreter
  adult["interpreter_needed"] = false;
  adult["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", today_text}, {"expected_arrival", "2026-12-07"}}});
  create_case(adult);
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page page = open("/att-gora?flik=snart", cookie);
  EXPECT_TRUE(page.has("Sida 1 av 2"));
  const auto all = csv_lines(open("/att-gora.csv?flik=snart&sida=2", cookie).html);
  EXPECT_EQ(all.size(), 1u + 62u);  // every row, whatever page the link came from

  const auto lines = csv_lines(open("/att-gora.csv?flik=snart&tolk=ja&sortera=namn&ordning=fallande", cookie).html);
  ASSERT_EQ(lines.size(), 1u + 60u);
  EXPECT_EQ(open("/att-gora.csv?flik=snart&tolk=ja", cookie).html.find("Vuxen"), std::string::npos);
  EXPECT_NE(lines[1].find(";Barn129;"), std::string::npos) << lines[1];
  EXPECT_NE(lines[60].find(";Barn100;"), std::string::npos) << lines[60];
}

TEST_F(WebDownloadTest, TheCoordinatorsFileHasPseudonymsOnlyAsThePage) {
  Json body = person("ostersund", "2018-04-02", "Zainab");
  body["family_name"] = "Qureshi";
  body["household"] = "HH-Qureshi";
  body["external_ref"] = "MIG-77731";
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}}});
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  const Page file = open("/att-gora.csv?flik=forsenade&kommun=ostersund", cookie);
  ASSERT_EQ(file.status, 200);
  const auto lines = csv_lines(file.html);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "Ärende;Födelseår;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;Arbetsdagar försenad;Språk;Tolkbehov");
  EXPECT_EQ(lines[1].rfind(id + ";2018;Östersund;", 0), 0u) << lines[1];
  for (const char* secret : {"Zainab", "Qureshi", "HH-Qureshi", "MIG-77731", "2018-04-02", "2018-01-01"})
    EXPECT_EQ(file.html.find(secret), std::string::npos) << secret;
}

TEST_F(WebDownloadTest, TheFileHoldsOnlyTheCallersScope) {
  notified_child("ostersund", "Samir");
  notified_child("berg", "Bergsbo");
  const auto file = open("/att-gora.csv?flik=snart", login(token(Role::reception, "reception:berg"))).html;
  EXPECT_EQ(file.find("Samir"), std::string::npos);
  EXPECT_NE(file.find("Bergsbo"), std::string::npos);
  const auto hc = open("/att-gora.csv?flik=snart", login(token(Role::hc, "hc:berg"))).html;
  EXPECT_EQ(hc.find("Bergsbo"), std::string::npos);  // the reception's steps, not the health centre's
}

TEST_F(WebDownloadTest, ADownloadIsAuditedAsThePageIs) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const auto listed = [&] {
    std::size_t rows = 0;
    const Json audit = get("/v1/audit?case=" + id, admin_).body;
    for (const auto& entry : audit["items"])
      if (entry["actor"] == "reception:ostersund" && entry["action"] == "list work") ++rows;
    return rows;
  };
  ASSERT_EQ(open("/att-gora?flik=snart", cookie).status, 200);
  EXPECT_EQ(listed(), 1u);
  ASSERT_EQ(open("/att-gora.csv?flik=snart", cookie).status, 200);
  EXPECT_EQ(listed(), 2u);  // the page's row again: the same storage call
}

TEST_F(WebDownloadTest, TheOverviewDownloadsAsCountsPerMunicipalityAndStep) {
  Json body = person("ostersund", "2018-04-02", "Zainab");
  body["events"] = Json::array(
      {{{"type", "arrival_notice_received"}, {"date", "2026-11-02"}, {"expected_arrival", "2026-11-09"}}});
  create_case(body);
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  EXPECT_TRUE(open("/oversikt", cookie).has("href=\"/oversikt.csv\""));
  const Page file = open("/oversikt.csv?datum=2026-11-25", cookie);
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(*file.raw.header("Content-Disposition"),
            "attachment; filename=\"oversikt-per-kommun-2026-11-25.csv\"; "
            "filename*=UTF-8''%C3%B6versikt-per-kommun-2026-11-25.csv");
  const auto lines = csv_lines(file.html);
  ASSERT_EQ(lines.size(), 3u) << file.html;
  EXPECT_EQ(lines[0],
            "Kommun;Steg;Försenade;Äldsta förfallodatum;Försenade 1–5 arbetsdagar;Försenade 6–10 arbetsdagar;"
            "Försenade 11–20 arbetsdagar;Försenade 21+ arbetsdagar");
  EXPECT_NE(file.html.find("Östersund;Informera hälsocentralen;1;2026-11-02"), std::string::npos) << file.html;
  EXPECT_EQ(file.html.find("Zainab"), std::string::npos);
}

TEST_F(WebDownloadTest, ABadParameterIs400OnThePageAndNoFile) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  for (const char* target : {"/att-gora.csv?flik=alla", "/att-gora.csv?datum=2026-02-30", "/oversikt.csv?x=1"}) {
    const Page page = open(target, cookie);
    EXPECT_EQ(page.status, 400) << target;
    EXPECT_EQ(page.raw.content_type, "text/html; charset=utf-8") << target;
    EXPECT_EQ(page.raw.header("Content-Disposition"), nullptr) << target;
  }
}

TEST_F(WebDownloadTest, WithoutASessionTheFileIsNotSentButTheLoginPage) {
  notified_child("ostersund", "Samir");
  const Page page = open("/att-gora.csv?flik=snart", "");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.location(), "/logga-in?till=%2Fatt-gora.csv%3Fflik%3Dsnart");
  EXPECT_EQ(page.html.find("Samir"), std::string::npos);
}

}  // namespace
}  // namespace kedja::server::testing
