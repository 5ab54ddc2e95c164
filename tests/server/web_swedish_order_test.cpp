// Municipalities in Swedish order of their names (Å, Ä, Ö after Z), not of
// their slugs nor of the region file: on the overview, the follow-up page,
// the drop-downs, the Kommun column's sort, and the JSON summary and
// follow-up. The region here lists its municipalities by slug ("are",
// "berg", … "ostersund", …), so every order below is the code's own.
#include "domain/text/collation.h"
#include "web_fixture.h"

#include <algorithm>

namespace kedja::server::testing {
namespace {

// The shipped region with its municipalities in slug order.
const EngineContext& slug_ordered_context() {
  static const Region region = [] {
    const Region& shipped = shipped_context().region;
    std::vector<Municipality> municipalities = shipped.municipalities();
    std::sort(municipalities.begin(), municipalities.end(),
              [](const Municipality& a, const Municipality& b) { return a.slug < b.slug; });
    auto made = Region::make(shipped.name(), municipalities, shipped.actors());
    if (!made.ok()) throw std::runtime_error("the slug-ordered region: " + made.problem().detail);
    return *made;
  }();
  static const EngineContext context{shipped_context().rule_sets, region, Calendar::swedish()};
  return context;
}

class WebSwedishOrderTest : public WebTest {
 protected:
  void SetUp() override {
    WebTest::SetUp();
    handler_.reset();
    store_.reset();  // the same file, its tokens kept
    store_ = std::make_unique<storage::Store>(storage::Options{path_.string(), false}, slug_ordered_context());
    handler_ = std::make_unique<Handler>(*store_, slug_ordered_context(), [] { return day(today_text); },
                                         WebSettings{secure_, [this] { return now_; }});
    ASSERT_EQ(slug_ordered_context().region.municipalities().front().slug, "are");
    // One overdue child in each of three municipalities (due Fri 20 Nov).
    notified_child("are", "Asa", "2026-11-20");
    notified_child("berg", "Bodil", "2026-11-20");
    notified_child("ostersund", "Olle", "2026-11-20");
  }

  // Whether `texts` come in this order in `text`, each present.
  static bool in_order(const std::string& text, const std::vector<std::string>& texts) {
    std::size_t at = 0;
    for (const auto& t : texts) {
      const auto found = text.find(t, at);
      if (found == std::string::npos) return false;
      at = found + t.size();
    }
    return true;
  }
};

TEST(SwedishOrder, SwedishLettersComeAfterZAndCaseComesSecond) {
  std::vector<std::string> names = {"Östersund", "Örebro", "Älvdalen", "Åre", "Zinkgruvan", "Ale", "Bräcke",
                                    "Berg", "Starta SFI", "Starta förskola"};
  std::sort(names.begin(), names.end(), text::swedish_less);
  EXPECT_EQ(names, (std::vector<std::string>{"Ale", "Berg", "Bräcke", "Starta förskola", "Starta SFI",
                                             "Zinkgruvan", "Åre", "Älvdalen", "Örebro", "Östersund"}));
}

TEST_F(WebSwedishOrderTest, TheOverviewsColumnsAreInSwedishOrder) {
  const Page page = open("/oversikt", login(token(Role::coordinator, "lst:jamtland")));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(in_order(page.html, {">Berg</th>", ">Bräcke</th>", ">Strömsund</th>", ">Åre</th>",
                                   ">Östersund</th>"}));
}

TEST_F(WebSwedishOrderTest, TheMunicipalityDropDownIsInSwedishOrder) {
  const Page page = open("/att-gora", login(admin_));
  EXPECT_TRUE(in_order(page.html, {"<option value=\"berg\">Berg</option>", "<option value=\"stromsund\">",
                                   "<option value=\"are\">Åre</option>", "<option value=\"ostersund\">"}));
}

TEST_F(WebSwedishOrderTest, SortingByMunicipalitySortsByItsSwedishName) {
  const std::string cookie = login(admin_);
  const Page ascending = open("/att-gora?sortera=kommun", cookie);
  EXPECT_TRUE(in_order(ascending.html, {"Bodil Haddad", "Asa Haddad", "Olle Haddad"}));
  const Page descending = open("/att-gora?sortera=kommun&ordning=fallande", cookie);
  EXPECT_TRUE(in_order(descending.html, {"Olle Haddad", "Asa Haddad", "Bodil Haddad"}));
}

TEST_F(WebSwedishOrderTest, TheFollowUpPagesTablesAreInSwedishOrder) {
  const Page page = open("/uppfoljning?fran=2026-11-01&till=2026-11-30",
                         login(token(Role::coordinator, "lst:jamtland")));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(in_order(page.html, {">Berg<", ">Åre<", ">Östersund<"}));
}

TEST_F(WebSwedishOrderTest, TheJsonSummaryAndFollowUpRowsAreInSwedishOrder) {
  static const struct {
    const char* target;
    const char* group;
  } cases[] = {
      {"/v1/overdue/summary?by=municipality", "municipality"},
      {"/v1/follow-up?from=2026-11-01&to=2026-11-30&by=municipality", "municipality"},
  };
  for (const std::string& caller : {admin_, token(Role::coordinator, "lst:jamtland")})
    for (const auto& c : cases) {
      const Reply reply = get(c.target, caller);
      ASSERT_EQ(reply.status, 200) << c.target;
      std::vector<std::string> groups;
      for (const auto& row : reply.body["rows"])
        if (groups.empty() || groups.back() != row[c.group]) groups.push_back(row[c.group]);
      EXPECT_EQ(groups, (std::vector<std::string>{"berg", "are", "ostersund"})) << c.target;
    }
  // By unit: the units' names ("Mottagningsenheten Åre" after "… Berg").
  const Reply by_unit = get("/v1/overdue/summary?by=actor", admin_);
  std::vector<std::string> units;
  for (const auto& row : by_unit.body["rows"])
    if (units.empty() || units.back() != row["actor"]) units.push_back(row["actor"]);
  EXPECT_EQ(units, (std::vector<std::string>{"reception:berg", "reception:are", "reception:ostersund"}));
}

}  // namespace
}  // namespace kedja::server::testing
