// POST /v1/cases, GET /v1/cases/{id}, POST /v1/cases/{id}/events.
#include "domain/append_chain.h"
#include "server/endpoints.h"
#include "server/json_mapping.h"
#include "server/json_syntax.h"
#include "server/json_writer.h"
#include "server/problem.h"

namespace kedja::server {
namespace {

void append_errors(std::vector<FieldError>& to, const Problem& problem) {
  if (problem.errors.empty()) {
    to.push_back({"body", problem.detail});
    return;
  }
  to.insert(to.end(), problem.errors.begin(), problem.errors.end());
}

Problem invalid_of(std::vector<FieldError> errors) {
  std::string detail;
  for (const auto& error : errors)
    detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
}

// The optional `events` array of a new case, each parsed and checked in
// shape; every bad field is named ("events[2].appointment").
std::vector<Event> parse_events(const Json& list, const RuleSets& rule_sets,
                                std::vector<FieldError>& errors) {
  std::vector<Event> events;
  if (!list.is_array()) {
    errors.push_back({"events", "must be an array of events"});
    return events;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = "events[" + std::to_string(i) + "].";
    if (!list[i].is_object()) {
      errors.push_back({prefix.substr(0, prefix.size() - 1), "must be a JSON object"});
      continue;
    }
    auto raw = raw_event_from_json(list[i], prefix);
    if (!raw) {
      append_errors(errors, raw.problem());
      continue;
    }
    auto event = parse_event(*raw, prefix);
    if (!event) {
      append_errors(errors, event.problem());
      continue;
    }
    check_step_key(*event, rule_sets, prefix, errors);
    events.push_back(std::move(*event));
  }
  return events;
}

// `"confirmed_new": true` in a create body: the caller has seen the possible
// duplicates and registers the person anyway. Absent or false: check.
// Taken out of the body (it is not a case field); not a boolean: 400.
std::optional<bool> take_confirmed_new(Json& body, std::vector<FieldError>& errors) {
  const auto found = body.find("confirmed_new");
  if (found == body.end()) return false;
  const Json value = *found;
  body.erase("confirmed_new");
  if (!value.is_boolean()) {
    errors.push_back({"confirmed_new", "must be true or false"});
    return std::nullopt;
  }
  return value.get<bool>();
}

// 409 possible_duplicate (issue 14 §3): the matching cases in the caller's
// scope, each as GET /v1/cases lists it, with what matched.
Response possible_duplicate_response(const std::vector<storage::PossibleDuplicate>& matches, bool hide) {
  Json items = Json::array();
  for (const auto& match : matches) {
    std::string text;
    JsonWriter writer(text);
    write_json(writer, match.summary, hide);
    Json item = Json::parse(text, nullptr, false);
    Json matched_by = Json::array();
    if (match.same_name_and_birth_date) matched_by.push_back("name_and_birth_date");
    if (match.same_external_ref) matched_by.push_back("external_ref");
    item["matched_by"] = std::move(matched_by);
    items.push_back(std::move(item));
  }
  const bool more = matches.size() >= static_cast<std::size_t>(storage::Store::max_possible_duplicates);
  Response response = problem_response(
      409, (more ? "at least " : "") + std::to_string(matches.size()) + (matches.size() == 1 ? " case" : " cases") +
               " in your scope may be this person (the same name and birth date, or the same external_ref); "
               "send the body again with \"confirmed_new\": true to register a new case anyway");
  Json body = Json::parse(response.body, nullptr, false);
  body["type"] = "/problems/possible-duplicate";
  body["code"] = "possible_duplicate";
  body["matches"] = std::move(items);
  response.body = dump_json(body);
  return response;
}

}  // namespace

// A `step_declined` naming a step no rule set has is an unknown field value
// (400 naming `step`), not a domain conflict: no case could ever decline it.
void check_step_key(const Event& event, const RuleSets& rule_sets, const std::string& prefix,
                    std::vector<FieldError>& errors) {
  if (event.type != EventType::step_declined || !event.step) return;
  const StepKey key{*event.step};
  for (const auto& set : rule_sets.all())
    if (set.find(key)) return;
  errors.push_back({prefix + "step", "unknown step \"" + *event.step + "\""});
}

Response post_case(const Call& call) {
  if (!may_create_cases(call.caller.role))
    return problem_response(403, "the role '" + std::string(to_string(call.caller.role)) +
                                     "' may not create cases");
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto body = parse_json_body(call.request.body);
  if (!body) return problem_response(body.problem());
  std::vector<FieldError> errors;
  const std::optional<bool> confirmed_new = take_confirmed_new(*body, errors);
  std::vector<Event> events;
  if (const auto list = body->find("events"); list != body->end()) {
    // Refused before its events are read: a 1 MiB body holds thousands.
    if (list->is_array() && list->size() > max_events_per_create)
      return problem_response(too_many_events_for_a_create(list->size()));
    events = parse_events(*list, call.context.rule_sets, errors);
    body->erase("events");
  }
  auto fields = raw_fields_from_json(*body);
  std::optional<Case> the_case;
  if (!fields) {
    append_errors(errors, fields.problem());
  } else if (auto parsed = parse_case(*fields, call.context.region); !parsed) {
    append_errors(errors, parsed.problem());
  } else if (parsed->birth_date > call.today) {
    errors.push_back({"birth_date", "lies after today (" + format_date(call.today) + ")"});
  } else {
    the_case = std::move(*parsed);
  }
  if (!errors.empty() || !the_case || !confirmed_new) return problem_response(invalid_of(std::move(errors)));
  std::vector<storage::PossibleDuplicate> matches;
  auto stored = call.store.create_case(call.caller, std::move(*the_case), std::move(events), call.today,
                                       *confirmed_new ? nullptr : &matches);
  if (!matches.empty())
    return possible_duplicate_response(matches, scope_of(call.caller, call.context.region).hide_identity);
  if (!stored) return problem_response(stored.problem());
  Response response = json_response(201, case_to_json(*stored, true));
  response.headers.emplace_back("Location", "/v1/cases/" + stored->the_case.id.str());
  return response;
}

Response get_case(const Call& call, const CaseId& id) {
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto stored = call.store.find_case(call.caller, id, call.today);
  if (!stored) return problem_response(stored.problem());
  return json_response(200, case_to_json(*stored, true));
}

Response post_event(const Call& call, const CaseId& id) {
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto body = parse_json_body(call.request.body);
  if (!body) return problem_response(body.problem());
  auto raw = raw_event_from_json(*body);
  if (!raw) return problem_response(raw.problem());
  auto event = parse_event(*raw);
  if (!event) return problem_response(event.problem());
  std::vector<FieldError> errors;
  check_step_key(*event, call.context.rule_sets, "", errors);
  if (!errors.empty()) return problem_response(invalid_of(std::move(errors)));
  auto appended = call.store.append_event(call.caller, id, std::move(*event), call.today);
  if (!appended) return problem_response(appended.problem());
  Json steps = Json::array();
  for (const auto& step : appended->steps) steps.push_back(to_json(step));
  return json_response(appended->repeated ? 200 : 201,
                       {{"event", to_json(appended->event)}, {"steps", std::move(steps)}});
}

}  // namespace kedja::server
