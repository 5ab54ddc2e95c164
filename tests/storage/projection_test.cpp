// The stored step projection always equals a full recomputation from the
// events, and readers see a multi-event write whole or not at all; so do
// the step counts the summary and the follow-up read (issue 15).
#include "fixture.h"

#include "domain/follow_up.h"
#include "storage/step_histograms.h"

#include <SQLiteCpp/Database.h>

#include <atomic>
#include <map>
#include <random>
#include <thread>
#include <tuple>

namespace kedja {
// gtest prints the figures, not their bytes.
inline void PrintTo(const FollowUpFigures& f, std::ostream* out) {
  *out << "on_time " << f.on_time() << " late " << f.late() << " declined " << f.declined() << " pending "
       << f.pending() << " median " << f.median_working_days_late().value_or(-1);
}
}  // namespace kedja

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

// The follow-up and the summary worked out by brute force: every case in
// `who`'s scope (as its single read decides it) projected again from its
// events, every step classified by the domain.
struct BruteForce {
  std::map<std::pair<std::string, std::string>, FollowUpFigures> follow_up;
  std::map<std::pair<std::string, std::string>, SummaryRow> summary;
};

BruteForce brute_force(Store& store, const std::vector<CaseId>& ids, const FollowUpQuery& q, const Caller& who) {
  BruteForce out;
  const Calendar& calendar = Calendar::swedish();
  for (const CaseId& id : ids) {
    if (!store.find_case(who, id, today()).ok()) continue;
    auto stored = store.find_case(admin(), id, today());
    const CaseState state = project(stored->the_case, stored->events, context());
    for (const Step& step : state.steps) {
      if (q.actor && step.actor != *q.actor) continue;
      const std::string group = q.by == FollowUpBy::municipality ? state.municipality
                                : q.by == FollowUpBy::actor      ? step.actor.str()
                                : step.due_on                    ? month_of(*step.due_on)
                                                                 : "";
      if (step.due_on && *step.due_on >= q.from && *step.due_on <= q.to)
        if (auto counted = follow_up_outcome(step, q.as_of, calendar))
          out.follow_up[{group, step.key.str()}].add(*counted);
      const int overdue = working_days_overdue(step, q.as_of, calendar);
      if (overdue == 0) continue;
      SummaryRow& row = out.summary[{q.by == FollowUpBy::actor ? step.actor.str() : state.municipality,
                                     step.key.str()}];
      if (row.overdue == 0 || *step.due_on < row.oldest_due_on) row.oldest_due_on = *step.due_on;
      ++row.overdue;
      ++row.buckets[overdue_bucket(overdue)];
    }
  }
  return out;
}

// The overdue summary by the query's grouping (none by month), with its
// actor if it has one, equal to the brute force's.
void expect_summary_matches(Store& store, const Caller& who, const FollowUpQuery& q, const BruteForce& expected,
                            const std::string& what) {
  if (q.by == FollowUpBy::month) return;
  const auto summary_by = q.by == FollowUpBy::actor ? SummaryBy::actor : SummaryBy::municipality;
  const auto rows = store.summary(who, summary_by, q.as_of, today(), q.actor);
  ASSERT_EQ(rows.size(), expected.summary.size()) << what;
  for (const SummaryRow& row : rows) {
    const auto found = expected.summary.find({row.group, row.step.str()});
    ASSERT_NE(found, expected.summary.end()) << what << " " << row.group << " " << row.step.str();
    EXPECT_EQ(row.overdue, found->second.overdue) << what << " " << row.group << " " << row.step.str();
    EXPECT_EQ(row.oldest_due_on, found->second.oldest_due_on) << what << " " << row.group;
    EXPECT_EQ(row.buckets, found->second.buckets) << what << " " << row.group << " " << row.step.str();
  }
}

