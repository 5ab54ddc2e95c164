// Issue 16: which steps a unit's calendar feed shows, and what its morning
// digest counts. Pure: the domain target, date and GoogleTest only.
#include "domain/digest.h"
#include "domain/feed.h"
#include "domain/region.h"

#include <gtest/gtest.h>

#include <ostream>

namespace kedja {
namespace {

Date day(const char* text) {
  auto parsed = parse_date(text);
  EXPECT_TRUE(parsed) << text;
  return parsed.value_or(Date{});
}

FeedStep step(const char* case_id, const char* key, const char* due, EventType opened_by = EventType::arrived) {
  return {CaseId(case_id), StepKey(key), std::string("Titel ") + key, day(due), opened_by};
}

// --- the feed ------------------------------------------------------------

TEST(Feed, WindowIsTodayThroughSixtyCalendarDays) {
  const FeedWindow window = feed_window(day("2026-12-07"));
  EXPECT_EQ(window.first, day("2026-12-07"));
  EXPECT_EQ(window.last, day("2027-02-05"));
}

TEST(Feed, ShowsTheStepsDueInItsWindowOnly) {
  static const struct {
    const char* due;
    bool shown;
  } cases[] = {
      {"2026-12-06", false},  // yesterday: overdue, on /att-gora and in the digest, not ahead
      {"2026-12-07", true},   // today
      {"2026-12-24", true},   // a holiday: the date is the date
      {"2027-02-05", true},   // the 60th day
      {"2027-02-06", false},  // beyond
  };
  for (const auto& c : cases) {
    const FeedStep steps[] = {step("c1", "start_school", c.due)};
    const auto entries = feed_entries(steps, day("2026-12-07"));
    EXPECT_EQ(entries.size(), c.shown ? 1u : 0u) << c.due;
    if (c.shown && !entries.empty()) {
      EXPECT_EQ(entries[0].day, day(c.due)) << c.due;
    }
  }
}

TEST(Feed, AppointmentStepsAreAppointmentsOnce) {
  static const struct {
    EventType opened_by;
    FeedEntryKind kind;
    const char* summary_start;
  } cases[] = {
      {EventType::health_talk_booked, FeedEntryKind::appointment, "Bokat: "},
      {EventType::health_exam_booked, FeedEntryKind::appointment, "Bokat: "},
      {EventType::health_centre_notified, FeedEntryKind::deadline, "Titel "},
      {EventType::test_results_received, FeedEntryKind::deadline, "Titel "},
  };
  for (const auto& c : cases) {
    const FeedStep steps[] = {step("c9", "hold_health_talk", "2026-12-10", c.opened_by)};
    const auto entries = feed_entries(steps, day("2026-12-07"));
    ASSERT_EQ(entries.size(), 1u) << to_string(c.opened_by);
    EXPECT_EQ(entries[0].kind, c.kind) << to_string(c.opened_by);
    EXPECT_TRUE(entries[0].summary.starts_with(c.summary_start)) << entries[0].summary;
    EXPECT_TRUE(entries[0].summary.ends_with(" – ärende c9")) << entries[0].summary;
  }
}

TEST(Feed, UidIsTheCaseAndStepSoAReBookingMovesIt) {
  const FeedStep booked[] = {step("c1", "hold_health_talk", "2026-12-10", EventType::health_talk_booked)};
  const FeedStep rebooked[] = {step("c1", "hold_health_talk", "2026-12-17", EventType::health_talk_booked)};
  const auto before = feed_entries(booked, day("2026-12-07"));
  const auto after = feed_entries(rebooked, day("2026-12-07"));
  ASSERT_EQ(before.size(), 1u);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(before[0].uid, "c1.hold_health_talk@kedja");
  EXPECT_EQ(after[0].uid, before[0].uid);
  EXPECT_EQ(after[0].day, day("2026-12-17"));
}

TEST(Feed, EntriesAreByDateCaseAndStepWithUniqueUids) {
  const FeedStep steps[] = {
      step("c2", "notify_school", "2026-12-09"),
      step("c1", "notify_school", "2026-12-09"),
      step("c1", "notify_health_centre", "2026-12-08"),
      step("c1", "notify_school", "2026-12-20"),  // never two open of a key, but if so: unique
  };
  const auto entries = feed_entries(steps, day("2026-12-07"));
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].uid, "c1.notify_health_centre@kedja");
  EXPECT_EQ(entries[1].uid, "c1.notify_school@kedja");
  EXPECT_EQ(entries[2].uid, "c2.notify_school@kedja");
  EXPECT_EQ(entries[3].uid, "c1.notify_school-2@kedja");
}

