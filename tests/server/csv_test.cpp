// The API's CSV answers (contract §4 "CSV for spreadsheets"): ?format=csv or
// Accept: text/csv on the overdue, due, case and summary lists.
#include "csv/writer.h"
#include "fixture.h"

#include <algorithm>

namespace kedja::server::testing {
namespace {

constexpr std::string_view bom = "\xEF\xBB\xBF";

std::vector<std::string> csv_lines(const std::string& body) {
  std::vector<std::string> lines;
  std::string_view rest(body);
  if (rest.starts_with(bom)) rest.remove_prefix(bom.size());
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    if (end == std::string_view::npos) {
      lines.emplace_back(rest);
      break;
    }
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 2);
  }
  return lines;
}

class CsvAnswerTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    Json person_fields = person("ostersund", "2016-03-01", "Åsa-Liv");
    person_fields["family_name"] = "=HYPERLINK(\"http://x\";\"Klicka\")";
    person_fields["events"] = Json::array({{{"type", "arrival_notice_received"},
                                            {"date", "2026-11-02"},
                                            {"expected_arrival", "2026-11-16"}}});
    case_ = create_case(person_fields);
    coordinator_ = token(Role::coordinator, "lst:jamtland");
  }

  Response get_with(const std::string& target, const std::string& token, const std::string& accept) {
    Request request;
    request.method = "GET";
    request.target = target;
    request.headers["authorization"] = "Bearer " + token;
    if (!accept.empty()) request.headers["accept"] = accept;
    return answer(*handler_, request);
  }

  std::string case_, coordinator_;
};

TEST_F(CsvAnswerTest, EveryListAnswersCsvForFormatCsv) {
  static const struct {
    const char* target;
    const char* header;
    const char* file_name_start;
  } cases[] = {
      {"/v1/overdue?format=csv",
       "Ärende;Förnamn;Efternamn;Födelsedatum;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;Arbetsdagar försenad",
       "forsenade-steg-2026-11-25"},
      {"/v1/due?format=csv&from=2026-11-01&to=2026-11-30",
       "Ärende;Förnamn;Efternamn;Födelsedatum;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum",
       "steg-att-gora-2026-11-01-2026-11-30"},
      {"/v1/cases?format=csv",
       "Ärende;Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Tolkbehov;Hushåll;Ensamkommande;"
       "Kommun;Hälsocentral;Regelverk;Status",
       "arenden-2026-11-25"},
      {"/v1/overdue/summary?format=csv",
       "Kommun;Steg;Försenade;Äldsta förfallodatum;Försenade 1–5 arbetsdagar;Försenade 6–10 arbetsdagar;"
       "Försenade 11–20 arbetsdagar;Försenade 21+ arbetsdagar",
       "forsenade-sammanstallning-2026-11-25"},
      {"/v1/follow-up?format=csv&from=2026-11-01&to=2026-11-30",
       "Kommun;Steg;I tid;Försenade;Avböjda;Pågående;Andel i tid (%);Median arbetsdagar sen",
       "uppfoljning-2026-11-01-2026-11-30"},
  };
  for (const auto& c : cases) {
    const Response response = get_with(c.target, admin_, "");
    ASSERT_EQ(response.status, 200) << c.target << ": " << response.body;
    EXPECT_EQ(response.content_type, "text/csv; charset=utf-8") << c.target;
    EXPECT_TRUE(response.body.starts_with(bom)) << c.target;
    EXPECT_TRUE(response.body.ends_with("\r\n")) << c.target;
    const auto lines = csv_lines(response.body);
    ASSERT_GE(lines.size(), 2u) << c.target << ": " << response.body;
    EXPECT_EQ(lines[0], c.header) << c.target;
    ASSERT_NE(response.header("Content-Disposition"), nullptr) << c.target;
    EXPECT_NE(response.header("Content-Disposition")->find(c.file_name_start), std::string::npos) << c.target;
    EXPECT_EQ(*response.header("Cache-Control"), "no-store") << c.target;
  }
}

TEST_F(CsvAnswerTest, OverdueRowHasSwedishTitleMunicipalityNameAndNoLiveFormula) {
  const Response response = get_with("/v1/overdue?format=csv&actor=reception:ostersund", admin_, "");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto lines = csv_lines(response.body);
  ASSERT_EQ(lines.size(), 3u) << response.body;  // notify_health_centre, notify_school
  const std::string expected = case_ + ";Åsa-Liv;\"'=HYPERLINK(\"\"http://x\"\";\"\"Klicka\"\")\";2016-03-01;"
                                       "Östersund;Informera hälsocentralen;Mottagningsenheten Östersund;"
                                       "2026-11-02;2026-11-02;17";
  EXPECT_NE(std::find(lines.begin(), lines.end(), expected), lines.end()) << response.body;
}

