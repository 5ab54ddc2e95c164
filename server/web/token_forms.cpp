#include "server/web/token_forms.h"

#include "server/today.h"
#include "server/web/swedish.h"

namespace kedja::server::web {
namespace {

namespace words {
constexpr std::string_view in_force = "Gäller";
constexpr std::string_view revoked = "Återkallad";
constexpr std::string_view expired = "Har gått ut";
constexpr std::string_view revoke_button = "Återkalla";
constexpr std::string_view confirm_revoke = "Ja, återkalla";
constexpr std::string_view keep = "Nej, behåll den";
constexpr std::string_view copy_hint = "Markera hela texten och kopiera den (Ctrl+C).";
constexpr std::string_view name_taken = "Namnet används redan av en annan nyckel. Välj ett annat namn.";
constexpr std::string_view name_bad =
    "Namnet får vara högst 100 tecken, utan radbrytningar och utan mellanslag först eller sist.";
constexpr std::string_view expires_past = "Sista dagen kan inte ligga före i dag.";
constexpr std::string_view actor_bad = "Välj en enhet ur listan, eller Administratör.";
constexpr std::string_view feed_needs_unit =
    "En kalendernyckel läser en enhets kalender. Välj en enhet, inte Administratör.";
}  // namespace words

}  // namespace

const FormError* error_for(const std::vector<FormError>& errors, std::string_view field) {
  for (const auto& error : errors)
    if (error.field == field) return &error;
  return nullptr;
}

void text_field(HtmlWriter& html, const TextField& field, const FormError* error) {
  const std::string hint_id = std::string(field.id) + "-hint", error_id = std::string(field.id) + "-error";
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", field.label, {{"for", field.id}});
  html.element("p", field.hint, {{"class", "hint"}, {"id", hint_id}});
  if (error) html.element("p", error->message, {{"class", "field-error"}, {"id", error_id}});
  std::vector<Attr> input = {{"type", field.type}, {"id", field.id}, {"name", field.name}, {"value", field.value},
                             {"aria-describedby", error ? hint_id + " " + error_id : hint_id}};
  if (error) input.emplace_back("aria-invalid", "true");
  html.empty("input", input);
  html.close("div");
}

void shown_once(HtmlWriter& html, const ShownOnce& secret) {
  const std::string heading_id = std::string(secret.id) + "-rubrik", hint_id = std::string(secret.id) + "-hint";
  html.open("section", {{"class", "new-secret"}, {"aria-labelledby", heading_id}, {"tabindex", "-1"},
                        {"data-fokus", "2"}});
  html.element("h2", secret.heading, {{"id", heading_id}});
  html.element("p", secret.text);
  html.element("label", secret.label, {{"for", secret.id}});
  html.element("p", words::copy_hint, {{"class", "hint"}, {"id", hint_id}});
  html.empty("input", {{"type", "text"}, {"id", secret.id}, {"value", secret.value}, {"readonly", "readonly"},
                       {"class", "secret"}, {"spellcheck", "false"}, {"autocomplete", "off"},
                       {"aria-describedby", hint_id}});
  // Shown by the pages' script (a file of our own: CSP default-src 'self').
  html.open("p", {{"class", "copy"}});
  html.element("button", secret.copy_button,
               {{"type", "button"}, {"class", "secondary"}, {"hidden", "hidden"}, {"data-kopiera", secret.id},
                {"data-status", "kopierad"}});
  html.element("span", "", {{"id", "kopierad"}, {"role", "status"}});
  html.close("p");
  html.close("section");
}

std::string feed_address(const PageCall& call, const ActorId& actor, const std::string& token) {
  return call.base_url + Url("/v1/feeds").segment(actor.str() + ".ics").param("token", token).str();
}

std::vector<storage::TokenInfo> manageable_tokens(const PageCall& call) {
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

std::string_view token_status(const storage::TokenInfo& token, Date today) {
  if (token.revoked_at) return words::revoked;
  return storage::in_force(token, today) ? words::in_force : words::expired;
}

void token_state_cells(HtmlWriter& html, const PageCall& call, const storage::TokenInfo& token,
                       std::string_view action) {
  html.open("td");
  time_element(html, token.created_at);
  html.close("td");
  html.open("td");
  if (token.last_used) date_element(html, *token.last_used); else html.text(token_words::never);
  html.close("td").open("td");
  if (token.expires) date_element(html, *token.expires); else html.text(token_words::no_end);
  html.close("td");
  html.element("td", token_status(token, call.today));
  html.open("td");
  if (!token.revoked_at) revoke_form(html, call, action, token.name);
  html.close("td");
}

bool revoke_confirmed(const PageCall& call) {
  const auto answer = call.field("bekrafta");
  return answer && *answer == "ja";
}

bool may_revoke(const PageCall& call, const std::string& name) {
  for (const auto& token : manageable_tokens(call))
    if (token.name == name) return !token.revoked_at;
  return false;
}

Response revoke_question(const PageCall& call, const RevokeQuestion& question) {
  const std::string heading = std::string(question.title) + " ”" + question.name + "”?";
  return html_response(200, page(call, {heading, question.current}, [&](HtmlWriter& html) {
    html.element("h1", heading);
    html.element("p", question.consequence);
    html.open("form", {{"method", "post"}, {"action", question.action}, {"class", "question"}});
    csrf_field(html, call.session);
    html.empty("input", {{"type", "hidden"}, {"name", "namn"}, {"value", question.name}});
    html.empty("input", {{"type", "hidden"}, {"name", "bekrafta"}, {"value", "ja"}});
    html.element("button", words::confirm_revoke, {{"type", "submit"}, {"class", "danger"}});
    html.text(" ");
    html.element("a", words::keep, {{"href", question.back}});
    html.close("form");
  }));
}

void revoke_form(HtmlWriter& html, const PageCall& call, std::string_view action, const std::string& name) {
  html.open("form", {{"method", "post"}, {"action", action}, {"class", "inline"}});
  csrf_field(html, call.session);
  html.empty("input", {{"type", "hidden"}, {"name", "namn"}, {"value", name}});
  html.open("button", {{"type", "submit"}, {"class", "secondary"}});
  html.text(words::revoke_button);
  html.element("span", " " + name, {{"class", "visually-hidden"}});
  html.close("button");
  html.close("form");
}

TokenRefusal token_refusal(const Problem& problem, std::string_view name_id, std::string_view expires_id,
                           std::string_view actor_id) {
  TokenRefusal refusal{problem.kind == ProblemKind::conflict    ? 409
                       : problem.kind == ProblemKind::forbidden ? 403
                                                                : 400,
                       {}};
  for (const auto& error : problem.errors) {
    if (error.field == "name")
      refusal.errors.push_back({std::string(name_id), std::string(problem.kind == ProblemKind::conflict
                                                                      ? words::name_taken
                                                                      : words::name_bad)});
    else if (error.field == "expires")
      refusal.errors.push_back({std::string(expires_id), std::string(words::expires_past)});
    else if (!actor_id.empty() && error.field == "kind")
      refusal.errors.push_back({std::string(actor_id), std::string(words::feed_needs_unit)});
    else if (!actor_id.empty() && (error.field == "actor" || error.field == "role"))
      refusal.errors.push_back({std::string(actor_id), std::string(words::actor_bad)});
    else
      refusal.errors.push_back({"", field_label(error.field) + ": " + error.message});
  }
  if (refusal.errors.empty()) refusal.errors.push_back({"", problem.detail});
  return refusal;
}

std::optional<Date> parse_expiry(const std::string& text, std::string_view expires_id,
                                 std::vector<FormError>& errors) {
  if (text.empty()) return std::nullopt;
  Date day{};
  if (auto problem = swedish_date_problem(text, day)) {
    errors.push_back({std::string(expires_id), "Sista dagen " + *problem + "."});
    return std::nullopt;
  }
  return day;
}

}  // namespace kedja::server::web
