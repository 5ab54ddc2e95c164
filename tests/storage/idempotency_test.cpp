// A repeated event_id is checked like a new event first (contract §2 input
// rules, issue 11 §4): scope and role, then the same content is a retry
// (the stored event, nothing written) and other content a 409.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

namespace kedja::storage::testing {
namespace {

class Idempotency : public StoreFixture {
 protected:
  void SetUp() override {
    StoreFixture::SetUp();
    Event notice = event(EventType::arrival_notice_received, "2026-11-02");
    notice.expected_arrival = day("2026-11-20");
    id_ = create(person("Amina", "Haddad", "2016-03-01"), {notice}).the_case.id;
    notified_ = event(EventType::health_centre_notified, "2026-11-02");
    notified_.event_id = "client-42";
    auto first = store->append_event(caller(Role::reception, "reception:ostersund"), id_, notified_, today());
    ASSERT_TRUE(first) << first.problem().detail;
  }
  std::int64_t events() const {
    SQLite::Database db(path(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM events").getInt64();
  }
  CaseId id_;
  Event notified_;
};

TEST_F(Idempotency, TheSameEventAgainIsTheStoredOne) {
  auto again = store->append_event(caller(Role::reception, "reception:ostersund"), id_, notified_, today());
  ASSERT_TRUE(again) << again.problem().detail;
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(again->event.seq, 2);
  EXPECT_EQ(events(), 2);
}

TEST_F(Idempotency, ACoordinatorRepeatingAnEventIdIsForbidden) {
  // The attack of issue 11 §4: a read-only role got 200 for a repeat.
  auto repeat = store->append_event(caller(Role::coordinator, "lst:jamtland"), id_, notified_, today());
  ASSERT_FALSE(repeat);
  EXPECT_EQ(repeat.problem().kind, ProblemKind::forbidden);
  EXPECT_EQ(events(), 2);
}

TEST_F(Idempotency, ARoleThatMayNotRecordTheEventIsForbiddenOnARepeatToo) {
  auto repeat = store->append_event(caller(Role::hc, "hc:ostersund"), id_, notified_, today());
  ASSERT_FALSE(repeat);
  EXPECT_EQ(repeat.problem().kind, ProblemKind::forbidden);
  ASSERT_FALSE(repeat.problem().errors.empty());
  EXPECT_EQ(repeat.problem().errors[0].field, "type");
}

TEST_F(Idempotency, ACallerOutsideTheScopeIsToldNothing) {
  auto repeat = store->append_event(caller(Role::reception, "reception:berg"), id_, notified_, today());
  ASSERT_FALSE(repeat);
  EXPECT_EQ(repeat.problem().kind, ProblemKind::not_found);
}

TEST_F(Idempotency, OtherContentUnderAUsedEventIdIsAConflictAndWritesNothing) {
  static const struct {
    const char* what;
    EventType type;
    const char* date;
  } cases[] = {
      {"another date", EventType::health_centre_notified, "2026-11-03"},
      {"another type", EventType::school_notified, "2026-11-02"},
  };
  for (const auto& c : cases) {
    Event other = event(c.type, c.date);
    other.event_id = "client-42";
    auto reused = store->append_event(caller(Role::reception, "reception:ostersund"), id_, other, today());
    ASSERT_FALSE(reused) << c.what;
    EXPECT_EQ(reused.problem().kind, ProblemKind::conflict) << c.what;
    EXPECT_EQ(reused.problem().detail, "event_id already used for another event") << c.what;
    ASSERT_FALSE(reused.problem().errors.empty()) << c.what;
    EXPECT_EQ(reused.problem().errors[0].field, "event_id") << c.what;
  }
  EXPECT_EQ(events(), 2);
}

TEST_F(Idempotency, OtherPayloadUnderAUsedEventIdIsAConflict) {
  Event booked = event(EventType::health_talk_booked, "2026-11-04");
  booked.appointment = day("2026-11-20");
  booked.event_id = "booking-1";
  auto hc = caller(Role::hc, "hc:ostersund");
  ASSERT_TRUE(store->append_event(hc, id_, booked, today()));
  Event rebooked = booked;
  rebooked.appointment = day("2026-11-27");
  auto reused = store->append_event(hc, id_, rebooked, today());
  ASSERT_FALSE(reused);
  EXPECT_EQ(reused.problem().kind, ProblemKind::conflict);
  auto retried = store->append_event(hc, id_, booked, today());
  ASSERT_TRUE(retried) << retried.problem().detail;
  EXPECT_TRUE(retried->repeated);
}

TEST_F(Idempotency, ARepeatedDeclineIsCheckedAgainstTheCaseAsItWasThen) {
  // The decline closed the step, so "is the step open, and whose" is asked
  // of the events before the stored decline: the health centre's retry is
  // a retry; the reception unit's is not its to make.
  auto hc = caller(Role::hc, "hc:ostersund");
  Event declined = event(EventType::step_declined, "2026-11-05");
  declined.step = "book_health_talk";
  declined.event_id = "decline-1";
  auto first = store->append_event(hc, id_, declined, today());
  ASSERT_TRUE(first) << first.problem().detail;
  auto again = store->append_event(hc, id_, declined, today());
  ASSERT_TRUE(again) << again.problem().detail;
  EXPECT_TRUE(again->repeated);
  auto reception = store->append_event(caller(Role::reception, "reception:ostersund"), id_, declined, today());
  ASSERT_FALSE(reception);
  EXPECT_EQ(reception.problem().kind, ProblemKind::forbidden);
}

}  // namespace
}  // namespace kedja::storage::testing