// --- the digest ----------------------------------------------------------

TEST(Digest, HorizonIsTheFifthWorkingDayAfterToday) {
  const Calendar& calendar = Calendar::swedish();
  EXPECT_EQ(digest_horizon(day("2026-12-07"), calendar), day("2026-12-14"));  // Mon → next Mon
  // Tuesday before Christmas: 23, 28, 29, 30 December, 4 January.
  EXPECT_EQ(digest_horizon(day("2026-12-22"), calendar), day("2027-01-04"));
}

struct Counted {
  const char* today;
  const char* due;
  int overdue, due_today, due_soon;  // all 0: not counted
};

std::ostream& operator<<(std::ostream& out, const Counted& c) { return out << c.today << " due " << c.due; }

TEST(Digest, CountsEachStepInOneColumn) {
  static const Counted cases[] = {
      {"2026-12-22", "2026-12-21", 1, 0, 0},  // yesterday, a working day: overdue
      {"2026-12-22", "2026-12-19", 1, 0, 0},  // last Saturday: Monday lies between
      {"2026-12-22", "2025-01-10", 1, 0, 0},  // long overdue
      {"2026-12-22", "2026-12-22", 0, 1, 0},  // today
      {"2026-12-22", "2026-12-23", 0, 0, 1},  // tomorrow
      {"2026-12-22", "2026-12-25", 0, 0, 1},  // juldagen, within the five working days
      {"2026-12-22", "2027-01-04", 0, 0, 1},  // the fifth working day
      {"2026-12-22", "2027-01-05", 0, 0, 0},  // the sixth: not counted
      {"2026-12-07", "2026-12-05", 1, 0, 0},  // Monday; due Saturday: overdue
      {"2026-12-06", "2026-12-05", 0, 1, 0},  // Sunday; due Saturday: no working day passed
  };
  const Calendar& calendar = Calendar::swedish();
  for (const Counted& c : cases) {
    const DueStep steps[] = {{StepKey("start_school"), "Starta skolgång", day(c.due)}};
    const auto rows = digest_rows(steps, day(c.today), calendar);
    if (c.overdue + c.due_today + c.due_soon == 0) {
      EXPECT_TRUE(rows.empty()) << c;
      continue;
    }
    ASSERT_EQ(rows.size(), 1u) << c;
    EXPECT_EQ(rows[0], (DigestRow{StepKey("start_school"), "Starta skolgång", c.overdue, c.due_today, c.due_soon}))
        << c;
  }
}

TEST(Digest, OneRowPerStepInTitleOrder) {
  const DueStep steps[] = {
      {StepKey("notify_school"), "Informera skolan och förskolekön", day("2026-12-04")},
      {StepKey("book_health_talk"), "Boka hälsosamtal med smittskyddsprover", day("2026-12-07")},
      {StepKey("notify_school"), "Informera skolan och förskolekön", day("2026-12-07")},
      {StepKey("notify_school"), "Informera skolan och förskolekön", day("2026-12-11")},
      {StepKey("book_health_talk"), "Boka hälsosamtal med smittskyddsprover", day("2026-12-30")},
  };
  const auto rows = digest_rows(steps, day("2026-12-07"), Calendar::swedish());
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (DigestRow{StepKey("book_health_talk"), "Boka hälsosamtal med smittskyddsprover", 0, 1, 0}));
  EXPECT_EQ(rows[1], (DigestRow{StepKey("notify_school"), "Informera skolan och förskolekön", 1, 1, 1}));
}

TEST(Digest, NothingToReportIsNoRows) {
  EXPECT_TRUE(digest_rows({}, day("2026-12-07"), Calendar::swedish()).empty());
}

TEST(MailboxAddress, PlainAddressesOnly) {
  static const struct {
    const char* text;
    bool ok;
  } cases[] = {
      {"mottagningen@krokom.se", true},
      {"hc.ostersund+kedja@regionjh.se", true},
      {"a@b.c", true},
      {"", false},
      {"mottagningen", false},
      {"@krokom.se", false},
      {"mottagningen@krokom", false},       // one label
      {"Mottagningen <m@krokom.se>", false},  // a display name
      {"m@krokom.se\r\nBcc: x@y.se", false},  // header injection
      {"m@@krokom.se", false},
      {".m@krokom.se", false},
      {"m..n@krokom.se", false},
      {"m@-krokom.se", false},
      {"m@krokom..se", false},
      {"mö@krokom.se", false},  // no non-ASCII
      {"m n@krokom.se", false},
  };
  for (const auto& c : cases) EXPECT_EQ(is_mailbox_address(c.text), c.ok) << c.text;
}

}  // namespace
}  // namespace kedja
