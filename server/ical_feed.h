// A unit's calendar feed as iCalendar (RFC 5545) text, made with libical
// (issue 16): one all-day VEVENT per entry of domain/feed.h, which Outlook,
// Google Calendar and Thunderbird can subscribe to.
#pragma once

#include "storage/store.h"

#include <ctime>
#include <string>

namespace kedja::server {

struct FeedText {
  std::string calendar_name;  // X-WR-CALNAME, e.g. "Kedja – Hälsocentralen Östersund"
  std::string unit_name;      // in each event's description
  std::string base_url;       // "https://kedja.region.se": each event links base_url + "/arenden/{id}"
};

// The VCALENDAR: VERSION 2.0, a PRODID, METHOD:PUBLISH, the calendar's
// name, a refresh interval of one hour (REFRESH-INTERVAL, RFC 7986, and
// Outlook's X-PUBLISHED-TTL), then the entries in their order. Each VEVENT
// has the entry's UID, DTSTAMP = `now` (UTC), DTSTART;VALUE=DATE = the
// entry's day (a local date in Europe/Stockholm: all-day events float, as
// RFC 5545 §3.3.4 says) and DTEND the day after, SUMMARY, a DESCRIPTION of
// the case id, the step, the unit and the link, URL = the case page,
// CATEGORIES (Tidsfrist / Bokad tid) and TRANSP:TRANSPARENT (a deadline
// does not make its day busy). No personal data: only what the entry holds.
// Lines end in CRLF, folded at 75 octets (libical).
std::string to_icalendar(const storage::Feed& feed, const FeedText& text, std::time_t now);

}  // namespace kedja::server
