// The web pages' routes, the session cookie, CSRF, login and logout, and the
// stylesheet. Page bodies live in their own files.
#include "server/web/pages.h"

#include "server/web/assets.h"
#include "server/web/multipart.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include <cctype>

namespace kedja::server::web {
namespace {

constexpr std::string_view cookie_name = "kedja_session";
constexpr std::string_view default_after_login = "/att-gora";

// The login page for a request without a session: `/logga-in`, with
// `slut=1` when its session has ended, and `till` naming the page asked
// for when a login may go on to it (a GET of a page, not the start page).
std::string login_location(const Request& request, bool ended) {
  std::string location = ended ? "/logga-in?slut=1" : "/logga-in";
  const std::string& target = request.target;
  if (request.method != "GET" || target == "/") return location;
  if (page_after_login({{"till", target}}) != target) return location;
  return location + (ended ? "&" : "?") + "till=" + percent_encoded(target);
}

// The value of the kedja_session cookie, if the request has one.
std::optional<std::string> session_cookie(const Request& request) {
  const auto found = request.headers.find("cookie");
  if (found == request.headers.end()) return std::nullopt;
  std::string_view rest = found->second;
  while (!rest.empty()) {
    const auto end = rest.find(';');
    std::string_view pair = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const auto equals = pair.find('=');
    if (equals == std::string_view::npos || pair.substr(0, equals) != cookie_name) continue;
    std::string_view value = pair.substr(equals + 1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (!value.empty()) return std::string(value);
  }
  return std::nullopt;
}

std::string set_cookie(const std::string& id, bool secure) {
  return std::string(cookie_name) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string clear_cookie(bool secure) {
  return std::string(cookie_name) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

std::string trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

// A page for someone not logged in: the login form and plain messages.
std::string bare_page(std::string_view title, const std::function<void(HtmlWriter&)>& content) {
  std::string out;
  {  // the writer gone, `out` holds exactly the page
    HtmlWriter html(out);
    page_start(html, title);
    html.close("head");
    html.open("body");
    // As on every logged-in page (layout.cpp): the first Tab reaches it.
    html.element("a", "Hoppa till innehållet", {{"class", "skip"}, {"href", "#innehall"}});
    html.open("header", {{"class", "site"}});
    html.element("a", "Kedja", {{"class", "brand"}, {"href", "/"}});
    html.close("header");
    html.open("main", {{"id", "innehall"}, {"tabindex", "-1"}});
    content(html);
    html.close("main");
    site_footer(html);
    html.close("body").close("html");
  }
  return out;
}

// The login form; `error` is shown beside the field and in a summary;
// `till` (page_after_login's answer) is carried in a hidden field unless it
// is the default.
Response login_form(int status, std::string_view notice, std::string_view error, const std::string& till) {
  return html_response(status, bare_page("Logga in", [&](HtmlWriter& html) {
    html.open("div", {{"class", "login"}});
    if (!error.empty()) error_summary(html, {{"token", std::string(error)}}, "Det gick inte att logga in");
    html.element("h1", "Logga in i Kedja");
    if (!notice.empty()) html.element("p", notice, {{"class", "notice"}, {"role", "status"}});
    html.element("p",
                 "Kedja följer nyanlända genom mottagandekedjan. Logga in med den personliga "
                 "inloggningsnyckel du har fått av din administratör.",
                 {{"class", "lead"}});
    html.open("form", {{"method", "post"}, {"action", "/logga-in"}, {"novalidate", "novalidate"}});
    const bool bad = !error.empty();
    html.open("div", {{"class", bad ? "field has-error" : "field"}});
    html.element("label", "Inloggningsnyckel", {{"for", "token"}});
    html.element("p", "Nyckeln är en lång rad bokstäver och siffror. Klistra in hela.",
                 {{"class", "hint"}, {"id", "token-hint"}});
    if (bad) html.element("p", error, {{"class", "field-error"}, {"id", "token-error"}});
    std::vector<Attr> input = {{"type", "password"}, {"id", "token"}, {"name", "token"},
                               {"autocomplete", "current-password"}, {"spellcheck", "false"},
                               {"aria-describedby", bad ? "token-hint token-error" : "token-hint"}};
    if (bad) input.emplace_back("aria-invalid", "true");
    html.empty("input", input);
    html.close("div");
    if (till != default_after_login) html.empty("input", {{"type", "hidden"}, {"name", "till"}, {"value", till}});
    html.element("button", "Logga in", {{"type", "submit"}});
    html.close("form").close("div");
  }));
}

Response forbidden_page(std::string_view message) {
  return html_response(403, bare_page("Åtgärden nekades", [&](HtmlWriter& html) {
    html.element("h1", "Åtgärden nekades");
    html.element("p", message, {{"class", "message"}});
    html.open("p").element("a", "Till Att göra", {{"href", "/att-gora"}}).close("p");
  }));
}

// The address's own faults (parse_target's problem) in Swedish, each
// naming its parameter.
Response bad_address_page(const PageCall& call, const Problem& problem) {
  std::vector<FormError> errors;
  for (const auto& error : problem.errors) {
    const bool twice = error.message == given_more_than_once;
    errors.push_back({"", (twice ? "Parametern " + error.field + " står mer än en gång i adressen."
                                 : "Parametern " + error.field + " har en felaktig %-kod i adressen.")});
  }
  if (errors.empty()) errors.push_back({"", "Adressen går inte att läsa."});
  return html_response(400, page(call, {"Adressen har fel", ""}, [&](HtmlWriter& html) {
    error_summary(html, errors, "Adressen har fel");
    html.element("h1", "Adressen har fel");
    html.element("p", "Ingenting har sparats. Ändra adressen, eller börja om från listan.");
    html.open("p").element("a", "Till Att göra", {{"href", "/att-gora"}}).close("p");
  }));
}

Response not_found_page() {
  return html_response(404, bare_page("Sidan finns inte", [](HtmlWriter& html) {
    html.element("h1", "Sidan finns inte");
    html.element("p", "Kontrollera adressen, eller gå till startsidan.");
    html.open("p").element("a", "Till startsidan", {{"href", "/"}}).close("p");
  }));
}

Response method_not_allowed(std::string allow) {
  Response response = html_response(405, bare_page("Fel metod", [](HtmlWriter& html) {
    html.element("h1", "Sidan kan inte användas så");
  }));
  response.headers.emplace_back("Allow", std::move(allow));
  return response;
}

// The stylesheet or the script: cached for a year (a new one has a new URL).
Response asset_response(const std::string& method, std::string_view content_type, std::string_view body) {
  Response response;
  response.content_type = std::string(content_type);
  if (method != "HEAD") response.body = std::string(body);
  response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  return response;
}

enum class Route {
  root, login, logout, todo, todo_csv, overview, overview_csv, follow_up, follow_up_csv, a_case, case_events,
  stylesheet, script, calendar, calendar_create, calendar_revoke, accessibility, admin, admin_create, admin_revoke,
  import, import_upload, arrival, household, household_events,
  audit_search, audit_sample, audit_sample_csv, audit_extract
};

struct Matched {
  Route route;
  std::string id;  // the case id of /arenden/{id}, the upload id of /importera/{id}
};

std::optional<Matched> match(std::string_view path) {
  static const std::pair<std::string_view, Route> fixed[] = {
      {"/", Route::root},           {"/logga-in", Route::login},    {"/logga-ut", Route::logout},
      {"/att-gora", Route::todo},           {"/att-gora.csv", Route::todo_csv},
      {"/oversikt", Route::overview},       {"/oversikt.csv", Route::overview_csv},
      {"/uppfoljning", Route::follow_up},   {"/uppfoljning.csv", Route::follow_up_csv},
      {"/kalender", Route::calendar},       {"/kalender/nycklar", Route::calendar_create},
      {"/kalender/aterkalla", Route::calendar_revoke}, {"/tillganglighet", Route::accessibility},
      {"/administration", Route::admin},    {"/administration/nycklar", Route::admin_create},
      {"/administration/aterkalla", Route::admin_revoke}, {"/importera", Route::import},
      {"/ny-ankomst", Route::arrival},      {"/hushall", Route::household},
      {"/hushall/handelser", Route::household_events},
      {"/loggkontroll", Route::audit_search},    {"/loggkontroll/stickprov", Route::audit_sample},
      {"/loggkontroll/stickprov.csv", Route::audit_sample_csv}, {"/loggkontroll/utdrag", Route::audit_extract},
  };
  for (const auto& [text, route] : fixed)
    if (path == text) return Matched{route, {}};
  if (path == stylesheet_path()) return Matched{Route::stylesheet, {}};
  if (path == script_path()) return Matched{Route::script, {}};
  constexpr std::string_view import_prefix = "/importera/";
  if (path.starts_with(import_prefix) && path.size() > import_prefix.size() &&
      path.find('/', import_prefix.size()) == std::string_view::npos)
    return Matched{Route::import_upload, std::string(path.substr(import_prefix.size()))};
  constexpr std::string_view prefix = "/arenden/";
  if (!path.starts_with(prefix)) return std::nullopt;
  std::string_view rest = path.substr(prefix.size());
  const auto slash = rest.find('/');
  const std::string_view id = rest.substr(0, slash);
  if (id.empty()) return std::nullopt;
  if (slash == std::string_view::npos) return Matched{Route::a_case, std::string(id)};
  if (rest.substr(slash) == "/handelser") return Matched{Route::case_events, std::string(id)};
  return std::nullopt;
}

// For the access log and the metrics (RequestNotes): a case's id named,
// never its value; the assets' content hash too (it changes each release).
std::string_view route_template(Route route) {
  switch (route) {
    case Route::root: return "/";
    case Route::login: return "/logga-in";
    case Route::logout: return "/logga-ut";
    case Route::todo: return "/att-gora";
    case Route::todo_csv: return "/att-gora.csv";
    case Route::overview: return "/oversikt";
    case Route::overview_csv: return "/oversikt.csv";
    case Route::follow_up: return "/uppfoljning";
    case Route::follow_up_csv: return "/uppfoljning.csv";
    case Route::a_case: return "/arenden/{id}";
    case Route::case_events: return "/arenden/{id}/handelser";
    case Route::stylesheet: return "/static/kedja-{hash}.css";
    case Route::script: return "/static/kedja-{hash}.js";
    case Route::calendar: return "/kalender";
    case Route::calendar_create: return "/kalender/nycklar";
    case Route::calendar_revoke: return "/kalender/aterkalla";
    case Route::accessibility: return "/tillganglighet";
    case Route::admin: return "/administration";
    case Route::admin_create: return "/administration/nycklar";
    case Route::admin_revoke: return "/administration/aterkalla";
    case Route::import: return "/importera";
    case Route::import_upload: return "/importera/{id}";
    case Route::arrival: return "/ny-ankomst";
    case Route::household: return "/hushall";
    case Route::household_events: return "/hushall/handelser";
    case Route::audit_search: return "/loggkontroll";
    case Route::audit_sample: return "/loggkontroll/stickprov";
    case Route::audit_sample_csv: return "/loggkontroll/stickprov.csv";
    case Route::audit_extract: return "/loggkontroll/utdrag";
  }
  return RequestNotes::unmatched_route;
}

std::string_view allowed(Route route) {
  switch (route) {
    case Route::login:
    case Route::todo:  // POST: a row's event (record_row_event)
    case Route::import:
    case Route::arrival:
    case Route::import_upload: return "GET, POST";
    case Route::logout:
    case Route::case_events:
    case Route::household_events:
    case Route::calendar_create:
    case Route::calendar_revoke:
    case Route::admin_create:
    case Route::admin_revoke: return "POST";
    case Route::stylesheet:
    case Route::script: return "GET, HEAD";
    default: return "GET";
  }
}

bool method_ok(Route route, std::string_view method) {
  const std::string_view allow = allowed(route);
  if (allow == "GET, POST") return method == "GET" || method == "POST";
  if (allow == "GET, HEAD") return method == "GET" || method == "HEAD";
  return method == allow;
}

}  // namespace

std::string page_after_login(const std::map<std::string, std::string, std::less<>>& params) {
  const std::string fallback(default_after_login);
  const auto found = params.find("till");
  if (found == params.end()) return fallback;
  const std::string& till = found->second;
  if (till.empty() || till.size() > max_after_login_bytes || till[0] != '/') return fallback;
  if (till.size() > 1 && (till[1] == '/' || till[1] == '\\')) return fallback;  // another host
  for (const char c : till)  // printable ASCII, no space (no header splitting), no backslash
    if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7f || c == '\\')
      return fallback;
  // The same once more %-decoded, so that a step of decoding further on
  // (a proxy, a browser) cannot make one of them: "/%2F%2Fhost", "%0d%0a".
  const auto decoded = decode_path_segment(till);
  if (!decoded || decoded->starts_with("//") || decoded->starts_with("/\\")) return fallback;
  for (const char c : *decoded)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '\\') return fallback;
  const std::string_view path = std::string_view(till).substr(0, till.find_first_of("?#"));
  if (path == "/logga-in" || path == "/logga-ut") return fallback;
  return till;
}

Response too_large_page() {
  return html_response(413, bare_page("För stort", [](HtmlWriter& html) {
    html.element("h1", "Formuläret är för stort");
    html.element("p",
                 "Kedja tar emot högst 1 MB i ett formulär, och inget sparades. En ankomstlista som är större "
                 "kan delas upp i flera filer som importeras var för sig.",
                 {{"class", "message"}});
    html.open("p").element("a", "Till Importera", {{"href", "/importera"}}).text(" · ");
    html.element("a", "Till startsidan", {{"href", "/"}}).close("p");
  }));
}

WebPages::WebPages(storage::Store& store, const EngineContext& context, TodayProvider today,
                   WebOptions options)
    : store_(store),
      context_(context),
      today_(std::move(today)),
      options_(std::move(options)),
      sessions_(std::make_shared<LoginSessions>()),
      uploads_(std::make_shared<ImportUploads>()) {
  if (!options_.now) options_.now = [] { return Clock::now(); };
}

std::optional<Response> WebPages::handle(const Request& request, RequestNotes& notes) const {
  const std::string_view raw_path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (raw_path.starts_with("/v1/") || raw_path == "/v1") return std::nullopt;
  const auto matched = match(raw_path);
  if (!matched) return not_found_page();
  notes.route = route_template(matched->route);
  if (!method_ok(matched->route, request.method))
    return method_not_allowed(std::string(allowed(matched->route)));
  if (matched->route == Route::stylesheet)
    return asset_response(request.method, "text/css; charset=utf-8", stylesheet());
  if (matched->route == Route::script)
    return asset_response(request.method, "text/javascript; charset=utf-8", script());
  if (request.body.size() > max_body_bytes) return too_large_page();

  // The session, re-validated: its token must still be in force (not
  // revoked, not expired), read from the database on every request.
  const auto now = options_.now();
  const auto cookie = session_cookie(request);
  std::optional<LoginSession> session;
  std::optional<Caller> caller;
  if (cookie) session = sessions_->use(*cookie, now);
  const Date today = today_();
  if (session) {
    caller = store_.token_in_force(session->token_name, today);
    if (!caller) {
      sessions_->end(session->id);
      session.reset();
    } else {
      notes.token_name = caller->token_name;
    }
  }
  const bool post = request.method == "POST";
  // A form's fields: application/x-www-form-urlencoded, or multipart/form-data
  // (the Importera page's file upload), whose file inputs go to `files`.
  std::optional<Params> form_fields;
  std::vector<FormPart> files;
  const auto content_type = request.headers.find("content-type");
  const auto boundary =
      post && content_type != request.headers.end() ? multipart_boundary(content_type->second) : std::nullopt;
  if (boundary) {
    if (auto parts = parse_multipart(*boundary, request.body)) {
      form_fields.emplace();
      for (FormPart& part : *parts) {
        if (part.filename) files.push_back(std::move(part));
        else if (!form_fields->emplace(part.name, std::move(part.data)).second) form_fields.reset();  // a field twice
        if (!form_fields) break;
      }
    }
  } else if (auto parsed = parse_target("?" + (post ? request.body : std::string()))) {
    form_fields = std::move(parsed->params);
  }
  const Params no_fields;
  const Params& form = form_fields ? *form_fields : no_fields;

  if (matched->route == Route::root) return redirect(session ? "/att-gora" : "/logga-in");
  // The accessibility statement is for everyone, logged in or not (lag
  // 2018:1937): in the page frame with a session, else in the bare one.
  if (matched->route == Route::accessibility) {
    const auto statement = [&](HtmlWriter& html) { accessibility_statement(html, context_.region); };
    if (!session) return html_response(200, bare_page("Tillgänglighetsredogörelse", statement));
    const Target bare_target{std::string(raw_path), {}};
    const PageCall call{request, bare_target, form, *caller, *session, store_, context_, today, *sessions_,
                        options_.base_url};
    return html_response(200, page(call, {"Tillgänglighetsredogörelse", "tillganglighet"}, statement));
  }
  if (matched->route == Route::login) {
    if (!post) {
      const auto target = parse_target(request.target);
      const std::string till = target ? page_after_login(target->params) : std::string(default_after_login);
      if (session) return redirect(till);
      std::string_view notice;
      if (target && target->params.contains("utloggad")) notice = "Du är utloggad.";
      if (target && target->params.contains("slut"))
        notice = "Din session har upphört. Logga in igen för att fortsätta.";
      return login_form(200, notice, "", till);
    }
    const std::string till = page_after_login(form);
    const auto found = form.find("token");
    const std::string token = found == form.end() ? "" : trimmed(found->second);
    if (token.empty()) return login_form(401, "", "Skriv in din inloggningsnyckel.", till);
    const auto logged_in = store_.authenticate(token, today);
    if (!logged_in)
      return login_form(401, "",
                        "Inloggningsnyckeln gäller inte. Kontrollera att du har klistrat in hela "
                        "nyckeln, eller be din administratör om en ny.",
                        till);
    if (session) sessions_->end(session->id);
    notes.token_name = logged_in->token_name;
    const LoginSession started = sessions_->start(logged_in->token_name, now);
    Response response = redirect(till);
    response.headers.emplace_back("Set-Cookie", set_cookie(started.id, options_.secure_cookies));
    return response;
  }

  if (!session) {
    Response response = redirect(login_location(request, cookie.has_value()));
    if (cookie) response.headers.emplace_back("Set-Cookie", clear_cookie(options_.secure_cookies));
    return response;
  }
  if (post) {
    const auto csrf = form.find("csrf");
    if (!form_fields || csrf == form.end() || !same_secret(csrf->second, session->csrf))
      return forbidden_page(
          "Formuläret saknade sin säkerhetskod eller kom från en annan sida, så inget sparades. "
          "Ladda om sidan och försök igen.");
  }
  if (matched->route == Route::logout) {
    sessions_->end(session->id);
    uploads_->end_session(session->id);
    Response response = redirect("/logga-in?utloggad=1");
    response.headers.emplace_back("Set-Cookie", clear_cookie(options_.secure_cookies));
    return response;
  }

  // A parameter given twice or a bad %-escape: the address says two
  // things, and a page must not pick one (or none) silently — a 400
  // naming the parameter, before any route reads or writes.
  auto target = parse_target(request.target);
  std::optional<Problem> bad_address;
  if (!target) {
    bad_address = target.problem();
    Target bare;
    bare.path = std::string(raw_path);
    target = std::move(bare);
  }
  const PageCall call{request, *target,  form,          *caller,        *session, store_, context_, today,
                      *sessions_, options_.base_url, &files, uploads_.get(), now};
  if (bad_address) return bad_address_page(call, *bad_address);
  switch (matched->route) {
    case Route::todo: return post ? record_row_event(call) : todo_page(call);
    case Route::todo_csv: return todo_csv(call);
    case Route::overview: return overview_page(call);
    case Route::overview_csv: return overview_csv(call);
    case Route::follow_up: return follow_up_page(call);
    case Route::follow_up_csv: return follow_up_csv(call);
    case Route::a_case: return case_page(call, CaseId{matched->id});
    case Route::case_events: return record_event(call, CaseId{matched->id});
    case Route::calendar: return calendar_page(call);
    case Route::calendar_create: return create_feed_token(call);
    case Route::calendar_revoke: return revoke_feed_token(call);
    case Route::admin: return admin_page(call);
    case Route::admin_create: return create_token_page(call);
    case Route::admin_revoke: return revoke_token_page(call);
    case Route::import: return post ? upload_arrivals(call) : import_page(call);
    case Route::import_upload: return post ? confirm_import(call, matched->id) : import_preview(call, matched->id);
    case Route::arrival: return post ? register_household(call) : arrival_page(call);
    case Route::household: return household_page(call);
    case Route::household_events: return record_household_events(call);
    case Route::audit_search: return audit_search_page(call);
    case Route::audit_sample: return audit_sample_page(call);
    case Route::audit_sample_csv: return audit_sample_csv(call);
    case Route::audit_extract: return audit_extract_page(call);
    default: return not_found_page();
  }
}

}  // namespace kedja::server::web
