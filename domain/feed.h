// What a unit's calendar feed (kalenderflöde, issue 16) holds: its open
// steps that fall due soon, and the appointments booked for them. Pure: the
// server turns the entries into iCalendar (RFC 5545), storage finds the rows.
//
// A calendar leaves the protected system, so an entry carries no personal
// data: the case's id, the step's Swedish title and key, the date. Never a
// name, birth date or household.
#pragma once

#include "domain/dates.h"
#include "domain/event.h"
#include "domain/ids.h"

#include <span>
#include <string>
#include <vector>

namespace kedja {

// A feed shows the steps due from today through this many calendar days on.
inline constexpr int feed_days_ahead = 60;

// The due dates a feed made on `today` (Europe/Stockholm) shows: [first, last],
// calendar days, both inclusive.
struct FeedWindow {
  Date first{};
  Date last{};
};
FeedWindow feed_window(Date today);

// An open step of the feed's actor, as storage finds it.
struct FeedStep {
  CaseId case_id;
  StepKey step;
  std::string title;      // Swedish, from the rule set
  Date due_on{};          // the deadline, or the appointment's date
  EventType opened_by{};  // the event that opened the step
};

enum class FeedEntryKind {
  deadline,     // an open step falls due that day
  appointment,  // a booked health talk or health exam (the step that holds it)
};

// One all-day calendar event.
struct FeedEntry {
  std::string uid;  // stable: "<case id>.<step key>@kedja"
  Date day{};       // the all-day event's date, a local date in Europe/Stockholm
  FeedEntryKind kind = FeedEntryKind::deadline;
  CaseId case_id;
  StepKey step;
  std::string title;    // the step's Swedish title
  std::string summary;  // Swedish, e.g. "Boka hälsosamtal med smittskyddsprover – ärende K7Q2"
};

// The entries for `steps` (an actor's open steps) on `today`: the steps due
// in feed_window(today), by date, case and step. A step opened by
// `health_talk_booked` or `health_exam_booked` is that appointment (its due
// date is the appointment date): one entry of kind appointment, not two.
//
// The UID is the case and the step key, not the opening: a re-booking (a
// new appointment replaces the open step, contract §3) moves the calendar
// event instead of adding one, and a step that closes is gone from the next
// fetch. A case has at most one open step of a key; if two ever came, the
// later one's UID gets "-2", "-3", … so that UIDs stay unique in a feed.
std::vector<FeedEntry> feed_entries(std::span<const FeedStep> steps, Date today);

}  // namespace kedja
