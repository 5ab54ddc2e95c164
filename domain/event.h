// Everything that happens to a case is an event, appended, never edited
// (contract §2). Events arrive as loose key/value input (JSON bodies, CSV
// rows, `--set key=value`), are parsed here into typed values, and are
// stored and read back the same way.
#pragma once

#include "domain/dates.h"
#include "domain/ids.h"
#include "domain/result.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kedja {

enum class EventType {
  asylum_registered,
  housing_changed,
  permit_granted,
  permit_refused,
  municipality_assigned,    // anvisning
  arrival_notice_received,  // avisering
  arrival_date_changed,
  arrived,
  health_centre_notified,
  school_notified,
  health_talk_booked,
  health_exam_booked,
  health_talk_held,
  test_results_received,
  newcomer_informed,
  health_exam_held,
  reception_informed,
  vaccination_plan_made,
  introduction_plan_made,
  school_started,
  preschool_started,
  establishment_talk_held,
  establishment_plan_started,
  establishment_plan_ended,
  sfi_registered,
  sfi_started,
  civic_orientation_started,
  civic_orientation_completed,
  step_declined,
  health_centre_changed,
  moved,
  event_voided,
  case_closed,
};
inline constexpr int event_type_count = static_cast<int>(EventType::case_closed) + 1;

std::string_view to_string(EventType type);
std::optional<EventType> event_type_from(std::string_view text);

enum class Housing { ABO, EBO };        // anläggningsboende / eget boende
enum class Permit { PUT, TUT };         // permanent / temporary residence permit
enum class Outcome { work, studies, other };

std::string_view to_string(Housing value);
std::string_view to_string(Permit value);
std::string_view to_string(Outcome value);

// The payload fields of contract §2. Each event type takes some of them.
enum class Field {
  housing,
  permit,
  municipality,
  latest_reception,
  expected_arrival,
  appointment,
  school_start_obstacle,
  outcome,
  step,
  health_centre,
  voided_seq,  // v1.1: was `seq`, which the event's own `seq` overwrote in JSON
  reason,
};
inline constexpr int field_count = static_cast<int>(Field::reason) + 1;
std::string_view to_string(Field field);
std::optional<Field> field_from(std::string_view name);

// The members every event has beside its payload (contract §2): what the
// client sends (`type`, `date`, `event_id`) and what the server adds (`seq`,
// `recorded_at`, `recorded_by`). Events are written as one flat object, so
// no payload field may take one of these names (contract §2 input rules):
// event.cpp refuses to compile a Field named like one.
inline constexpr std::array<std::string_view, 6> event_member_names{
    "type", "date", "seq", "event_id", "recorded_at", "recorded_by"};
bool is_event_member_name(std::string_view name);

struct FieldSpec {
  Field field;
  bool required;
};
// The payload fields an event type takes, in contract order: a view of a
// static table (no allocation; it is asked per event parsed and per row of
// the web lists).
std::span<const FieldSpec> payload_of(EventType type);

// A value as it came in, before it is checked against the field it is for.
using RawValue = std::variant<std::monostate, bool, std::int64_t, double, std::string>;

// Lengths in characters (contract §2 input rules, v1.1).
inline constexpr std::size_t max_event_id = 64;
inline constexpr std::size_t max_reason = 500;

struct RawEvent {
  std::string type;
  std::string date;
  std::vector<std::pair<std::string, RawValue>> payload;  // field name → value
  std::optional<std::string> event_id;
  // When true, string values also stand for booleans and numbers ("true",
  // "ja", "12"): input from a command line or a CSV file has no JSON types.
  bool lenient_types = false;
};

// A typed event. Only the fields its type takes are set.
struct Event {
  EventType type{};
  Date date{};
  std::optional<std::string> event_id;  // the client's idempotency key, ≤ 64 chars

  std::optional<Housing> housing;
  std::optional<Permit> permit;
  std::optional<std::string> municipality;  // slug (not yet checked against a region)
  std::optional<Date> latest_reception;
  std::optional<Date> expected_arrival;
  std::optional<Date> appointment;
  std::optional<bool> school_start_obstacle;
  std::optional<Outcome> outcome;
  std::optional<std::string> step;           // a step key
  std::optional<std::string> health_centre;  // an hc actor id
  std::optional<std::int64_t> voided_seq;    // event_voided: the seq of the event it voids
  std::optional<std::string> reason;
};

// Parses and checks the shape of one event: a known type, a real date within
// DateRange, every required field present with the right type and a known
// value, no field the type does not take, an `appointment` not before the
// event's own date (a booking is made on or before the day it is for). `prefix` is put before
// field names in errors ("events[2].").
Result<Event> parse_event(const RawEvent& raw, std::string_view prefix = "");

// Contract §2 input rules (v1.1): an event's `date` is never after `today`
// (the civil date in Europe/Stockholm, which the shell reads and passes
// in): a 400 naming `date` (after `prefix`). Dates in a payload may lie
// ahead; that an `appointment` is not before the event's date parse_event
// checks already.
std::optional<Problem> check_not_after_today(const Event& event, Date today, std::string_view prefix = "");

// The payload as name/value pairs, for storing and for output (the inverse of
// parse_event; dates as YYYY-MM-DD strings).
std::vector<std::pair<std::string, RawValue>> payload_values(const Event& event);

// An event as stored: the server adds seq, recorded_at and recorded_by.
struct RecordedEvent {
  std::int64_t seq = 0;        // 1, 2, … per case
  Event event;
  std::string recorded_at;     // UTC, "2026-11-25T08:01:02Z"
  ActorId recorded_by;         // "admin" for the admin role
};

}  // namespace kedja
