// The frame every page shares and the small pieces pages reuse.
#include "server/today.h"
#include "server/web/assets.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include <cstdio>

namespace kedja::server::web {

const std::string* PageCall::field(std::string_view name) const {
  const auto found = form.find(name);
  return found == form.end() ? nullptr : &found->second;
}

const FormPart* PageCall::file(std::string_view name) const {
  if (!files) return nullptr;
  for (const FormPart& part : *files)
    if (part.filename && part.name == name) return &part;
  return nullptr;
}

void add_page_headers(Response& response) {
  response.headers.emplace_back("Content-Security-Policy", "default-src 'self'");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "same-origin");
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Frame-Options", "DENY");
}

Response html_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.content_type = "text/html; charset=utf-8";
  response.body = std::move(body);
  add_page_headers(response);
  return response;
}

void download_link(HtmlWriter& html, const Url& csv_url) {
  html.open("p", {{"class", "downloads"}});
  html.element("a", "Ladda ned (CSV)", {{"href", csv_url}, {"download", ""}});
  html.text(" – hela listan som fil för Excel.");
  html.close("p");
}

Response redirect(const std::string& location) {
  Response response = html_response(303, "");
  response.headers.emplace_back("Location", location);
  return response;
}

std::string unit_name(const Caller& caller, const Region& region) {
  if (!caller.actor) return caller.token_name.empty() ? "Administratör" : caller.token_name;
  if (const Actor* actor = region.find_actor(*caller.actor)) return actor->name;
  return caller.actor->str();
}

std::string municipality_name(const Region& region, std::string_view slug) {
  if (const Municipality* m = region.find_municipality(slug)) return m->name;
  return std::string(slug);
}

std::string step_title(const RuleSets& rule_sets, const StepKey& key) {
  for (const auto& set : rule_sets.all())
    if (const StepRule* rule = set.find(key)) return rule->title;
  return key.str();
}

void csrf_field(HtmlWriter& html, const LoginSession& session) {
  html.empty("input", {{"type", "hidden"}, {"name", "csrf"}, {"value", session.csrf}});
}

void date_element(HtmlWriter& html, Date day) {
  html.element("time", swedish_date(day), {{"datetime", format_date(day)}});
}

void open_scroll(HtmlWriter& html, Attr name) {
  html.open("div", {{"class", "scroll"}, {"role", "region"}, std::move(name), {"tabindex", "0"}});
}

void time_element(HtmlWriter& html, std::string_view utc) {
  const auto local = stockholm_time(utc);
  if (!local) {
    html.text(utc);
    return;
  }
  char time[8];
  std::snprintf(time, sizeof time, "%02d:%02d", local->hour, local->minute);
  html.element("time", swedish_date(local->day) + " kl. " + time, {{"datetime", std::string(utc)}});
}

void error_summary(HtmlWriter& html, const std::vector<FormError>& errors, std::string_view title) {
  if (errors.empty()) return;
  html.open("div", {{"class", "error-summary"}, {"role", "alert"}, {"aria-labelledby", "fel-rubrik"},
                    {"tabindex", "-1"}, {"data-fokus", "1"}});
  html.element("h2", title, {{"id", "fel-rubrik"}});
  html.open("ul");
  for (const auto& error : errors) {
    html.open("li");
    if (error.field.empty()) {
      html.text(error.message);
    } else {
      html.element("a", error.message, {{"href", "#" + error.field}});
    }
    html.close("li");
  }
  html.close("ul").close("div");
}

void session_notice(HtmlWriter& html, const LoginSession& session) {
  if (session.notice.empty()) return;
  html.element("p", session.notice, {{"class", "notice"}, {"role", "status"}, {"tabindex", "-1"}, {"data-fokus", "3"}});
}

std::string page(const PageCall& call, const Frame& frame,
                 const std::function<void(HtmlWriter&)>& content) {
  std::string out;
  out.reserve(64 * 1024);  // the 100-row Att göra page is ≈ 60 KB (issue 13)
  {  // the writer gone, `out` holds exactly the page
    HtmlWriter html(out);
    page_start(html, frame.title);
    // The pages' one script (copy buttons, focus after a post), a file of our
    // own; every page works without it.
    html.element("script", "", {{"src", script_path()}, {"defer", "defer"}});
    html.close("head");
    html.open("body");
    html.element("a", "Hoppa till innehållet", {{"class", "skip"}, {"href", "#innehall"}});
    html.open("header", {{"class", "site"}});
    html.element("a", "Kedja", {{"class", "brand"}, {"href", "/att-gora"}});
    html.open("div", {{"class", "who"}});
    html.element("span", unit_name(call.caller, call.context.region), {{"class", "unit"}});
    html.element("span", role_label(call.caller.role), {{"class", "role"}});
    html.open("form", {{"method", "post"}, {"action", "/logga-ut"}});
    csrf_field(html, call.session);
    html.element("button", "Logga ut", {{"type", "submit"}, {"class", "secondary"}});
    html.close("form");
    html.close("div").close("header");

    html.open("nav", {{"class", "main"}, {"aria-label", "Huvudmeny"}});
    html.open("ul");
    auto entry = [&](std::string_view key, const char* href, const char* label) {
      html.open("li");
      if (frame.current == key) html.element("a", label, {{"href", href}, {"aria-current", "page"}});
      else html.element("a", label, {{"href", href}});
      html.close("li");
    };
    entry("att-gora", "/att-gora", "Att göra");
    if (call.caller.role == Role::coordinator || call.caller.role == Role::admin)
      entry("oversikt", "/oversikt", "Översikt per kommun");
    // Every role: the follow-up of the steps in its own scope.
    entry("uppfoljning", "/uppfoljning", "Uppföljning");
    if (may_create_cases(call.caller.role)) entry("ny-ankomst", "/ny-ankomst", "Ny ankomst");
    if (may_import(call.caller)) entry("importera", "/importera", "Importera");
    if (has_own_calendar(call.caller)) entry("kalender", "/kalender", "Kalender");
    if (call.caller.role == Role::admin) entry("administration", "/administration", "Administration");
    if (call.caller.role == Role::admin) entry("loggkontroll", "/loggkontroll", "Loggkontroll");
    html.close("ul").close("nav");

    html.open("main", {{"id", "innehall"}, {"tabindex", "-1"}});
    content(html);
    html.close("main");
    site_footer(html, "Kedja – mottagandekedjan i " + call.context.region.name() +
                          ". Varje visning av ett ärende loggas. ");
    html.close("body").close("html");
  }
  return out;
}

void page_start(HtmlWriter& html, std::string_view title) {
  html.trusted_markup("<!DOCTYPE html>");
  html.open("html", {{"lang", "sv"}});
  html.open("head");
  html.empty("meta", {{"charset", "utf-8"}});
  html.empty("meta", {{"name", "viewport"}, {"content", "width=device-width, initial-scale=1"}});
  std::string full_title(title);
  full_title += " – Kedja";
  html.element("title", full_title);
  html.empty("link", {{"rel", "stylesheet"}, {"href", stylesheet_path()}});
}

void site_footer(HtmlWriter& html, std::string_view before) {
  html.open("footer", {{"class", "site"}});
  html.text(before);
  html.element("a", "Tillgänglighetsredogörelse", {{"href", "/tillganglighet"}});
  html.close("footer");
}

}  // namespace kedja::server::web
