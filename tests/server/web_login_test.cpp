// Contract §6: login, the session cookie, CSRF, logout, expiry, security
// headers and the stylesheet.
#include "server/web/assets.h"
#include "server/web/pages.h"
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
  static const struct {
    const char* path;
    const char* location;
  } cases[] = {
      {"/att-gora", "/logga-in?till=%2Fatt-gora"},
      {"/oversikt", "/logga-in?till=%2Foversikt"},
      {"/arenden/c0000000000000000", "/logga-in?till=%2Farenden%2Fc0000000000000000"},
      {"/att-gora?flik=snart&kommun=ostersund", "/logga-in?till=%2Fatt-gora%3Fflik%3Dsnart%26kommun%3Dostersund"},
  };
  for (const auto& c : cases) {
    const Page page = open(c.path, "");
    EXPECT_EQ(page.status, 303) << c.path;
    EXPECT_EQ(page.location(), c.location) << c.path;
  }
  const Page unknown = open("/att-gora", "0123abcd");
  EXPECT_EQ(unknown.location(), "/logga-in?slut=1&till=%2Fatt-gora");
  // A form posted without a session cannot be posted again from a link.
  EXPECT_EQ(send("POST", "/arenden/c0000000000000000/handelser", "type=arrived").location(), "/logga-in");
}

// A bookmarked filtered list or a case link in a reminder mail survives the
// login: the login page carries the page asked for and goes on to it.
TEST_F(WebLoginTest, ALoginGoesOnToThePageThatWasAskedFor) {
  const std::string id = notified_child("ostersund");
  const std::string asked = "/arenden/" + id;
  const Page first = open(asked, "");
  ASSERT_EQ(first.status, 303);
  const Page form = open(first.location(), "");
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("<input type=\"hidden\" name=\"till\" value=\"" + asked + "\">")) << form.html;
  const std::string key = token(Role::reception, "reception:ostersund");
  const Page wrong = send("POST", "/logga-in", "token=nope&till=" + web::percent_encoded(asked));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_TRUE(wrong.has("name=\"till\" value=\"" + asked + "\"")) << "kept through a failed attempt";
  const Page in =
      send("POST", "/logga-in", "token=" + web::percent_encoded(key) + "&till=" + web::percent_encoded(asked));
  EXPECT_EQ(in.status, 303);
  EXPECT_EQ(in.location(), asked);
  const std::string cookie = first_group(*in.raw.header("Set-Cookie"), "kedja_session=([0-9a-f]+)");
  EXPECT_EQ(open(in.location(), cookie).status, 200);

  // A filtered list keeps its filters; an ended session's link too.
  const std::string list = "/att-gora?flik=snart&sortera=namn";
  const Page ended = open(list, "0123abcd");
  ASSERT_EQ(ended.location(), "/logga-in?slut=1&till=" + web::percent_encoded(list));
  const Page again = open(ended.location(), "");
  EXPECT_TRUE(again.has("Din session har upphört"));
  EXPECT_TRUE(again.has("value=\"/att-gora?flik=snart&amp;sortera=namn\""));
  EXPECT_EQ(send("POST", "/logga-in", "token=" + web::percent_encoded(key) + "&till=" + web::percent_encoded(list))
                .location(),
            list);
  // Already logged in: the login page goes on at once.
  EXPECT_EQ(open("/logga-in?till=" + web::percent_encoded(list), cookie).location(), list);
}

// No open redirect: whatever `till` says, a login goes on to a page of this
// site or to Att göra.
TEST_F(WebLoginTest, ALoginNeverGoesOnToAnotherSite) {
  const std::string key = token(Role::reception, "reception:ostersund");
  static const struct {
    std::string till;
    const char* why;
  } cases[] = {
      {"//evil.example", "scheme-relative: another host"},
      {"//evil.example/att-gora", "scheme-relative with a path"},
      {"/\\evil.example", "a backslash a browser reads as a slash"},
      {"/att-gora\\..\\x", "a backslash anywhere"},
      {"https://evil.example/", "an absolute URL"},
      {"http:/evil.example", "a scheme"},
      {"javascript:alert(1)", "a script URL"},
      {"evil.example", "not a path"},
      {"att-gora", "a relative path"},
      {"", "empty"},
      {"/att-gora\r\nSet-Cookie: x=1", "CR LF: a header split"},
      {"/att-gora%0d%0aSet-Cookie:%20x=1", "CR LF %-encoded twice"},
      {"/%2F%2Fevil.example", "a scheme-relative URL %-encoded twice"},
      {"/%5Cevil.example", "a backslash %-encoded twice"},
      {"/att-gora%zz", "a bad %-escape"},
      {"/\t/evil.example", "a tab, which browsers drop"},
      {"/ /evil.example", "a space"},
      {"/att-gora\x7f", "DEL"},
      {"/\xc3\xa5tg\xc3\xa4rder", "not ASCII"},
      {"/" + std::string(web::max_after_login_bytes, 'a'), "over 2000 bytes"},
      {"/logga-ut", "the logout"},
      {"/logga-in?till=%2F%2Fevil.example", "the login page again"},
      {"/logga-in", "the login page"},
  };
  for (const auto& c : cases) {
    const Page in =
        send("POST", "/logga-in", "token=" + web::percent_encoded(key) + "&till=" + web::percent_encoded(c.till));
    EXPECT_EQ(in.status, 303) << c.why;
    EXPECT_EQ(in.location(), "/att-gora") << c.why;
    EXPECT_EQ(web::page_after_login({{"till", c.till}}), "/att-gora") << c.why;
    EXPECT_FALSE(open("/logga-in?till=" + web::percent_encoded(c.till), "").has("name=\"till\"")) << c.why;
  }
  // A filter's own %-escapes (Östersund) are a page of this site.
  const std::string swedish = "/att-gora?kommun=%C3%96stersund";
  EXPECT_EQ(web::page_after_login({{"till", swedish}}), swedish);
  // The longest page that may be asked for is gone on to.
  const std::string longest = "/att-gora?x=" + std::string(web::max_after_login_bytes - 12, 'a');
  EXPECT_EQ(web::page_after_login({{"till", longest}}), longest);
  EXPECT_EQ(web::page_after_login({}), "/att-gora");
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
  EXPECT_EQ(page.location(), "/logga-in?slut=1&till=%2Fatt-gora");
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
