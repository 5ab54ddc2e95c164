// GET /v1/tokens, POST /v1/tokens, DELETE /v1/tokens/{name} (contract §4
// "Tokens"): the admin's, and a unit's for the feed tokens of its own actor
// (issue 16; the rule is the store's, domain/access.h
// may_manage_feed_tokens, shared with the Kalender page). A token is shown
// once, in the 201 that makes it; lists show names, never tokens.
#include "server/endpoints.h"
#include "server/json_mapping.h"
#include "server/json_syntax.h"
#include "server/problem.h"

namespace kedja::server {
namespace {

// An optional string member; null counts as absent.
std::optional<std::string> text_member(const Json& body, const char* name, std::vector<FieldError>& errors) {
  const auto found = body.find(name);
  if (found == body.end() || found->is_null()) return std::nullopt;
  if (!found->is_string()) {
    errors.push_back({name, "must be a string"});
    return std::nullopt;
  }
  return found->get<std::string>();
}

// {"actor","role","name"?,"expires"?,"kind"?} → a request, every bad
// member named. "kind": "api" (the default) or "feed" (issue 16).
Result<storage::NewToken> new_token_from(const Json& body) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body.items())
    if (key != "actor" && key != "role" && key != "name" && key != "expires" && key != "kind")
      errors.push_back({key, "unknown field"});
  storage::NewToken request;
  if (const auto role = text_member(body, "role", errors)) {
    if (const auto known = role_from(*role)) request.role = *known;
    else errors.push_back({"role", "unknown role '" + *role + "'"});
  } else if (!body.contains("role") || body["role"].is_null()) {
    errors.push_back({"role", "required"});
  }
  if (const auto actor = text_member(body, "actor", errors)) request.actor = ActorId{*actor};
  request.name = text_member(body, "name", errors);
  if (const auto kind = text_member(body, "kind", errors)) {
    if (const auto known = storage::token_kind_from(*kind)) request.kind = *known;
    else errors.push_back({"kind", "must be \"api\" or \"feed\", not '" + *kind + "'"});
  }
  if (const auto expires = text_member(body, "expires", errors)) {
    Date day{};
    if (auto message = date_error(*expires, day)) errors.push_back({"expires", std::move(*message)});
    else request.expires = day;
  }
  if (errors.empty()) return request;
  std::string detail;
  for (const auto& error : errors) detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
}

}  // namespace

Response get_tokens(const Call& call) {
  Query query(call.target);
  query.allow_only({"limit", "cursor"});
  const int limit = query.limit();
  const auto cursor = query.cursor();
  if (auto problem = query.problem()) return problem_response(*problem);
  const auto page = call.store.list_tokens(call.caller, limit, cursor);
  if (!page) return problem_response(page.problem());
  Json items = Json::array();
  for (const auto& token : page->items) items.push_back(to_json(token));
  return json_response(200, {{"items", std::move(items)},
                             {"next_cursor", page->next_cursor ? Json(*page->next_cursor) : Json(nullptr)}});
}

Response post_token(const Call& call) {
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto body = parse_json_body(call.request.body);
  if (!body) return problem_response(body.problem());
  auto request = new_token_from(*body);
  if (!request) return problem_response(request.problem());
  auto created = call.store.create_token(call.caller, *request, call.today);
  if (!created) return problem_response(created.problem());
  Json answer = to_json(created->info);
  answer["token"] = created->token;  // shown this once
  return json_response(201, answer);
}

Response delete_token(const Call& call, const std::string& name) {
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  auto revoked = call.store.revoke_token(call.caller, name);
  if (!revoked) return problem_response(revoked.problem());
  Response response;
  response.status = 204;
  return response;
}

}  // namespace kedja::server
