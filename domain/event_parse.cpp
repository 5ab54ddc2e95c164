// parse_event: loose input → a typed Event, every problem named by field.
#include "domain/event.h"
#include "domain/raw_value.h"

#include <algorithm>
#include <set>

namespace kedja {
namespace {

using detail::Read;

template <typename E>
Read<E> read_enum(const RawValue& value, std::initializer_list<E> values) {
  auto text = detail::read_string(value);
  if (!text.value) return {std::nullopt, text.error};
  std::string allowed;
  for (E candidate : values) {
    if (to_string(candidate) == *text.value) return {candidate, {}};
    if (!allowed.empty()) allowed += '|';
    allowed += to_string(candidate);
  }
  return {std::nullopt, "must be one of " + allowed + ", not \"" + *text.value + "\""};
}

// A step key, slug or actor id: the vocabulary decides what is valid; 200
// characters keep a message quoting an unknown one short.
Read<std::string> read_text(const RawValue& value) { return detail::read_text(value, 200); }

// Sets the one field of `event` that `field` names, or says what is wrong.
std::string assign(Event& event, Field field, const RawValue& value, bool lenient) {
  auto take = [](auto read, auto& target) {
    if (read.value) target = *read.value;
    return read.value ? std::string{} : read.error;
  };
  switch (field) {
    case Field::housing: return take(read_enum(value, {Housing::ABO, Housing::EBO}), event.housing);
    case Field::permit: return take(read_enum(value, {Permit::PUT, Permit::TUT}), event.permit);
    case Field::outcome:
      return take(read_enum(value, {Outcome::work, Outcome::studies, Outcome::other}), event.outcome);
    case Field::latest_reception: return take(detail::read_date(value), event.latest_reception);
    case Field::expected_arrival: return take(detail::read_date(value), event.expected_arrival);
    case Field::appointment: return take(detail::read_date(value), event.appointment);
    case Field::school_start_obstacle:
      return take(detail::read_bool(value, lenient), event.school_start_obstacle);
    case Field::step: return take(read_text(value), event.step);
    case Field::reason: return take(detail::read_text(value, max_reason), event.reason);
    case Field::municipality: {
      auto text = read_text(value);
      if (text.value && !detail::is_slug(*text.value))
        return "\"" + *text.value + "\" is not a municipality slug (a-z, 0-9, '-')";
      return take(text, event.municipality);
    }
    case Field::health_centre: {
      auto text = read_text(value);
      if (text.value && text.value->rfind("hc:", 0) != 0)
        return "\"" + *text.value + "\" is not a health centre id (hc:…)";
      return take(text, event.health_centre);
    }
    case Field::voided_seq: {
      auto number = detail::read_integer(value, lenient);
      if (number.value && *number.value < 1) return "must be a seq ≥ 1";
      return take(number, event.voided_seq);
    }
  }
  return "unsupported field";
}

// Every event type, for a message that refuses one.
const std::string& event_type_list() {
  static const std::string list = [] {
    std::string text;
    for (int i = 0; i < event_type_count; ++i)
      text += (i ? ", " : "") + std::string(to_string(static_cast<EventType>(i)));
    return text;
  }();
  return list;
}

}  // namespace

Result<Event> parse_event(const RawEvent& raw, std::string_view prefix) {
  const std::string pre(prefix);
  std::vector<FieldError> errors;
  auto fail = [&](std::string_view field, std::string message) {
    errors.push_back({pre + std::string(field), std::move(message)});
  };

  Event event;
  auto type = event_type_from(raw.type);
  if (!type)
    fail("type", !raw.type.empty() && !detail::text_problem(raw.type).empty()
                     ? detail::text_problem(raw.type)
                     : (raw.type.empty() ? std::string("required") : "unknown event type \"" + raw.type + "\"") +
                           " — one of: " + event_type_list());
  else
    event.type = *type;

  bool date_read = false;
  if (raw.date.empty()) {
    fail("date", "required");
  } else {
    auto day = detail::read_date(RawValue{raw.date});
    if (day.value) event.date = *day.value, date_read = true;
    else fail("date", day.error);
  }

  if (raw.event_id) {
    // Characters (code points), not bytes: an id of 64 "å" is 64 long.
    auto id = detail::read_text(RawValue{*raw.event_id}, max_event_id);
    if (id.value) event.event_id = std::move(id.value);
    else fail("event_id", id.error);
  }

  const std::span<const FieldSpec> specs = type ? payload_of(*type) : std::span<const FieldSpec>{};
  std::set<std::string> seen;
  for (const auto& [name, value] : raw.payload) {
    if (!seen.insert(name).second) {
      fail(name, "given twice");
      continue;
    }
    auto field = field_from(name);
    if (!field) {
      fail(name, "unknown field");
      continue;
    }
    if (!type) continue;  // cannot tell which fields apply
    bool taken = std::any_of(specs.begin(), specs.end(),
                             [&](const FieldSpec& s) { return s.field == *field; });
    if (!taken) {
      fail(name, "not a field of " + std::string(to_string(*type)));
      continue;
    }
    if (detail::is_absent(value, raw.lenient_types)) {
      seen.erase(name);  // counts as not given
      continue;
    }
    if (std::string problem = assign(event, *field, value, raw.lenient_types); !problem.empty())
      fail(name, problem);
  }
  for (const FieldSpec& spec : specs)
    if (spec.required && !seen.count(std::string(to_string(spec.field))))
      fail(to_string(spec.field), "required for " + raw.type);

  if (event.appointment && date_read && *event.appointment < event.date)
    fail("appointment", "lies before the event's date (" + format_date(event.date) + ")");

  if (!errors.empty()) {
    std::string detail = errors.front().field + ": " + errors.front().message;
    if (errors.size() > 1) detail += " (and " + std::to_string(errors.size() - 1) + " more)";
    return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
  }
  return event;
}

std::optional<Problem> check_not_after_today(const Event& event, Date today, std::string_view prefix) {
  if (event.date <= today) return std::nullopt;
  return Problem::invalid(std::string(prefix) + "date", "lies after today (" + format_date(today) +
                                                            "): an event is recorded once it has happened");
}

}  // namespace kedja
