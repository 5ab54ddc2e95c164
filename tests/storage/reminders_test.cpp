// Issue 16 in storage: feed tokens (a token kind that reads one actor's
// feed and nothing else), the feed's steps and its audit rows, the steps a
// digest counts, and the record of digests sent.
#include "fixture.h"

#include <algorithm>

namespace kedja::storage::testing {
namespace {

using Reminders = StoreFixture;

Event notified(const char* date) { return event(EventType::health_centre_notified, date); }

Event notice(const char* date, const char* arrival) {
  Event e = event(EventType::arrival_notice_received, date);
  e.expected_arrival = day(arrival);
  return e;
}

Event booked(const char* date, const char* appointment) {
  Event e = event(EventType::health_talk_booked, date);
  e.appointment = day(appointment);
  return e;
}

NewToken feed_token(const std::string& actor) {
  NewToken request;
  request.role = Role::hc;
  request.actor = ActorId(actor);
  request.kind = TokenKind::feed;
  return request;
}

std::string made(Store& store, const NewToken& request) {
  auto created = store.create_token(admin(), request, today());
  if (!created) throw std::runtime_error("create_token refused: " + created.problem().detail);
  return created->token;
}

TEST_F(Reminders, AFeedTokenReadsItsOwnFeedOnly) {
  const std::string feed = made(*store, feed_token("hc:ostersund"));
  const std::string other = made(*store, feed_token("hc:krokom"));
  NewToken api = feed_token("hc:ostersund");
  api.kind = TokenKind::api;
  const std::string api_token = made(*store, api);
  const ActorId ostersund("hc:ostersund");

  const auto caller = store->authenticate_feed(feed, ostersund, today());
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->actor, ostersund);
  EXPECT_FALSE(store->authenticate_feed(other, ostersund, today())) << "another actor's feed token";
  EXPECT_FALSE(store->authenticate_feed(api_token, ostersund, today())) << "an API token is not a feed token";
  EXPECT_FALSE(store->authenticate(feed, today())) << "a feed token opens no API endpoint";
  EXPECT_FALSE(store->token_in_force(caller->token_name, today())) << "nor a web session";
  EXPECT_TRUE(store->authenticate(api_token, today()));
}

TEST_F(Reminders, ARevokedFeedTokenIsRefusedAtOnce) {
  const std::string feed = made(*store, feed_token("hc:ostersund"));
  const auto caller = store->authenticate_feed(feed, ActorId("hc:ostersund"), today());
  ASSERT_TRUE(caller);
  ASSERT_TRUE(store->revoke_token(admin(), caller->token_name));
  EXPECT_FALSE(store->authenticate_feed(feed, ActorId("hc:ostersund"), today()));
}

TEST_F(Reminders, FeedTokensAreListedAsFeedAndNeedAnActor) {
  made(*store, feed_token("hc:ostersund"));
  const auto tokens = store->list_tokens(admin(), max_page_size, std::nullopt)->items;
  ASSERT_EQ(tokens.size(), 1u);
  EXPECT_EQ(tokens[0].kind, TokenKind::feed);
  NewToken admin_feed;
  admin_feed.kind = TokenKind::feed;
  auto refused = store->create_token(admin(), admin_feed, today());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.problem().errors.at(0).field, "kind");
}