void expect_counts_match(Store& store, const std::vector<CaseId>& ids, const char* when) {
  static const struct {
    const char* from;
    const char* to;
    const char* as_of;
  } periods[] = {
      {"2026-09-01", "2026-12-31", "2026-11-25"},  // whole months only
      {"2026-09-15", "2026-11-10", "2026-11-25"},  // part months at both ends
      {"2026-10-03", "2026-10-20", "2026-10-15"},  // within one month
      {"2026-08-01", "2027-03-31", "2026-09-20"},  // as of a day most steps are still ahead
  };
  // Read from the counts (admin, reception, a health centre) or, for the
  // age-ranged units, from the steps: each equal to the brute force.
  const Caller callers[] = {admin(), caller(Role::reception, "reception:ostersund"),
                            caller(Role::hc, "hc:ostersund"), caller(Role::school, "school:ostersund"),
                            caller(Role::preschool, "preschool:berg")};
  for (const Caller& who : callers)
    for (const auto& p : periods)
      for (FollowUpBy by : {FollowUpBy::municipality, FollowUpBy::actor, FollowUpBy::month}) {
        const std::string what = std::string(when) + ", " +
                                 (who.actor ? who.actor->str() : "admin") + ", " + p.from + ".." + p.to +
                                 " as of " + p.as_of + ", by " + std::to_string(static_cast<int>(by));
        const FollowUpQuery q{by, day(p.from), day(p.to), day(p.as_of), std::nullopt, std::nullopt};
        const BruteForce expected = brute_force(store, ids, q, who);
        std::map<std::pair<std::string, std::string>, FollowUpFigures> got;
        for (const FollowUpRow& row : store.follow_up(who, q, today())) got[{row.group, row.step.str()}] = row.figures;
        EXPECT_EQ(got, expected.follow_up) << what;
        // With a step chosen: that step's rows of the same.
        for (const char* step : {"notify_school", "hold_health_talk"}) {
          FollowUpQuery one = q;
          one.step = StepKey(step);
          std::map<std::pair<std::string, std::string>, FollowUpFigures> got_one, expected_one;
          for (const FollowUpRow& row : store.follow_up(who, one, today()))
            got_one[{row.group, row.step.str()}] = row.figures;
          for (const auto& [group, figures] : expected.follow_up)
            if (group.second == step) expected_one[group] = figures;
          EXPECT_EQ(got_one, expected_one) << what << ", step " << step;
        }
        expect_summary_matches(store, who, q, expected, what);
        // One unit's steps only (the page's "Våra steg"): read from the
        // counts or the steps with the actor as one more filter.
        for (const char* actor : {"school:ostersund", "hc:ostersund"}) {
          FollowUpQuery own = q;
          own.actor = ActorId(actor);
          const BruteForce expected_own = brute_force(store, ids, own, who);
          std::map<std::pair<std::string, std::string>, FollowUpFigures> got_own;
          for (const FollowUpRow& row : store.follow_up(who, own, today()))
            got_own[{row.group, row.step.str()}] = row.figures;
          EXPECT_EQ(got_own, expected_own.follow_up) << what << ", actor " << actor;
          expect_summary_matches(store, who, own, expected_own, what + ", actor " + actor);
        }
      }
}