TEST_F(CsvAnswerTest, FollowUpRowHasSwedishTitleAndTheShareInPerCent) {
  // Both notify steps fell due on 2 November and are still open: late by
  // the 17 working days up to 25 November, none on time (0,0 %).
  const Response response = get_with("/v1/follow-up?from=2026-11-01&to=2026-11-30&by=actor", admin_, "text/csv");
  ASSERT_EQ(response.status, 200) << response.body;
  const auto lines = csv_lines(response.body);
  ASSERT_EQ(lines.size(), 3u) << response.body;
  EXPECT_EQ(lines[0], "Ansvarig;Steg;I tid;Försenade;Avböjda;Pågående;Andel i tid (%);Median arbetsdagar sen");
  EXPECT_EQ(lines[1], "Mottagningsenheten Östersund;Informera hälsocentralen;0;1;0;0;0,0;17") << response.body;
  EXPECT_EQ(get_with("/v1/follow-up?format=csv&limit=5", admin_, "").status, 400);
}

TEST_F(CsvAnswerTest, AcceptTextCsvChoosesCsvUnlessJsonRanksHigher) {
  static const struct {
    const char* accept;
    bool csv;
  } cases[] = {
      {"text/csv", true},
      {"text/csv; charset=utf-8", true},
      {"TEXT/CSV", true},
      {"application/json;q=0.5, text/csv", true},
      {"application/json, text/csv;q=0.5", false},
      {"text/csv;q=0", false},
      {"application/json", false},
      {"*/*", false},
      {"", false},
  };
  for (const auto& c : cases) {
    const Response response = get_with("/v1/overdue", admin_, c.accept);
    ASSERT_EQ(response.status, 200) << c.accept;
    EXPECT_EQ(response.content_type.starts_with("text/csv"), c.csv) << c.accept;
  }
  // An explicit format wins over Accept.
  EXPECT_EQ(get_with("/v1/overdue?format=json", admin_, "text/csv").content_type, "application/json");
}

TEST_F(CsvAnswerTest, TheCoordinatorsCsvHidesIdentitiesAsJsonDoes) {
  for (const char* target : {"/v1/overdue?format=csv", "/v1/due?format=csv&from=2026-11-01", "/v1/cases?format=csv"}) {
    const Response response = get_with(target, coordinator_, "");
    ASSERT_EQ(response.status, 200) << target << ": " << response.body;
    const auto lines = csv_lines(response.body);
    ASSERT_GE(lines.size(), 2u) << target;
    EXPECT_NE(lines[0].find("Födelseår"), std::string::npos) << target;
    for (const char* hidden : {"Förnamn", "Efternamn", "Födelsedatum", "Dossiernummer", "Hushåll", "Åsa-Liv",
                               "HYPERLINK", "2016-03-01"})
      EXPECT_EQ(response.body.find(hidden), std::string::npos) << target << " shows " << hidden;
    EXPECT_NE(response.body.find(case_ + ";2016;"), std::string::npos) << target;
  }
}

TEST_F(CsvAnswerTest, BadFormatOrPagingWithCsvIsA400NamingTheParameter) {
  static const struct {
    const char* target;
    const char* field;
  } cases[] = {
      {"/v1/overdue?format=xlsx", "format"},
      {"/v1/overdue?format=csv&limit=10", "limit"},
      {"/v1/cases?format=csv&cursor=abc", "cursor"},
      {"/v1/overdue/summary?format=xml", "format"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(c.target, admin_);
    ASSERT_EQ(reply.status, 400) << c.target;
    ASSERT_TRUE(reply.body.contains("errors")) << reply.raw.body;
    EXPECT_EQ(reply.body["errors"][0]["field"], c.field) << c.target;
  }
}

TEST_F(CsvAnswerTest, HoldsEveryPageInOneFile) {
  // More cases than one page holds (storage::max_page_size).
  const int extra = storage::max_page_size + 50;
  int made = 0;
  store_->bulk_load([&](storage::Store::BulkCase& bulk) {
    if (made == extra) return false;
    bulk.the_case.given_name = "Barn";
    bulk.the_case.family_name = std::to_string(made++);
    bulk.the_case.birth_date = day("2015-05-05");
    bulk.the_case.sex = Sex::M;
    bulk.the_case.language = "dari";
    bulk.the_case.municipality = "krokom";
    bulk.the_case.health_centre = ActorId{"hc:krokom"};
    bulk.events.clear();
    return true;
  });
  const Response response = get_with("/v1/cases?format=csv", admin_, "");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(csv_lines(response.body).size(), static_cast<std::size_t>(1 + 1 + extra));
}

}  // namespace
}  // namespace kedja::server::testing
