#include "server/handler.h"

#include "server/endpoints.h"
#include "server/problem.h"

#include <cctype>
#include <iostream>
#include <optional>

namespace kedja::server {
namespace {

enum class Path {
  health, actors, cases, a_case, case_events, overdue, due, summary,
  non_working_days, add_working_days, audit,
};

struct Matched {
  Path path;
  std::optional<CaseId> id;
};

std::optional<Matched> match(std::string_view path) {
  static const std::pair<std::string_view, Path> fixed[] = {
      {"/v1/health", Path::health},
      {"/v1/actors", Path::actors},
      {"/v1/cases", Path::cases},
      {"/v1/overdue", Path::overdue},
      {"/v1/due", Path::due},
      {"/v1/overdue/summary", Path::summary},
      {"/v1/calendar/non-working-days", Path::non_working_days},
      {"/v1/calendar/add-working-days", Path::add_working_days},
      {"/v1/audit", Path::audit},
  };
  for (const auto& [text, which] : fixed)
    if (path == text) return Matched{which, std::nullopt};
  constexpr std::string_view prefix = "/v1/cases/";
  if (!path.starts_with(prefix)) return std::nullopt;
  std::string_view rest = path.substr(prefix.size());
  const auto slash = rest.find('/');
  const std::string_view id = rest.substr(0, slash);
  if (id.empty()) return std::nullopt;
  if (slash == std::string_view::npos) return Matched{Path::a_case, CaseId{std::string(id)}};
  if (rest.substr(slash) == "/events") return Matched{Path::case_events, CaseId{std::string(id)}};
  return std::nullopt;
}

std::string_view allowed_methods(Path path) {
  switch (path) {
    case Path::cases: return "GET, POST";
    case Path::case_events: return "POST";
    default: return "GET";
  }
}

bool method_allowed(Path path, std::string_view method) {
  const std::string_view allow = allowed_methods(path);
  return allow == method || (allow == "GET, POST" && (method == "GET" || method == "POST"));
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

Response dispatch(const Matched& matched, const Call& call) {
  switch (matched.path) {
    case Path::health: break;
    case Path::actors: return get_actors(call);
    case Path::cases: return call.request.method == "POST" ? post_case(call) : list_cases(call);
    case Path::a_case: return get_case(call, *matched.id);
    case Path::case_events: return post_event(call, *matched.id);
    case Path::overdue: return get_overdue(call);
    case Path::due: return get_due(call);
    case Path::summary: return get_overdue_summary(call);
    case Path::non_working_days: return get_non_working_days(call);
    case Path::add_working_days: return get_add_working_days(call);
    case Path::audit: return get_audit(call);
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

Handler::Handler(storage::Store& store, const EngineContext& context, TodayProvider today)
    : store_(store), context_(context), today_(std::move(today)) {}

Response Handler::operator()(const Request& request) const {
  try {
    return route(request);
  } catch (const storage::BadCursor&) {
    return invalid_response("cursor", "not a cursor of this list");
  } catch (const std::exception& error) {
    // Infrastructure failures (SQLite, I/O): the one place they are caught.
    std::cerr << "kedja serve: " << request.method << ' ' << request.target << ": " << error.what()
              << '\n';
    return problem_response(500, "internal error; nothing was written");
  }
}

Response Handler::route(const Request& request) const {
  auto target = parse_target(request.target);
  const auto matched = match(target ? target->path : request.target.substr(0, request.target.find('?')));
  const bool health = matched && matched->path == Path::health;
  // Contract §4: every request but GET /v1/health without a valid token is
  // a 401 — before anything about the path is told (no map of the API).
  std::optional<Caller> caller;
  if (!health) {
    const auto token = bearer_token(request);
    if (!token) return unauthorized_response("an Authorization: Bearer <token> header is required");
    caller = store_.authenticate(*token);
    if (!caller) return unauthorized_response("the token is not valid");
  }
  if (!matched) return problem_response(404, "no such resource");
  if (!method_allowed(matched->path, request.method))
    return method_not_allowed_response(request.method, std::string(allowed_methods(matched->path)));
  if (request.body.size() > max_body_bytes)
    return problem_response(413, "the body is larger than 1 MiB");
  if (health) return json_response(200, {{"status", "ok"}});
  if (!target) return problem_response(target.problem());
  const Call call{request, *target, *caller, store_, context_, today_()};
  return dispatch(*matched, call);
}

}  // namespace kedja::server
