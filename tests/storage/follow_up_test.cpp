// The overdue summary's buckets and the follow-up read from the step counts:
// hand-counted figures, and each caller's scope (issue 15).
#include "fixture.h"

#include <algorithm>
#include <array>
#include <map>

namespace kedja::storage::testing {
namespace {

// A ten-year-old whose health centre and school were told on Monday
// 2 November 2026: book_health_talk (hc) is due Monday 9 November,
// plan_school_start (school) Monday 16 November; both still open.
struct FollowUpStore : StoreFixture {
  void SetUp() override {
    StoreFixture::SetUp();
    for (const char* municipality : {"berg", "ostersund"}) {
      Event notice = event(EventType::arrival_notice_received, "2026-11-02");
      notice.expected_arrival = day("2026-11-20");
      create(person("Amina", municipality, "2016-03-01", municipality),
             {notice, event(EventType::health_centre_notified, "2026-11-02"),
              event(EventType::school_notified, "2026-11-02")});
    }
  }
  // "group step overdue b1 b2 b3 b4" per summary row, by actor.
  std::vector<std::string> summary(const Caller& who) {
    std::vector<std::string> out;
    for (const SummaryRow& row : store->summary(who, SummaryBy::actor, day("2026-11-25"), today())) {
      std::string line = row.group + " " + row.step.str() + " " + std::to_string(row.overdue);
      for (auto n : row.buckets) line += " " + std::to_string(n);
      out.push_back(line);
    }
    return out;
  }
};

TEST_F(FollowUpStore, SummaryBucketsCountWorkingDaysOverdue) {
  // As of Wednesday 25 November: book_health_talk is 12 working days
  // overdue (10–25 Nov), plan_school_start 7 (17–25 Nov). Units in Swedish
  // order of their names: Grundskolan … before Hälsocentralen ….
  EXPECT_EQ(summary(admin()), (std::vector<std::string>{
                                  "school:berg plan_school_start 1 0 1 0 0",
                                  "school:ostersund plan_school_start 1 0 1 0 0",
                                  "hc:berg book_health_talk 1 0 0 1 0",
                                  "hc:ostersund book_health_talk 1 0 0 1 0",
                              }));
  const auto rows = store->summary(admin(), SummaryBy::municipality, day("2026-11-25"), today());
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].group, "berg");
  EXPECT_EQ(format_date(rows[0].oldest_due_on), "2026-11-09");
}

TEST_F(FollowUpStore, EachCallerSeesTheCountsOfItsScope) {
  static const struct {
    Role role;
    const char* actor;
    std::vector<std::string> rows;
  } cases[] = {
      // Units in Swedish order of their names: Grundskolan … before Hälsocentralen ….
      {Role::coordinator, "lst:jamtland",
       {"school:berg plan_school_start 1 0 1 0 0", "school:ostersund plan_school_start 1 0 1 0 0",
        "hc:berg book_health_talk 1 0 0 1 0", "hc:ostersund book_health_talk 1 0 0 1 0"}},
      {Role::reception, "reception:berg",
       {"school:berg plan_school_start 1 0 1 0 0", "hc:berg book_health_talk 1 0 0 1 0"}},
      {Role::hc, "hc:ostersund",
       {"school:ostersund plan_school_start 1 0 1 0 0", "hc:ostersund book_health_talk 1 0 0 1 0"}},
      // Age 10 today: the school sees the whole case, as its lists do.
      {Role::school, "school:berg",
       {"school:berg plan_school_start 1 0 1 0 0", "hc:berg book_health_talk 1 0 0 1 0"}},
      {Role::preschool, "preschool:berg", {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(summary(caller(c.role, c.actor)), c.rows) << c.actor;
    // The follow-up's late rows are the summary's rows: every overdue
    // step here is due in November and still open.
    std::vector<std::string> late, overdue;
    for (const FollowUpRow& row : store->follow_up(caller(c.role, c.actor),
                                                   {FollowUpBy::actor, day("2026-11-01"), day("2026-11-30"),
                                                    day("2026-11-25"), std::nullopt, std::nullopt}, today()))
      if (row.figures.late() > 0) late.push_back(row.group + " " + row.step.str());
    for (const std::string& row : c.rows) overdue.push_back(row.substr(0, row.find(' ', row.find(' ') + 1)));
    EXPECT_EQ(late, overdue) << c.actor;
  }
}

TEST_F(FollowUpStore, FollowUpFiguresAsCountedByHand) {
  // Told the same day as the notice: both notify steps on time; the two
  // open steps late as of 25 November; the step filter keeps one step.
  const auto rows = store->follow_up(admin(), {FollowUpBy::municipality, day("2026-11-01"), day("2026-11-30"),
                                               day("2026-11-25"), std::nullopt, std::nullopt}, today());
  std::map<std::string, const FollowUpRow*> berg;
  for (const FollowUpRow& row : rows)
    if (row.group == "berg") berg[row.step.str()] = &row;
  ASSERT_EQ(berg.size(), 4u);
  EXPECT_EQ(berg["notify_health_centre"]->figures.on_time(), 1);
  EXPECT_EQ(berg["notify_school"]->figures.on_time(), 1);
  EXPECT_EQ(berg["book_health_talk"]->figures.late(), 1);
  EXPECT_DOUBLE_EQ(*berg["book_health_talk"]->figures.median_working_days_late(), 12.0);
  EXPECT_DOUBLE_EQ(*berg["plan_school_start"]->figures.median_working_days_late(), 7.0);
  // As of the due day itself, the talk is still pending.
  const auto early = store->follow_up(admin(), {FollowUpBy::month, day("2026-11-01"), day("2026-11-30"),
                                                day("2026-11-09"), StepKey("book_health_talk"), std::nullopt}, today());
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].group, "2026-11");
  EXPECT_EQ(early[0].figures.pending(), 2);
  EXPECT_EQ(early[0].figures.late(), 0);
  EXPECT_FALSE(early[0].figures.share_on_time());
  // A period the due dates lie outside counts nothing.
  EXPECT_TRUE(store->follow_up(admin(), {FollowUpBy::month, day("2026-12-01"), day("2026-12-31"),
                                         day("2026-12-31"), std::nullopt, std::nullopt}, today()).empty());
}