// The step histograms equal the stored steps counted here, in C++ from the
// steps' own columns (not through the SQL the triggers share with recount):
// open ones by due day, done ones by working days late (0 on time), declined
// ones all at 0; the row's n is the sum of its counts.
void expect_histograms_equal_steps(SQLite::Database& db, const char* when) {
  using Group = std::tuple<std::string, std::string, std::string, std::string>;
  std::map<Group, std::map<std::int32_t, std::uint32_t>> expected, kept;
  SQLite::Statement steps(db, "SELECT status, due_on, municipality, key, late, working_days_late FROM steps "
                              "WHERE due_on IS NOT NULL AND status <> 'cancelled'");
  while (steps.executeStep()) {
    const std::string status = steps.getColumn(0).getString();
    const Date due_on = *parse_date(steps.getColumn(1).getString());
    const bool late = steps.getColumn(4).getInt() != 0;
    const int days_late = steps.getColumn(5).getInt();
    std::int32_t value = 0;
    if (status == "open") value = static_cast<std::int32_t>(due_on.time_since_epoch().count());
    else if (status == "done" && late && days_late > 0) value = days_late;
    const std::string month = status == "open" ? "" : format_date(due_on).substr(0, 7);
    ++expected[{status, month, steps.getColumn(2).getString(), steps.getColumn(3).getString()}][value];
  }
  SQLite::Statement rows(db, "SELECT status, due_month, municipality, key, n, counts FROM step_histograms");
  while (rows.executeStep()) {
    const Group group{rows.getColumn(0).getString(), rows.getColumn(1).getString(), rows.getColumn(2).getString(),
                      rows.getColumn(3).getString()};
    const auto* data = static_cast<const unsigned char*>(rows.getColumn(5).getBlob());
    std::int64_t sum = 0;
    for (const auto& entry : histogram_entries({data, static_cast<std::size_t>(rows.getColumn(5).getBytes())})) {
      kept[group][entry.value] = entry.count;
      sum += entry.count;
    }
    EXPECT_EQ(rows.getColumn(4).getInt64(), sum) << when << ": n of " << std::get<3>(group);
  }
  EXPECT_FALSE(kept.empty()) << when;
  EXPECT_EQ(kept, expected) << when;

  // By birth month: done and declined steps per (municipality, due month,
  // birth month, status, actor, step), by working days late.
  using BirthGroup = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
  std::map<BirthGroup, std::map<std::int32_t, std::uint32_t>> expected_by_birth, kept_by_birth;
  SQLite::Statement closed(db, "SELECT municipality, due_on, birth_date, status, actor, key, late, working_days_late "
                               "FROM steps WHERE due_on IS NOT NULL AND status IN ('done', 'declined')");
  while (closed.executeStep()) {
    const std::string status = closed.getColumn(3).getString();
    const int days_late = closed.getColumn(7).getInt();
    const std::int32_t value = status == "done" && closed.getColumn(6).getInt() != 0 && days_late > 0 ? days_late : 0;
    ++expected_by_birth[{closed.getColumn(0).getString(), closed.getColumn(1).getString().substr(0, 7),
                         closed.getColumn(2).getString().substr(0, 7), status, closed.getColumn(4).getString(),
                         closed.getColumn(5).getString()}][value];
  }
  SQLite::Statement birth_rows(db, "SELECT municipality, due_month, birth_month, status, actor, key, n, counts "
                                   "FROM step_histograms_by_birth_month");
  while (birth_rows.executeStep()) {
    const BirthGroup group{birth_rows.getColumn(0).getString(), birth_rows.getColumn(1).getString(),
                           birth_rows.getColumn(2).getString(), birth_rows.getColumn(3).getString(),
                           birth_rows.getColumn(4).getString(), birth_rows.getColumn(5).getString()};
    const auto* data = static_cast<const unsigned char*>(birth_rows.getColumn(7).getBlob());
    std::int64_t sum = 0;
    for (const auto& entry : histogram_entries({data, static_cast<std::size_t>(birth_rows.getColumn(7).getBytes())})) {
      kept_by_birth[group][entry.value] = entry.count;
      sum += entry.count;
    }
    EXPECT_EQ(birth_rows.getColumn(6).getInt64(), sum) << when << ": n by birth month of " << std::get<5>(group);
  }
  EXPECT_EQ(kept_by_birth, expected_by_birth) << when;
}

// The counts equal a GROUP BY of the stored steps, row for row.
void expect_counts_equal_steps(const std::string& path, const char* when) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  const char* columns = "status, municipality, actor, key, health_centre, late, working_days_late";
  const std::string counted = " FROM steps WHERE due_on IS NOT NULL AND status <> 'cancelled' GROUP BY ";
  static const struct {
    std::string counts, steps;
  } pairs[] = {
      {std::string("SELECT ") + columns + ", due_on, n FROM step_counts",
       std::string("SELECT ") + columns + ", due_on, count(*)" + counted + columns + ", due_on"},
      {std::string("SELECT ") + columns + ", due_month, n FROM step_counts_monthly",
       std::string("SELECT ") + columns + ", substr(due_on, 1, 7), count(*) FROM steps WHERE due_on IS NOT "
       "NULL AND status IN ('done', 'declined') GROUP BY " + columns + ", substr(due_on, 1, 7)"},
  };
  for (const auto& pair : pairs) {
    const std::string difference = "SELECT (SELECT count(*) FROM (" + pair.counts + " EXCEPT " + pair.steps +
                                   ")) + (SELECT count(*) FROM (" + pair.steps + " EXCEPT " + pair.counts + "))";
    EXPECT_EQ(db.execAndGet(difference).getInt(), 0) << when << ": " << pair.counts;
  }
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM step_counts").getInt(), 0) << when;
  expect_histograms_equal_steps(db, when);
}

