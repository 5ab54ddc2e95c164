// The forms that record an event (contract §2): one per event type, with
// only the fields that type takes, labelled in Swedish; each carries the
// session's CSRF token and a fresh event_id, so a double click records once.
// They all post to POST /arenden/{id}/handelser, which goes through the
// same parse_event and Store::append_event as POST /v1/cases/{id}/events.
#pragma once

#include "server/web/messages.h"
#include "server/web/page_call.h"

#include <optional>
#include <string>
#include <vector>

namespace kedja::server::web {

// What a form shows besides its fields.
struct EventFormView {
  std::string id_prefix;        // makes the ids of its inputs unique on the page
  bool compact = false;         // a row of a list: no hints, no wrappers (see row_event)
  const Params* values = nullptr;              // what the user entered, after a refusal
  const std::vector<FormError>* errors = nullptr;  // errors by input id
  // Choices for fields the case decides: open steps to decline, events to void.
  std::vector<std::pair<std::string, std::string>> step_choices;   // key, title
  std::vector<std::pair<std::string, std::string>> event_choices;  // seq, description
};

// The input id of `field` in a form with `id_prefix` ("r3-appointment").
std::string input_id(const std::string& id_prefix, std::string_view field);

// "Registrera hälsosamtal bokat".
const std::string& record_button_text(EventType type);

void event_form(HtmlWriter& html, const PageCall& call, const CaseId& id, EventType type,
                const EventFormView& view);

// A row of Att göra offers the step's closing event (issue 13). The rows'
// forms post to the page's own address (POST /att-gora?<the view>, a form
// without an action), so the server rebuilds the way back from the view it
// is handed instead of every row repeating it; the event is dated the day
// it is posted. A row names its case and event in one field, its button's
// `rad` = "<case id>.<event type>"; `visning` is one random value per
// rendering of the page (16 base64url characters), and the event_id is
// "web-<visning>-<event type>": unique per case and rendering, so a double
// click records once and a reloaded page records anew.
//
// A row whose event takes no field is a bare button of the one shared form
// `rader` (form="rader"): that form holds no field a user types in, so
// Enter can only press the focused button, its own row's. An event whose
// one field is a yes/no choice (reception_informed's school_start_obstacle)
// is two buttons of that form, the choice in `rad`:
// "<case id>.<event type>.ja" or ".nej". A row with a field to fill in (a
// date) keeps a form of its own with the CSRF token, where Enter in the
// field sends that row alone.
// Short: every row's button names it (form="r"), 100 times a page.
inline constexpr std::string_view row_form_id = "r";
inline constexpr std::size_t rendering_bytes = 12;  // visning: 96 random bits
inline constexpr std::size_t rendering_chars = 16;  // …in base64url
std::string row_reference(const CaseId& id, EventType type);  // "c….health_talk_booked"
// The field a row's buttons choose, when the event's one field is a yes/no
// choice: "ja" is true, "nej" false.
std::optional<Field> row_choice_field(EventType type);
std::string row_choice_button_text(bool chosen);  // "Registrera: hinder för skolstart"
// The shared form: the CSRF token and the rendering, no field.
void shared_row_form(HtmlWriter& html, const PageCall& call, const std::string& rendering);
// The row's event: the bare button, the choice's two buttons, or a form of
// its own with its fields (`id_prefix` makes ids unique where a field needs
// one).
void row_event(HtmlWriter& html, const PageCall& call, const CaseId& id, EventType type,
               const std::string& rendering, const std::string& id_prefix);

// The event types this caller may record on any case (step_declined and
// event_voided have forms of their own).
std::vector<EventType> recordable_types(const Caller& caller);

// A refusal turned into errors on the form with `id_prefix`: each field
// error at its input, in Swedish; a rule or role refusal for the whole form.
std::vector<FormError> form_errors(const Problem& problem, const std::string& id_prefix,
                                   const Region& region);

// swedish_message and swedish_conflict: server/web/messages.h.

}  // namespace kedja::server::web
