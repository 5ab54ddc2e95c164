// The accessibility statement (issue 14 §7, lag 2018:1937): reachable
// without logging in, its contact address from the region file, and linked
// from every page's footer.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using WebAccessibilityTest = WebTest;

TEST_F(WebAccessibilityTest, TheStatementIsReachableWithoutLoggingIn) {
  const Page page = open("/tillganglighet", "");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.raw.content_type, "text/html; charset=utf-8");
  EXPECT_TRUE(page.has("<h1>Tillgänglighetsredogörelse för Kedja</h1>"));
  EXPECT_TRUE(page.has("lagen (2018:1937)"));
  EXPECT_TRUE(page.has("Rapportera brister i tjänstens tillgänglighet"));
  EXPECT_TRUE(page.has("href=\"mailto:tillganglighet@region.example\""));
  EXPECT_TRUE(page.has("Digg"));
  EXPECT_TRUE(page.has("Jämtland Härjedalen står bakom Kedja"));
  ASSERT_NE(page.raw.header("Content-Security-Policy"), nullptr);
  EXPECT_EQ(open("/tillganglighet", "not-a-session").status, 200);
}

TEST_F(WebAccessibilityTest, LoggedInTheStatementHasTheMenuAndTheLogout) {
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/tillganglighet", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Hälsocentralen Östersund"));
  EXPECT_TRUE(page.has("action=\"/logga-ut\""));
  EXPECT_TRUE(page.has("href=\"mailto:tillganglighet@region.example\""));
}

TEST_F(WebAccessibilityTest, EveryPageLinksToTheStatementFromItsFooter) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const std::string id = notified_child("ostersund");
  static const char* const link = "<a href=\"/tillganglighet\">Tillgänglighetsredogörelse</a></footer>";
  for (const auto& [path, with_session] : std::vector<std::pair<std::string, bool>>{
           {"/logga-in", false}, {"/sidan-finns-inte", false}, {"/att-gora", true}, {"/arenden/" + id, true},
           {"/kalender", true}, {"/tillganglighet", false}, {"/tillganglighet", true}}) {
    const Page page = open(path, with_session ? cookie : "");
    EXPECT_TRUE(page.has(link)) << path << (with_session ? " (logged in)" : "") << "\n" << page.html;
  }
}

TEST_F(WebAccessibilityTest, EveryPageStartsWithASkipLinkToItsMain) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  static const char* const skip = "<body><a class=\"skip\" href=\"#innehall\">Hoppa till innehållet</a>";
  for (const auto& [path, with_session] : std::vector<std::pair<std::string, bool>>{
           {"/logga-in", false}, {"/sidan-finns-inte", false}, {"/tillganglighet", false},
           {"/att-gora", true}, {"/tillganglighet", true}}) {
    const Page page = open(path, with_session ? cookie : "");
    EXPECT_TRUE(page.has(skip)) << path << (with_session ? " (logged in)" : "") << "\n" << page.html;
    EXPECT_TRUE(page.has("<main id=\"innehall\" tabindex=\"-1\">")) << path;
  }
}

TEST_F(WebAccessibilityTest, OnlyGetIsAllowed) {
  EXPECT_EQ(send("POST", "/tillganglighet", "").status, 405);
}

}  // namespace
}  // namespace kedja::server::testing
