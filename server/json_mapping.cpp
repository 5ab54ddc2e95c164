#include "server/json_mapping.h"

#include "domain/text/unicode.h"

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

// The §2 fields a case shows, in §2's order, `municipality`,
// `health_centre` and `rule_set` as they are now, and its status.
void write_case_fields(JsonWriter& out, const Case& c, const std::string& municipality,
                       const ActorId& health_centre, const std::optional<RuleSetId>& rule_set,
                       bool closed, bool hide_identity) {
  out.begin_object().key("id").string(c.id.str());
  if (hide_identity) {
    out.key("birth_year").integer(year_of(c.birth_date));
  } else {
    out.key("external_ref").string_or_null(c.external_ref);
    out.key("given_name").string(c.given_name);
    out.key("family_name").string(c.family_name);
    out.key("birth_date").date(c.birth_date);
  }
  out.key("sex").string(to_string(c.sex));
  out.key("language").string(c.language);
  out.key("interpreter_needed").boolean(c.interpreter_needed);
  if (!hide_identity) out.key("household").string_or_null(c.household);
  out.key("unaccompanied").boolean(c.unaccompanied);
  out.key("municipality").string(municipality.empty() ? c.municipality : municipality);
  out.key("health_centre").string(health_centre.empty() ? c.health_centre.str() : health_centre.str());
  out.key("rule_set");
  if (rule_set)
    out.string(rule_set->str());
  else
    out.null();
  out.key("status").string(closed ? "closed" : "open");
  out.end_object();
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
  std::string fields;
  {
    JsonWriter writer(fields);
    write_case_fields(writer, stored.the_case, state.municipality, state.health_centre, rule_set,
                      state.closed, stored.identity_hidden);
  }  // the writer gone: fields holds what it wrote
  // A single case is not a hot answer: parsing the written fields back
  // costs little and keeps one definition of the case's shape.
  Json out = Json::parse(fields);
  if (!with_events_and_steps) return out;
  Json events = Json::array();
  for (const auto& event : stored.events) events.push_back(to_json(event));
  Json steps = Json::array();
  for (const auto& step : state.steps) steps.push_back(to_json(step));
  out["events"] = std::move(events);
  out["steps"] = std::move(steps);
  return out;
}

void write_json(JsonWriter& out, const storage::CaseSummary& summary, bool hide_identity) {
  std::optional<RuleSetId> rule_set = summary.rule_set ? summary.rule_set : summary.the_case.rule_set;
  write_case_fields(out, summary.the_case, summary.municipality, summary.health_centre, rule_set,
                    summary.closed, hide_identity);
}

void write_json(JsonWriter& out, const storage::StepItem& item, bool hide_identity) {
  out.begin_object().key("case_id").string(item.case_id.str());
  if (hide_identity) {
    out.key("birth_year").integer(year_of(item.birth_date));
  } else {
    out.key("given_name").string(item.given_name);
    out.key("family_name").string(item.family_name);
    out.key("birth_date").date(item.birth_date);
  }
  out.key("municipality").string(item.municipality);
  out.key("step").string(item.step.str());
  out.key("actor").string(item.actor.str());
  out.key("opened_on").date(item.opened_on);
  out.key("due_on").date(item.due_on);
  out.key("working_days_overdue").integer(item.working_days_overdue);
  out.end_object();
}

JsonName follow_up_group_name(storage::FollowUpBy by) {
  switch (by) {
    case storage::FollowUpBy::municipality: return "municipality";
    case storage::FollowUpBy::actor: return "actor";
    case storage::FollowUpBy::month: return "month";
  }
  return "municipality";
}

Json to_json(const storage::AuditEntry& entry) {
  return {{"at", entry.at}, {"actor", entry.actor}, {"token", entry.token}, {"action", entry.action}};
}

Json to_json(const storage::TokenInfo& token) {
  return {{"name", token.name},
          {"kind", std::string(to_string(token.kind))},
          {"actor", token.actor ? Json(token.actor->str()) : Json(nullptr)},
          {"role", std::string(to_string(token.role))},
          {"created", token.created_at},
          {"expires", optional_date(token.expires)},
          {"last_used", optional_date(token.last_used)},
          {"revoked", optional_json(token.revoked_at)}};
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
  text::normalise(fields);  // stored in NFC (contract §2 input rules)
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
  text::normalise(raw);
  return raw;
}

}  // namespace kedja::server
