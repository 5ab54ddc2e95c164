// What every page function gets (internal to the web pages), and the
// functions that make their answers.
#pragma once

#include "domain/access.h"
#include "server/handler.h"
#include "server/query.h"
#include "server/web/html_writer.h"
#include "server/web/import_uploads.h"
#include "server/web/login_sessions.h"
#include "server/web/multipart.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kedja::server::web {

using Params = std::map<std::string, std::string, std::less<>>;

// A request from a logged-in browser whose token is still valid.
struct PageCall {
  const Request& request;
  const Target& target;  // path and query parameters
  const Params& form;    // a POST's fields (empty for GET)
  const Caller& caller;
  const LoginSession& session;
  storage::Store& store;
  const EngineContext& context;
  Date today;
  LoginSessions& sessions;
  const std::string& base_url;  // "https://kedja.region.se": addresses that leave the pages
  // A multipart/form-data POST's file inputs, by name (nullptr: none).
  const std::vector<FormPart>* files = nullptr;
  ImportUploads* uploads = nullptr;  // the files waiting to be imported (Importera)
  Clock::time_point now{};           // the pages' clock (sessions, uploads)

  const std::string* field(std::string_view name) const;  // a form field, or nullptr
  const FormPart* file(std::string_view name) const;      // a file input, or nullptr
};

// An error shown on a form: the field it is about (its input's id, or empty
// for the form as a whole) and the message, in Swedish.
struct FormError {
  std::string field;
  std::string message;
};

// Every page's security headers (CSP default-src 'self', nosniff,
// Referrer-Policy same-origin, Cache-Control no-store).
void add_page_headers(Response& response);
Response html_response(int status, std::string body);
// 303 See Other to a local path (Post/Redirect/Get).
Response redirect(const std::string& location);

// The page frame: <head>, the header with the unit's name and role and the
// logout button, the menu, <main> with `content`, the footer.
struct Frame {
  std::string title;            // the <title> and, by convention, the <h1>
  std::string_view current;     // the menu entry to mark: "att-gora", "oversikt", "uppfoljning", ""
};
std::string page(const PageCall& call, const Frame& frame,
                 const std::function<void(HtmlWriter&)>& content);

// The name of the caller's unit ("Hälsocentralen Lugnvik"; the token name
// for admin).
std::string unit_name(const Caller& caller, const Region& region);
// "Östersund" for "ostersund"; the slug itself if unknown.
std::string municipality_name(const Region& region, std::string_view slug);
// A step's Swedish title from the case's rule set or any set that has it.
std::string step_title(const RuleSets& rule_sets, const StepKey& key);

// <input type="hidden" name="csrf" value="…">
void csrf_field(HtmlWriter& html, const LoginSession& session);
// <time datetime="2026-12-22">tis 22 dec 2026</time>
void date_element(HtmlWriter& html, Date day);
// The frame of a data table wider than a narrow screen: the table scrolls
// sideways inside it and the page does not (WCAG 1.4.10 lets a data table
// keep its two dimensions). Named by `name` (aria-labelledby or aria-label)
// and focusable, so a keyboard user can scroll it (axe:
// scrollable-region-focusable). Close it with html.close("div").
void open_scroll(HtmlWriter& html, Attr name);
// A stored UTC timestamp ("2026-11-25T08:01:02Z") as <time> in the pages'
// date style with the Europe/Stockholm time of day, "tis 25 nov 2026 kl.
// 09:01", the UTC instant in its datetime attribute.
void time_element(HtmlWriter& html, std::string_view utc);
// The GOV.UK-style error summary: a heading and a link to each field.
void error_summary(HtmlWriter& html, const std::vector<FormError>& errors,
                   std::string_view title = "Det gick inte att spara");
// The list's download: <p class="downloads"><a href="…csv">Ladda ned (CSV)</a> …</p>
// (hidden in print).
void download_link(HtmlWriter& html, const Url& csv_url);
// A CSV file for Excel as an attachment with a Swedish file name (RFC 6266:
// `filename*` in UTF-8, `filename` in ASCII), never cached: it holds
// personal data (downloads.cpp).
Response csv_file(std::string body, std::string_view ascii_name, std::string_view swedish_name);
// The one-off notice of the session (after a redirect), if any.
void session_notice(HtmlWriter& html, const LoginSession& session);

// A form that was refused: shown again on the case page with what the user
// entered and the errors, with the refusal's status (400, 403, 409).
struct FailedForm {
  int status = 400;
  EventType type{};
  std::vector<FormError> errors;
  // The list to go back to: a row's refusal keeps the view it came from
  // (tab, filters, sort, page).
  std::string list = "/att-gora";
};

// The pages (one file each).
// Att göra; with `refused`, the errors of a row's form that was refused
// before anything was recorded (a 400 page, the view as its address says).
Response todo_page(const PageCall& call, const std::vector<FormError>* refused = nullptr);
// POST /att-gora?<view>: a row's event (event_forms.h, row_event), then
// back to the same view.
Response record_row_event(const PageCall& call);
Response case_page(const PageCall& call, const CaseId& id, const FailedForm* failed = nullptr);
Response record_event(const PageCall& call, const CaseId& id);
Response overview_page(const PageCall& call);