TEST_F(ProjectionTest, StepCountsEqualARecomputationAfterRandomEvents) {
  std::mt19937 rng(20261130);
  std::vector<CaseId> ids;
  int accepted = 0;
  for (int c = 0; c < 30; ++c) {
    const char* births[] = {"2022-04-01", "2014-08-15", "2009-01-30", "1990-06-06", "2016-02-29"};
    auto made = create(person("F", std::to_string(c), births[c % 5], c % 3 == 0 ? "berg" : "ostersund"), {});
    ids.push_back(made.the_case.id);
    for (int i = 0; i < 30; ++i) {
      auto found = store->find_case(admin(), made.the_case.id, today());
      auto appended = store->append_event(admin(), made.the_case.id,
                                          random_event(rng, static_cast<std::int64_t>(found->events.size())), today());
      if (appended) ++accepted;
    }
  }
  EXPECT_GT(accepted, 100);
  expect_counts_equal_steps(path(), "after appends");
  expect_counts_match(*store, ids, "after appends");
  store->reproject(nullptr);
  expect_counts_equal_steps(path(), "after reproject");
  expect_counts_match(*store, ids, "after reproject");
}

// The follow-up of the units whose scope is an age range today (a school,
// a preschool) reads whole birth months from the histograms by birth month
// and the part months at the range's ends from the cases born then: people
// born on each side of each end (today 2026-11-25: a school sees 6–17,
// born 2008-11-26 … 2020-11-25; a preschool 0–5, born after 2020-11-25).
TEST_F(ProjectionTest, AgeRangedFollowUpEqualsARecomputationAtTheBirthRangesEnds) {
  std::mt19937 rng(2025);
  const char* births[] = {"2008-11-24", "2008-11-25", "2008-11-26", "2008-11-30", "2008-12-01", "2014-06-15",
                          "2020-10-31", "2020-11-01", "2020-11-25", "2020-11-26", "2020-11-30", "2026-11-01"};
  std::vector<CaseId> ids;
  for (int c = 0; c < 36; ++c) {
    auto made = create(person("G", std::to_string(c), births[c % 12], c % 2 ? "berg" : "ostersund"), {});
    ids.push_back(made.the_case.id);
    for (int i = 0; i < 30; ++i) {
      auto found = store->find_case(admin(), made.the_case.id, today());
      store->append_event(admin(), made.the_case.id,
                          random_event(rng, static_cast<std::int64_t>(found->events.size())), today());
    }
  }
  expect_counts_equal_steps(path(), "births at the ends");
  expect_counts_match(*store, ids, "births at the ends");
}

// A bulk load into an empty database counts once at the end, with the
// triggers dropped; they are back for the writes after it.
TEST_F(ProjectionTest, StepCountsEqualTheStepsAfterABulkLoadAndLaterAppends) {
  std::mt19937 rng(15);
  int made = 0;
  ASSERT_EQ(store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 200) return false;
    bulk.the_case = person("B", std::to_string(made), made % 2 ? "2015-05-05" : "2021-01-10",
                           made % 3 ? "krokom" : "are");
    Event notice = event(EventType::arrival_notice_received, "2026-10-01");
    notice.date = add_days(notice.date, made % 40);
    notice.expected_arrival = add_days(notice.date, 10);
    bulk.events = {{0, notice, "2026-10-01T08:00:00Z", ActorId("reception:krokom")}};
    if (made % 4 == 0)
      bulk.events.push_back({0, event(EventType::health_centre_notified, "2026-11-16"), "2026-11-16T08:00:00Z",
                             ActorId("reception:krokom")});
    ++made;
    return true;
  }), 200);
  expect_counts_equal_steps(path(), "after a bulk load");
  CaseQuery every;
  every.limit = max_page_size;  // all 200 on one page
  const auto page = store->list_cases(admin(), every, today());
  ASSERT_EQ(page.items.size(), 200u);
  std::vector<CaseId> ids;
  for (const auto& summary : page.items) ids.push_back(summary.the_case.id);
  for (std::size_t i = 0; i < 20; ++i) {
    auto found = store->find_case(admin(), ids[i], today());
    store->append_event(admin(), ids[i], random_event(rng, static_cast<std::int64_t>(found->events.size())), today());
  }
  expect_counts_equal_steps(path(), "after appends to loaded cases");
  expect_counts_match(*store, ids, "after a bulk load");
}

