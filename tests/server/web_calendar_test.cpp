// The Kalender page (issue 16 §3): a unit makes a feed token for its own
// feed, sees its address once, lists and revokes its feed tokens — through
// the same store calls as /v1/tokens, with every refusal shown and nothing
// written.
#include "server/web/assets.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class WebCalendarTest : public WebTest {
 protected:
  // Every token, as the admin lists them.
  std::size_t token_count() { return get("/v1/tokens?limit=1000", admin_).body["items"].size(); }
  // The feed address shown once on the page, with its token.
  static std::string shown_address(const Page& page) {
    return first_group(page.html, "id=\"kalenderadress\" value=\"([^\"]+)\"");
  }
  Page make_feed(const std::string& cookie, Fields more = {}) {
    Fields fields = {{"csrf", csrf(cookie)}};
    fields.insert(fields.end(), more.begin(), more.end());
    return post_form("/kalender/nycklar", fields, cookie);
  }
};

TEST_F(WebCalendarTest, AUnitMakesAFeedAddressShownOnceThatReadsItsFeed) {
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/kalender", cookie);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(page.has("Kalender – Hälsocentralen Östersund"));
  EXPECT_TRUE(page.has("Lägg till kalender och sedan Från internet"));
  EXPECT_TRUE(page.has("Enheten har inga kalenderadresser ännu."));
  EXPECT_TRUE(page.has("href=\"/kalender\" aria-current=\"page\""));

  const Page made = make_feed(cookie, {{"namn", "Outlook receptionen"}, {"giltig_till", "2027-06-30"}});
  ASSERT_EQ(made.status, 303) << made.html;
  EXPECT_EQ(made.location(), "/kalender");
  const Page shown = open("/kalender", cookie);
  EXPECT_TRUE(shown.has("Kalenderadressen ”Outlook receptionen” är skapad."));
  const std::string address = shown_address(shown);
  const std::string prefix = "http://127.0.0.1:8080/v1/feeds/hc:ostersund.ics?token=kedja_";
  ASSERT_EQ(address.rfind(prefix, 0), 0u) << address;
  EXPECT_TRUE(shown.has("data-kopiera=\"kalenderadress\""));
  EXPECT_TRUE(shown.has(web::script_path()));
  EXPECT_TRUE(shown.has("<td>Outlook receptionen</td>"));
  EXPECT_TRUE(shown.has("datetime=\"2027-06-30\""));
  EXPECT_TRUE(shown.has("Aldrig"));

  // The address reads the unit's feed.
  const std::string feed_path = address.substr(std::string("http://127.0.0.1:8080").size());
  const Reply feed = get(feed_path, "");
  EXPECT_EQ(feed.status, 200);
  EXPECT_EQ(feed.raw.content_type, "text/calendar; charset=utf-8");

  // Shown once: the next view has the list, not the address.
  const Page again = open("/kalender", cookie);
  EXPECT_EQ(shown_address(again), "");
  EXPECT_EQ(again.html.find(address.substr(prefix.size() - 6)), std::string::npos);
  EXPECT_TRUE(again.has("Outlook receptionen"));
}

TEST_F(WebCalendarTest, RevokingStopsTheFeedAtOnce) {
  const std::string cookie = login(token(Role::reception, "reception:krokom"));
  ASSERT_EQ(make_feed(cookie, {{"namn", "Mottagningen"}}).status, 303);
  const std::string address = shown_address(open("/kalender", cookie));
  const std::string feed_path = address.substr(address.find("/v1/"));
  ASSERT_EQ(get(feed_path, "").status, 200);

  const Page question = post_form("/kalender/aterkalla", {{"csrf", csrf(cookie)}, {"namn", "Mottagningen"}}, cookie);
  EXPECT_EQ(question.status, 200);
  EXPECT_TRUE(question.has("<h1>Återkalla kalenderadressen ”Mottagningen”?</h1>")) << question.html;
  EXPECT_TRUE(question.has("href=\"/kalender\">Nej, behåll den</a>"));
  EXPECT_EQ(get(feed_path, "").status, 200);  // asked, not yet revoked

  const Page revoked = post_form("/kalender/aterkalla",
                                 {{"csrf", csrf(cookie)}, {"namn", "Mottagningen"}, {"bekrafta", "ja"}}, cookie);
  EXPECT_EQ(revoked.status, 303);
  EXPECT_EQ(get(feed_path, "").status, 401);
  const Page page = open("/kalender", cookie);
  EXPECT_TRUE(page.has("är återkallad"));
  EXPECT_TRUE(page.has("<td>Återkallad</td>"));
  EXPECT_FALSE(page.has("action=\"/kalender/aterkalla\""));
}

