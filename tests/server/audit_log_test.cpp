// GET /v1/audit (contract v1.1 §4): one token's reads and writes in a
// period (`token`, `from`, `to`, civil dates in Europe/Stockholm), alone or
// with a case; the refusals named by field; and the Stockholm days as the
// UTC instants the log is searched by, across both DST changes.
#include "fixture.h"
#include "server/today.h"

namespace kedja::server::testing {
namespace {

class AuditApiTest : public ServerTest {};

TEST(StockholmPeriod, ADayRunsFromLocalMidnightToTheNextAcrossBothClockChanges) {
  static const struct {
    const char* day;
    const char* start_utc;
  } cases[] = {
      {"2026-11-25", "2026-11-24T23:00:00.000Z"},  // winter: UTC+1
      {"2026-07-01", "2026-06-30T22:00:00.000Z"},  // summer: UTC+2
      {"2026-03-29", "2026-03-28T23:00:00.000Z"},  // the clocks go forward at 02:00: a 23-hour day
      {"2026-03-30", "2026-03-29T22:00:00.000Z"},
      {"2026-10-25", "2026-10-24T22:00:00.000Z"},  // and back at 03:00: a 25-hour day
      {"2026-10-26", "2026-10-25T23:00:00.000Z"},
  };
  for (const auto& c : cases) EXPECT_EQ(stockholm_day_start_utc(day(c.day)), c.start_utc) << c.day;
  const UtcPeriod october = stockholm_period(day("2026-10-01"), day("2026-10-31"));
  EXPECT_EQ(october.from_utc, "2026-09-30T22:00:00.000Z");
  EXPECT_EQ(october.until_utc, "2026-10-31T23:00:00.000Z");
}

TEST(StockholmPeriod, AuditTimesAreShownInSwedishTimeToTheSecond) {
  EXPECT_EQ(stockholm_second("2026-11-25T08:01:02.114Z"), "2026-11-25 09:01:02");
  EXPECT_EQ(stockholm_second("2026-07-01T21:59:59Z"), "2026-07-01 23:59:59");
  EXPECT_EQ(stockholm_second("2026-10-24T22:30:00.000Z"), "2026-10-25 00:30:00");
  EXPECT_EQ(stockholm_second("inte en tid"), "inte en tid");
}

TEST_F(AuditApiTest, ATokensRowsInAPeriodSayWhichCaseOrHowManyCases) {
  const std::string a = create_case(person("ostersund", "2018-04-02", "Amina"));
  const std::string b = create_case(person("ostersund", "2016-01-01", "Bashir"));
  const std::string reception = token(Role::reception, "reception:ostersund");
  ASSERT_EQ(get("/v1/cases/" + a, reception).status, 200);
  ASSERT_EQ(get("/v1/cases?municipality=ostersund", reception).status, 200);
  const Date today = stockholm_today();  // the rows are stamped with the clock
  const std::string period = "&from=" + format_date(today - date::days{1}) + "&to=" + format_date(today);
  const Reply reply = get("/v1/audit?token=reception%20reception%3Aostersund" + period, admin_);
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  const Json& items = reply.body["items"];
  ASSERT_EQ(items.size(), 2u) << items.dump();
  EXPECT_EQ(items[0]["action"], "read");
  EXPECT_EQ(items[0]["case"], a);
  EXPECT_EQ(items[0]["actor"], "reception:ostersund");
  EXPECT_EQ(items[1]["action"], "list");
  EXPECT_EQ(items[1]["cases"], 2);
  EXPECT_FALSE(items[1].contains("case"));
  // The admin's creates are not the reception's; a period before them is empty.
  EXPECT_TRUE(get("/v1/audit?token=reception%20reception%3Aostersund&to=2020-01-01", admin_).body["items"].empty());
  // With the case too: only its rows; the case's own log keeps v1's members.
  const Reply both = get("/v1/audit?case=" + b + "&token=reception%20reception%3Aostersund", admin_);
  ASSERT_EQ(both.body["items"].size(), 1u);
  EXPECT_EQ(both.body["items"][0]["action"], "list");
  EXPECT_FALSE(both.body["items"][0].contains("cases"));
}

TEST_F(AuditApiTest, APeriodAlonePagesThroughEveryTokensRows) {
  for (const char* name : {"A", "B", "C"}) create_case(person("krokom", "2001-01-01", name));
  const std::string from = format_date(stockholm_today() - date::days{1});
  std::vector<std::string> actions;
  std::string cursor;
  int pages = 0;
  do {
    const Reply reply = get("/v1/audit?from=" + from + "&limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), admin_);
    ASSERT_EQ(reply.status, 200) << reply.raw.body;
    for (const auto& item : reply.body["items"]) actions.push_back(item["action"]);
    cursor = reply.body["next_cursor"].is_null() ? "" : reply.body["next_cursor"].get<std::string>();
    ++pages;
  } while (!cursor.empty() && pages < 10);
  // The fixture's admin token (made by the command line's caller), then the creates.
  EXPECT_EQ(actions, (std::vector<std::string>{"token create admin", "create", "create", "create"}));
  EXPECT_EQ(pages, 2);
}

TEST_F(AuditApiTest, BadParametersAreNamedAndOnlyTheAdminMayAsk) {
  static const struct {
    const char* query;
    const char* field;
  } cases[] = {
      {"", "case"},
      {"?token=x&from=2026-02-30", "from"},
      {"?token=x&to=26-11-01", "to"},
      {"?token=x&from=2026-11-02&to=2026-11-01", "to"},
      {"?token=x&from=1989-12-31", "from"},
      {"?token=x&limit=0", "limit"},
      {"?token=x&cursor=bm90LWEtY3Vyc29y", "cursor"},
      {"?token=x&tokn=y", "tokn"},
  };
  for (const auto& c : cases) {
    const Reply reply = get(std::string("/v1/audit") + c.query, admin_);
    EXPECT_EQ(reply.status, 400) << c.query;
    bool named = false;
    for (const auto& error : reply.body["errors"]) named = named || error["field"] == c.field;
    EXPECT_TRUE(named) << c.query << " " << reply.raw.body;
  }
  EXPECT_EQ(get("/v1/audit?token=admin", token(Role::hc, "hc:ostersund")).status, 403);
}

}  // namespace
}  // namespace kedja::server::testing
