#include "server/json_mapping.h"

#include <limits>
#include <string>

namespace kedja::server {
namespace {

Json value_json(const RawValue& value) {
  return std::visit(
      [](const auto& v) -> Json {
        if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>) {
          return nullptr;
        } else {
          return v;
        }
      },
      value);
}

template <typename T>
Json optional_json(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json optional_date(const std::optional<Date>& day) {
  return day ? Json(format_date(*day)) : Json(nullptr);
}

int year_of(Date day) { return static_cast<int>(date::year_month_day{day}.year()); }

// The §2 fields a case shows, `municipality`, `health_centre` and `rule_set`
// as they are now.
Json case_fields(const Case& c, const std::string& municipality, const ActorId& health_centre,
                 const std::optional<RuleSetId>& rule_set, bool closed, bool hide_identity) {
  Json out = {{"id", c.id.str()}};
  if (hide_identity) {
    out["birth_year"] = year_of(c.birth_date);
  } else {
    out["external_ref"] = optional_json(c.external_ref);
    out["given_name"] = c.given_name;
    out["family_name"] = c.family_name;
    out["birth_date"] = format_date(c.birth_date);
  }
  out["sex"] = std::string(to_string(c.sex));
  out["language"] = c.language;
  out["interpreter_needed"] = c.interpreter_needed;
  if (!hide_identity) out["household"] = optional_json(c.household);
  out["unaccompanied"] = c.unaccompanied;
  out["municipality"] = municipality.empty() ? c.municipality : municipality;
  out["health_centre"] = health_centre.empty() ? c.health_centre.str() : health_centre.str();
  out["rule_set"] = rule_set ? Json(rule_set->str()) : Json(nullptr);
  out["status"] = closed ? "closed" : "open";
  return out;
}

// Moves a member of an object into a string, or names why it cannot.
std::optional<std::string> take_string(const Json& object, const char* name, std::string_view prefix,
                                      bool required, std::vector<FieldError>& errors) {
  const auto found = object.find(name);
  if (found == object.end() || (!required && found->is_null())) {
    if (required) errors.push_back({std::string(prefix) + name, "required"});
    return std::nullopt;
  }
  if (!found->is_string()) {
    errors.push_back({std::string(prefix) + name, "must be a string"});
    return std::nullopt;
  }
  return found->get<std::string>();
}

Problem invalid_problem(std::vector<FieldError> errors) {
  std::string detail;
  for (const auto& error : errors)
    detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
}

}  // namespace

Json to_json(const Actor& actor) {
  return {{"id", actor.id.str()},
          {"kind", std::string(to_string(actor.kind))},
          {"name", actor.name},
          {"municipality", optional_json(actor.municipality)}};
}

Json to_json(const RecordedEvent& recorded) {
  Json out = {{"seq", recorded.seq},
              {"type", std::string(to_string(recorded.event.type))},
              {"date", format_date(recorded.event.date)}};
  for (const auto& [name, value] : payload_values(recorded.event)) out[name] = value_json(value);
  out["event_id"] = optional_json(recorded.event.event_id);
  out["recorded_at"] = recorded.recorded_at;
  out["recorded_by"] = recorded.recorded_by.str();
  return out;
}

Json to_json(const Step& step) {
  Json out = {{"key", step.key.str()},
              {"title", step.title},
              {"actor", step.actor.str()},
              {"opened_on", format_date(step.opened_on)},
              {"due_on", optional_date(step.due_on)},
              {"status", std::string(to_string(step.status))},
              {"done_on", optional_date(step.done_on)}};
  if (step.status == StepStatus::done) {
    out["late"] = step.late;
    out["working_days_late"] = step.working_days_late;
  }
  return out;
}

Json case_to_json(const storage::StoredCase& stored, bool with_events_and_steps) {
  const auto& state = stored.state;
  std::optional<RuleSetId> rule_set = stored.the_case.rule_set;
  if (state.rule_set) rule_set = state.rule_set->id;
  Json out = case_fields(stored.the_case, state.municipality, state.health_centre, rule_set,
                         state.closed, false);
  if (!with_events_and_steps) return out;
  Json events = Json::array();
  for (const auto& event : stored.events) events.push_back(to_json(event));
  Json steps = Json::array();
  for (const auto& step : state.steps) steps.push_back(to_json(step));
  out["events"] = std::move(events);
  out["steps"] = std::move(steps);
  return out;
}

Json to_json(const storage::CaseSummary& summary, bool hide_identity) {
  std::optional<RuleSetId> rule_set = summary.rule_set ? summary.rule_set : summary.the_case.rule_set;
  return case_fields(summary.the_case, summary.municipality, summary.health_centre, rule_set,
                     summary.closed, hide_identity);
}

Json to_json(const storage::StepItem& item, bool hide_identity) {
  Json out = {{"case_id", item.case_id.str()}};
  if (hide_identity) {
    out["birth_year"] = year_of(item.birth_date);
  } else {
    out["given_name"] = item.given_name;
    out["family_name"] = item.family_name;
    out["birth_date"] = format_date(item.birth_date);
  }
  out["municipality"] = item.municipality;
  out["step"] = item.step.str();
  out["actor"] = item.actor.str();
  out["opened_on"] = format_date(item.opened_on);
  out["due_on"] = format_date(item.due_on);
  out["working_days_overdue"] = item.working_days_overdue;
  return out;
}

Json to_json(const storage::SummaryRow& row, storage::SummaryBy by) {
  return {{by == storage::SummaryBy::municipality ? "municipality" : "actor", row.group},
          {"step", row.step.str()},
          {"overdue", row.overdue},
          {"oldest_due_on", format_date(row.oldest_due_on)}};
}

Json to_json(const storage::AuditEntry& entry) {
  return {{"at", entry.at}, {"actor", entry.actor}, {"token", entry.token}, {"action", entry.action}};
}

Result<RawFields> raw_fields_from_json(const Json& object, std::string_view prefix) {
  if (!object.is_object()) {
    const std::string field = prefix.empty() ? "body" : std::string(prefix.substr(0, prefix.size() - 1));
    return Problem::invalid(field, "must be a JSON object");
  }
  RawFields fields;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : object.items()) {
    const std::string field = std::string(prefix) + name;
    if (value.is_null()) {
      fields.emplace_back(name, std::monostate{});
    } else if (value.is_boolean()) {
      fields.emplace_back(name, value.get<bool>());
    } else if (value.is_number_integer() && !value.is_number_unsigned()) {
      fields.emplace_back(name, value.get<std::int64_t>());
    } else if (value.is_number_unsigned()) {
      const auto number = value.get<std::uint64_t>();
      if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        errors.push_back({field, "number out of range"});
      else
        fields.emplace_back(name, static_cast<std::int64_t>(number));
    } else if (value.is_number_float()) {
      fields.emplace_back(name, value.get<double>());
    } else if (value.is_string()) {
      fields.emplace_back(name, value.get<std::string>());
    } else {
      errors.push_back({field, value.is_array() ? "must be a single value, not an array"
                                                : "must be a single value, not an object"});
    }
  }
  if (!errors.empty()) return invalid_problem(std::move(errors));
  return fields;
}

Result<RawEvent> raw_event_from_json(const Json& object, std::string_view prefix) {
  auto fields = raw_fields_from_json(object, prefix);
  if (!fields) return fields.problem();
  std::vector<FieldError> errors;
  RawEvent raw;
  raw.type = take_string(object, "type", prefix, true, errors).value_or("");
  raw.date = take_string(object, "date", prefix, true, errors).value_or("");
  raw.event_id = take_string(object, "event_id", prefix, false, errors);
  if (!errors.empty()) return invalid_problem(std::move(errors));
  for (auto& [name, value] : *fields) {
    if (name != "type" && name != "date" && name != "event_id")
      raw.payload.emplace_back(name, std::move(value));
  }
  return raw;
}

}  // namespace kedja::server