// The work counts (storage/work_counts.h) equal a GROUP BY of the stored
// steps, row for row, and so do the counts without the step.
void expect_work_counts_equal_steps(const std::string& path, const char* when) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  const std::string counts = "SELECT actor, open, day, key, municipality, health_centre, n FROM work_counts";
  const std::string steps =
      "SELECT actor, status = 'open', CASE WHEN status = 'open' THEN coalesce(due_on, '') ELSE done_on END, key, "
      "municipality, health_centre, count(*) FROM steps WHERE status = 'open' OR (done_on IS NOT NULL AND "
      "status IN ('done', 'declined')) GROUP BY 1, 2, 3, 4, 5, 6";
  const std::string difference = "SELECT (SELECT count(*) FROM (" + counts + " EXCEPT " + steps +
                                 ")) + (SELECT count(*) FROM (" + steps + " EXCEPT " + counts + "))";
  EXPECT_EQ(db.execAndGet(difference).getInt(), 0) << when;
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM work_counts WHERE open = 0").getInt(), 0) << when;
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM work_counts WHERE open = 1").getInt(), 0) << when;
  // The counts without the step (migration 19), the same way.
  const std::string day_counts = "SELECT actor, open, day, municipality, health_centre, n FROM work_day_counts";
  const std::string day_steps =
      "SELECT actor, status = 'open', CASE WHEN status = 'open' THEN coalesce(due_on, '') ELSE done_on END, "
      "municipality, health_centre, count(*) FROM steps WHERE status = 'open' OR (done_on IS NOT NULL AND "
      "status IN ('done', 'declined')) GROUP BY 1, 2, 3, 4, 5";
  EXPECT_EQ(db.execAndGet("SELECT (SELECT count(*) FROM (" + day_counts + " EXCEPT " + day_steps +
                          ")) + (SELECT count(*) FROM (" + day_steps + " EXCEPT " + day_counts + "))")
                .getInt(),
            0)
      << when;
  EXPECT_GT(db.execAndGet("SELECT count(*) FROM work_day_counts").getInt(), 0) << when;
}

std::string describe(const WorkCounts& c) {
  return "overdue " + std::to_string(c.overdue) + " due_soon " + std::to_string(c.due_soon) + " undated " +
         std::to_string(c.undated) + " done " + std::to_string(c.done);
}

// Store::work's tab counts — kept counts where they apply — equal the counts
// read from the steps, for each unit's own list, the admin's and the
// coordinator's list of one actor, several days and the page's filters.
void expect_work_counts_match(Store& store, const std::string& path, const char* when) {
  std::vector<std::string> actors;
  {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement s(db, "SELECT DISTINCT actor FROM steps ORDER BY 1");
    while (s.executeStep()) actors.push_back(s.getColumn(0).getString());
  }
  std::vector<std::pair<Caller, std::optional<ActorId>>> lists;
  for (const auto& [role, actor] : {std::pair{Role::hc, "hc:ostersund"}, {Role::reception, "reception:ostersund"},
                                    {Role::school, "school:ostersund"}, {Role::preschool, "preschool:berg"},
                                    {Role::school_health, "school_health:ostersund"}})
    lists.emplace_back(caller(role, actor), ActorId(actor));
  for (const std::string& actor : actors) {
    lists.emplace_back(admin(), ActorId(actor));
    lists.emplace_back(caller(Role::coordinator, "lst:jamtland"), ActorId(actor));
  }
  lists.emplace_back(admin(), std::nullopt);  // every owner: read from the steps
  std::int64_t seen = 0;
  for (const auto& [who, actor] : lists)
    for (const char* as_of : {"2026-09-20", "2026-10-15", "2026-11-25", "2026-12-10"})
      for (int filter = 0; filter < 4; ++filter) {
        WorkQuery q;
        q.as_of = day(as_of);
        q.actor = actor;
        if (filter & 1) q.municipality = "ostersund";
        if (filter & 2) q.step = StepKey("book_health_talk");
        const WorkCounts got = store.work(who, q, today()).counts;
        const WorkCounts expected = store.work_counts_from_steps(who, q, today());
        EXPECT_EQ(got.overdue, expected.overdue) << when << ", " << (actor ? actor->str() : "every actor")
                                                 << " as " << (who.actor ? who.actor->str() : "admin") << " on "
                                                 << as_of << " filter " << filter << ": " << describe(got) << " vs "
                                                 << describe(expected);
        EXPECT_EQ(got.due_soon, expected.due_soon) << when << ", " << (actor ? actor->str() : "") << " " << as_of;
        EXPECT_EQ(got.undated, expected.undated) << when << ", " << (actor ? actor->str() : "") << " " << as_of;
        EXPECT_EQ(got.done, expected.done) << when << ", " << (actor ? actor->str() : "") << " " << as_of;
        seen += got.overdue + got.due_soon + got.undated + got.done;
      }
  EXPECT_GT(seen, 0) << when;
}

