// The Administration page (issue 14 §5): the admin makes a token for a
// person at a unit (shown once), lists every token with its last use,
// expiry and state, revokes one, and sees the region's units — through the
// same store calls as /v1/tokens; every other role gets a 403 page, and
// every refusal writes nothing.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class WebAdminTest : public WebTest {
 protected:
  std::size_t token_count() { return get("/v1/tokens?limit=1000", admin_).body["items"].size(); }
  static std::string shown_secret(const Page& page) {
    return first_group(page.html, "id=\"ny-nyckel\" value=\"([^\"]+)\"");
  }
  Page make_token(const std::string& cookie, const Fields& fields) {
    Fields all = {{"csrf", csrf(cookie)}};
    all.insert(all.end(), fields.begin(), fields.end());
    return post_form("/administration/nycklar", all, cookie);
  }
};

TEST_F(WebAdminTest, TheAdminMakesATokenShownOnceThatLogsInWithTheUnitsRole) {
  const std::string cookie = login(admin_);
  const Page page = open("/administration", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("href=\"/administration\" aria-current=\"page\""));
  EXPECT_TRUE(page.has("<optgroup label=\"Hälsocentral\">"));
  EXPECT_TRUE(page.has("Regionens enheter"));
  EXPECT_TRUE(page.has("<td>reception:krokom</td>"));

  const Page made = make_token(cookie, {{"enhet", "reception:krokom"}, {"namn", "Anna Svensson, Krokom"},
                                        {"giltig_till", "2027-06-30"}});
  ASSERT_EQ(made.status, 303) << made.html;
  EXPECT_EQ(made.location(), "/administration");
  const Page shown = open("/administration", cookie);
  EXPECT_TRUE(shown.has("Nyckeln ”Anna Svensson, Krokom” är skapad."));
  const std::string secret = shown_secret(shown);
  ASSERT_EQ(secret.rfind("kedja_", 0), 0u) << shown.html;
  EXPECT_TRUE(shown.has("data-kopiera=\"ny-nyckel\""));
  EXPECT_TRUE(shown.has("<th scope=\"row\">Anna Svensson, Krokom</th>"));
  EXPECT_TRUE(shown.has("datetime=\"2027-06-30\""));

  // It is the unit's token: the reception of Krokom's scope and role.
  const Reply cases = get("/v1/cases", secret);
  EXPECT_EQ(cases.status, 200);
  const Reply info = get("/v1/tokens", admin_);
  bool found = false;
  for (const auto& item : info.body["items"])
    if (item.value("name", "") == "Anna Svensson, Krokom")
      found = item.value("role", "") == "reception" && item.value("actor", "") == "reception:krokom";
  EXPECT_TRUE(found) << info.raw.body;

  // Shown once.
  EXPECT_EQ(shown_secret(open("/administration", cookie)), "");
}

TEST_F(WebAdminTest, AFeedTokenIsShownAsItsSubscriptionAddress) {
  const std::string cookie = login(admin_);
  ASSERT_EQ(make_token(cookie, {{"enhet", "hc:ostersund"}, {"kalender", "1"}}).status, 303);
  const std::string address = shown_secret(open("/administration", cookie));
  const std::string prefix = "http://127.0.0.1:8080/v1/feeds/hc:ostersund.ics?token=kedja_";
  ASSERT_EQ(address.rfind(prefix, 0), 0u) << address;
  EXPECT_EQ(get(address.substr(address.find("/v1/")), "").status, 200);
}

