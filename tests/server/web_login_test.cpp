// Contract §6: login, the session cookie, CSRF, logout, expiry, security
// headers and the stylesheet.
#include "server/web/assets.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using WebLoginTest = WebTest;
using namespace std::chrono_literals;

void expect_page_headers(const Page& page) {
  ASSERT_NE(page.raw.header("Content-Security-Policy"), nullptr);
  EXPECT_EQ(*page.raw.header("Content-Security-Policy"), "default-src 'self'");
  ASSERT_NE(page.raw.header("X-Content-Type-Options"), nullptr);
  EXPECT_EQ(*page.raw.header("X-Content-Type-Options"), "nosniff");
  ASSERT_NE(page.raw.header("Referrer-Policy"), nullptr);
  EXPECT_EQ(*page.raw.header("Referrer-Policy"), "same-origin");
  ASSERT_NE(page.raw.header("Cache-Control"), nullptr);
  EXPECT_EQ(*page.raw.header("Cache-Control"), "no-store");
}

TEST_F(WebLoginTest, RootRedirectsToTheLoginPageWhenLoggedOut) {
  const Page page = open("/", "");
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.location(), "/logga-in");
}

TEST_F(WebLoginTest, RootRedirectsToAttGoraWhenLoggedIn) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  ASSERT_FALSE(cookie.empty());
  EXPECT_EQ(open("/", cookie).location(), "/att-gora");
}

TEST_F(WebLoginTest, LoginPageHasALabelledTokenFieldInSwedish) {
  const Page page = open("/logga-in", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("<html lang=\"sv\">"));
  EXPECT_TRUE(page.has("<label for=\"token\">Inloggningsnyckel</label>"));
  EXPECT_TRUE(page.has("name=\"token\""));
  EXPECT_EQ(page.raw.content_type, "text/html; charset=utf-8");
  expect_page_headers(page);
}

TEST_F(WebLoginTest, AWrongTokenShowsTheFormAgainWith401) {
  const Page page = send("POST", "/logga-in", "token=not-a-token");
  EXPECT_EQ(page.status, 401);
  EXPECT_TRUE(page.has("Inloggningsnyckeln gäller inte"));
  EXPECT_TRUE(page.has("href=\"#token\""));  // the error summary links to the field
  EXPECT_TRUE(page.has("aria-invalid=\"true\""));
  EXPECT_EQ(page.raw.header("Set-Cookie"), nullptr);
  expect_page_headers(page);
}

TEST_F(WebLoginTest, AnEmptyTokenIs401WithItsOwnMessage) {
  const Page page = send("POST", "/logga-in", "token=");
  EXPECT_EQ(page.status, 401);
  EXPECT_TRUE(page.has("Skriv in din inloggningsnyckel"));
}

TEST_F(WebLoginTest, AValidTokenStartsASessionWithAStrictHttpOnlyCookie) {
  const Page page = send("POST", "/logga-in",
                         "token=" + web::percent_encoded(token(Role::hc, "hc:ostersund")));
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.location(), "/att-gora");
  const auto* cookie = page.raw.header("Set-Cookie");
  ASSERT_NE(cookie, nullptr);
  EXPECT_NE(cookie->find("kedja_session="), std::string::npos);
  EXPECT_NE(cookie->find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie->find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie->find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie->find("Secure"), std::string::npos);
}

TEST_F(WebLoginTest, SecureCookiesMarkTheCookieSecure) {
  handler_ = std::make_unique<Handler>(*store_, shipped_context(), [] { return day(today_text); },
                                       WebSettings{true, [this] { return now_; }});
  const Page page = send("POST", "/logga-in",
                         "token=" + web::percent_encoded(token(Role::hc, "hc:ostersund")));
  ASSERT_NE(page.raw.header("Set-Cookie"), nullptr);
  EXPECT_NE(page.raw.header("Set-Cookie")->find("; Secure"), std::string::npos);
}

TEST_F(WebLoginTest, EveryPageShowsTheUnitsNameAndRole) {
  const std::string cookie = login(token(Role::hc, "hc:ostersund-lugnvik"));
  const Page page = open("/att-gora", cookie);
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Hälsocentralen Lugnvik"));
  EXPECT_TRUE(page.has(">Hälsocentral</span>"));
  expect_page_headers(page);
}

TEST_F(WebLoginTest, PagesWithoutASessionRedirectToLogin) {
  for (const char* path : {"/att-gora", "/oversikt", "/arenden/c0000000000000000"}) {
    const Page page = open(path, "");
    EXPECT_EQ(page.status, 303) << path;
    EXPECT_EQ(page.location(), "/logga-in") << path;
  }
  const Page unknown = open("/att-gora", "0123abcd");
  EXPECT_EQ(unknown.location(), "/logga-in?slut=1");
}

TEST_F(WebLoginTest, LogoutNeedsTheCsrfTokenAndEndsTheSession) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  EXPECT_EQ(post_form("/logga-ut", {}, cookie).status, 403);
  EXPECT_EQ(open("/att-gora", cookie).status, 200);  // still logged in
  const Page out = post_form("/logga-ut", {{"csrf", csrf(cookie)}}, cookie);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.location(), "/logga-in?utloggad=1");
  ASSERT_NE(out.raw.header("Set-Cookie"), nullptr);
  EXPECT_NE(out.raw.header("Set-Cookie")->find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(open("/att-gora", cookie).status, 303);
  EXPECT_TRUE(open("/logga-in?utloggad=1", "").has("Du är utloggad."));
}

