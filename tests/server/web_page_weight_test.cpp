// Issue 13's page weight as a size, not a time: a 100-row Att göra page of
// the demo region stays within its byte budget, and the bytes each row
// adds are the row's facts and its event, not a copy of the page's state.
#include "tools/demo_generator.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

class WebPageWeightTest : public WebTest {
 protected:
  // A demo region as `kedja demo --cases N --seed 1` makes it on today_text.
  void load_demo(std::int64_t cases) {
    tools::DemoGenerator generator(shipped_context().region, {cases, 1, day(today_text)});
    store_->bulk_load([&](storage::Store::BulkCase& out) { return generator.next(out); });
  }

  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
  }
};

// Issue 13's target is 60 KB for a 100-row page at 1M cases. Held here,
// tighter, for 10,000 demo cases: 60,227 bytes before session 12, 57,858
// after (a CSRF token of 128 bits, the obstacle's yes/no as two buttons of
// the shared form, the booking date inside its label; README, "The web
// page Att göra"), then 58,553 with the sort headings' order and a step due
// on a day off said in words ("förfaller lör 5 dec, sista arbetsdagen …"),
// and 57,074 with the rows' headers without `scope` and the shared form's
// id "r" (2026-12-02; 59,985 bytes for Försenade at 1M).
// A row that puts its form back, or a token grown back, breaks it.
constexpr std::size_t page_budget = 58000;

TEST_F(WebPageWeightTest, AHundredRowPageOfTheDemoRegionStaysWithinItsByteBudget) {
  load_demo(10000);  // Hälsocentralen Östersund: over 100 steps due soon
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/att-gora?flik=snart&antal=100", cookie);
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(count(page.html, "<tr><th>"), 100u);
  RecordProperty("html_bytes", static_cast<int>(page.html.size()));
  EXPECT_LE(page.html.size(), page_budget);
  // The obstacle's yes/no is two buttons of the shared form, not a form.
  EXPECT_EQ(count(page.html, "type=\"radio\""), 0u);
  // The CSRF token and the rendering once per form, not once per row: the
  // rows without a field share one form.
  const std::size_t forms = count(page.html, "<form method=\"post\">") + count(page.html, "<form id=\"r\"");
  EXPECT_EQ(count(page.html, "name=\"visning\""), forms);
  EXPECT_LT(forms, 100u);
  EXPECT_EQ(count(page.html, "name=\"tillbaka\""), 0u);
  EXPECT_EQ(count(page.html, "name=\"event_id\""), 0u);
  // Försenade, for the record (16 rows at 10,000 cases).
  const Page overdue = open("/att-gora?antal=100", cookie);
  ASSERT_EQ(overdue.status, 200);
  RecordProperty("overdue_html_bytes", static_cast<int>(overdue.html.size()));
}

}  // namespace
}  // namespace kedja::server::testing
