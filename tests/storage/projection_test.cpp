// The stored step projection always equals a full recomputation from the
// events, and readers see a multi-event write whole or not at all.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <random>
#include <thread>

namespace kedja::storage::testing {
namespace {

using ProjectionTest = StoreFixture;

// A random event of the reception chain, with the payload its type needs.
Event random_event(std::mt19937& rng, std::int64_t events_so_far) {
  static const EventType types[] = {
      EventType::arrival_notice_received, EventType::arrival_date_changed, EventType::arrived,
      EventType::health_centre_notified, EventType::school_notified, EventType::health_talk_booked,
      EventType::health_talk_held, EventType::test_results_received, EventType::newcomer_informed,
      EventType::reception_informed, EventType::health_exam_booked, EventType::health_exam_held,
      EventType::vaccination_plan_made, EventType::introduction_plan_made, EventType::school_started,
      EventType::preschool_started, EventType::municipality_assigned, EventType::moved,
      EventType::health_centre_changed, EventType::step_declined, EventType::event_voided,
      EventType::establishment_talk_held, EventType::establishment_plan_started,
      EventType::sfi_registered, EventType::case_closed};
  static const char* steps[] = {"notify_health_centre", "book_health_talk", "hold_health_talk",
                                "receive_test_results", "start_school", "vaccination_plan"};
  static const char* places[] = {"berg", "ostersund", "are"};
  static const char* centres[] = {"hc:ostersund", "hc:ostersund-lugnvik", "hc:are-jarpen"};
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  Event e;
  e.type = types[pick(std::size(types))];
  e.date = add_days(day("2026-09-01"), pick(80));
  switch (e.type) {
    case EventType::arrival_notice_received:
    case EventType::arrival_date_changed: e.expected_arrival = add_days(e.date, pick(30)); break;
    case EventType::health_talk_booked:
    case EventType::health_exam_booked: e.appointment = add_days(e.date, pick(20)); break;
    case EventType::reception_informed: e.school_start_obstacle = pick(2) == 1; break;
    case EventType::municipality_assigned:
    case EventType::moved: e.municipality = places[pick(3)]; break;
    case EventType::health_centre_changed: e.health_centre = centres[pick(3)]; break;
    case EventType::step_declined: e.step = steps[pick(std::size(steps))]; break;
    case EventType::event_voided:
      e.voided_seq = 1 + pick(static_cast<int>(std::max<std::int64_t>(events_so_far, 1)));
      e.reason = "mistake";
      break;
    case EventType::case_closed: e.reason = "moved abroad"; break;
    default: break;
  }
  return e;
}

// The steps as stored, in the shape the engine returns.
struct StoredStep {
  std::string key, actor, status, opened_on, due_on, done_on;
  int late, working_days_late;
  bool operator==(const StoredStep&) const = default;
};

std::ostream& operator<<(std::ostream& out, const StoredStep& s) {
  return out << s.key << " " << s.actor << " " << s.status << " " << s.opened_on << " due "
             << s.due_on << " done " << s.done_on << " late " << s.late << "/" << s.working_days_late;
}

std::vector<StoredStep> stored_steps(SQLite::Database& db, const CaseId& id) {
  SQLite::Statement s(db,
      "SELECT key, actor, status, opened_on, coalesce(due_on, ''), coalesce(done_on, ''), late, "
      "working_days_late FROM steps WHERE case_id = ?1 ORDER BY ord");
  s.bind(1, id.str());
  std::vector<StoredStep> steps;
  while (s.executeStep())
    steps.push_back({s.getColumn(0).getString(), s.getColumn(1).getString(), s.getColumn(2).getString(),
                     s.getColumn(3).getString(), s.getColumn(4).getString(), s.getColumn(5).getString(),
                     s.getColumn(6).getInt(), s.getColumn(7).getInt()});
  return steps;
}

std::vector<StoredStep> recomputed_steps(const StoredCase& stored) {
  CaseState state = project(stored.the_case, stored.events, context());
  std::vector<StoredStep> steps;
  for (const Step& step : state.steps)
    steps.push_back({step.key.str(), step.actor.str(), std::string(to_string(step.status)),
                     format_date(step.opened_on), step.due_on ? format_date(*step.due_on) : "",
                     step.done_on ? format_date(*step.done_on) : "", step.late ? 1 : 0,
                     step.working_days_late});
  return steps;
}

void expect_projection_matches(Store& store, const std::string& path, const std::vector<CaseId>& ids,
                               const char* when) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  for (const CaseId& id : ids) {
    auto stored = store.find_case(admin(), id, today());
    ASSERT_TRUE(stored) << stored.problem().detail;
    EXPECT_EQ(stored_steps(db, id), recomputed_steps(*stored)) << when << ", case " << id.str();
  }
}

TEST_F(ProjectionTest, StoredStepsEqualARecomputationAfterRandomEvents) {
  std::mt19937 rng(20261125);
  std::vector<CaseId> ids;
  int accepted = 0;
  for (int c = 0; c < 25; ++c) {
    const char* births[] = {"2022-04-01", "2014-08-15", "2009-01-30", "1990-06-06"};
    auto made = create(person("R", std::to_string(c), births[c % 4]), {});
    ids.push_back(made.the_case.id);
    for (int i = 0; i < 30; ++i) {
      auto found = store->find_case(admin(), made.the_case.id, today());
      auto appended = store->append_event(admin(), made.the_case.id,
                                          random_event(rng, static_cast<std::int64_t>(found->events.size())), today());
      if (appended) ++accepted;
    }
  }
  EXPECT_GT(accepted, 100);  // the sequences exercised the engine
  expect_projection_matches(*store, path(), ids, "after appends");
  store->reproject(nullptr);
  expect_projection_matches(*store, path(), ids, "after reproject");
}

TEST_F(ProjectionTest, ReaderSeesAMultiEventWriteWholeOrNotAtAll) {
  constexpr int events_per_case = 5, cases = 40;
  std::atomic<bool> writing{true};
  std::atomic<int> bad_snapshots{0}, snapshots{0};
  std::thread reader([&] {
    SQLite::Database db(path(), SQLite::OPEN_READONLY);
    db.setBusyTimeout(5000);
    SQLite::Statement torn(db,
        "SELECT count(*) FROM (SELECT count(*) AS n FROM events GROUP BY case_num) WHERE n <> 5");
    SQLite::Statement steps(db,
        "SELECT count(*) FROM cases WHERE num NOT IN (SELECT case_num FROM steps)");
    while (writing.load()) {
      db.exec("BEGIN");
      torn.executeStep();
      steps.executeStep();
      if (torn.getColumn(0).getInt() != 0 || steps.getColumn(0).getInt() != 0) ++bad_snapshots;
      torn.reset();
      steps.reset();
      db.exec("COMMIT");
      ++snapshots;
    }
  });
  // Writing starts once the reader reads, so that it reads while we write.
  while (snapshots.load() == 0) std::this_thread::yield();
  for (int c = 0; c < cases; ++c) {
    std::vector<Event> events;
    Event notice = event(EventType::arrival_notice_received, "2026-11-02");
    notice.expected_arrival = day("2026-11-20");
    events.push_back(notice);
    events.push_back(event(EventType::health_centre_notified, "2026-11-02"));
    events.push_back(event(EventType::school_notified, "2026-11-02"));
    Event booked = event(EventType::health_talk_booked, "2026-11-03");
    booked.appointment = day("2026-11-06");
    events.push_back(booked);
    events.push_back(event(EventType::health_talk_held, "2026-11-06"));
    ASSERT_EQ(events.size(), static_cast<std::size_t>(events_per_case));
    create(person("W", std::to_string(c), "2015-01-01"), events);
  }
  writing = false;
  reader.join();
  EXPECT_GT(snapshots.load(), 0);
  EXPECT_EQ(bad_snapshots.load(), 0);
}

}  // namespace
}  // namespace kedja::storage::testing