TEST_F(WebLoginTest, AnIdleSessionEndsAfter30Minutes) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  now_ += 29min;
  EXPECT_EQ(open("/att-gora", cookie).status, 200);
  now_ += 29min;  // 29 minutes after the last request: still alive
  EXPECT_EQ(open("/att-gora", cookie).status, 200);
  now_ += 30min;
  const Page page = open("/att-gora", cookie);
  EXPECT_EQ(page.status, 303);
  EXPECT_EQ(page.location(), "/logga-in?slut=1");
}

TEST_F(WebLoginTest, AnySessionEndsAfter10Hours) {
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  for (int i = 0; i < 29; ++i) {  // 9 h 40 min of steady use
    now_ += 20min;
    ASSERT_EQ(open("/att-gora", cookie).status, 200) << i;
  }
  now_ += 20min;
  EXPECT_EQ(open("/att-gora", cookie).status, 303);
}

TEST_F(WebLoginTest, APostWithoutTheRightCsrfTokenIs403AndWritesNothing) {
  const std::string id = notified_child("ostersund");
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const std::size_t before = event_count(id);
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"type", "health_centre_notified"}, {"date", today_text}, {"event_id", "web-csrf-test"}};
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser", fields, cookie).status, 403);
  auto wrong = fields;
  wrong.emplace_back("csrf", std::string(64, 'a'));
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser", wrong, cookie).status, 403);
  EXPECT_EQ(event_count(id), before);
  auto right = fields;
  right.emplace_back("csrf", csrf(cookie));
  EXPECT_EQ(post_form("/arenden/" + id + "/handelser", right, cookie).status, 303);
  EXPECT_EQ(event_count(id), before + 1);
}

TEST_F(WebLoginTest, TheCsrfTokenIs128RandomBitsInBase64url) {
  // 16 bytes: 22 base64url characters, paid once per form on a page.
  const std::string key = token(Role::reception, "reception:ostersund");
  const std::string mine = csrf(login(key));
  const std::string theirs = csrf(login(key));
  EXPECT_EQ(mine.size(), 22u);
  EXPECT_EQ(theirs.size(), 22u);
  EXPECT_NE(mine, theirs);
  // A token one character short of the session's is refused (no prefix match).
  const std::string cookie = login(key);
  const std::string right = csrf(cookie);
  EXPECT_EQ(post_form("/logga-ut", {{"csrf", right.substr(0, 21)}}, cookie).status, 403);
}

TEST_F(WebLoginTest, AnotherSessionsCsrfTokenIsRefused) {
  const std::string id = notified_child("ostersund");
  const std::string key = token(Role::reception, "reception:ostersund");
  const std::string mine = login(key);
  const std::string theirs = login(key);
  ASSERT_NE(mine, theirs);
  const Page page = post_form("/arenden/" + id + "/handelser",
                              {{"type", "arrived"}, {"date", today_text}, {"csrf", csrf(theirs)}}, mine);
  EXPECT_EQ(page.status, 403);
}

TEST_F(WebLoginTest, TheStylesheetIsServedByItsHashWithALongCache) {
  const Page css = open(web::stylesheet_path(), "");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.raw.content_type, "text/css; charset=utf-8");
  ASSERT_NE(css.raw.header("Cache-Control"), nullptr);
  EXPECT_NE(css.raw.header("Cache-Control")->find("max-age=31536000"), std::string::npos);
  EXPECT_LE(css.html.size(), 20u * 1024);
  EXPECT_NE(css.html.find("@media print"), std::string::npos);
  EXPECT_TRUE(open("/logga-in", "").has(web::stylesheet_path()));
  EXPECT_EQ(open("/static/kedja-0000000000000000.css", "").status, 404);
}

TEST_F(WebLoginTest, UnknownPagesAre404InHtmlAndTheApiStillAnswersJson) {
  const Page page = open("/finns-inte", "");
  EXPECT_EQ(page.status, 404);
  EXPECT_TRUE(page.has("Sidan finns inte"));
  EXPECT_EQ(get("/v1/actors", "").status, 401);
  EXPECT_EQ(get("/v1/actors", admin_).status, 200);
}

TEST_F(WebLoginTest, WrongMethodsAre405WithAllow) {
  const Page page = send("DELETE", "/oversikt");
  EXPECT_EQ(page.status, 405);
  ASSERT_NE(page.raw.header("Allow"), nullptr);
  EXPECT_EQ(*page.raw.header("Allow"), "GET");
  // Att göra takes its rows' events (POST /att-gora?<view>).
  const Page todo = send("DELETE", "/att-gora");
  EXPECT_EQ(todo.status, 405);
  ASSERT_NE(todo.raw.header("Allow"), nullptr);
  EXPECT_EQ(*todo.raw.header("Allow"), "GET, POST");
  EXPECT_EQ(send("GET", "/logga-ut").status, 405);
}

}  // namespace
}  // namespace kedja::server::testing
