#include "server/handler.h"

#include "server/endpoints.h"
#include "server/log.h"
#include "server/openapi_document.h"
#include "server/problem.h"
#include "server/web/pages.h"

#include <cctype>
#include <optional>

namespace kedja::server {
namespace {

enum class Path {
  health, openapi, actors, cases, households, a_case, case_events, overdue, due, summary, follow_up,
  non_working_days, add_working_days, audit, tokens, a_token, feed,
};

struct Matched {
  Path path;
  std::optional<CaseId> id;
  std::string name;  // a_token: the token's name; feed: the actor id (%-decoded)
};

// "/v1/<prefix>/<rest>" → rest, or nullopt.
std::optional<std::string_view> after(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix) || path.size() == prefix.size()) return std::nullopt;
  return path.substr(prefix.size());
}

std::optional<Matched> match(std::string_view path) {
  static const std::pair<std::string_view, Path> fixed[] = {
      {health_path, Path::health},
      {"/v1/openapi.json", Path::openapi},
      {"/v1/actors", Path::actors},
      {"/v1/cases", Path::cases},
      {"/v1/households", Path::households},
      {"/v1/overdue", Path::overdue},
      {"/v1/due", Path::due},
      {"/v1/overdue/summary", Path::summary},
      {"/v1/follow-up", Path::follow_up},
      {"/v1/calendar/non-working-days", Path::non_working_days},
      {"/v1/calendar/add-working-days", Path::add_working_days},
      {"/v1/audit", Path::audit},
      {"/v1/tokens", Path::tokens},
  };
  for (const auto& [text, which] : fixed)
    if (path == text) return Matched{which, std::nullopt, {}};
  if (const auto name = after(path, "/v1/tokens/"); name && name->find('/') == std::string_view::npos) {
    auto decoded = decode_path_segment(*name);
    if (!decoded) return std::nullopt;
    return Matched{Path::a_token, std::nullopt, std::move(*decoded)};
  }
  if (const auto file = after(path, "/v1/feeds/"); file && file->find('/') == std::string_view::npos &&
                                                    file->ends_with(".ics")) {
    auto decoded = decode_path_segment(file->substr(0, file->size() - 4));
    if (!decoded || decoded->empty()) return std::nullopt;
    return Matched{Path::feed, std::nullopt, std::move(*decoded)};
  }
  const auto rest = after(path, "/v1/cases/");
  if (!rest) return std::nullopt;
  const auto slash = rest->find('/');
  const std::string_view id = rest->substr(0, slash);
  if (id.empty()) return std::nullopt;
  if (slash == std::string_view::npos) return Matched{Path::a_case, CaseId{std::string(id)}, {}};
  if (rest->substr(slash) == "/events") return Matched{Path::case_events, CaseId{std::string(id)}, {}};
  return std::nullopt;
}

// For the access log and the metrics (RequestNotes): the variable parts
// named, never their values.
std::string_view route_template(Path path) {
  switch (path) {
    case Path::health: return health_path;
    case Path::openapi: return "/v1/openapi.json";
    case Path::actors: return "/v1/actors";
    case Path::cases: return "/v1/cases";
    case Path::households: return "/v1/households";
    case Path::a_case: return "/v1/cases/{id}";
    case Path::case_events: return "/v1/cases/{id}/events";
    case Path::overdue: return "/v1/overdue";
    case Path::due: return "/v1/due";
    case Path::summary: return "/v1/overdue/summary";
    case Path::follow_up: return "/v1/follow-up";
    case Path::non_working_days: return "/v1/calendar/non-working-days";
    case Path::add_working_days: return "/v1/calendar/add-working-days";
    case Path::audit: return "/v1/audit";
    case Path::tokens: return "/v1/tokens";
    case Path::a_token: return "/v1/tokens/{name}";
    case Path::feed: return "/v1/feeds/{actor}.ics";
  }
  return RequestNotes::unmatched_route;
}

std::string_view allowed_methods(Path path) {
  switch (path) {
    case Path::cases: return "GET, POST";
    case Path::tokens: return "GET, POST";
    case Path::case_events: return "POST";
    case Path::households: return "POST";
    case Path::a_token: return "DELETE";
    default: return "GET";
  }
}

bool method_allowed(Path path, std::string_view method) {
  std::string_view allow = allowed_methods(path);
  while (!allow.empty()) {
    const auto comma = allow.find(", ");
    if (allow.substr(0, comma) == method) return true;
    allow = comma == std::string_view::npos ? std::string_view{} : allow.substr(comma + 2);
  }
  return false;
}

std::optional<std::string_view> bearer_token(const Request& request) {
  const auto found = request.headers.find("authorization");
  if (found == request.headers.end()) return std::nullopt;
  std::string_view value = found->second;
  constexpr std::string_view scheme = "bearer ";
  if (value.size() <= scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(value[i])) != scheme[i]) return std::nullopt;
  value.remove_prefix(scheme.size());
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  return value;
}

