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
  std::string return_to;        // a local page to go back to after saving ("" : the case page)
  bool compact = false;         // a row of a list: the event date is today, no date field
  const Params* values = nullptr;              // what the user entered, after a refusal
  const std::vector<FormError>* errors = nullptr;  // errors by input id
  // Choices for fields the case decides: open steps to decline, events to void.
  std::vector<std::pair<std::string, std::string>> step_choices;   // key, title
  std::vector<std::pair<std::string, std::string>> event_choices;  // seq, description
};

// The input id of `field` in a form with `id_prefix` ("r3-appointment").
std::string input_id(const std::string& id_prefix, std::string_view field);

// "Registrera hälsosamtal bokat".
std::string record_button_text(EventType type);

void event_form(HtmlWriter& html, const PageCall& call, const CaseId& id, EventType type,
                const EventFormView& view);

// The event types this caller may record on any case (step_declined and
// event_voided have forms of their own).
std::vector<EventType> recordable_types(const Caller& caller);

// A refusal turned into errors on the form with `id_prefix`: each field
// error at its input, in Swedish; a rule or role refusal for the whole form.
std::vector<FormError> form_errors(const Problem& problem, const std::string& id_prefix,
                                   const Region& region);

// swedish_message and swedish_conflict: server/web/messages.h.

}  // namespace kedja::server::web
