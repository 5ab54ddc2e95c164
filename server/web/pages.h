// The web pages (contract §6): a fourth thin shell beside the JSON API and
// the command line, over the same storage calls — the same scope, audit rows
// and refusals. Each page is a plain function from a request and the
// logged-in caller to a response, called by the Handler for every path
// outside /v1/ and tested without sockets.
#pragma once

#include "server/handler.h"
#include "server/web/import_uploads.h"
#include "server/web/login_sessions.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace kedja::server::web {

struct WebOptions {
  bool secure_cookies = false;  // `kedja serve --secure-cookies`: the cookie gets Secure
  std::function<Clock::time_point()> now;  // empty: the system clock (tests move it)
  std::string base_url = "http://127.0.0.1:8080";  // where users reach the service (the feed's address)
};

// 413 for a web page's form whose body is over max_body_bytes (an arrival
// list too large to import): a page in Swedish, with the pages' security
// headers. The session answers it before any page sees the request.
Response too_large_page();

// Where a login goes on to (contract §6 `/logga-in`): a page asked for
// without a session is sent to `/logga-in?till=<that page, %-encoded>`, the
// form carries `till` along, and the login goes on to it when it is a page
// of this site: a local path beginning with a single `/` (not `//` or `/\`,
// which a browser reads as another host), printable ASCII only (no control
// character, space or backslash: nothing a header could be split by), at
// most max_after_login_bytes, and not /logga-in or /logga-ut. Anything else
// (absent, another site, `javascript:`) goes to /att-gora: no open redirect.
inline constexpr std::size_t max_after_login_bytes = 2000;
std::string page_after_login(const std::map<std::string, std::string, std::less<>>& params);

class WebPages {
 public:
  WebPages(storage::Store& store, const EngineContext& context, TodayProvider today,
           WebOptions options);
  // The answer for a web path, or nullopt when `request` is not for one.
  // `notes` gets the page's route template and, once the session is known,
  // its token's name.
  std::optional<Response> handle(const Request& request, RequestNotes& notes) const;

  LoginSessions& sessions() const { return *sessions_; }
  // Login sessions usable now (for the metrics).
  std::size_t open_sessions() const { return sessions_->live(options_.now()); }

 private:
  storage::Store& store_;
  const EngineContext& context_;
  TodayProvider today_;
  WebOptions options_;
  std::shared_ptr<LoginSessions> sessions_;
  std::shared_ptr<ImportUploads> uploads_;  // files waiting for their import's confirmation
};

}  // namespace kedja::server::web
