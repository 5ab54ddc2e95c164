// POST /arenden/{id}/handelser: one event from a form, through the same
// parse_event, step-key check and Store::append_event as the JSON API's
// POST /v1/cases/{id}/events — the same scope, role check, rules, audit row
// and event_id idempotency. Post/Redirect/Get on success; on a refusal the
// case page again, with the errors on the form and nothing written.
#include "domain/text/unicode.h"
#include "server/endpoints.h"
#include "server/problem.h"
#include "server/web/event_forms.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

namespace kedja::server::web {
namespace {

// Only our own pages: a path, never another host ("//x", "/\\x").
bool local_return(const std::string& to) {
  if (to.size() < 2 || to[0] != '/' || to[1] == '/' || to[1] == '\\') return false;
  return to.starts_with("/att-gora") || to.starts_with("/arenden/");
}

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

Response refused(const PageCall& call, const CaseId& id, EventType type, const Problem& problem) {
  FailedForm failed{http_status(problem), type,
                    form_errors(problem, std::string(to_string(type)), call.context.region)};
  return case_page(call, id, &failed);
}

}  // namespace

Response record_event(const PageCall& call, const CaseId& id) {
  const auto* type_text = call.field("type");
  const auto type = type_text ? event_type_from(*type_text) : std::nullopt;
  if (!type) {
    FailedForm failed{400, EventType::case_closed, {{"", "Formuläret saknar en känd händelsetyp."}}};
    return case_page(call, id, &failed);
  }
  RawEvent raw = raw_event_from(call, *type);
  text::normalise(raw);  // NFC and trimmed, as the API's
  auto event = parse_event(raw);
  if (!event) return refused(call, id, *type, event.problem());
  std::vector<FieldError> errors;
  check_step_key(*event, call.context.rule_sets, "", errors);
  if (!errors.empty()) return refused(call, id, *type, Problem{ProblemKind::invalid, "", errors});

  auto appended = call.store.append_event(call.caller, id, std::move(*event), call.today);
  if (!appended) return refused(call, id, *type, appended.problem());

  std::string notice = "Sparat: " + std::string(event_label(*type)) + ", " +
                       swedish_date(appended->event.event.date) + ".";
  if (appended->repeated) notice = "Redan sparat: " + std::string(event_label(*type)) + ". Inget nytt registrerades.";
  call.sessions.set_notice(call.session.id, std::move(notice));
  const auto* back = call.field("tillbaka");
  if (back && local_return(*back)) return redirect(*back);
  return redirect(Url("/arenden").segment(id.str()).str());
}

}  // namespace kedja::server::web
