// Att göra's sorted column says the order the rows are really in: its
// aria-sort and arrow on every tab (the Klara tab newest first, the Utan
// tidsgräns tab in opening order), and the coordinator's birth years.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

class WebTodoOrderTest : public WebTest {
 protected:
  // A case with `events` (type, date and payload) for `given_name`.
  std::string case_with(const std::string& given_name, const char* birth_date, Json events) {
    Json body = person("ostersund", birth_date, given_name);
    body["events"] = std::move(events);
    return create_case(body);
  }

  void SetUp() override {
    WebTest::SetUp();
    // Försenade: the reception's steps due Wed 18 and Fri 20 Nov.
    notified_child("ostersund", "Tidig", "2026-11-18");
    notified_child("ostersund", "Sen", "2026-11-20");
    // Förfaller snart: due today, and on Thu 3 Dec (latest_reception).
    notified_child("ostersund", "Nu");
    case_with("Senare", "1990-01-01",
              Json::array({{{"type", "municipality_assigned"}, {"date", "2026-11-25"},
                            {"municipality", "ostersund"}, {"latest_reception", "2026-12-03"}}}));
    // Utan tidsgräns: preschool start opened on arrival, 10 and 20 Nov.
    lilla_ = case_with("Lilla", "2023-01-01", Json::array({{{"type", "arrived"}, {"date", "2026-11-10"}}}));
    lillen_ = case_with("Lillen", "2024-06-01", Json::array({{{"type", "arrived"}, {"date", "2026-11-20"}}}));
    // Klara: the reception's two notifications done on 16 and 19 Nov.
    for (const auto& [name, done] : {std::pair{"Klar", "2026-11-16"}, std::pair{"Klarast", "2026-11-19"}})
      case_with(name, "2018-04-02",
                Json::array({{{"type", "arrival_notice_received"}, {"date", "2026-11-16"},
                              {"expected_arrival", "2026-11-30"}},
                             {{"type", "health_centre_notified"}, {"date", done}},
                             {{"type", "school_notified"}, {"date", done}}}));
  }

  // The sorted column's heading: its aria-sort and its text ("Klart ▼");
  // fails unless the page has exactly one.
  static std::pair<std::string, std::string> sorted_heading(const std::string& html) {
    static const std::regex heading("aria-sort=\"([a-z]+)\"><a href=\"[^\"]*\">([^<]*)</a>");
    std::vector<std::pair<std::string, std::string>> found;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), heading); it != std::sregex_iterator(); ++it)
      found.emplace_back((*it)[1].str(), (*it)[2].str());
    EXPECT_EQ(found.size(), 1u);
    return found.empty() ? std::pair<std::string, std::string>() : found.front();
  }

  // Whether `first` comes before `second` on the page, both present.
  static bool before(const Page& page, const std::string& first, const std::string& second) {
    const auto a = page.html.find(first), b = page.html.find(second);
    return a != std::string::npos && b != std::string::npos && a < b;
  }

  std::string lilla_, lillen_;
};

TEST_F(WebTodoOrderTest, TheSortedHeadingSaysTheOrderOfTheRowsOnEveryTab) {
  static const struct {
    const char* target;
    const char* direction;
    const char* heading;
    const char* first;
    const char* second;
  } cases[] = {
      {"/att-gora", "ascending", "Förfaller ▲", "Tidig Haddad", "Sen Haddad"},
      {"/att-gora?flik=snart", "ascending", "Förfaller ▲", "Nu Haddad", "Senare Haddad"},
      {"/att-gora?flik=utan-tidsgrans", "ascending", "Öppnat ▲", "Lilla Haddad", "Lillen Haddad"},
      {"/att-gora?flik=klara", "descending", "Klart ▼", "Klarast Haddad", "Klar Haddad"},
      // The other way, as the sorted heading's link asks for it.
      {"/att-gora?ordning=fallande", "descending", "Förfaller ▼", "Sen Haddad", "Tidig Haddad"},
      {"/att-gora?flik=utan-tidsgrans&ordning=fallande", "descending", "Öppnat ▼", "Lillen Haddad",
       "Lilla Haddad"},
      {"/att-gora?flik=klara&ordning=stigande", "ascending", "Klart ▲", "Klar Haddad", "Klarast Haddad"},
      // A due-date sort on undated rows is their opening order, and says so.
      {"/att-gora?flik=utan-tidsgrans&sortera=forfaller", "ascending", "Öppnat ▲", "Lilla Haddad",
       "Lillen Haddad"},
      {"/att-gora?flik=utan-tidsgrans&sortera=alder", "ascending", "Ålder ▲", "Lillen Haddad", "Lilla Haddad"},
  };
  const std::string cookie = login(admin_);
  for (const auto& c : cases) {
    const Page page = open(c.target, cookie);
    ASSERT_EQ(page.status, 200) << c.target;
    const auto [direction, heading] = sorted_heading(page.html);
    EXPECT_EQ(direction, c.direction) << c.target;
    EXPECT_EQ(heading, c.heading) << c.target;
    EXPECT_TRUE(before(page, c.first, c.second)) << c.target;
  }
}

TEST_F(WebTodoOrderTest, TheSortedHeadingLinksToTheOtherDirection) {
  const std::string cookie = login(admin_);
  EXPECT_TRUE(open("/att-gora?flik=klara", cookie)
                  .has("href=\"/att-gora?flik=klara&amp;sortera=forfaller&amp;ordning=stigande\">Klart ▼"));
  EXPECT_TRUE(open("/att-gora?flik=klara&ordning=stigande", cookie)
                  .has("href=\"/att-gora?flik=klara&amp;sortera=forfaller\">Klart ▲"));
  // Tab links open each tab in its own order, with no ordning to undo.
  EXPECT_TRUE(open("/att-gora?flik=klara", cookie).has("href=\"/att-gora?flik=forsenade\""));
  // Undated rows have no due date to sort by: a plain heading.
  EXPECT_TRUE(open("/att-gora?flik=utan-tidsgrans", cookie).has("<th scope=\"col\">Förfaller</th>"));
}

TEST_F(WebTodoOrderTest, TheCoordinatorsBirthYearsSayTheirOwnDirection) {
  const std::string cookie = login(token(Role::coordinator, "lst:jamtland"));
  // Youngest first is birth years descending, and the heading says so.
  const Page youngest = open("/att-gora?flik=utan-tidsgrans&sortera=alder", cookie);
  using Heading = std::pair<std::string, std::string>;
  EXPECT_EQ(sorted_heading(youngest.html), Heading("descending", "Födelseår ▼"));
  EXPECT_TRUE(before(youngest, lillen_, lilla_));
  const Page oldest = open("/att-gora?flik=utan-tidsgrans&sortera=alder&ordning=stigande", cookie);
  EXPECT_EQ(sorted_heading(oldest.html), Heading("ascending", "Födelseår ▲"));
  EXPECT_TRUE(before(oldest, lilla_, lillen_));
}

}  // namespace
}  // namespace kedja::server::testing
