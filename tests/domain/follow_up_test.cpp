// Uppföljning (contract v1.1 §4): how a step counts on as_of, counted by
// hand on the Swedish calendar, and the figures a row adds up to.
#include "domain_fixture.h"

#include "domain/follow_up.h"

namespace kedja::testing {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

struct Ev {
  const char* type;
  const char* date;
  Payload payload;
};

const Payload notice{{"expected_arrival", "2026-03-20"}};

// A nine-year-old whose health centre was told on Monday 2 March 2026:
// book_health_talk is due five working days on, Monday 9 March.
std::vector<Ev> notified() {
  return {{"arrival_notice_received", "2026-03-02", notice}, {"health_centre_notified", "2026-03-02", {}}};
}

std::vector<Ev> with(std::vector<Ev> events, std::initializer_list<Ev> more) {
  events.insert(events.end(), more);
  return events;
}

TEST(FollowUpOutcome, EachScenarioCountsAsCountedByHand) {
  const Payload booked{{"appointment", "2026-03-20"}};
  static const struct {
    const char* what;
    std::vector<Ev> events;
    const char* step;
    const char* as_of;
    std::optional<FollowUpOutcome> outcome;  // nullopt: never counted
    int working_days_late;
  } cases[] = {
      {"done on the due day: on time", with(notified(), {{"health_talk_booked", "2026-03-09", booked}}),
       "book_health_talk", "2026-03-30", FollowUpOutcome::on_time, 0},
      {"done the working day after: late by one", with(notified(), {{"health_talk_booked", "2026-03-10", booked}}),
       "book_health_talk", "2026-03-30", FollowUpOutcome::late, 1},
      // Due Thursday 2 April (same working day); Good Friday, the weekend
      // and Easter Monday are not working days: done Tuesday 7 April is
      // one working day late.
      {"late by one working day across a weekend and Easter",
       {{"arrival_notice_received", "2026-04-02", notice}, {"health_centre_notified", "2026-04-07", {}}},
       "notify_health_centre", "2026-04-30", FollowUpOutcome::late, 1},
      // Due Friday 6 March, done Saturday 7 March: no working day between.
      {"due Friday, done Saturday: on time",
       {{"arrival_notice_received", "2026-03-06", notice}, {"health_centre_notified", "2026-03-07", {}}},
       "notify_health_centre", "2026-03-30", FollowUpOutcome::on_time, 0},
      {"declined: outside the share",
       with(notified(), {{"step_declined", "2026-03-12", {{"step", "book_health_talk"}}}}),
       "book_health_talk", "2026-03-30", FollowUpOutcome::declined, 0},
      {"open, overdue on as_of: late by the working days overdue", notified(), "book_health_talk",
       "2026-03-12", FollowUpOutcome::late, 3},
      {"open on its due day: pending", notified(), "book_health_talk", "2026-03-09",
       FollowUpOutcome::pending, 0},
      {"open, as_of the Saturday after a Friday due day: pending",
       {{"arrival_notice_received", "2026-03-06", notice}}, "notify_health_centre", "2026-03-07",
       FollowUpOutcome::pending, 0},
      {"a closed case: cancelled, left out",
       with(notified(), {{"case_closed", "2026-03-05", {{"reason", "moved abroad"}}}}), "book_health_talk",
       "2026-03-30", std::nullopt, 0},
      // seq 3 is the booking; voiding it opens the step again.
      {"a voided closing event: open again, overdue",
       with(notified(), {{"health_talk_booked", "2026-03-09", booked},
                         {"event_voided", "2026-03-11", {{"voided_seq", std::int64_t{3}}, {"reason", "fel"}}}}),
       "book_health_talk", "2026-03-13", FollowUpOutcome::late, 4},
      {"a step without a due date, done: never counted",
       with(notified(), {{"health_talk_booked", "2026-03-04", {{"appointment", "2026-03-05"}}},
                         {"health_talk_held", "2026-03-05", {}}, {"vaccination_plan_made", "2026-03-30", {}}}),
       "vaccination_plan", "2026-04-30", std::nullopt, 0},
      {"a step without a due date, open for long: never counted",
       with(notified(), {{"health_talk_booked", "2026-03-04", {{"appointment", "2026-03-05"}}},
                         {"health_talk_held", "2026-03-05", {}}}),
       "vaccination_plan", "2027-04-30", std::nullopt, 0},
  };
  for (const auto& c : cases) {
    History history(make_case("2016-06-01"));
    for (const Ev& e : c.events) history.add(e.type, e.date, e.payload);
    const Step step = history.step(c.step);
    const auto counted = follow_up_outcome(step, day(c.as_of), Calendar::swedish());
    ASSERT_EQ(counted.has_value(), c.outcome.has_value()) << c.what;
    if (!counted) continue;
    EXPECT_EQ(counted->outcome, *c.outcome) << c.what;
    EXPECT_EQ(counted->working_days_late, c.working_days_late) << c.what;
  }
}

TEST(FollowUpFigures, ShareLeavesDeclinedAndPendingOut) {
  FollowUpFigures figures;
  figures.add({FollowUpOutcome::on_time, 0}, 3);
  figures.add({FollowUpOutcome::late, 2});
  figures.add({FollowUpOutcome::declined, 0}, 5);
  figures.add({FollowUpOutcome::pending, 0}, 7);
  EXPECT_EQ(figures.on_time(), 3);
  EXPECT_EQ(figures.late(), 1);
  EXPECT_EQ(figures.declined(), 5);
  EXPECT_EQ(figures.pending(), 7);
  EXPECT_DOUBLE_EQ(*figures.share_on_time(), 0.75);
}

TEST(FollowUpFigures, ShareAndMedianAreNullWithoutDoneOrLateSteps) {
  FollowUpFigures figures;
  figures.add({FollowUpOutcome::declined, 0});
  figures.add({FollowUpOutcome::pending, 0});
  EXPECT_FALSE(figures.share_on_time());
  EXPECT_FALSE(figures.median_working_days_late());
  figures.add({FollowUpOutcome::on_time, 0});
  EXPECT_DOUBLE_EQ(*figures.share_on_time(), 1.0);
  EXPECT_FALSE(figures.median_working_days_late());
}

TEST(FollowUpFigures, MedianIsTheMiddleOfTheLateOnes) {
  static const struct {
    std::vector<std::pair<int, std::int64_t>> late;  // working days late, how many
    double median;
  } cases[] = {
      {{{4, 1}}, 4.0},
      {{{1, 1}, {3, 1}}, 2.0},
      {{{1, 1}, {2, 1}}, 1.5},
      {{{1, 2}, {30, 1}}, 1.0},
      {{{1, 1}, {5, 2}, {30, 1}}, 5.0},
      {{{2, 3}, {9, 3}}, 5.5},
  };
  for (const auto& c : cases) {
    FollowUpFigures figures;
    figures.add({FollowUpOutcome::on_time, 0}, 10);  // never in the median
    for (auto [days, n] : c.late) figures.add({FollowUpOutcome::late, days}, n);
    EXPECT_DOUBLE_EQ(*figures.median_working_days_late(), c.median) << c.late.size();
  }
}

TEST(FollowUpFigures, AddingFiguresEqualsAddingTheirSteps) {
  FollowUpFigures a, b, both;
  a.add({FollowUpOutcome::late, 3}, 2);
  a.add({FollowUpOutcome::on_time, 0});
  b.add({FollowUpOutcome::late, 7});
  b.add({FollowUpOutcome::pending, 0});
  both.add({FollowUpOutcome::late, 3}, 2);
  both.add({FollowUpOutcome::on_time, 0});
  both.add({FollowUpOutcome::late, 7});
  both.add({FollowUpOutcome::pending, 0});
  a.add(b);
  EXPECT_EQ(a, both);
  EXPECT_DOUBLE_EQ(*a.median_working_days_late(), 3.0);
}

TEST(FollowUpPeriod, MonthGroupingAtMonthEnds) {
  static const struct {
    const char* due_on;
    const char* month;
  } cases[] = {{"2026-01-31", "2026-01"}, {"2026-02-01", "2026-02"}, {"2026-02-28", "2026-02"},
               {"2024-02-29", "2024-02"}, {"2025-12-31", "2025-12"}, {"2026-01-01", "2026-01"}};
  for (const auto& c : cases) EXPECT_EQ(month_of(day(c.due_on)), c.month) << c.due_on;
}

TEST(FollowUpPeriod, DefaultIsTheLastTwelveFullMonths) {
  static const struct {
    const char* as_of;
    const char* from;
    const char* to;
  } cases[] = {{"2026-11-30", "2025-11-01", "2026-10-31"},
               {"2026-01-01", "2025-01-01", "2025-12-31"},
               {"2026-03-31", "2025-03-01", "2026-02-28"},
               {"2024-03-01", "2023-03-01", "2024-02-29"}};
  for (const auto& c : cases) {
    const FollowUpPeriod period = last_twelve_full_months(day(c.as_of));
    EXPECT_EQ(format_date(period.from), c.from) << c.as_of;
    EXPECT_EQ(format_date(period.to), c.to) << c.as_of;
  }
}

}  // namespace
}  // namespace kedja::testing
