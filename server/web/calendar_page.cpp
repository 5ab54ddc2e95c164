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
#include "server/web/token_forms.h"
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
constexpr std::string_view name_hint =
    "Till exempel ”Outlook receptionen”, så att ni vet vilken adress som används var. Utan namn får "
    "adressen ett av Kedja.";
constexpr std::string_view expires_hint =
    "Sista dagen adressen fungerar, som ÅÅÅÅ-MM-DD (till exempel 2027-06-30). Lämna tomt för ingen slutdag.";
constexpr std::string_view create_button = "Skapa kalenderadress";
constexpr std::string_view list_heading = "Enhetens kalenderadresser";
constexpr std::string_view list_empty = "Enheten har inga kalenderadresser ännu.";
constexpr std::string_view list_caption =
    "Återkalla en adress som inte längre används, eller som kan ha kommit i fel händer: kalendern slutar "
    "då genast att uppdateras.";
constexpr std::string_view unknown_token =
    "Adressen finns inte bland enhetens kalenderadresser. Inget återkallades.";
constexpr std::string_view revoke_consequence =
    "Kalendrar som prenumererar på adressen slutar uppdateras direkt, i Outlook och i telefoner. Det går "
    "inte att ångra; en ny adress kan skapas i stället och läggas till på nytt.";
}  // namespace words

constexpr std::string_view name_id = "kalender-namn";
constexpr std::string_view expires_id = "giltig-till";

// What the page shows after a refusal: the form's errors and its input.
struct Refusal {
  int status = 400;
  std::vector<FormError> errors;
  std::string name, expires;  // as entered
};

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
  static const std::vector<FormError> none;
  const auto& errors = refusal ? refusal->errors : none;
  html.element("h2", words::create_heading);
  html.open("form", {{"method", "post"}, {"action", "/kalender/nycklar"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  text_field(html, {name_id, "namn", "text", token_words::name_label, words::name_hint, refusal ? refusal->name : ""},
             error_for(errors, name_id));
  text_field(html,
             {expires_id, "giltig_till", "date", token_words::expires_label, words::expires_hint,
              refusal ? refusal->expires : ""},
             error_for(errors, expires_id));
  html.element("button", words::create_button, {{"type", "submit"}});
  html.close("form");
}

void token_table(HtmlWriter& html, const PageCall& call, const std::vector<storage::TokenInfo>& tokens) {
  html.element("h2", words::list_heading, {{"id", "adresser"}});
  if (tokens.empty()) {
    html.element("p", words::list_empty);
    return;
  }
  html.element("p", words::list_caption, {{"id", "adresser-om"}});
  open_scroll(html, {"aria-labelledby", "adresser"});
  html.open("table", {{"aria-labelledby", "adresser"}, {"aria-describedby", "adresser-om"}});
  html.open("thead").open("tr");
  for (auto heading : {token_words::col_name, token_words::col_created, token_words::col_last_used,
                       token_words::col_expires, token_words::col_status, token_words::col_action})
    html.element("th", heading, {{"scope", "col"}});
  html.close("tr").close("thead");
  html.open("tbody");
  for (const auto& token : tokens) {
    html.open("tr");
    html.element("td", token.name);
    token_state_cells(html, call, token, "/kalender/aterkalla");
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

Response calendar_view(const PageCall& call, const Refusal* refusal) {
  const ActorId& actor = *call.caller.actor;
  const auto tokens = manageable_tokens(call);  // the unit's feed tokens
  const int status = refusal ? refusal->status : 200;
  return html_response(status, page(call, {std::string(words::title), "kalender"}, [&](HtmlWriter& html) {
    if (refusal) error_summary(html, refusal->errors, token_words::errors_title);
    html.element("h1", std::string(words::title) + " – " + unit_name(call.caller, call.context.region));
    session_notice(html, call.session);
    if (!call.session.shown_once.empty())
      shown_once(html, {"kalenderadress", words::new_heading, words::new_text, words::address_label,
                        "Kopiera adressen", feed_address(call, actor, call.session.shown_once)});
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
  std::vector<FormError> errors;
  request.expires = parse_expiry(expires, expires_id, errors);
  if (!errors.empty()) {
    const Refusal refusal{400, std::move(errors), name, expires};
    return calendar_view(call, &refusal);
  }
  auto created = call.store.create_token(call.caller, request, call.today);
  if (!created) {
    TokenRefusal refused = token_refusal(created.problem(), name_id, expires_id);
    const Refusal refusal{refused.status, std::move(refused.errors), name, expires};
    return calendar_view(call, &refusal);
  }
  call.sessions.set_shown_once(call.session.id, created->token);
  call.sessions.set_notice(call.session.id, "Kalenderadressen ”" + created->info.name + "” är skapad.");
  return redirect("/kalender");
}

Response revoke_feed_token(const PageCall& call) {
  if (!has_own_calendar(call.caller)) return not_for_role(call);
  const std::string name = call.field("namn") ? *call.field("namn") : "";
  if (!revoke_confirmed(call) && may_revoke(call, name))
    return revoke_question(call, {"Återkalla kalenderadressen", "kalender", "/kalender/aterkalla", "/kalender",
                                  words::revoke_consequence, name});
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