TEST_F(Reminders, TheFeedHoldsTheActorsOpenStepsAheadAndIsAudited) {
  // Today 2026-11-25. A: book_health_talk due 2026-11-30. B: the talk booked
  // for 2026-12-03. C: book_health_talk due 2026-11-09, overdue: not ahead.
  auto a = create(person("Amal", "Ali", "2015-03-01"), {notice("2026-11-23", "2026-12-01"), notified("2026-11-23")});
  auto b = create(person("Bashir", "Ali", "2016-03-01"),
                  {notice("2026-11-23", "2026-12-01"), notified("2026-11-23"), booked("2026-11-24", "2026-12-03")});
  auto c = create(person("Cala", "Ali", "2014-03-01"), {notice("2026-11-02", "2026-11-20"), notified("2026-11-02")});
  const Caller hc = caller(Role::hc, "hc:ostersund", "hc:ostersund-feed");

  auto feed = store->feed(hc, today());
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[0].uid, a.the_case.id.str() + ".book_health_talk@kedja");
  EXPECT_EQ(feed.entries[0].day, day("2026-11-30"));
  EXPECT_EQ(feed.entries[0].kind, FeedEntryKind::deadline);
  EXPECT_EQ(feed.entries[1].uid, b.the_case.id.str() + ".hold_health_talk@kedja");
  EXPECT_EQ(feed.entries[1].day, day("2026-12-03"));
  EXPECT_EQ(feed.entries[1].kind, FeedEntryKind::appointment);

  // A's talk is booked: its booking step closes and leaves the feed, the
  // appointment comes in.
  ASSERT_TRUE(store->append_event(admin(), a.the_case.id, booked("2026-11-25", "2026-12-10"), today()));
  feed = store->feed(hc, today());
  ASSERT_EQ(feed.entries.size(), 2u);
  EXPECT_EQ(feed.entries[1].uid, a.the_case.id.str() + ".hold_health_talk@kedja");
  EXPECT_EQ(feed.entries[1].day, day("2026-12-10"));

  const auto actions = [&](const StoredCase& stored) {
    std::vector<std::string> seen;
    for (const auto& entry : store->audit(stored.the_case.id, max_page_size, std::nullopt).items)
      if (entry.token == "hc:ostersund-feed") seen.push_back(entry.action);
    return seen;
  };
  EXPECT_EQ(actions(a), (std::vector<std::string>{"feed", "feed"}));
  EXPECT_EQ(actions(b), (std::vector<std::string>{"feed", "feed"}));
  EXPECT_TRUE(actions(c).empty()) << "a case the feed did not list was not read";
}

TEST_F(Reminders, DueStepsAreTheActorsOpenStepsUpToTheHorizon) {
  create(person("Amal", "Ali", "2015-03-01"), {notice("2026-11-23", "2026-12-01"), notified("2026-11-23")});
  create(person("Cala", "Ali", "2014-03-01"), {notice("2026-11-02", "2026-11-20"), notified("2026-11-02")});
  const auto steps = store->due_steps(ActorId("hc:ostersund"), day("2026-12-02"));
  ASSERT_EQ(steps.size(), 2u);
  std::vector<std::string> dues;
  for (const auto& step : steps) {
    EXPECT_EQ(step.step.str(), "book_health_talk");
    EXPECT_EQ(step.title, "Boka hälsosamtal med smittskyddsprover");
    dues.push_back(format_date(step.due_on));
  }
  std::sort(dues.begin(), dues.end());
  EXPECT_EQ(dues, (std::vector<std::string>{"2026-11-09", "2026-11-30"}));
  EXPECT_EQ(store->due_steps(ActorId("hc:ostersund"), day("2026-11-29")).size(), 1u);
  EXPECT_TRUE(store->due_steps(ActorId("hc:krokom"), day("2026-12-02")).empty());
}

TEST_F(Reminders, ADigestIsClaimedOncePerUnitAndDay) {
  const ActorId unit("reception:krokom");
  EXPECT_TRUE(store->claim_digest(unit, day("2026-11-25"), "m@krokom.se"));
  EXPECT_FALSE(store->claim_digest(unit, day("2026-11-25"), "m@krokom.se"));
  EXPECT_TRUE(store->claim_digest(unit, day("2026-11-26"), "m@krokom.se"));
  EXPECT_TRUE(store->claim_digest(ActorId("reception:berg"), day("2026-11-25"), "m@berg.se"));
  store->release_digest(unit, day("2026-11-25"));  // the send failed
  EXPECT_TRUE(store->claim_digest(unit, day("2026-11-25"), "m@krokom.se"));
}

}  // namespace
}  // namespace kedja::storage::testing