TEST_F(WebCalendarTest, EveryDateInTheListIsInThePagesDateStyle) {
  const std::string cookie = login(token(Role::reception, "reception:krokom"));
  ASSERT_EQ(make_feed(cookie, {{"namn", "Mottagningen"}, {"giltig_till", "2027-06-30"}}).status, 303);
  const Page page = open("/kalender", cookie);
  // Created: a date and a Stockholm time of day, the UTC instant in datetime.
  EXPECT_TRUE(page.has("<td><time datetime=\"20")) << page.html;
  EXPECT_TRUE(page.has(" kl. ")) << page.html;
  EXPECT_TRUE(page.has("<time datetime=\"2027-06-30\">ons 30 jun 2027</time>")) << page.html;
}

TEST_F(WebCalendarTest, EveryRefusalWritesNothing) {
  const std::string own = login(token(Role::hc, "hc:ostersund"));
  ASSERT_EQ(make_feed(own, {{"namn", "Lugnviks kalender"}}).status, 303);  // taken below
  const std::string other = login(token(Role::hc, "hc:krokom"));
  const std::string other_feed = "hc:krokom-feed";
  ASSERT_EQ(post("/v1/tokens", admin_, {{"actor", "hc:krokom"}, {"role", "hc"}, {"kind", "feed"},
                                        {"name", other_feed}}).status, 201);
  static const struct {
    const char* what;
    const char* path;
    Fields fields;  // besides csrf
    bool with_csrf;
    int status;
    const char* shown;  // on the page answered
  } cases[] = {
      {"no CSRF token", "/kalender/nycklar", {{"namn", "x"}}, false, 403, "inget sparades"},
      {"a name taken", "/kalender/nycklar", {{"namn", "Lugnviks kalender"}}, true, 409,
       "Namnet används redan av en annan nyckel"},
      {"a name too long", "/kalender/nycklar", {{"namn", std::string(101, 'a')}}, true, 400,
       "Namnet får vara högst 100 tecken"},
      {"a name with a line break", "/kalender/nycklar", {{"namn", "a\nb"}}, true, 400,
       "Namnet får vara högst 100 tecken"},
      {"a bad date", "/kalender/nycklar", {{"giltig_till", "2027-02-30"}}, true, 400,
       "Sista dagen finns inte i kalendern (2027-02-30)."},
      {"a past date", "/kalender/nycklar", {{"giltig_till", "2026-11-24"}}, true, 400,
       "Sista dagen kan inte ligga före i dag"},
      {"revoking another unit's feed token", "/kalender/aterkalla", {{"namn", other_feed}}, true, 404,
       "Adressen finns inte bland enhetens kalenderadresser"},
      {"confirming another unit's feed token", "/kalender/aterkalla", {{"namn", other_feed}, {"bekrafta", "ja"}},
       true, 404, "Adressen finns inte bland enhetens kalenderadresser"},
      {"revoking its own API token", "/kalender/aterkalla", {{"namn", "hc hc:ostersund"}}, true, 404,
       "Adressen finns inte bland enhetens kalenderadresser"},
      {"revoking without CSRF", "/kalender/aterkalla", {{"namn", "Lugnviks kalender"}, {"bekrafta", "ja"}}, false, 403,
       "inget sparades"},
  };
  for (const auto& c : cases) {
    const std::size_t before = token_count();
    Fields fields = c.fields;
    if (c.with_csrf) fields.emplace_back("csrf", csrf(own));
    const Page page = post_form(c.path, fields, own);
    EXPECT_EQ(page.status, c.status) << c.what;
    EXPECT_TRUE(page.has(c.shown)) << c.what << "\n" << page.html;
    EXPECT_EQ(token_count(), before) << c.what;
  }
  // Nothing was revoked either: both feeds still read.
  const Reply tokens = get("/v1/tokens", admin_);
  for (const auto& item : tokens.body["items"]) EXPECT_TRUE(item["revoked"].is_null()) << item.dump();
  // The refused form keeps what was typed and names the field.
  const Page refused = make_feed(own, {{"namn", "Lugnviks kalender"}, {"giltig_till", "2027-01-31"}});
  EXPECT_TRUE(refused.has("href=\"#kalender-namn\""));
  EXPECT_TRUE(refused.has("value=\"Lugnviks kalender\""));
  EXPECT_TRUE(refused.has("value=\"2027-01-31\""));
  EXPECT_TRUE(refused.has("aria-invalid=\"true\""));
  (void)other;
}

