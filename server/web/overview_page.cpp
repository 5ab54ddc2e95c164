// GET /oversikt: the county coordinator's overview — overdue steps per
// municipality and step, with counts and the oldest due date, each cell a
// link to the pseudonymised list. Read through Store::summary, as
// GET /v1/overdue/summary: no case identities at all.
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/todo_view.h"

#include "domain/text/collation.h"

#include <algorithm>
#include <map>

namespace kedja::server::web {

OverviewView parse_overview(const PageCall& call) {
  OverviewView view;
  view.as_of = call.today;
  const auto found = call.target.params.find("datum");
  for (const auto& [name, value] : call.target.params)
    if (name != "datum") view.errors.push_back({"", "Okänd parameter i adressen (" + name + ")"});
  if (found != call.target.params.end() && !found->second.empty())
    if (auto problem = swedish_date_problem(found->second, view.as_of))
      view.errors.push_back({"", "Datumet " + *problem + " (parametern datum)"});
  return view;
}

Response overview_page(const PageCall& call) {
  const OverviewView parsed = parse_overview(call);
  const Date as_of = parsed.as_of;
  const std::vector<FormError>& errors = parsed.errors;

  std::vector<storage::SummaryRow> rows;
  if (errors.empty()) rows = call.store.summary(call.caller, storage::SummaryBy::municipality, as_of, call.today);
  // step → municipality → row; steps in the rule set's order.
  std::map<std::string, std::map<std::string, const storage::SummaryRow*>> cells;
  std::map<std::string, std::int64_t> per_municipality;
  std::int64_t total = 0;
  for (const auto& row : rows) {
    cells[row.step.str()][row.group] = &row;
    per_municipality[row.group] += row.overdue;
    total += row.overdue;
  }
  std::vector<StepKey> steps;
  for (const auto& set : call.context.rule_sets.all())
    for (const auto& rule : set.steps)
      if (cells.contains(rule.key.str()) &&
          std::find(steps.begin(), steps.end(), rule.key) == steps.end())
        steps.push_back(rule.key);
  const auto municipalities = text::municipalities_by_name(call.context.region);

  return html_response(errors.empty() ? 200 : 400, page(call, {"Översikt per kommun", "oversikt"}, [&](HtmlWriter& html) {
    error_summary(html, errors, "Adressen har fel");
    html.element("h1", "Översikt per kommun");
    html.element("p", "Försenade steg per kommun och steg, per " + swedish_date(as_of) + ": antal och äldsta "
                 "förfallodag. Välj ett antal för att se stegen, med ärendenummer i stället för namn.",
                 {{"class", "lead"}});
    html.open("form", {{"method", "get"}, {"action", "/oversikt"}, {"class", "filters"}, {"aria-label", "Datum"}});
    html.open("div", {{"class", "field"}});
    html.element("label", "Per datum", {{"for", "datum"}});
    html.empty("input", {{"type", "date"}, {"id", "datum"}, {"name", "datum"}, {"value", format_date(as_of)}});
    html.close("div");
    html.element("button", "Visa", {{"type", "submit"}});
    html.close("form");
    if (!errors.empty()) return;
    if (steps.empty()) {
      html.element("p", "Inga försenade steg i regionen.", {{"class", "notice"}});
      return;
    }
    html.element("p", "Totalt " + swedish_number(total) + " försenade steg.");
    Url download("/oversikt.csv");
    if (as_of != call.today) download.param("datum", format_date(as_of));
    download_link(html, download);
    open_scroll(html, {"aria-label", "Försenade steg per kommun"});
    html.open("table", {{"class", "overview"}});
    html.element("caption", "Försenade steg per kommun och steg");
    html.open("thead").open("tr");
    html.element("th", "Steg", {{"scope", "col"}});
    for (const auto& m : municipalities) html.element("th", m.name, {{"scope", "col"}});
    html.close("tr").close("thead").open("tbody");
    for (const StepKey& key : steps) {
      const std::string title = step_title(call.context.rule_sets, key);
      html.open("tr");
      html.element("th", title, {{"scope", "row"}});
      for (const auto& m : municipalities) {
        html.open("td");
        const auto& by_m = cells[key.str()];
        const auto cell = by_m.find(m.slug);
        if (cell == by_m.end()) {
          html.element("span", "0", {{"class", "muted"}});
        } else {
          TodoView view;
          view.tab = storage::WorkTab::overdue;
          view.step = key.str();
          view.municipality = m.slug;
          if (as_of != call.today) view.as_of = as_of;
          const std::string count = swedish_number(cell->second->overdue);
          html.element("a", count, {{"href", view_url(view, "/att-gora")},
                                    {"aria-label", count + " försenade, " + title + ", " + m.name}});
          html.open("div", {{"class", "muted"}}).text("äldsta ");
          date_element(html, cell->second->oldest_due_on);
          html.close("div");
        }
        html.close("td");
      }
      html.close("tr");
    }
    html.close("tbody").open("tfoot").open("tr");
    html.element("th", "Summa", {{"scope", "row"}});
    for (const auto& m : municipalities) html.element("td", swedish_number(per_municipality[m.slug]));
    html.close("tr").close("tfoot").close("table").close("div");
  }));
}

}  // namespace kedja::server::web
