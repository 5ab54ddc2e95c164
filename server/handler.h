// The request handler of Beast's three-part split: a plain function from a
// request to a response, with no sockets, so tests call it directly
// (contract §4). Every endpoint, authentication, input checking and the
// mapping of domain Problems to HTTP status codes live behind it.
#pragma once

#include "domain/dates.h"
#include "domain/steps.h"
#include "storage/store.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kedja::server {

inline constexpr std::size_t max_body_bytes = 1024 * 1024;  // 1 MiB: larger is 413
// The liveness check (no token, no database): the session answers it on its
// I/O thread, never behind the request pools.
inline constexpr std::string_view health_path = "/v1/health";

struct Request {
  std::string method;                          // "GET", "POST", …
  std::string target;                          // path and query, e.g. "/v1/due?from=2026-01-01"
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;                  // the client's IP address, for the log ("" in tests)
};

// What the access log and the metrics say of a request besides its status
// (server/access_log.h, server/metrics.h): never an id, a name or a query
// value, so that neither holds personal data or grows a series per case.
struct RequestNotes {
  // The route's template: "/v1/cases/{id}", "/arenden/{id}/handelser",
  // "/att-gora"; unmatched_route for a path that is none of them.
  std::string_view route = unmatched_route;
  std::string token_name;  // the caller's token ("" before authentication)

  static constexpr std::string_view unmatched_route = "(unmatched)";
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  RequestNotes notes;  // for the log and the metrics; never sent

  const std::string* header(std::string_view name) const;
};

// "Today" for as_of defaults and age-based scope; injectable for tests.
using TodayProvider = std::function<Date()>;

namespace web {
class WebPages;
}

// The web pages' settings (contract §6).
struct WebSettings {
  bool secure_cookies = false;  // `kedja serve --secure-cookies`: the session cookie gets Secure
  // The clock for session expiry; empty: the system clock (tests move it).
  std::function<std::chrono::system_clock::time_point()> now;
  // Where users reach the service ("https://kedja.region.se"), for links
  // that leave it (a calendar event's link to its case page).
  std::string base_url = "http://127.0.0.1:8080";
};

class Handler {
 public:
  // Serves the JSON API under /v1/ and the web pages everywhere else.
  Handler(storage::Store& store, const EngineContext& context, TodayProvider today,
          WebSettings web = {});
  // Never throws for bad input; infrastructure failures (SQLite, I/O) become
  // a 500 problem here, the one place the service catches them (logged
  // without query values or the body: server/log.h). Every answer says
  // `Cache-Control: no-store` unless the endpoint set its own: most carry
  // personal data, and a shared cache must keep none of them.
  // The answer's `notes` name the route's template and the caller's token.
  Response operator()(const Request& request) const;

  // Web sessions held now (for the metrics).
  std::size_t web_sessions() const;

 private:
  // Fills `notes` as soon as each is known, so that a failure still has them.
  Response route(const Request& request, RequestNotes& notes) const;

  storage::Store& store_;
  const EngineContext& context_;
  TodayProvider today_;
  std::string base_url_;
  std::shared_ptr<const web::WebPages> web_;  // shared by the copies a server makes
};

}  // namespace kedja::server
