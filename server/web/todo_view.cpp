#include "server/web/todo_view.h"
#include "server/web/swedish.h"

#include <algorithm>
#include <charconv>

namespace kedja::server::web {
namespace {

using storage::WorkSort;
using storage::WorkTab;

constexpr std::pair<std::string_view, WorkTab> tabs[] = {
    {"forsenade", WorkTab::overdue},
    {"snart", WorkTab::due_soon},
    {"utan-tidsgrans", WorkTab::undated},
    {"klara", WorkTab::done},
};

constexpr std::pair<std::string_view, WorkSort> sorts[] = {
    {"forfaller", WorkSort::due}, {"namn", WorkSort::name},  {"alder", WorkSort::age},
    {"kommun", WorkSort::municipality}, {"steg", WorkSort::step}, {"oppnad", WorkSort::opened},
};

std::optional<std::string> param(const PageCall& call, std::string_view name) {
  const auto found = call.target.params.find(name);
  if (found == call.target.params.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

bool known_step(const RuleSets& sets, const std::string& key) {
  for (const auto& set : sets.all())
    if (set.find(StepKey{key})) return true;
  return false;
}

}  // namespace

const std::vector<AgeBand>& age_bands() {
  static const std::vector<AgeBand> bands = {
      {"0-5", "0–5 år", 0, 5},      {"6-15", "6–15 år", 6, 15},  {"16-17", "16–17 år", 16, 17},
      {"18-64", "18–64 år", 18, 64}, {"65-", "65 år och äldre", 65, std::nullopt},
  };
  return bands;
}

std::string_view tab_slug(WorkTab tab) {
  for (const auto& [slug, t] : tabs)
    if (t == tab) return slug;
  return "forsenade";
}

std::string_view sort_column(const TodoView& view) {
  const std::string_view column = view.sort ? std::string_view(*view.sort) : "forfaller";
  if (view.tab == WorkTab::undated && column == "forfaller") return "oppnad";
  return column;
}

bool natural_descending(const TodoView& view, std::string_view column) {
  if (column == "forfaller") return view.tab == WorkTab::done;
  if (column == "alder") return view.birth_years;
  return false;
}

std::string_view tab_label(WorkTab tab) {
  switch (tab) {
    case WorkTab::overdue: return "Försenade";
    case WorkTab::due_soon: return "Förfaller snart";
    case WorkTab::undated: return "Utan tidsgräns";
    case WorkTab::done: return "Klara";
  }
  return "";
}

ParsedView parse_view(const PageCall& call) {
  ParsedView parsed;
  TodoView& v = parsed.view;
  auto error = [&](std::string name, std::string message) {
    parsed.errors.push_back({"", std::move(message) + " (parametern " + std::move(name) + ")"});
  };
  static constexpr std::string_view known[] = {"flik", "steg", "kommun", "alder", "tolk",
                                               "sortera", "ordning", "sida", "antal", "datum"};
  for (const auto& [name, value] : call.target.params)
    if (std::find(std::begin(known), std::end(known), name) == std::end(known))
      error(name, "Okänd parameter i adressen");
  if (auto tab = param(call, "flik")) {
    bool found = false;
    for (const auto& [slug, t] : tabs)
      if (slug == *tab) { v.tab = t; found = true; }
    if (!found) error("flik", "Det finns ingen flik som heter så");
  }
  if (auto step = param(call, "steg")) {
    if (known_step(call.context.rule_sets, *step)) v.step = *step;
    else error("steg", "Det finns inget steg som heter så");
  }
  if (auto m = param(call, "kommun")) {
    if (call.context.region.find_municipality(*m)) v.municipality = *m;
    else error("kommun", "Det finns ingen kommun som heter så i regionen");
  }
  if (auto band = param(call, "alder")) {
    bool found = false;
    for (const auto& b : age_bands())
      if (b.slug == *band) { v.age_band = *band; found = true; }
    if (!found) error("alder", "Okänd åldersgrupp");
  }
  if (auto t = param(call, "tolk")) {
    if (*t == "ja") v.interpreter = true;
    else if (*t == "nej") v.interpreter = false;
    else error("tolk", "Tolk ska vara ja eller nej");
  }
  if (auto s = param(call, "sortera")) {
    bool found = false;
    for (const auto& [slug, sort] : sorts)
      if (slug == *s) { v.sort = *s; found = true; }
    if (!found) error("sortera", "Listan kan inte sorteras så");
  }
  v.birth_years = scope_of(call.caller, call.context.region).hide_identity;
  v.descending = natural_descending(v, sort_column(v));
  if (auto o = param(call, "ordning")) {
    if (*o == "fallande") v.descending = true;
    else if (*o == "stigande") v.descending = false;
    else error("ordning", "Ordningen ska vara stigande eller fallande");
  }
  if (auto p = param(call, "sida")) {
    int page = 0;
    auto [end, ec] = std::from_chars(p->data(), p->data() + p->size(), page);
    if (ec != std::errc{} || end != p->data() + p->size() || page < 1 || page > 100000)
      error("sida", "Sidan ska vara ett heltal från 1");
    else v.page = page;
  }
  if (auto n = param(call, "antal")) {
    const auto size = std::find_if(std::begin(todo_page_sizes), std::end(todo_page_sizes),
                                   [&](int rows) { return std::to_string(rows) == *n; });
    if (size == std::end(todo_page_sizes)) error("antal", "Antal rader per sida ska vara 50 eller 100");
    else v.rows = *size;
  }
  if (auto d = param(call, "datum")) {
    Date day{};
    if (auto problem = swedish_date_problem(*d, day)) error("datum", "Datumet " + *problem);
    else v.as_of = day;
  }
  return parsed;
}

Url view_url(const TodoView& v, std::string_view path) {
  Url url(path);
  url.param("flik", tab_slug(v.tab));
  url.param("steg", v.step.value_or(""));
  url.param("kommun", v.municipality.value_or(""));
  url.param("alder", v.age_band.value_or(""));
  if (v.interpreter) url.param("tolk", *v.interpreter ? "ja" : "nej");
  url.param("sortera", v.sort.value_or(""));
  if (v.descending != natural_descending(v, sort_column(v)))
    url.param("ordning", v.descending ? "fallande" : "stigande");
  if (v.page > 1) url.param("sida", std::to_string(v.page));
  if (v.rows != todo_page_size) url.param("antal", std::to_string(v.rows));
  if (v.as_of) url.param("datum", format_date(*v.as_of));
  return url;
}

storage::WorkQuery work_query(const PageCall& call, const TodoView& v) {
  storage::WorkQuery q;
  q.tab = v.tab;
  q.as_of = v.as_of.value_or(call.today);
  if (call.caller.role != Role::coordinator && call.caller.role != Role::admin) q.actor = call.caller.actor;
  q.municipality = v.municipality;
  if (v.step) q.step = StepKey{*v.step};
  for (const auto& band : age_bands())
    if (v.age_band && band.slug == *v.age_band) {
      q.min_age = band.min_age;
      q.max_age = band.max_age;
    }
  q.interpreter_needed = v.interpreter;
  const std::string_view column = sort_column(v);
  for (const auto& [slug, sort] : sorts)
    if (slug == column) q.sort = sort;
  // Storage's `descending` reverses its natural order for the sort (done_on
  // newest first, the youngest first): reversed when the page asks for the
  // other direction than the column's natural one.
  q.descending = v.descending != natural_descending(v, column);
  q.limit = v.rows;
  q.offset = (v.page - 1) * v.rows;
  return q;
}

}  // namespace kedja::server::web