// GET /v1/openapi.json: the document as built in, with no query parameters
// (a 400 naming an unknown one, as every endpoint does).
Response openapi_response(const Result<Target>& target) {
  if (!target) return problem_response(target.problem());
  Query query(*target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  Response response;
  response.body = std::string(openapi_document());
  return response;
}

Response dispatch(const Matched& matched, const Call& call) {
  switch (matched.path) {
    case Path::health: break;
    case Path::openapi: break;
    case Path::actors: return get_actors(call);
    case Path::cases: return call.request.method == "POST" ? post_case(call) : list_cases(call);
    case Path::households: return post_households(call);
    case Path::a_case: return get_case(call, *matched.id);
    case Path::case_events: return post_event(call, *matched.id);
    case Path::overdue: return get_overdue(call);
    case Path::due: return get_due(call);
    case Path::summary: return get_overdue_summary(call);
    case Path::follow_up: return get_follow_up(call);
    case Path::non_working_days: return get_non_working_days(call);
    case Path::add_working_days: return get_add_working_days(call);
    case Path::audit: return get_audit(call);
    case Path::tokens: return call.request.method == "POST" ? post_token(call) : get_tokens(call);
    case Path::a_token: return delete_token(call, matched.name);
    case Path::feed: break;  // route() serves it, with its own token
  }
  return problem_response(404, "no such resource");
}

}  // namespace

const std::string* Response::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() != name.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < key.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(key[i])) ==
             std::tolower(static_cast<unsigned char>(name[i]));
    if (same) return &value;
  }
  return nullptr;
}

Handler::Handler(storage::Store& store, const EngineContext& context, TodayProvider today,
                 WebSettings web)
    : store_(store),
      context_(context),
      today_(std::move(today)),
      base_url_(web.base_url),
      web_(std::make_shared<web::WebPages>(store, context, today_,
                                           web::WebOptions{web.secure_cookies, std::move(web.now), web.base_url})) {}

std::size_t Handler::web_sessions() const { return web_->open_sessions(); }

Response Handler::operator()(const Request& request) const {
  Response response;
  RequestNotes notes;
  try {
    response = route(request, notes);
  } catch (const storage::BadCursor&) {
    response = invalid_response("cursor", "not a cursor of this list");
  } catch (const storage::Unavailable& error) {
    // The storage has logged the cause once; each request gets its own 503.
    response = unavailable_response(error.what());
  } catch (const std::exception& error) {
    // Infrastructure failures (SQLite, I/O): the one place they are caught.
    // The log names the path and the query's parameter names, never their
    // values (a `q=` search is a name) nor the body.
    log_line("500 " + request.method + " " + loggable_target(request.target) + ": " + error.what());
    response = problem_response(500, "internal error; nothing was written");
  }
  if (!response.header("Cache-Control")) response.headers.emplace_back("Cache-Control", "no-store");
  // A feed names its own token (feed_endpoint.cpp): it is no Bearer token.
  if (notes.token_name.empty()) notes.token_name = std::move(response.notes.token_name);
  response.notes = std::move(notes);
  return response;
}

Response Handler::route(const Request& request, RequestNotes& notes) const {
  if (auto page = web_->handle(request, notes)) return std::move(*page);
  auto target = parse_target(request.target);
  const auto matched = match(target ? target->path : request.target.substr(0, request.target.find('?')));
  if (matched) notes.route = route_template(matched->path);
  const bool health = matched && matched->path == Path::health;
  // The API's description is public, like the liveness check (contract §4 v1.1).
  const bool open_to_all = health || (matched && matched->path == Path::openapi);
  const Date today = today_();
  const auto token = bearer_token(request);
  // A calendar feed is read with its own feed token (feed_endpoint.cpp);
  // every other path refuses feed tokens (Store::authenticate).
  if (matched && matched->path == Path::feed) {
    if (!method_allowed(matched->path, request.method))
      return method_not_allowed_response(request.method, std::string(allowed_methods(matched->path)));
    if (!target) return problem_response(target.problem());
    return get_feed({request, *target, token, matched->name, store_, context_, today, base_url_});
  }
  // Contract §4: every request but GET /v1/health and /v1/openapi.json
  // without a valid token is a 401 — before anything about the path is
  // told (no map of the API beyond the one the API publishes).
  // Validity is looked up afresh for every request (store.h): a token
  // revoked a moment ago, by this service or by `kedja token revoke`, is
  // refused now.
  std::optional<Caller> caller;
  if (!open_to_all) {
    if (!token) {
      log_refused_authentication(request, "no bearer token");
      return unauthorized_response("an Authorization: Bearer <token> header is required");
    }
    caller = store_.authenticate(*token, today);
    if (!caller) {
      log_refused_authentication(request, "the token is unknown, revoked, expired or a feed token");
      return unauthorized_response("the token is not valid");
    }
    notes.token_name = caller->token_name;
  }
  if (!matched) return problem_response(404, "no such resource");
  if (!method_allowed(matched->path, request.method))
    return method_not_allowed_response(request.method, std::string(allowed_methods(matched->path)));
  if (request.body.size() > max_body_bytes)
    return problem_response(413, "the body is larger than 1 MiB");
  if (health) return json_response(200, {{"status", "ok"}});
  if (matched->path == Path::openapi) return openapi_response(target);
  if (!target) return problem_response(target.problem());
  const Call call{request, *target, *caller, store_, context_, today};
  return dispatch(*matched, call);
}

}  // namespace kedja::server
