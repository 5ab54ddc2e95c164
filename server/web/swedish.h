// The Swedish words of the web pages that are not page text: event labels
// (contract §2), payload field labels, roles, step statuses, dates as
// "tis 22 dec 2026" and working-day phrases ("3 arbetsdagar sen").
#pragma once

#include "domain/access.h"
#include "domain/calendar.h"
#include "domain/dates.h"
#include "domain/event.h"
#include "domain/steps.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kedja::server::web {

// Contract §2 "Swedish labels": "Hälsosamtal bokat".
std::string_view event_label(EventType type);
// A payload field as a form label: "Bokad tid", "Hinder för skolstart".
std::string_view field_label(Field field);
// A request field name (as in a Problem) as the user knows it: "date" →
// "Datum", "appointment" → "Bokad tid"; unknown names are returned as is.
std::string field_label(std::string_view name);
// "Mottagningsenhet", "Hälsocentral", … "Länsstyrelsen (samordnare)".
std::string_view role_label(Role role);
// "Öppet", "Klart", "Avböjt", "Avbrutet".
std::string_view status_label(StepStatus status);
// Housing, permit and outcome values in words; a `reason` hidden from the
// coordinator (storage::hidden_reason) as "visas inte för samordnaren
// (fritext)", any other reason as written.
std::string_view value_label(Field field, std::string_view value);

// "tis 22 dec 2026" (Europe/Stockholm civil date; the ISO date goes in
// <time datetime>).
std::string swedish_date(Date day);
// Why a typed date is not one Kedja takes, as words to follow the field's
// name: "ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25" (not that shape),
// "finns inte i kalendern (2026-02-30)" (no such day), "ska ligga mellan
// 1990-01-01 och 2199-12-31" (outside DateRange); nullopt, `out` set, for
// a good one. Every date field and date parameter of the pages says its
// fault this way (a new user met three wordings, one of them wrong).
std::optional<std::string> swedish_date_problem(std::string_view text, Date& out);
// "1 arbetsdag sen", "3 arbetsdagar sen" (n working days late, n ≥ 1).
std::string working_days_late(int n);
// "i dag", "om 1 arbetsdag", "om 2 arbetsdagar".
std::string working_days_left(int n);
// "lör 5 dec": a day near `today`, with the year only when it is not today's.
std::string short_swedish_date(Date day, Date today);
// The time an open step with a due date has left on `today`, in the words
// of every page (Att göra, the case page). On a working day: "i dag", "om 2
// arbetsdagar", "3 arbetsdagar sen". Due on a day off (weekend, holiday,
// eve), the last working day before it is the one that counts, and the
// phrase names both: "förfaller lör 5 dec, sista arbetsdagen i dag" (or
// "… sista arbetsdagen om 2 arbetsdagar"). Seen on a day off, a step not yet
// overdue says when it will be (overdue from the first working day after
// the due day, contract §3): "förfaller i dag, försenat från mån 7 dec",
// "förföll fre 4 dec, försenat från mån 7 dec".
std::string time_left(Date due_on, Date today, const Calendar& calendar);
// "nov 2026" for a due month "2026-11" (as `by=month` names it); the text
// itself when it is not YYYY-MM.
std::string swedish_month(std::string_view year_month);
// 0.875 → "87,5 %" (a share as a per cent with one decimal, decimal comma).
std::string swedish_percent(double share);
// 0.9 → "90 %": a target, a whole per cent.
std::string whole_percent(double share);
// 12345 → "12 345" (a no-break space between thousands, as Swedish writes).
std::string swedish_number(std::int64_t n);
// A count with its noun in the right number: (1, "rad", "rader") → "1 rad",
// (3, …) → "3 rader", the number as swedish_number writes it.
std::string counted(std::int64_t n, std::string_view one, std::string_view many);

}  // namespace kedja::server::web
