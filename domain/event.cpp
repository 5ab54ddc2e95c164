// Event vocabulary: names, payloads (contract §2) and the way back to
// name/value pairs. Parsing lives in event_parse.cpp.
#include "domain/event.h"

#include <array>

namespace kedja {
namespace {

constexpr std::array<std::string_view, event_type_count> type_names{
    "asylum_registered",       "housing_changed",
    "permit_granted",          "permit_refused",
    "municipality_assigned",   "arrival_notice_received",
    "arrival_date_changed",    "arrived",
    "health_centre_notified",  "school_notified",
    "health_talk_booked",      "health_exam_booked",
    "health_talk_held",        "test_results_received",
    "newcomer_informed",       "health_exam_held",
    "reception_informed",      "vaccination_plan_made",
    "introduction_plan_made",  "school_started",
    "preschool_started",       "establishment_talk_held",
    "establishment_plan_started", "establishment_plan_ended",
    "sfi_registered",          "sfi_started",
    "civic_orientation_started", "civic_orientation_completed",
    "step_declined",           "health_centre_changed",
    "moved",                   "event_voided",
    "case_closed",
};

constexpr std::array<std::string_view, field_count> field_names{
    "housing",  "permit",        "municipality", "latest_reception",
    "expected_arrival", "appointment", "school_start_obstacle", "outcome",
    "step",     "health_centre", "voided_seq",   "reason",
};

// A payload field named like one of the event's own members would overwrite
// it (or be overwritten) in every flat JSON object an event is written as:
// the v1.0 `seq` of event_voided hid the void's own seq. Refused here, where
// the fields are declared, so a new field cannot bring the fault back.
constexpr bool no_field_named_like_a_member() {
  for (std::string_view field : field_names)
    for (std::string_view member : event_member_names)
      if (field == member) return false;
  return true;
}
static_assert(no_field_named_like_a_member(),
              "a payload field shares its name with an event member (contract §2 input rules)");

}  // namespace

std::string_view to_string(EventType type) { return type_names[static_cast<std::size_t>(type)]; }

std::optional<EventType> event_type_from(std::string_view text) {
  for (std::size_t i = 0; i < type_names.size(); ++i)
    if (type_names[i] == text) return static_cast<EventType>(i);
  return std::nullopt;
}

std::string_view to_string(Housing value) { return value == Housing::ABO ? "ABO" : "EBO"; }
std::string_view to_string(Permit value) { return value == Permit::PUT ? "PUT" : "TUT"; }
std::string_view to_string(Outcome value) {
  switch (value) {
    case Outcome::work: return "work";
    case Outcome::studies: return "studies";
    case Outcome::other: return "other";
  }
  return "?";
}

bool is_event_member_name(std::string_view name) {
  for (std::string_view member : event_member_names)
    if (member == name) return true;
  return false;
}

std::string_view to_string(Field field) { return field_names[static_cast<std::size_t>(field)]; }

std::optional<Field> field_from(std::string_view name) {
  for (std::size_t i = 0; i < field_names.size(); ++i)
    if (field_names[i] == name) return static_cast<Field>(i);
  return std::nullopt;
}

std::span<const FieldSpec> payload_of(EventType type) {
  using enum EventType;
  static constexpr FieldSpec housing[] = {{Field::housing, true}};
  static constexpr FieldSpec permit[] = {{Field::permit, true}};
  static constexpr FieldSpec assignment[] = {{Field::municipality, true}, {Field::latest_reception, false}};
  static constexpr FieldSpec arrival[] = {{Field::expected_arrival, true}};
  static constexpr FieldSpec booking[] = {{Field::appointment, true}};
  static constexpr FieldSpec obstacle[] = {{Field::school_start_obstacle, true}};
  static constexpr FieldSpec outcome[] = {{Field::outcome, true}};
  static constexpr FieldSpec step[] = {{Field::step, true}};
  static constexpr FieldSpec health_centre[] = {{Field::health_centre, true}};
  static constexpr FieldSpec municipality[] = {{Field::municipality, true}};
  static constexpr FieldSpec voiding[] = {{Field::voided_seq, true}, {Field::reason, true}};
  static constexpr FieldSpec reason[] = {{Field::reason, true}};
  switch (type) {
    case asylum_registered:
    case housing_changed: return housing;
    case permit_granted: return permit;
    case municipality_assigned: return assignment;
    case arrival_notice_received:
    case arrival_date_changed: return arrival;
    case health_talk_booked:
    case health_exam_booked: return booking;
    case reception_informed: return obstacle;
    case establishment_plan_ended: return outcome;
    case step_declined: return step;
    case health_centre_changed: return health_centre;
    case moved: return municipality;
    case event_voided: return voiding;
    case case_closed: return reason;
    default: return {};
  }
}

std::vector<std::pair<std::string, RawValue>> payload_values(const Event& e) {
  std::vector<std::pair<std::string, RawValue>> out;
  auto put = [&](Field field, RawValue value) {
    out.emplace_back(std::string(to_string(field)), std::move(value));
  };
  for (const FieldSpec& spec : payload_of(e.type)) {
    switch (spec.field) {
      case Field::housing:
        if (e.housing) put(spec.field, std::string(to_string(*e.housing)));
        break;
      case Field::permit:
        if (e.permit) put(spec.field, std::string(to_string(*e.permit)));
        break;
      case Field::municipality:
        if (e.municipality) put(spec.field, *e.municipality);
        break;
      case Field::latest_reception:
        if (e.latest_reception) put(spec.field, format_date(*e.latest_reception));
        break;
      case Field::expected_arrival:
        if (e.expected_arrival) put(spec.field, format_date(*e.expected_arrival));
        break;
      case Field::appointment:
        if (e.appointment) put(spec.field, format_date(*e.appointment));
        break;
      case Field::school_start_obstacle:
        if (e.school_start_obstacle) put(spec.field, *e.school_start_obstacle);
        break;
      case Field::outcome:
        if (e.outcome) put(spec.field, std::string(to_string(*e.outcome)));
        break;
      case Field::step:
        if (e.step) put(spec.field, *e.step);
        break;
      case Field::health_centre:
        if (e.health_centre) put(spec.field, *e.health_centre);
        break;
      case Field::voided_seq:
        if (e.voided_seq) put(spec.field, *e.voided_seq);
        break;
      case Field::reason:
        if (e.reason) put(spec.field, *e.reason);
        break;
    }
  }
  return out;
}

}  // namespace kedja