TEST_F(WebCalendarTest, AUnitSeesOnlyItsOwnFeedTokens) {
  ASSERT_EQ(post("/v1/tokens", admin_, {{"actor", "hc:krokom"}, {"role", "hc"}, {"kind", "feed"},
                                        {"name", "Krokoms kalender"}}).status, 201);
  const std::string cookie = login(token(Role::hc, "hc:ostersund"));
  const Page page = open("/kalender", cookie);
  EXPECT_FALSE(page.has("Krokoms kalender"));
  EXPECT_FALSE(page.has("hc hc:ostersund"));  // its own API token is not a calendar address
  EXPECT_TRUE(page.has("Enheten har inga kalenderadresser ännu."));
}

TEST_F(WebCalendarTest, TheCoordinatorAndTheAdminHaveNoCalendarPage) {
  for (const auto& [role, actor] : {std::pair{Role::coordinator, "lst:jamtland"}, std::pair{Role::admin, ""}}) {
    const std::string cookie = login(role == Role::admin ? admin_ : token(role, actor));
    ASSERT_FALSE(cookie.empty()) << to_string(role);
    const std::size_t before = token_count();
    const Page page = open("/kalender", cookie);
    EXPECT_EQ(page.status, 403) << to_string(role);
    EXPECT_TRUE(page.has("Kalendern hör till en enhet")) << to_string(role);
    EXPECT_FALSE(open("/att-gora", cookie).has("href=\"/kalender\"")) << to_string(role);
    EXPECT_EQ(make_feed(cookie).status, 403) << to_string(role);
    EXPECT_EQ(post_form("/kalender/aterkalla", {{"csrf", csrf(cookie)}, {"namn", "x"}}, cookie).status, 403);
    EXPECT_EQ(token_count(), before) << to_string(role);
  }
}

TEST_F(WebCalendarTest, AMadeAddressIsAFeedTokenOfTheUnitAndItsRole) {
  const std::string cookie = login(token(Role::school, "school:are"));
  ASSERT_EQ(make_feed(cookie, {{"namn", "Skolans kalender"}}).status, 303);
  const Reply listed = get("/v1/tokens", admin_);
  bool found = false;
  for (const auto& item : listed.body["items"])
    if (item["name"] == "Skolans kalender") {
      found = true;
      EXPECT_EQ(item["kind"], "feed");
      EXPECT_EQ(item["actor"], "school:are");
      EXPECT_EQ(item["role"], "school");
    }
  EXPECT_TRUE(found);
  EXPECT_EQ(open("/kalender/nycklar", cookie).status, 405);
}

TEST_F(WebCalendarTest, TheScriptIsServedByItsHashWithoutASession) {
  const Page js = open(web::script_path(), "");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.raw.content_type, "text/javascript; charset=utf-8");
  EXPECT_TRUE(js.has("data-kopiera"));
  ASSERT_NE(js.raw.header("Cache-Control"), nullptr);
  EXPECT_EQ(*js.raw.header("Cache-Control"), "public, max-age=31536000, immutable");
}

}  // namespace
}  // namespace kedja::server::testing
