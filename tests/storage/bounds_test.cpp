// Contract §2's bounds on the work one request may cause: at most
// max_events_per_create events in a create, max_events_per_case in a case
// (409 naming the limit, nothing written).
#include "domain/append_chain.h"
#include "fixture.h"

namespace kedja::storage::testing {
namespace {

using BoundsTest = StoreFixture;

std::vector<Event> notified_events(std::size_t count) {
  return std::vector<Event>(count, event(EventType::health_centre_notified, "2026-11-02"));
}

// A case with `count` events, loaded in bulk (no per-event checks): the
// quickest way to a case at its limit.
CaseId case_with_events(Store& store, std::size_t count) {
  CaseId id;
  bool made = false;
  store.bulk_load([&](Store::BulkCase& bulk) {
    if (made) return false;
    bulk.the_case = person("Amina", "Haddad", "2016-03-01");
    bulk.events.clear();
    for (std::size_t i = 0; i < count; ++i)
      bulk.events.push_back({static_cast<std::int64_t>(i) + 1, event(EventType::health_centre_notified, "2026-11-02"),
                             "2026-11-02T08:00:00Z", ActorId("reception:ostersund")});
    made = true;
    return true;
  });
  auto page = store.list_cases(admin(), {}, today());
  if (page.items.size() != 1) throw std::runtime_error("the bulk-loaded case is not there");
  return page.items[0].the_case.id;
}

TEST_F(BoundsTest, CreateWithTheMostEventsAllowedIsAccepted) {
  auto created = store->create_case(admin(), person("Amina", "Haddad", "2016-03-01"),
                                    notified_events(max_events_per_create), today());
  ASSERT_TRUE(created) << created.problem().detail;
  EXPECT_EQ(created->events.size(), max_events_per_create);
  EXPECT_EQ(created->events.back().seq, static_cast<std::int64_t>(max_events_per_create));
}

TEST_F(BoundsTest, CreateWithMoreEventsIsRefusedNamingTheLimitAndWritesNothing) {
  for (std::size_t count : {max_events_per_create + 1, std::size_t{16000}}) {
    auto created = store->create_case(admin(), person("Amina", "Haddad", "2016-03-01"), notified_events(count), today());
    ASSERT_FALSE(created) << count;
    EXPECT_EQ(created.problem().kind, ProblemKind::conflict) << count;
    ASSERT_EQ(created.problem().errors.size(), 1u) << count;
    EXPECT_EQ(created.problem().errors[0].field, "events") << count;
    EXPECT_NE(created.problem().detail.find("at most 100 events"), std::string::npos) << created.problem().detail;
    EXPECT_NE(created.problem().detail.find(std::to_string(count)), std::string::npos) << created.problem().detail;
  }
  EXPECT_TRUE(store->list_cases(admin(), {}, today()).items.empty());
}

TEST_F(BoundsTest, CaseTakesEventsUpToItsLimitAndRefusesTheNextNamingIt) {
  const CaseId id = case_with_events(*store, max_events_per_case - 1);
  auto last = store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today());
  ASSERT_TRUE(last) << last.problem().detail;
  EXPECT_EQ(last->event.seq, static_cast<std::int64_t>(max_events_per_case));

  auto refused = store->append_event(admin(), id, event(EventType::health_centre_notified, "2026-11-03"), today());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.problem().kind, ProblemKind::conflict);
  EXPECT_NE(refused.problem().detail.find("at most 2000 events"), std::string::npos) << refused.problem().detail;
  auto stored = store->find_case(admin(), id, today());
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->events.size(), max_events_per_case);
}

TEST_F(BoundsTest, RepeatedEventIdOnAFullCaseStillReturnsTheStoredEvent) {
  const CaseId id = case_with_events(*store, max_events_per_case - 1);
  Event last = event(EventType::health_centre_notified, "2026-11-03");
  last.event_id = "retry-me";
  ASSERT_TRUE(store->append_event(admin(), id, last, today()));
  auto again = store->append_event(admin(), id, last, today());
  ASSERT_TRUE(again) << again.problem().detail;
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(again->event.seq, static_cast<std::int64_t>(max_events_per_case));
}

}  // namespace
}  // namespace kedja::storage::testing
