// The read-only lists: actors, cases, overdue, due, the overdue summary and
// the audit log. Every query parameter is checked and unknown ones refused.
#include "server/audit_query.h"
#include "server/csv_answers.h"
#include "server/endpoints.h"
#include "server/json_mapping.h"
#include "server/list_pages.h"
#include "server/problem.h"

namespace kedja::server {
namespace {

template <typename T, typename Map>
Json page_json(const storage::Page<T>& page, Map&& map) {
  Json items = Json::array();
  for (const auto& item : page.items) items.push_back(map(item));
  return {{"items", std::move(items)},
          {"next_cursor", page.next_cursor ? Json(*page.next_cursor) : Json(nullptr)}};
}

bool hides_identity(const Call& call) {
  return scope_of(call.caller, call.context.region).hide_identity;
}

}  // namespace

Response get_actors(const Call& call) {
  Query query(call.target);
  query.allow_only({});
  if (auto problem = query.problem()) return problem_response(*problem);
  Json items = Json::array();
  for (const auto& actor : call.context.region.actors()) items.push_back(to_json(actor));
  return json_response(200, {{"items", std::move(items)}});
}

Response list_cases(const Call& call) {
  Query query(call.target);
  query.allow_only({"municipality", "status", "external_ref", "household", "q", "limit", "cursor", "format"});
  const Answer answer = answer_of(call, query);
  storage::CaseQuery filter;
  filter.municipality = query.municipality("municipality", call.context.region);
  if (const auto status = query.choice("status", {"open", "closed"})) filter.closed = *status == "closed";
  filter.external_ref = query.text("external_ref");
  filter.household = query.text("household");
  filter.name_prefix = query.text("q");
  filter.limit = query.limit();
  filter.cursor = query.cursor();
  if (auto problem = query.problem()) return problem_response(*problem);
  const bool hide = hides_identity(call);
  // Names, dossier numbers and households are hidden from the coordinator
  // in lists; searching by them would give back what the list hides.
  if (hide) {
    std::vector<FieldError> refused;
    for (const char* name : {"q", "external_ref", "household"})
      if (query.text(name))
        refused.push_back({name, "the coordinator role may not search cases by identity"});
    if (!refused.empty()) {
      std::string detail = refused.front().field + ": " + refused.front().message;
      return problem_response(403, std::move(detail), std::move(refused));
    }
  }

  if (answer == Answer::csv) return cases_csv(call, std::move(filter), hide);
  const auto page = call.store.list_cases(call.caller, filter, call.today);
  Response response;
  write_cases_page(response.body, page, hide);
  return response;
}

Response get_overdue(const Call& call) {
  Query query(call.target);
  query.allow_only({"actor", "municipality", "as_of", "limit", "cursor", "format"});
  const Answer answer = answer_of(call, query);
  storage::OverdueQuery filter;
  filter.actor = query.actor("actor", call.context.region);
  filter.municipality = query.municipality("municipality", call.context.region);
  filter.as_of = query.date("as_of").value_or(call.today);
  filter.limit = query.limit();
  filter.cursor = query.cursor();
  if (auto problem = query.problem()) return problem_response(*problem);

  if (answer == Answer::csv) return overdue_csv(call, std::move(filter), hides_identity(call));
  const auto page = call.store.overdue(call.caller, filter, call.today);
  Response response;
  write_overdue_page(response.body, page, filter.as_of, hides_identity(call));
  return response;
}

Response get_due(const Call& call) {
  Query query(call.target);
  query.allow_only({"actor", "from", "to", "limit", "cursor", "format"});
  const Answer answer = answer_of(call, query);
  storage::DueQuery filter;
  filter.actor = query.actor("actor", call.context.region);
  // Without `from`, every open step not yet overdue (contract §3 v1.1): on
  // a weekend or holiday, those due since the last working day too.
  filter.from = query.date("from").value_or(call.context.calendar.last_working_day_on_or_before(call.today));
  // Without `to`, the next two weeks.
  filter.to = query.date("to").value_or(add_days(filter.from, 14));
  filter.limit = query.limit();
  filter.cursor = query.cursor();
  if (filter.to < filter.from) query.add_error("to", "must not be before from");
  if (auto problem = query.problem()) return problem_response(*problem);

  if (answer == Answer::csv) return due_csv(call, std::move(filter), hides_identity(call));
  const auto page = call.store.due(call.caller, filter, call.today);
  Response response;
  write_due_page(response.body, page, filter.from, filter.to, hides_identity(call));
  return response;
}

Response get_overdue_summary(const Call& call) {
  Query query(call.target);
  query.allow_only({"as_of", "by", "format"});
  const Answer answer = answer_of(call, query);
  const Date as_of = query.date("as_of").value_or(call.today);
  const auto by_text = query.choice("by", {"municipality", "actor"}).value_or("municipality");
  if (auto problem = query.problem()) return problem_response(*problem);

  const auto by = by_text == "actor" ? storage::SummaryBy::actor : storage::SummaryBy::municipality;
  if (answer == Answer::csv) return summary_csv(call, by, as_of);
  const auto rows = call.store.summary(call.caller, by, as_of, call.today);
  Response response;
  write_summary(response.body, rows, by, as_of);
  return response;
}

Response get_audit(const Call& call) {
  if (call.caller.role != Role::admin)
    return problem_response(403, "the audit log is for the admin role only");
  auto query = audit_query(call.target);
  if (!query) return problem_response(query.problem());
  const auto page = call.store.audit_log(*query);
  // A case's log keeps v1's four members; a search by token or period
  // (v1.1, loggkontroll) also says which case a row is about (`case`) or how
  // many a list read showed (`cases`), as the page Loggkontroll does.
  const bool by_case = query->case_id.has_value();
  return json_response(200, page_json(page, [by_case](const storage::AuditRow& row) {
    Json item = to_json(row.entry);
    if (by_case) return item;
    if (row.case_id) item["case"] = row.case_id->str();
    else if (row.cases > 1) item["cases"] = row.cases;
    return item;
  }));
}

}  // namespace kedja::server
