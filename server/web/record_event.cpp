// POST /arenden/{id}/handelser (the case page's forms) and POST
// /att-gora?<view> (a row's event, event_forms.h): one event from a form,
// through the same parse_event, step-key check and Store::append_event as
// the JSON API's POST /v1/cases/{id}/events — the same scope, role check,
// rules, audit row and event_id idempotency. Post/Redirect/Get on success;
// on a refusal the case page again, with the errors on the form and
// nothing written — except a row's event whose step was closed since the
// list was shown: back to the list with a notice.
#include "domain/text/unicode.h"
#include "server/endpoints.h"
#include "server/problem.h"
#include "server/web/event_forms.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/todo_view.h"

#include <algorithm>

namespace kedja::server::web {
namespace {

RawEvent raw_event_from(const PageCall& call, EventType type) {
  RawEvent raw;
  raw.type = std::string(to_string(type));
  raw.lenient_types = true;  // a form has no JSON types: "true", "2026-12-01", "3"
  if (const auto* date = call.field("date")) raw.date = *date;
  if (const auto* id = call.field("event_id"); id && !id->empty()) raw.event_id = *id;
  for (const FieldSpec& spec : payload_of(type)) {
    const auto* value = call.field(to_string(spec.field));
    if (value && !value->empty()) raw.payload.emplace_back(std::string(to_string(spec.field)), *value);
  }
  return raw;
}

Response refused(const PageCall& call, const CaseId& id, EventType type, const Problem& problem,
                 const std::string& list) {
  FailedForm failed{http_status(problem), type,
                    form_errors(problem, std::string(to_string(type)), call.context.region), list};
  return case_page(call, id, &failed);
}

// The refusal of a row's event whose step was closed since the list was
// shown (storage::AppendIf::closes_an_open_step).
bool closes_no_open_step(const Problem& problem) {
  return problem.kind == ProblemKind::conflict && problem.detail == storage::closes_no_open_step;
}

// Parses, checks and appends `raw` as the caller; on success the notice
// for the next page and a 303 to `back`, else the case page with the
// errors on the event's form and nothing written. A row's event
// (`condition` closes_an_open_step) whose step is closed already goes back
// to the list, which shows the case as it is now, with a notice saying so.
// `list`: the Att göra view the case page's link goes back to on a refusal
// (a row's own view; the first view for the case page's forms).
Response record(const PageCall& call, const CaseId& id, EventType type, RawEvent raw, const std::string& back,
                const std::string& list, storage::AppendIf condition = storage::AppendIf::always) {
  const auto refuse = [&](const Problem& problem) { return refused(call, id, type, problem, list); };
  text::normalise(raw);  // NFC and trimmed, as the API's
  auto event = parse_event(raw);
  if (!event) return refuse(event.problem());
  std::vector<FieldError> errors;
  check_step_key(*event, call.context.rule_sets, "", errors);
  if (!errors.empty()) return refuse(Problem{ProblemKind::invalid, "", errors});

  auto appended = call.store.append_event(call.caller, id, std::move(*event), call.today, condition);
  if (!appended && closes_no_open_step(appended.problem())) {
    call.sessions.set_notice(call.session.id, "Inget sparades: " + std::string(event_label(type)) +
                                                  " är redan registrerat på ärendet, av någon annan eller i en "
                                                  "annan flik. Listan nedan visar läget nu.");
    return redirect(back);
  }
  if (!appended) return refuse(appended.problem());

  std::string notice = "Sparat: " + std::string(event_label(type)) + ", " +
                       swedish_date(appended->event.event.date) + ".";
  if (appended->repeated) notice = "Redan sparat: " + std::string(event_label(type)) + ". Inget nytt registrerades.";
  call.sessions.set_notice(call.session.id, std::move(notice));
  return redirect(back);
}

bool base64url(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// "<case id>.<event type>", the row's button (event_forms.h), or with the
// row's choice "<case id>.<event type>.ja|nej" for an event whose one field
// is a yes/no choice (row_choice_field): the choice is required there and
// taken nowhere else.
struct RowReference {
  CaseId id;
  EventType type;
  std::optional<bool> chosen;  // ja: true, nej: false
};
std::optional<RowReference> row_reference_from(std::string_view text) {
  std::optional<bool> chosen;
  auto dot = text.rfind('.');
  if (dot != std::string_view::npos && (text.substr(dot + 1) == "ja" || text.substr(dot + 1) == "nej")) {
    chosen = text.substr(dot + 1) == "ja";
    text = text.substr(0, dot);
    dot = text.rfind('.');
  }
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  const auto type = event_type_from(text.substr(dot + 1));
  if (!type || chosen.has_value() != row_choice_field(*type).has_value()) return std::nullopt;
  return RowReference{CaseId{std::string(text.substr(0, dot))}, *type, chosen};
}

}  // namespace

Response record_event(const PageCall& call, const CaseId& id) {
  const auto* type_text = call.field("type");
  const auto type = type_text ? event_type_from(*type_text) : std::nullopt;
  if (!type) {
    FailedForm failed{400, EventType::case_closed, {{"", "Formuläret saknar en känd händelsetyp."}}};
    return case_page(call, id, &failed);
  }
  return record(call, id, *type, raw_event_from(call, *type), Url("/arenden").segment(id.str()).str(), "/att-gora");
}

// The row's form holds exactly csrf, visning, rad and the event's own
// fields (none when `rad` holds the choice); the date is the day it is
// posted, the way back the view of the address it was posted to
// (parse_view: an unknown or bad parameter is the page's 400, naming it,
// and nothing is written).
Response record_row_event(const PageCall& call) {
  const ParsedView parsed = parse_view(call);
  if (!parsed.errors.empty()) return todo_page(call);
  std::vector<FormError> errors;
  const auto* rad = call.field("rad");
  const auto row = rad ? row_reference_from(*rad) : std::nullopt;
  if (!row)
    errors.push_back({"", "Formuläret säger inte vilken rad och händelse det gäller (fältet rad). Inget sparades."});
  const auto* rendering = call.field("visning");
  if (!rendering || rendering->size() != rendering_chars || !base64url(*rendering))
    errors.push_back({"", "Formuläret saknar sin visning (fältet visning). Ladda om sidan och försök igen. "
                          "Inget sparades."});
  // The row's own fields: its event's, but not the one its button chooses.
  std::span<const FieldSpec> fields = row ? payload_of(row->type) : std::span<const FieldSpec>{};
  if (row && row->chosen) fields = {};
  for (const auto& entry : call.form) {
    // Not a structured binding: clang 14 (the fuzz build) refuses a lambda
    // capture of one.
    const std::string& name = entry.first;
    const bool own = name == "csrf" || name == "rad" || name == "visning" ||
                     std::any_of(fields.begin(), fields.end(),
                                 [&](const FieldSpec& f) { return to_string(f.field) == name; });
    if (!own) errors.push_back({"", "Formuläret har ett fält som inte hör dit (fältet " + name + "). Inget sparades."});
  }
  if (!errors.empty()) return todo_page(call, &errors);

  RawEvent raw = raw_event_from(call, row->type);
  if (row->chosen)
    raw.payload.emplace_back(std::string(to_string(*row_choice_field(row->type))), *row->chosen ? "true" : "false");
  raw.date = format_date(call.today);
  raw.event_id = "web-" + *rendering + "-" + std::string(to_string(row->type));
  // The row offered its step's closing event: from a stale list (another
  // tab, another person) the step may be closed already, and the event
  // would be recorded again.
  const std::string view = view_url(parsed.view, "/att-gora").str();
  return record(call, row->id, row->type, std::move(raw), view, view, storage::AppendIf::closes_an_open_step);
}

}  // namespace kedja::server::web
