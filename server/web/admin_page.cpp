// GET /administration, POST /administration/nycklar, POST
// /administration/aterkalla (issue 14 §5): the administrator's page — make a
// token for a person at a unit (shown once, with a copy button), every
// token with its last use, expiry and state, revoke one; and the region's
// units. The tokens go through Store::create_token, list_tokens and
// revoke_token (token_forms.h), the calls of /v1/tokens: the rules, the
// checks and the audit rows are the API's; only the admin may manage every
// token (domain/access.h), so every other role gets a 403 page.
#include "server/today.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/token_forms.h"

#include <algorithm>

namespace kedja::server::web {
namespace {

namespace words {
constexpr std::string_view title = "Administration";
constexpr std::string_view not_for_role =
    "Administrationen är bara för Kedjas administratör. Be din administratör om en ny nyckel eller om att "
    "återkalla en.";
constexpr std::string_view lead =
    "Ge varje person en egen inloggningsnyckel, med personens namn i nyckelns namn. Nyckeln ger samma "
    "behörighet som enheten har. Återkalla nyckeln när personen slutar eller byter enhet; den slutar "
    "då gälla genast, även i öppna sessioner.";
constexpr std::string_view new_token_heading = "Den nya nyckeln";
constexpr std::string_view new_token_text =
    "Kopiera nyckeln nu och lämna den till personen på ett säkert sätt: den visas bara den här gången, och "
    "Kedja sparar den inte.";
constexpr std::string_view new_token_label = "Inloggningsnyckel";
constexpr std::string_view new_feed_heading = "Den nya kalenderadressen";
constexpr std::string_view new_feed_label = "Prenumerationsadress";
constexpr std::string_view create_heading = "Skapa en nyckel";
constexpr std::string_view unit_label = "Enhet";
constexpr std::string_view unit_hint =
    "Nyckeln får enhetens roll. Administratör är en nyckel utan enhet som når allt i Kedja.";
constexpr std::string_view unit_admin = "Administratör (ingen enhet)";
constexpr std::string_view name_hint = "Till exempel ”Anna Svensson, mottagningen Krokom”. Utan namn får nyckeln "
                                       "ett av Kedja.";
constexpr std::string_view expires_hint =
    "Sista dagen nyckeln gäller, som ÅÅÅÅ-MM-DD (till exempel sista dagen av ett vikariat, 2027-06-30). Lämna "
    "tomt för ingen slutdag.";
constexpr std::string_view feed_label = "Kalendernyckel: läser bara enhetens kalender, inget annat i Kedja";
constexpr std::string_view create_button = "Skapa nyckel";
constexpr std::string_view choose_unit = "Välj en enhet ur listan, eller Administratör.";
constexpr std::string_view tokens_heading = "Nycklar";
constexpr std::string_view tokens_caption =
    "Alla nycklar, även återkallade och utgångna: de finns kvar för loggens skull.";
constexpr std::string_view tokens_empty = "Det finns inga nycklar ännu.";
constexpr std::string_view col_kind = "Typ";
constexpr std::string_view col_unit = "Enhet";
constexpr std::string_view kind_api = "Inloggning";
constexpr std::string_view kind_feed = "Kalender";
constexpr std::string_view no_unit = "–";
constexpr std::string_view actors_heading = "Regionens enheter";
constexpr std::string_view actors_caption = "Enheterna kommer från regionfilen (region.json) och ändras där.";
constexpr std::string_view col_id = "Id";
constexpr std::string_view col_role = "Roll";
constexpr std::string_view col_municipality = "Kommun";
constexpr std::string_view col_email = "Funktionsbrevlåda";
constexpr std::string_view unknown_token = "Nyckeln finns inte. Inget återkallades.";
constexpr std::string_view revoke_consequence =
    "Nyckeln slutar gälla direkt: den som använder den loggas ut och kan inte logga in med den igen. "
    "Det går inte att ångra; en ny nyckel kan skapas i stället.";
}  // namespace words

constexpr std::string_view unit_id = "nyckel-enhet";
constexpr std::string_view name_id = "nyckel-namn";
constexpr std::string_view expires_id = "nyckel-giltig-till";
constexpr std::string_view feed_id = "nyckel-kalender";
constexpr std::string_view admin_choice = "administrator";  // the unit field's value for an admin token

// The create form as entered, and its errors after a refusal.
struct Entered {
  std::string unit, name, expires;
  bool feed = false;
};
struct Refusal {
  int status = 400;
  std::vector<FormError> errors;
  Entered entered;
};

std::string field_or_empty(const PageCall& call, std::string_view name) {
  const std::string* value = call.field(name);
  return value ? *value : "";
}

Entered entered_of(const PageCall& call) {
  return {field_or_empty(call, "enhet"), field_or_empty(call, "namn"), field_or_empty(call, "giltig_till"),
          field_or_empty(call, "kalender") == "1"};
}

void unit_select(HtmlWriter& html, const Region& region, const std::string& chosen, const FormError* error) {
  const std::string hint_id = std::string(unit_id) + "-hint", error_id = std::string(unit_id) + "-error";
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", words::unit_label, {{"for", unit_id}});
  html.element("p", words::unit_hint, {{"class", "hint"}, {"id", hint_id}});
  if (error) html.element("p", error->message, {{"class", "field-error"}, {"id", error_id}});
  std::vector<Attr> attrs = {{"id", unit_id}, {"name", "enhet"},
                             {"aria-describedby", error ? hint_id + " " + error_id : hint_id}};
  if (error) attrs.emplace_back("aria-invalid", "true");
  html.open("select", attrs);
  const auto option = [&](const std::string& value, std::string_view text) {
    if (value == chosen) html.element("option", text, {{"value", value}, {"selected", "selected"}});
    else html.element("option", text, {{"value", value}});
  };
  option("", "Välj …");
  option(std::string(admin_choice), words::unit_admin);
  // The units by kind, each kind a group named by its role.
  std::vector<ActorKind> kinds;
  for (const Actor& actor : region.actors())
    if (std::find(kinds.begin(), kinds.end(), actor.kind) == kinds.end()) kinds.push_back(actor.kind);
  for (ActorKind kind : kinds) {
    html.open("optgroup", {{"label", role_label(role_for(kind))}});
    for (const Actor& actor : region.actors())
      if (actor.kind == kind) option(actor.id.str(), actor.name);
    html.close("optgroup");
  }
  html.close("select");
  html.close("div");
}

void create_form(HtmlWriter& html, const PageCall& call, const Refusal* refusal) {
  static const std::vector<FormError> none;
  const auto& errors = refusal ? refusal->errors : none;
  const Entered entered = refusal ? refusal->entered : Entered{};
  html.element("h2", words::create_heading);
  html.open("form", {{"method", "post"}, {"action", "/administration/nycklar"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  unit_select(html, call.context.region, entered.unit, error_for(errors, unit_id));
  text_field(html, {name_id, "namn", "text", token_words::name_label, words::name_hint, entered.name},
             error_for(errors, name_id));
  text_field(html, {expires_id, "giltig_till", "date", token_words::expires_label, words::expires_hint,
                    entered.expires},
             error_for(errors, expires_id));
  html.open("div", {{"class", "field"}});
  std::vector<Attr> box = {{"type", "checkbox"}, {"id", feed_id}, {"name", "kalender"}, {"value", "1"}};
  if (entered.feed) box.emplace_back("checked", "checked");
  html.open("label", {{"for", feed_id}});
  html.empty("input", box);
  html.text(" ");
  html.text(words::feed_label);
  html.close("label");
  html.close("div");
  html.element("button", words::create_button, {{"type", "submit"}});
  html.close("form");
}

std::string unit_of(const storage::TokenInfo& token, const Region& region) {
  if (!token.actor) return std::string(words::no_unit);
  const Actor* actor = region.find_actor(*token.actor);
  return actor ? actor->name : token.actor->str();
}

void token_table(HtmlWriter& html, const PageCall& call) {
  const auto tokens = manageable_tokens(call);  // the admin's: every token
  html.element("h2", words::tokens_heading, {{"id", "nycklar"}});
  if (tokens.empty()) {
    html.element("p", words::tokens_empty);
    return;
  }
  html.element("p", words::tokens_caption, {{"id", "nycklar-om"}});
  open_scroll(html, {"aria-labelledby", "nycklar"});
  html.open("table", {{"aria-labelledby", "nycklar"}, {"aria-describedby", "nycklar-om"}});
  html.open("thead").open("tr");
  for (auto heading : {token_words::col_name, words::col_kind, words::col_unit, words::col_role,
                       token_words::col_created, token_words::col_last_used, token_words::col_expires,
                       token_words::col_status, token_words::col_action})
    html.element("th", heading, {{"scope", "col"}});
  html.close("tr").close("thead");
  html.open("tbody");
  for (const auto& token : tokens) {
    html.open("tr");
    html.element("th", token.name, {{"scope", "row"}});
    html.element("td", token.kind == storage::TokenKind::feed ? words::kind_feed : words::kind_api);
    html.element("td", unit_of(token, call.context.region));
    html.element("td", role_label(token.role));
    token_state_cells(html, call, token, "/administration/aterkalla");
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

void actor_table(HtmlWriter& html, const Region& region) {
  html.element("h2", words::actors_heading, {{"id", "enheter"}});
  html.element("p", words::actors_caption, {{"id", "enheter-om"}});
  open_scroll(html, {"aria-labelledby", "enheter"});
  html.open("table", {{"aria-labelledby", "enheter"}, {"aria-describedby", "enheter-om"}});
  html.open("thead").open("tr");
  for (auto heading : {token_words::col_name, words::col_role, words::col_municipality, words::col_id,
                       words::col_email})
    html.element("th", heading, {{"scope", "col"}});
  html.close("tr").close("thead");
  html.open("tbody");
  for (const Actor& actor : region.actors()) {
    html.open("tr");
    html.element("th", actor.name, {{"scope", "row"}});
    html.element("td", role_label(role_for(actor.kind)));
    html.element("td", actor.municipality ? municipality_name(region, *actor.municipality) : std::string("–"));
    html.element("td", actor.id.str());
    html.element("td", actor.email ? *actor.email : std::string("–"));
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

// A new secret after the redirect: a feed's address (the session keeps the
// whole address for a feed token) or a login token.
void new_secret(HtmlWriter& html, const std::string& secret) {
  const bool feed = secret.find("/v1/feeds/") != std::string::npos;
  shown_once(html, {"ny-nyckel", feed ? words::new_feed_heading : words::new_token_heading, words::new_token_text,
                    feed ? words::new_feed_label : words::new_token_label,
                    feed ? "Kopiera adressen" : "Kopiera nyckeln", secret});
}

Response admin_view(const PageCall& call, const Refusal* refusal) {
  const int status = refusal ? refusal->status : 200;
  return html_response(status, page(call, {std::string(words::title), "administration"}, [&](HtmlWriter& html) {
    if (refusal) error_summary(html, refusal->errors, token_words::errors_title);
    html.element("h1", words::title);
    session_notice(html, call.session);
    if (!call.session.shown_once.empty()) new_secret(html, call.session.shown_once);
    html.element("p", words::lead, {{"class", "lead"}});
    create_form(html, call, refusal);
    token_table(html, call);
    actor_table(html, call.context.region);
  }));
}

Response not_for_role(const PageCall& call) {
  return html_response(403, page(call, {std::string(words::title), ""}, [](HtmlWriter& html) {
    html.element("h1", words::title);
    html.element("p", words::not_for_role, {{"class", "message"}});
  }));
}

}  // namespace

Response admin_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  return admin_view(call, nullptr);
}

Response create_token_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  Refusal refusal{400, {}, entered_of(call)};
  const Entered& entered = refusal.entered;
  storage::NewToken request;
  request.kind = entered.feed ? storage::TokenKind::feed : storage::TokenKind::api;
  if (entered.unit.empty()) {
    refusal.errors.push_back({std::string(unit_id), std::string(words::choose_unit)});
  } else if (entered.unit == admin_choice) {
    request.role = Role::admin;
  } else {
    // The unit's role; an id the region lacks is left to the store to refuse.
    const ActorId actor{entered.unit};
    const Actor* known = call.context.region.find_actor(actor);
    request.role = known ? role_for(known->kind) : Role::reception;
    request.actor = actor;
  }
  if (!entered.name.empty()) request.name = entered.name;
  request.expires = parse_expiry(entered.expires, expires_id, refusal.errors);
  if (!refusal.errors.empty()) return admin_view(call, &refusal);
  auto created = call.store.create_token(call.caller, request, call.today);
  if (!created) {
    TokenRefusal refused = token_refusal(created.problem(), name_id, expires_id, unit_id);
    refusal.status = refused.status;
    refusal.errors = std::move(refused.errors);
    return admin_view(call, &refusal);
  }
  const bool feed = created->info.kind == storage::TokenKind::feed;
  call.sessions.set_shown_once(
      call.session.id,
      feed ? feed_address(call, *created->info.actor, created->token) : created->token);
  call.sessions.set_notice(call.session.id, std::string(feed ? "Kalendernyckeln" : "Nyckeln") + " ”" +
                                                created->info.name + "” är skapad.");
  return redirect("/administration");
}

Response revoke_token_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  const std::string name = field_or_empty(call, "namn");
  if (!revoke_confirmed(call) && may_revoke(call, name))
    return revoke_question(call, {"Återkalla nyckeln", "administration", "/administration/aterkalla",
                                  "/administration", words::revoke_consequence, name});
  auto revoked = call.store.revoke_token(call.caller, name);
  if (!revoked) {
    const Refusal refusal{404, {{"", std::string(words::unknown_token)}}, {}};
    return admin_view(call, &refusal);
  }
  call.sessions.set_notice(call.session.id, "Nyckeln ”" + revoked->name +
                                                "” är återkallad. Den gäller inte längre, inte heller i öppna sessioner.");
  return redirect("/administration");
}

}  // namespace kedja::server::web