TEST_F(ProjectionTest, WorkCountsEqualTheStepsAfterRandomEventsAndReproject) {
  std::mt19937 rng(13);
  int accepted = 0;
  for (int c = 0; c < 30; ++c) {
    const char* births[] = {"2022-04-01", "2014-08-15", "2009-01-30", "1990-06-06", "2016-02-29"};
    auto made = create(person("W", std::to_string(c), births[c % 5], c % 3 == 0 ? "berg" : "ostersund"), {});
    for (int i = 0; i < 30; ++i) {
      auto found = store->find_case(admin(), made.the_case.id, today());
      if (store->append_event(admin(), made.the_case.id,
                              random_event(rng, static_cast<std::int64_t>(found->events.size())), today()))
        ++accepted;
    }
  }
  EXPECT_GT(accepted, 100);
  expect_work_counts_equal_steps(path(), "after appends");
  expect_work_counts_match(*store, path(), "after appends");
  store->reproject(nullptr);
  expect_work_counts_equal_steps(path(), "after reproject");
  expect_work_counts_match(*store, path(), "after reproject");
}

// A bulk load into an empty database counts once at the end, with the
// triggers dropped; they are back for the writes after it.
TEST_F(ProjectionTest, WorkCountsEqualTheStepsAfterABulkLoadAndLaterAppends) {
  std::mt19937 rng(16);
  int made = 0;
  ASSERT_EQ(store->bulk_load([&](Store::BulkCase& bulk) {
    if (made == 200) return false;
    bulk.the_case = person("B", std::to_string(made), made % 2 ? "2015-05-05" : "2021-01-10",
                           made % 3 ? "ostersund" : "berg");
    Event notice = event(EventType::arrival_notice_received, "2026-10-01");
    notice.date = add_days(notice.date, made % 40);
    notice.expected_arrival = add_days(notice.date, 10);
    bulk.events = {{0, notice, "2026-10-01T08:00:00Z", ActorId("reception:ostersund")}};
    if (made % 4 == 0)
      bulk.events.push_back({0, event(EventType::health_centre_notified, "2026-11-16"), "2026-11-16T08:00:00Z",
                             ActorId("reception:ostersund")});
    ++made;
    return true;
  }), 200);
  expect_work_counts_equal_steps(path(), "after a bulk load");
  expect_work_counts_match(*store, path(), "after a bulk load");
  CaseQuery every;
  every.limit = max_page_size;
  const auto page = store->list_cases(admin(), every, today());
  ASSERT_EQ(page.items.size(), 200u);
  for (std::size_t i = 0; i < 40; ++i) {
    const CaseId& id = page.items[i].the_case.id;
    auto found = store->find_case(admin(), id, today());
    store->append_event(admin(), id, random_event(rng, static_cast<std::int64_t>(found->events.size())), today());
  }
  expect_work_counts_equal_steps(path(), "after appends to loaded cases");
  expect_work_counts_match(*store, path(), "after appends to loaded cases");
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
