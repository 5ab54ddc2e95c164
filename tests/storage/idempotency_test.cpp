// A repeated event_id is checked like a new event first (contract §2 input
// rules, issue 11 §4): scope and role, then the same content is a retry
// (the stored event, nothing written) and other content a 409.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <thread>
#include <vector>

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

// A row of Att göra posts its step's closing event with
// AppendIf::closes_an_open_step: from a stale list (another tab, another
// person) the step is closed already, and the event must not be recorded
// again. The fixture's case has book_health_talk open.
class ClosesAnOpenStep : public Idempotency {
 protected:
  static Event booking(const char* event_id, const char* appointment) {
    Event booked = event(EventType::health_talk_booked, "2026-11-24");
    booked.appointment = day(appointment);
    booked.event_id = event_id;
    return booked;
  }
  Result<Appended> book(const char* event_id, const char* appointment,
                        AppendIf condition = AppendIf::closes_an_open_step) {
    return store->append_event(caller(Role::hc, "hc:ostersund"), id_, booking(event_id, appointment), today(),
                               condition);
  }
  std::optional<Date> appointment_now() {
    auto stored = store->find_case(admin(), id_, today());
    EXPECT_TRUE(stored);
    std::optional<Date> last;
    for (const auto& recorded : stored->events)
      if (recorded.event.type == EventType::health_talk_booked) last = recorded.event.appointment;
    return last;
  }
};

TEST_F(ClosesAnOpenStep, AnEventThatClosesAnOpenStepIsRecorded) {
  auto booked = book("tab-1", "2026-12-01");
  ASSERT_TRUE(booked) << booked.problem().detail;
  EXPECT_FALSE(booked->repeated);
  EXPECT_EQ(booked->event.seq, 3);
  EXPECT_EQ(events(), 3);
}

TEST_F(ClosesAnOpenStep, AnEventWhoseStepIsClosedIsAConflictNamingTypeAndWritesNothing) {
  ASSERT_TRUE(book("tab-1", "2026-12-01"));
  auto stale = book("tab-2", "2026-12-08");
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.problem().kind, ProblemKind::conflict);
  EXPECT_EQ(stale.problem().detail, closes_no_open_step);
  ASSERT_EQ(stale.problem().errors.size(), 1u);
  EXPECT_EQ(stale.problem().errors[0].field, "type");
  EXPECT_EQ(events(), 3);
  EXPECT_EQ(appointment_now(), day("2026-12-01"));  // the first booking stands
}

TEST_F(ClosesAnOpenStep, WithoutTheConditionTheEventIsRecordedAgain) {
  // The JSON API's append (contract §2): a second booking is the domain's
  // to accept, and it replaces the first.
  ASSERT_TRUE(book("tab-1", "2026-12-01", AppendIf::always));
  auto again = book("tab-2", "2026-12-08", AppendIf::always);
  ASSERT_TRUE(again) << again.problem().detail;
  EXPECT_FALSE(again->repeated);
  EXPECT_EQ(events(), 4);
  EXPECT_EQ(appointment_now(), day("2026-12-08"));
}

TEST_F(ClosesAnOpenStep, ADoubleClickIsARepeatNotARefusal) {
  // The second click's event_id is the first's: answered as the stored
  // event before the step (closed by the first click) is looked at.
  auto first = book("tab-1", "2026-12-01");
  ASSERT_TRUE(first) << first.problem().detail;
  auto second = book("tab-1", "2026-12-01");
  ASSERT_TRUE(second) << second.problem().detail;
  EXPECT_TRUE(second->repeated);
  EXPECT_EQ(second->event.seq, first->event.seq);
  EXPECT_EQ(events(), 3);
}

TEST_F(ClosesAnOpenStep, EightTabsPostingTheSameStepAtOnceRecordItOnce) {
  // Decided in the writer's transaction, not on each caller's snapshot:
  // every thread's snapshot may see the step open.
  constexpr int tabs = 8;
  std::atomic<int> recorded{0}, refused{0}, other{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < tabs; ++i)
    threads.emplace_back([&, i] {
      Event booked = booking("", "2026-12-01");
      booked.event_id = "tab-" + std::to_string(i);
      while (!go.load()) std::this_thread::yield();
      auto result = store->append_event(caller(Role::hc, "hc:ostersund"), id_, booked, today(),
                                        AppendIf::closes_an_open_step);
      if (result && !result->repeated) ++recorded;
      else if (!result && result.problem().detail == closes_no_open_step) ++refused;
      else ++other;
    });
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(recorded.load(), 1);
  EXPECT_EQ(refused.load(), tabs - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(events(), 3);
}

}  // namespace
}  // namespace kedja::storage::testing
