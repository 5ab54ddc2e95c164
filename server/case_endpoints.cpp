// POST /v1/cases, GET /v1/cases/{id}, POST /v1/cases/{id}/events.
#include "domain/append_chain.h"
#include "server/endpoints.h"
#include "server/json_mapping.h"
#include "server/json_syntax.h"
#include "server/json_writer.h"
#include "server/problem.h"

namespace kedja::server {
namespace {

// `prefix` ("cases[2].") names the body the problem is about.
void append_errors(std::vector<FieldError>& to, const Problem& problem, const std::string& prefix = "") {
  if (problem.errors.empty()) {
    to.push_back({prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1), problem.detail});
    return;
  }
  for (const FieldError& error : problem.errors)
    to.push_back({error.field.starts_with(prefix) ? error.field : prefix + error.field, error.message});
}

Problem invalid_of(std::vector<FieldError> errors) {
  std::string detail;
  for (const auto& error : errors)
    detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
}

// The optional `events` array of a new case, each parsed and checked in
// shape; every bad field is named ("events[2].appointment").
std::vector<Event> parse_events(const Json& list, const RuleSets& rule_sets, const std::string& outer,
                                std::vector<FieldError>& errors) {
  std::vector<Event> events;
  if (!list.is_array()) {
    errors.push_back({outer + "events", "must be an array of events"});
    return events;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string prefix = outer + "events[" + std::to_string(i) + "].";
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
std::optional<bool> take_confirmed_new(Json& body, const std::string& prefix, std::vector<FieldError>& errors) {
  const auto found = body.find("confirmed_new");
  if (found == body.end()) return false;
  const Json value = *found;
  body.erase("confirmed_new");
  if (!value.is_boolean()) {
    errors.push_back({prefix + "confirmed_new", "must be true or false"});
    return std::nullopt;
  }
  return value.get<bool>();
}

// 409 possible_duplicate (issue 14 §3): the matching cases in the caller's
// scope, each as GET /v1/cases lists it, with what matched.
Json duplicate_items(const std::vector<storage::PossibleDuplicate>& matches, bool hide) {
  Json items = Json::array();
  for (const auto& match : matches) {
    std::string text;
    {
      JsonWriter writer(text);
      write_json(writer, match.summary, hide);
    }  // the writer gone: text holds what it wrote
    Json item = Json::parse(text, nullptr, false);
    Json matched_by = Json::array();
    if (match.same_name_and_birth_date) matched_by.push_back("name_and_birth_date");
    if (match.same_external_ref) matched_by.push_back("external_ref");
    item["matched_by"] = std::move(matched_by);
    items.push_back(std::move(item));
  }
  return items;
}

Response possible_duplicate_response(const std::vector<storage::PossibleDuplicate>& matches, bool hide) {
  Json items = duplicate_items(matches, hide);
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

// One create's body as POST /v1/cases takes it (the case's fields, its
// optional `events`, `confirmed_new`), every bad field added to `errors`
// after `prefix` ("cases[2]."). A problem only when the events are too many
// to read at all.
struct ParsedCreate {
  std::optional<Case> the_case;  // nullopt when a field is bad
  std::vector<Event> events;
  std::optional<bool> confirmed_new;
};
Result<ParsedCreate> parse_create(Json& body, const Call& call, const std::string& prefix,
                                  std::vector<FieldError>& errors) {
  ParsedCreate out;
  out.confirmed_new = take_confirmed_new(body, prefix, errors);
  if (const auto list = body.find("events"); list != body.end()) {
    // Refused before its events are read: a 1 MiB body holds thousands.
    if (list->is_array() && list->size() > max_events_per_create)
      return too_many_events_for_a_create(list->size());
    out.events = parse_events(*list, call.context.rule_sets, prefix, errors);
    body.erase("events");
  }
  auto fields = raw_fields_from_json(body);
  if (!fields) {
    append_errors(errors, fields.problem(), prefix);
  } else if (auto parsed = parse_case(*fields, call.context.region, false, prefix); !parsed) {
    append_errors(errors, parsed.problem(), prefix);
  } else if (parsed->birth_date > call.today) {
    errors.push_back({prefix + "birth_date", "lies after today (" + format_date(call.today) + ")"});
  } else {
    out.the_case = std::move(*parsed);
  }
  return out;
}

Response may_not_create(const Call& call) {
  return problem_response(403, "the role '" + std::string(to_string(call.caller.role)) + "' may not create cases");
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
  if (!may_create_cases(call.caller.role)) return may_not_create(call);
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto body = parse_json_body(call.request.body);
  if (!body) return problem_response(body.problem());
  std::vector<FieldError> errors;
  auto parsed = parse_create(*body, call, "", errors);
  if (!parsed) return problem_response(parsed.problem());
  if (!errors.empty() || !parsed->the_case || !parsed->confirmed_new)
    return problem_response(invalid_of(std::move(errors)));
  std::vector<storage::PossibleDuplicate> matches;
  auto stored = call.store.create_case(call.caller, std::move(*parsed->the_case), std::move(parsed->events),
                                       call.today, *parsed->confirmed_new ? nullptr : &matches);
  if (!matches.empty())
    return possible_duplicate_response(matches, scope_of(call.caller, call.context.region).hide_identity);
  if (!stored) return problem_response(stored.problem());
  Response response = json_response(201, case_to_json(*stored, true));
  response.headers.emplace_back("Location", "/v1/cases/" + stored->the_case.id.str());
  return response;
}

// POST /v1/households (issue 14 §1): several creates, each exactly as
// POST /v1/cases takes one, written by Store::create_cases in one write or
// not at all. Errors name the case: "cases[2].birth_date".
Response post_households(const Call& call) {
  if (!may_create_cases(call.caller.role)) return may_not_create(call);
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto body = parse_json_body(call.request.body);
  if (!body) return problem_response(body.problem());
  if (!body->is_object()) return problem_response(Problem::invalid("body", "must be a JSON object"));
  std::vector<FieldError> errors;
  for (const auto& [name, value] : body->items())
    if (name != "cases") errors.push_back({name, "unknown field"});
  const auto list = body->find("cases");
  const std::size_t most = storage::Store::max_cases_per_write;
  if (list == body->end() || !list->is_array() || list->empty() || list->size() > most)
    errors.push_back({"cases", "must be an array of 1 to " + std::to_string(most) + " cases"});
  if (!errors.empty()) return problem_response(invalid_of(std::move(errors)));

  std::vector<storage::Store::NewCase> cases;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string prefix = "cases[" + std::to_string(i) + "].";
    Json& item = (*list)[i];
    if (!item.is_object()) {
      errors.push_back({prefix.substr(0, prefix.size() - 1), "must be a JSON object"});
      continue;
    }
    auto parsed = parse_create(item, call, prefix, errors);
    if (!parsed) return problem_response(parsed.problem());
    if (parsed->the_case && parsed->confirmed_new)
      cases.push_back({std::move(*parsed->the_case), std::move(parsed->events), *parsed->confirmed_new});
  }
  if (!errors.empty()) return problem_response(invalid_of(std::move(errors)));
  std::vector<std::vector<storage::PossibleDuplicate>> duplicates;
  auto stored = call.store.create_cases(call.caller, std::move(cases), call.today, &duplicates);
  const bool hide = scope_of(call.caller, call.context.region).hide_identity;
  Json found = Json::array();
  std::size_t matched = 0;
  for (std::size_t i = 0; i < duplicates.size(); ++i) {
    if (duplicates[i].empty()) continue;
    ++matched;
    found.push_back({{"index", i}, {"matches", duplicate_items(duplicates[i], hide)}});
  }
  if (!found.empty()) {
    Response response = problem_response(
        409, std::to_string(matched) + (matched == 1 ? " person" : " persons") +
                 " of the household may be in your scope already (the same name and birth date, or the same "
                 "external_ref); send the body again with \"confirmed_new\": true in each case that is new");
    Json problem = Json::parse(response.body, nullptr, false);
    problem["type"] = "/problems/possible-duplicate";
    problem["code"] = "possible_duplicate";
    problem["cases"] = std::move(found);
    response.body = dump_json(problem);
    return response;
  }
  if (!stored) return problem_response(stored.problem());
  Json items = Json::array();
  for (const auto& one : *stored) items.push_back(case_to_json(one, true));
  return json_response(201, {{"items", std::move(items)}});
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