// The region's summary buckets each open step by its own working days
// overdue, at every bucket's edge and across Ascension Day, the National Day
// and Midsummer Eve (it finds each bucket's first due day once a request
// and compares the histogram's due days with them).
TEST_F(StoreFixture, RegionSummaryBucketsEachStepByItsWorkingDaysOverdue) {
  const Calendar& calendar = Calendar::swedish();
  std::vector<Step> talks;  // book_health_talk of one case told each day from 4 May to 19 June 2026
  for (Date told = day("2026-05-04"); told <= day("2026-06-19"); told += date::days{1}) {
    const std::string date = format_date(told);
    Event notice = event(EventType::arrival_notice_received, date.c_str());
    notice.expected_arrival = told + date::days{14};
    const StoredCase made = create(person("Amina", "Haddad", "2016-03-01"),
                                   {notice, event(EventType::health_centre_notified, date.c_str())});
    const auto stored = store->find_case(admin(), made.the_case.id, today());
    ASSERT_TRUE(stored.ok());
    for (const Step& step : stored->state.steps)
      if (step.key.str() == "book_health_talk") talks.push_back(step);
  }
  ASSERT_EQ(talks.size(), 47u);
  std::array<std::int64_t, overdue_bucket_names.size()> met{};  // over every as_of: each edge is crossed
  for (const char* as_of : {"2026-05-29", "2026-06-08", "2026-06-22", "2026-06-26", "2026-07-06"}) {
    SummaryRow expected;
    for (const Step& talk : talks) {
      const int overdue = working_days_overdue(talk, day(as_of), calendar);
      if (overdue == 0) continue;
      if (expected.overdue == 0 || *talk.due_on < expected.oldest_due_on) expected.oldest_due_on = *talk.due_on;
      ++expected.overdue;
      ++expected.buckets[overdue_bucket(overdue)];
    }
    const auto rows = store->summary(admin(), SummaryBy::municipality, day(as_of), today());
    const auto talk_row = std::find_if(rows.begin(), rows.end(),
                                       [](const SummaryRow& row) { return row.step.str() == "book_health_talk"; });
    ASSERT_NE(talk_row, rows.end()) << as_of;
    EXPECT_EQ(talk_row->group, "ostersund");
    EXPECT_EQ(talk_row->overdue, expected.overdue) << as_of;
    EXPECT_EQ(talk_row->oldest_due_on, expected.oldest_due_on) << as_of;
    EXPECT_EQ(talk_row->buckets, expected.buckets) << as_of;
    for (std::size_t b = 0; b < met.size(); ++b) met[b] += talk_row->buckets[b];
  }
  for (const std::int64_t n : met) EXPECT_GT(n, 0);
}

}  // namespace
}  // namespace kedja::storage::testing
