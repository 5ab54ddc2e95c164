#include "server/problem.h"

#include <boost/beast/http/status.hpp>

namespace kedja::server {
namespace {

std::string type_of(int status) {
  switch (status) {
    case 400: return "/problems/invalid-input";
    case 401: return "/problems/unauthorized";
    case 403: return "/problems/forbidden";
    case 404: return "/problems/not-found";
    case 405: return "/problems/method-not-allowed";
    case 409: return "/problems/conflict";
    case 413: return "/problems/body-too-large";
    case 503: return "/problems/unavailable";
    default: return "about:blank";
  }
}

}  // namespace

std::string dump_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Response json_response(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = dump_json(body);
  return response;
}

Response problem_response(int status, std::string detail, std::vector<FieldError> errors) {
  Json body = {
      {"type", type_of(status)},
      {"title", std::string(boost::beast::http::obsolete_reason(
                    static_cast<boost::beast::http::status>(status)))},
      {"status", status},
      {"detail", std::move(detail)},
  };
  if (!errors.empty()) {
    Json list = Json::array();
    for (auto& error : errors) list.push_back({{"field", error.field}, {"message", error.message}});
    body["errors"] = std::move(list);
  }
  Response response = json_response(status, body);
  response.content_type = "application/problem+json";
  return response;
}

int http_status(const Problem& problem) {
  switch (problem.kind) {
    case ProblemKind::invalid: return 400;
    case ProblemKind::conflict: return 409;
    case ProblemKind::not_found: return 404;
    case ProblemKind::forbidden: return 403;
  }
  return 400;
}

Response problem_response(const Problem& problem) {
  return problem_response(http_status(problem), problem.detail, problem.errors);
}

Response invalid_response(std::string field, std::string message) {
  return problem_response(Problem::invalid(std::move(field), std::move(message)));
}

Response unauthorized_response(std::string detail) {
  Response response = problem_response(401, std::move(detail));
  response.headers.emplace_back("WWW-Authenticate", "Bearer");
  return response;
}

Response unavailable_response(std::string detail) {
  Response response = problem_response(503, std::move(detail));
  response.headers.emplace_back("Retry-After", "1");
  return response;
}

Response method_not_allowed_response(std::string_view method, std::string allow) {
  Response response =
      problem_response(405, std::string(method) + " is not allowed here; allowed: " + allow);
  response.headers.emplace_back("Allow", std::move(allow));
  return response;
}

}  // namespace kedja::server
