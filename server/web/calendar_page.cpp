// GET /kalender, POST /kalender/nycklar, POST /kalender/aterkalla (issue 16
// §3): a unit's calendar feed — make a feed token for the caller's own unit
// (its subscription address shown once), list the unit's feed tokens, revoke
// one — with how to subscribe in Outlook and on a phone. The tokens go
// through the same Store::create_token, list_tokens and revoke_token as
// /v1/tokens, so the rule (domain/access.h may_manage_feed_tokens), the
// checks of name and expiry and the audit rows are the API's.
#include "server/today.h"
#include "server/web/assets.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

namespace kedja::server::web {
namespace {

// Every word the page shows, in one place.
namespace words {
constexpr std::string_view title = "Kalender";
constexpr std::string_view lead =
    "Prenumerera på enhetens kalender i Outlook eller i telefonen. Den visar enhetens öppna steg som "
    "förfaller de kommande 60 dagarna och bokade hälsosamtal och hälsoundersökningar, som heldagshändelser. "
    "Kalendern visar ärendenummer, steg och enhet – aldrig namn, födelsedatum eller hushåll.";
constexpr std::string_view not_for_role =
    "Kalendern hör till en enhet. Länsstyrelsens samordnare äger inga steg och har ingen kalender, och "
    "administratören gör kalenderadresser åt enheter med kommandot kedja token create --feed.";
constexpr std::string_view new_heading = "Din nya kalenderadress";
constexpr std::string_view new_text =
    "Kopiera adressen nu: den visas bara den här gången, och Kedja sparar den inte. Den som har adressen kan "
    "läsa kalendern, så dela den bara med dem som arbetar i enheten.";
constexpr std::string_view address_label = "Prenumerationsadress";
constexpr std::string_view address_hint = "Markera hela adressen och kopiera den (Ctrl+C).";
constexpr std::string_view copy_button = "Kopiera adressen";
constexpr std::string_view how_heading = "Så lägger du till kalendern";
constexpr std::string_view outlook_heading = "Outlook";
constexpr std::string_view outlook_steps[] = {
    "Öppna kalendern i Outlook.",
    "Välj Lägg till kalender och sedan Från internet (i Outlook på webben: Lägg till kalender och sedan "
    "Prenumerera från webben).",
    "Klistra in prenumerationsadressen och välj OK.",
};
constexpr std::string_view outlook_note =
    "Outlook hämtar kalendern på nytt med några timmars mellanrum. Ett steg som har klarats försvinner vid "
    "nästa hämtning; en ombokning flyttar händelsen.";
constexpr std::string_view phone_heading = "Telefon";
constexpr std::string_view phone_steps[] = {
    "iPhone: Inställningar, Kalender, Konton, Lägg till konto, Annat, Lägg till prenumererad kalender. "
    "Klistra in adressen.",
    "Android: lägg till adressen i Google Kalender på webben (Andra kalendrar, +, Från webbadress). Den "
    "visas sedan i telefonens kalender.",
    "Med Outlook i telefonen syns kalendern där när den är tillagd i Outlook.",
};
constexpr std::string_view create_heading = "Skapa en kalenderadress";
constexpr std::string_view name_label = "Namn (frivilligt)";
constexpr std::string_view name_hint =
    "Till exempel ”Outlook receptionen”, så att ni vet vilken adress som används var. Utan namn får "
    "adressen ett av Kedja.";
constexpr std::string_view expires_label = "Gäller till och med (frivilligt)";
constexpr std::string_view expires_hint = "Sista dagen adressen fungerar. Lämna tomt för ingen slutdag.";
constexpr std::string_view create_button = "Skapa kalenderadress";
constexpr std::string_view list_heading = "Enhetens kalenderadresser";
constexpr std::string_view list_empty = "Enheten har inga kalenderadresser ännu.";
constexpr std::string_view list_caption =
    "Återkalla en adress som inte längre används, eller som kan ha kommit i fel händer: kalendern slutar "
    "då genast att uppdateras.";
constexpr std::string_view col_name = "Namn";
constexpr std::string_view col_created = "Skapad";
constexpr std::string_view col_last_used = "Senast använd";
constexpr std::string_view col_expires = "Gäller till och med";
constexpr std::string_view col_status = "Status";
constexpr std::string_view col_action = "Åtgärd";
constexpr std::string_view revoke_button = "Återkalla";
constexpr std::string_view in_force = "Gäller";
constexpr std::string_view revoked = "Återkallad";
constexpr std::string_view expired = "Har gått ut";
constexpr std::string_view never = "Aldrig";
constexpr std::string_view no_end = "Ingen slutdag";
constexpr std::string_view errors_title = "Det gick inte att spara";
constexpr std::string_view name_taken = "Namnet används redan av en annan nyckel. Välj ett annat namn.";
constexpr std::string_view name_bad =
    "Namnet får vara högst 100 tecken, utan radbrytningar och utan mellanslag först eller sist.";
constexpr std::string_view expires_bad_date = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-06-30.";
constexpr std::string_view expires_past = "Sista dagen kan inte ligga före i dag.";
constexpr std::string_view unknown_token =
    "Adressen finns inte bland enhetens kalenderadresser. Inget återkallades.";
}  // namespace words

constexpr std::string_view name_id = "kalender-namn";
constexpr std::string_view expires_id = "giltig-till";
constexpr std::string_view address_id = "kalenderadress";

// The feed's address with its token: what a calendar program subscribes to.
std::string feed_address(const PageCall& call, const ActorId& actor, const std::string& token) {
  return call.base_url + Url("/v1/feeds").segment(actor.str() + ".ics").param("token", token).str();
}

// What the page shows after a refusal: the form's errors and its input.
struct Refusal {
  int status = 400;
  std::vector<FormError> errors;
  std::string name, expires;  // as entered
};

const FormError* error_for(const Refusal* refusal, std::string_view field) {
  if (!refusal) return nullptr;
  for (const auto& error : refusal->errors)
    if (error.field == field) return &error;
  return nullptr;
}

void text_field(HtmlWriter& html, std::string_view id, std::string_view name, std::string_view type,
                std::string_view label, std::string_view hint, const std::string& value,
                const FormError* error) {
  const std::string hint_id = std::string(id) + "-hint", error_id = std::string(id) + "-error";
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", label, {{"for", id}});
  html.element("p", hint, {{"class", "hint"}, {"id", hint_id}});
  if (error) html.element("p", error->message, {{"class", "field-error"}, {"id", error_id}});
  std::vector<Attr> input = {{"type", type}, {"id", id}, {"name", name}, {"value", value},
                             {"aria-describedby", error ? hint_id + " " + error_id : hint_id}};
  if (error) input.emplace_back("aria-invalid", "true");
  html.empty("input", input);
  html.close("div");
}

void new_address(HtmlWriter& html, const std::string& address) {
  html.open("section", {{"class", "new-secret"}, {"aria-labelledby", "ny-adress"}});
  html.element("h2", words::new_heading, {{"id", "ny-adress"}});
  html.element("p", words::new_text);
  html.element("label", words::address_label, {{"for", address_id}});
  html.element("p", words::address_hint, {{"class", "hint"}, {"id", "kalenderadress-hint"}});
  html.empty("input", {{"type", "text"}, {"id", address_id}, {"value", address}, {"readonly", "readonly"},
                       {"class", "secret"}, {"spellcheck", "false"}, {"autocomplete", "off"},
                       {"aria-describedby", "kalenderadress-hint"}});
  // Shown by the page's script (a file of our own: CSP default-src 'self');
  // without script the address is selected and copied by hand.
  html.open("p", {{"class", "copy"}});
  html.element("button", words::copy_button, {{"type", "button"}, {"class", "secondary"}, {"hidden", "hidden"},
                                              {"data-kopiera", address_id}, {"data-status", "kopierad"}});
  html.element("span", "", {{"id", "kopierad"}, {"role", "status"}});
  html.close("p");
  html.close("section");
}

void instructions(HtmlWriter& html) {
  html.element("h2", words::how_heading);
  html.element("h3", words::outlook_heading);
  html.open("ol");
  for (auto step : words::outlook_steps) html.element("li", step);
  html.close("ol");
  html.element("p", words::outlook_note);
  html.element("h3", words::phone_heading);
  html.open("ul");
  for (auto step : words::phone_steps) html.element("li", step);
  html.close("ul");
}

void create_form(HtmlWriter& html, const PageCall& call, const Refusal* refusal) {
  html.element("h2", words::create_heading);
  html.open("form", {{"method", "post"}, {"action", "/kalender/nycklar"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  text_field(html, name_id, "namn", "text", words::name_label, words::name_hint, refusal ? refusal->name : "",
             error_for(refusal, name_id));
  text_field(html, expires_id, "giltig_till", "date", words::expires_label, words::expires_hint,
             refusal ? refusal->expires : "", error_for(refusal, expires_id));
  html.element("button", words::create_button, {{"type", "submit"}});
  html.close("form");
}

std::string_view status_of(const storage::TokenInfo& token, Date today) {
  if (token.revoked_at) return words::revoked;
  return storage::in_force(token, today) ? words::in_force : words::expired;
}

void token_table(HtmlWriter& html, const PageCall& call, const std::vector<storage::TokenInfo>& tokens) {
  html.element("h2", words::list_heading, {{"id", "adresser"}});
  if (tokens.empty()) {
    html.element("p", words::list_empty);
    return;
  }
  html.element("p", words::list_caption, {{"id", "adresser-om"}});
  html.open("table", {{"aria-labelledby", "adresser"}, {"aria-describedby", "adresser-om"}});
  html.open("thead").open("tr");
  for (auto heading : {words::col_name, words::col_created, words::col_last_used, words::col_expires,
                       words::col_status, words::col_action})
    html.element("th", heading, {{"scope", "col"}});
  html.close("tr").close("thead");
  html.open("tbody");
  for (const auto& token : tokens) {
    html.open("tr");
    html.element("td", token.name);
    html.element("td", stockholm_minute(token.created_at));
    html.open("td");
    if (token.last_used) date_element(html, *token.last_used); else html.text(words::never);
    html.close("td").open("td");
    if (token.expires) date_element(html, *token.expires); else html.text(words::no_end);
    html.close("td");
    html.element("td", status_of(token, call.today));
    html.open("td");
    if (!token.revoked_at) {
      html.open("form", {{"method", "post"}, {"action", "/kalender/aterkalla"}, {"class", "inline"}});
      csrf_field(html, call.session);
      html.empty("input", {{"type", "hidden"}, {"name", "namn"}, {"value", token.name}});
      html.open("button", {{"type", "submit"}, {"class", "secondary"}});
      html.text(words::revoke_button);
      html.element("span", " " + token.name, {{"class", "visually-hidden"}});
      html.close("button");
      html.close("form");
    }
    html.close("td").close("tr");
  }
  html.close("tbody").close("table");
}

// The unit's feed tokens, every page of them (a unit has a handful).
std::vector<storage::TokenInfo> unit_tokens(const PageCall& call) {
  std::vector<storage::TokenInfo> tokens;
  std::optional<std::string> cursor;
  do {
    auto page = call.store.list_tokens(call.caller, storage::max_page_size, cursor);
    if (!page) break;
    tokens.insert(tokens.end(), page->items.begin(), page->items.end());
    cursor = page->next_cursor;
  } while (cursor);
  return tokens;
}

Response calendar_view(const PageCall& call, const Refusal* refusal) {
  const ActorId& actor = *call.caller.actor;
  const auto tokens = unit_tokens(call);
  const int status = refusal ? refusal->status : 200;
  return html_response(status, page(call, {std::string(words::title), "kalender", true}, [&](HtmlWriter& html) {
    if (refusal) error_summary(html, refusal->errors, words::errors_title);
    html.element("h1", std::string(words::title) + " – " + unit_name(call.caller, call.context.region));
    session_notice(html, call.session);
    if (!call.session.shown_once.empty()) new_address(html, feed_address(call, actor, call.session.shown_once));
    html.element("p", words::lead, {{"class", "lead"}});
    instructions(html);
    create_form(html, call, refusal);
    token_table(html, call, tokens);
  }));
}

Response not_for_role(const PageCall& call) {
  return html_response(403, page(call, {std::string(words::title), "kalender"}, [](HtmlWriter& html) {
    html.element("h1", words::title);
    html.element("p", words::not_for_role, {{"class", "message"}});
  }));
}

// A refusal of the store as the form's errors, in Swedish.
Refusal refusal_of(const Problem& problem, std::string name, std::string expires) {
  Refusal refusal{problem.kind == ProblemKind::conflict ? 409 : problem.kind == ProblemKind::forbidden ? 403 : 400,
                  {}, std::move(name), std::move(expires)};
  for (const auto& error : problem.errors) {
    if (error.field == "name")
      refusal.errors.push_back({std::string(name_id),
                                std::string(problem.kind == ProblemKind::conflict ? words::name_taken : words::name_bad)});
    else if (error.field == "expires")
      refusal.errors.push_back({std::string(expires_id), std::string(words::expires_past)});
    else
      refusal.errors.push_back({"", error.field + ": " + error.message});
  }
  if (refusal.errors.empty()) refusal.errors.push_back({"", problem.detail});
  return refusal;
}

}  // namespace

bool has_own_calendar(const Caller& caller) {
  return caller.actor && caller.role != Role::admin && may_manage_feed_tokens(caller, *caller.actor);
}

Response calendar_page(const PageCall& call) {
  if (!has_own_calendar(call.caller)) return not_for_role(call);
  return calendar_view(call, nullptr);
}

Response create_feed_token(const PageCall& call) {
  if (!has_own_calendar(call.caller)) return not_for_role(call);
  const std::string name = call.field("namn") ? *call.field("namn") : "";
  const std::string expires = call.field("giltig_till") ? *call.field("giltig_till") : "";
  storage::NewToken request;
  request.kind = storage::TokenKind::feed;
  request.role = call.caller.role;
  request.actor = call.caller.actor;
  if (!name.empty()) request.name = name;
  if (!expires.empty()) {
    Date day{};
    if (date_error(expires, day)) {
      Refusal refusal{400, {{std::string(expires_id), std::string(words::expires_bad_date)}}, name, expires};
      return calendar_view(call, &refusal);
    }
    request.expires = day;
  }
  auto created = call.store.create_token(call.caller, request, call.today);
  if (!created) {
    const Refusal refusal = refusal_of(created.problem(), name, expires);
    return calendar_view(call, &refusal);
  }
  call.sessions.set_shown_once(call.session.id, created->token);
  call.sessions.set_notice(call.session.id, "Kalenderadressen ”" + created->info.name + "” är skapad.");
  return redirect("/kalender");
}

Response revoke_feed_token(const PageCall& call) {
  if (!has_own_calendar(call.caller)) return not_for_role(call);
  const std::string name = call.field("namn") ? *call.field("namn") : "";
  auto revoked = call.store.revoke_token(call.caller, name);
  if (!revoked) {
    Refusal refusal{revoked.problem().kind == ProblemKind::forbidden ? 403 : 404,
                    {{"", std::string(words::unknown_token)}}, "", ""};
    return calendar_view(call, &refusal);
  }
  call.sessions.set_notice(call.session.id, "Kalenderadressen ”" + revoked->name +
                                                "” är återkallad. Kalendrar som använder den uppdateras inte längre.");
  return redirect("/kalender");
}

}  // namespace kedja::server::web
