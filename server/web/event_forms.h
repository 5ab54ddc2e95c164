// The forms that record an event (contract §2): one per event type, with
// only the fields that type takes, labelled in Swedish; each carries the
// session's CSRF token and a fresh event_id, so a double click records once.
// They all post to POST /arenden/{id}/handelser, which goes through the
// same parse_event and Store::append_event as POST /v1/cases/{id}/events.
#pragma once

#include "server/web/page_call.h"

#include <optional>
#include <string>
#include <vector>

namespace kedja::server::web {

// What a form shows besides its fields.
struct EventFormView {
  std::string id_prefix;        // makes the ids of its inputs unique on the page
  std::string name_prefix;      // before each field's name: a row's "{row}."
  std::string return_to;        // a local page to go back to after saving ("" : the case page)
  bool compact = false;         // a row of Att göra (row_event): labels wrap their inputs, no hints
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

// The rows of the list Att göra share one form, so that a row carries only
// its button and the fields its closing event takes (a form per row, with its
// own CSRF token, event_id and return address, was 60 % of a 100-row page):
//   row_forms_start: <form method="post" action="/att-gora/registrera"> with
//     the session's CSRF token, a fresh event-id prefix, the return address
//     and today's date, and a disabled first button so that Enter in a row's
//     field submits nothing (it would press the first row's button);
//   row_event: in row number `row`, the fields of `type` named "{row}.{field}"
//     and a button rad={row}.{case_id}.{type}.
// The caller closes the form after the table. record_row_event takes the
// row's fields back to their own names and records through record_event.
void row_forms_start(HtmlWriter& html, const PageCall& call, const std::string& return_to);
void row_event(HtmlWriter& html, const PageCall& call, int row, const CaseId& id, EventType type);

// The event types this caller may record on any case (step_declined and
// event_voided have forms of their own).
std::vector<EventType> recordable_types(const Caller& caller);

// A refusal turned into errors on the form with `id_prefix`: each field
// error at its input, in Swedish; a rule or role refusal for the whole form.
std::vector<FormError> form_errors(const Problem& problem, const std::string& id_prefix,
                                   const Region& region);

}  // namespace kedja::server::web