// The footer of every page, logged in or not: the link to the
// accessibility statement.
void site_footer(HtmlWriter& html, std::string_view before = {});
// A page's start, for page() and the pages without a login: the doctype,
// <html lang="sv"> and its <head> up to the stylesheet, `title` with
// " – Kedja" after it; the head is left open.
void page_start(HtmlWriter& html, std::string_view title);
// The accessibility statement (accessibility_page.cpp), GET /tillganglighet:
// its contact address is the region file's accessibility_contact.
void accessibility_statement(HtmlWriter& html, const Region& region);

// Kalender (calendar_page.cpp): the unit's feed tokens and how to subscribe.
// A caller has a calendar of its own when it is a unit that may manage its
// own feed tokens (domain/access.h), the admin and the coordinator not.
bool has_own_calendar(const Caller& caller);
Response calendar_page(const PageCall& call);
Response create_feed_token(const PageCall& call);   // POST /kalender/nycklar
Response revoke_feed_token(const PageCall& call);   // POST /kalender/aterkalla

// Importera (import_page.cpp, issue 14 §4): an arrival list uploaded,
// previewed, then imported on confirmation through csv/import.h — the code
// path of `kedja import` — as the caller (reception, mv, admin; others 403).
bool may_import(const Caller& caller);
Response import_page(const PageCall& call);                                // GET /importera
Response upload_arrivals(const PageCall& call);                            // POST /importera
Response import_preview(const PageCall& call, const std::string& upload);  // GET /importera/{id}
Response confirm_import(const PageCall& call, const std::string& upload);  // POST /importera/{id}

// Ny ankomst and Hushåll (household_pages.cpp, issue 14 §1–2): a household
// registered in one form through Store::create_cases (all or nothing, one
// write), and a household's cases side by side, with one event recorded for
// several members through Store::append_events (all or nothing, one write).
Response arrival_page(const PageCall& call);              // GET /ny-ankomst
Response register_household(const PageCall& call);        // POST /ny-ankomst
Response household_page(const PageCall& call);            // GET /hushall?hushall=H
Response record_household_events(const PageCall& call);   // POST /hushall/handelser

// Administration (admin_page.cpp), the admin's alone: every token (create,
// list, revoke) and the region's units.
Response admin_page(const PageCall& call);           // GET /administration
Response create_token_page(const PageCall& call);    // POST /administration/nycklar
Response revoke_token_page(const PageCall& call);    // POST /administration/aterkalla

// Loggkontroll (audit_page.cpp), the admin's alone: the audit log searched
// by token, case and period, the seeded sample of reads (and its CSV), and
// the printable log extract for one person.
Response audit_search_page(const PageCall& call);   // GET /loggkontroll
Response audit_sample_page(const PageCall& call);   // GET /loggkontroll/stickprov
Response audit_sample_csv(const PageCall& call);    // GET /loggkontroll/stickprov.csv
Response audit_extract_page(const PageCall& call);  // GET /loggkontroll/utdrag

// The overview's query string: `datum` (default today), errors naming any
// other parameter or a bad date.
struct OverviewView {
  Date as_of{};
  std::vector<FormError> errors;
};
OverviewView parse_overview(const PageCall& call);

// The page Uppföljning (follow_up_page.cpp): the on-time follow-up of
// GET /v1/follow-up with charts, for every role in its own scope.
Response follow_up_page(const PageCall& call);

// Its address (follow_up_view.cpp): `fran`, `till`, `steg`, `datum` are the
// API's from, to, step and as_of, read by the API's own follow-up query
// (the same defaults and refusals); `per` kommun|enhet (default: kommun for
// region-wide roles, enhet for the others); `mal` the target line, a whole
// per cent 1–100 (default 90). Errors name the page's parameter.
struct FollowUpView {
  storage::FollowUpQuery query;  // valid when errors is empty
  bool by_municipality = true;
  // A unit's own steps ("Våra steg", its default: the page is about itself)
  // or every step in the cases it sees ("enhet=alla", the API's default);
  // the coordinator and admin see every step unless they choose a unit.
  std::optional<ActorId> own_actor;  // the caller's actor when it is a unit
  double target = 0.9;
  Params given;  // the non-empty parameters as given, for the form and links
  std::vector<FormError> errors;
};
FollowUpView parse_follow_up(const PageCall& call);
// `path` with the view's given parameters.
Url follow_up_url(const FollowUpView& view, std::string_view path);

// The lists as CSV files (downloads.cpp): /att-gora.csv, /oversikt.csv and
// /uppfoljning.csv take their page's query string and answer its whole list.
Response todo_csv(const PageCall& call);
Response overview_csv(const PageCall& call);
Response follow_up_csv(const PageCall& call);

}  // namespace kedja::server::web
