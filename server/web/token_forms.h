// The pieces the token pages share (internal to the web pages): Kalender
// (calendar_page.cpp: a unit's own feed tokens) and Administration
// (admin_page.cpp: every token). Both go through Store::create_token,
// list_tokens and revoke_token, the calls of /v1/tokens, so the rules, the
// checks of name and expiry and the audit rows are the API's.
#pragma once

#include "server/web/page_call.h"

#include <string>
#include <string_view>
#include <vector>

namespace kedja::server::web {

// The error about one field of a form, if any.
const FormError* error_for(const std::vector<FormError>& errors, std::string_view field);

// A labelled <input> with its hint and, after a refusal, its error (linked
// by aria-describedby, marked aria-invalid).
struct TextField {
  std::string_view id, name, type, label, hint;
  std::string value;
};
void text_field(HtmlWriter& html, const TextField& field, const FormError* error);

// A secret shown once after a redirect (a new token, a feed address): the
// value in a read-only field, what to do with it, and a copy button (shown
// by the pages' script; without script it is selected and copied by hand).
struct ShownOnce {
  std::string_view id;  // the input's
  std::string_view heading, text, label, copy_button;
  std::string value;
};
void shown_once(HtmlWriter& html, const ShownOnce& secret);

// A feed's address with its feed token, where users reach the service: what
// a calendar program subscribes to.
std::string feed_address(const PageCall& call, const ActorId& actor, const std::string& token);

// Every token the caller may manage, every page of them (list_tokens).
std::vector<storage::TokenInfo> manageable_tokens(const PageCall& call);

// "Gäller", "Återkallad", "Har gått ut".
std::string_view token_status(const storage::TokenInfo& token, Date today);

// The cells every token list ends with: created, last used, last day,
// status, and (while not revoked) its revoke button posting to `action`.
void token_state_cells(HtmlWriter& html, const PageCall& call, const storage::TokenInfo& token,
                       std::string_view action);

// A revoke button for the token `name`, posting it as `namn` to `action`;
// its accessible name says which token. It asks first: a revocation cannot
// be undone (a calendar stops updating, a user is logged out), so the first
// post only shows revoke_question, whose yes posts again with `bekrafta=ja`.
void revoke_form(HtmlWriter& html, const PageCall& call, std::string_view action, const std::string& name);
// Whether the revoke post carries the answer yes.
bool revoke_confirmed(const PageCall& call);
// Whether the caller manages a token of that name still unrevoked: the
// question is asked only then (else the revocation's own answer: not found,
// or a revoked token left as it is).
bool may_revoke(const PageCall& call, const std::string& name);
// The question page (200): "Återkalla …?", what follows (`consequence`),
// a yes button posting `namn` and `bekrafta=ja` to `action`, and a way back
// to `back` that changes nothing.
struct RevokeQuestion {
  std::string_view title, current, action, back, consequence;
  std::string name;
};
Response revoke_question(const PageCall& call, const RevokeQuestion& question);

// The fields of the create forms and what the store's refusal of a token
// (400, 403, 409) means in Swedish, at the form's fields: `name_id` and
// `expires_id` are the inputs' ids; any other field's error goes to the
// form as a whole.
struct TokenRefusal {
  int status = 400;
  std::vector<FormError> errors;
};
// `actor_id`: the form's unit field, which gets the errors about the actor,
// the role and the kind (Administration); empty: the form has none.
TokenRefusal token_refusal(const Problem& problem, std::string_view name_id, std::string_view expires_id,
                           std::string_view actor_id = {});

// The create forms' expiry, "" or "ÅÅÅÅ-MM-DD": nullopt and an error at
// `expires_id` when it is not a date.
std::optional<Date> parse_expiry(const std::string& text, std::string_view expires_id,
                                 std::vector<FormError>& errors);

namespace token_words {
constexpr std::string_view errors_title = "Det gick inte att spara";
constexpr std::string_view col_name = "Namn";
constexpr std::string_view col_created = "Skapad";
constexpr std::string_view col_last_used = "Senast använd";
constexpr std::string_view col_expires = "Gäller till och med";
constexpr std::string_view col_status = "Status";
constexpr std::string_view col_action = "Åtgärd";
constexpr std::string_view never = "Aldrig";
constexpr std::string_view no_end = "Ingen slutdag";
constexpr std::string_view name_label = "Namn (frivilligt)";
constexpr std::string_view expires_label = "Gäller till och med (frivilligt)";
}  // namespace token_words

}  // namespace kedja::server::web