TEST_F(WebAdminTest, RevokingEndsTheTokenAndItsSessionsAtOnce) {
  const std::string cookie = login(admin_);
  ASSERT_EQ(make_token(cookie, {{"enhet", "school:ostersund"}, {"namn", "Lärare"}}).status, 303);
  const std::string secret = shown_secret(open("/administration", cookie));
  const std::string teacher = login(secret);
  ASSERT_EQ(open("/att-gora", teacher).status, 200);

  const Page question = post_form("/administration/aterkalla", {{"csrf", csrf(cookie)}, {"namn", "Lärare"}}, cookie);
  EXPECT_EQ(question.status, 200);
  EXPECT_TRUE(question.has("<h1>Återkalla nyckeln ”Lärare”?</h1>")) << question.html;
  EXPECT_EQ(open("/att-gora", teacher).status, 200);  // asked, not yet revoked

  const Page revoked = post_form("/administration/aterkalla",
                                 {{"csrf", csrf(cookie)}, {"namn", "Lärare"}, {"bekrafta", "ja"}}, cookie);
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(get("/v1/cases", secret).status, 401);
  EXPECT_EQ(open("/att-gora", teacher).status, 303);  // back to the login
  const Page page = open("/administration", cookie);
  EXPECT_TRUE(page.has("Nyckeln ”Lärare” är återkallad."));
}

TEST_F(WebAdminTest, EveryOtherRoleIsRefusedAndNothingIsWritten) {
  for (const auto& [role, actor] : std::vector<std::pair<Role, std::string>>{
           {Role::reception, "reception:ostersund"}, {Role::hc, "hc:ostersund"}, {Role::coordinator, "lst:jamtland"}}) {
    const std::string cookie = login(token(role, actor));
    const std::size_t before = token_count();
    EXPECT_EQ(open("/administration", cookie).status, 403) << actor;
    EXPECT_EQ(make_token(cookie, {{"enhet", "administrator"}}).status, 403) << actor;
    EXPECT_EQ(post_form("/administration/aterkalla", {{"csrf", csrf(cookie)}, {"namn", "admin"}, {"bekrafta", "ja"}},
                        cookie).status, 403)
        << actor;
    EXPECT_EQ(token_count(), before) << actor;
    EXPECT_FALSE(open("/att-gora", cookie).has("href=\"/administration\"")) << actor;
  }
}

TEST_F(WebAdminTest, EveryRefusalIsShownAtItsFieldAndWritesNothing) {
  const std::string cookie = login(admin_);
  ASSERT_EQ(make_token(cookie, {{"enhet", "reception:krokom"}, {"namn", "Taget"}}).status, 303);
  static const struct {
    const char* what;
    const char* path;
    Fields fields;  // besides csrf
    bool with_csrf;
    int status;
    const char* shown;
  } cases[] = {
      {"no CSRF token", "/administration/nycklar", {{"enhet", "administrator"}}, false, 403, "inget sparades"},
      {"no unit", "/administration/nycklar", {{"namn", "x"}}, true, 400, "Välj en enhet ur listan"},
      {"an unknown unit", "/administration/nycklar", {{"enhet", "hc:narnia"}}, true, 400, "Välj en enhet ur listan"},
      {"a feed token for the admin", "/administration/nycklar", {{"enhet", "administrator"}, {"kalender", "1"}}, true,
       400, "En kalendernyckel läser en enhets kalender"},
      {"a name taken", "/administration/nycklar", {{"enhet", "hc:ostersund"}, {"namn", "Taget"}}, true, 409,
       "Namnet används redan"},
      {"a bad date", "/administration/nycklar", {{"enhet", "hc:ostersund"}, {"giltig_till", "31/12"}}, true, 400,
       "Sista dagen ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25."},
      {"a past date", "/administration/nycklar", {{"enhet", "hc:ostersund"}, {"giltig_till", "2026-11-24"}}, true,
       400, "Sista dagen kan inte ligga före i dag"},
      {"revoking no such token", "/administration/aterkalla", {{"namn", "finns inte"}}, true, 404,
       "Nyckeln finns inte"},
      {"confirming no such token", "/administration/aterkalla", {{"namn", "finns inte"}, {"bekrafta", "ja"}}, true,
       404, "Nyckeln finns inte"},
  };
  for (const auto& c : cases) {
    const std::size_t before = token_count();
    Fields fields = c.fields;
    if (c.with_csrf) fields.emplace_back("csrf", csrf(cookie));
    const Page page = post_form(c.path, fields, cookie);
    EXPECT_EQ(page.status, c.status) << c.what;
    EXPECT_TRUE(page.has(c.shown)) << c.what << "\n" << page.html;
    EXPECT_EQ(token_count(), before) << c.what;
  }
}

}  // namespace
}  // namespace kedja::server::testing
