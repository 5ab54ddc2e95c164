// GET /att-gora: the logged-in actor's work in four tabs with counts, one
// row per step with the case facts needed to act on it, and on each row the
// step's closing event as a small form. Read through Store::work: scoped,
// pseudonymised for the coordinator and audited as the JSON lists.
#include "server/web/event_forms.h"
#include "server/web/swedish.h"
#include "server/web/todo_view.h"

#include "domain/text/collation.h"

#include <algorithm>
#include <limits>

namespace kedja::server::web {
namespace {

using storage::WorkItem;
using storage::WorkTab;

constexpr WorkTab all_tabs[] = {WorkTab::overdue, WorkTab::due_soon, WorkTab::undated, WorkTab::done};

std::int64_t count_of(const storage::WorkCounts& counts, WorkTab tab) {
  switch (tab) {
    case WorkTab::overdue: return counts.overdue;
    case WorkTab::due_soon: return counts.due_soon;
    case WorkTab::undated: return counts.undated;
    case WorkTab::done: return counts.done;
  }
  return 0;
}

void tab_links(HtmlWriter& html, const TodoView& view, const storage::WorkCounts& counts) {
  html.open("nav", {{"aria-label", "Flikar"}});
  html.open("ul", {{"class", "tabs"}});
  for (WorkTab tab : all_tabs) {
    TodoView other = view;
    other.tab = tab;
    other.page = 1;
    other.sort.reset();
    other.descending = natural_descending(other, sort_column(other));
    html.open("li");
    std::vector<Attr> attrs = {{"href", view_url(other, "/att-gora")}};
    if (tab == view.tab) attrs.emplace_back("aria-current", "page");
    html.open("a", attrs).text(tab_label(tab));
    html.element("span", swedish_number(count_of(counts, tab)), {{"class", "count"}});
    html.close("a").close("li");
  }
  html.close("ul").close("nav");
}

void select_filter(HtmlWriter& html, const char* id, const char* label,
                   const std::vector<std::pair<std::string, std::string>>& choices,
                   const std::string& chosen, const char* all) {
  html.open("div", {{"class", "field"}});
  html.element("label", label, {{"for", id}});
  html.open("select", {{"id", id}, {"name", id}});
  html.element("option", all, {{"value", ""}});
  for (const auto& [value, text] : choices) {
    if (value == chosen) html.element("option", text, {{"value", value}, {"selected", "selected"}});
    else html.element("option", text, {{"value", value}});
  }
  html.close("select").close("div");
}

void filters(HtmlWriter& html, const PageCall& call, const TodoView& view, Date as_of) {
  html.open("form", {{"method", "get"}, {"action", "/att-gora"}, {"class", "filters"},
                     {"aria-label", "Filter"}});
  html.empty("input", {{"type", "hidden"}, {"name", "flik"}, {"value", tab_slug(view.tab)}});
  std::vector<std::pair<std::string, std::string>> steps;
  const RuleSet* set = call.context.rule_sets.in_force_on(as_of);
  if (!set && !call.context.rule_sets.all().empty()) set = &call.context.rule_sets.all().back();
  const auto kind = actor_kind_for(call.caller.role);
  if (set)
    for (const auto& rule : set->steps) {
      const bool own = !kind || call.caller.role == Role::coordinator ||
                       std::any_of(rule.owners.begin(), rule.owners.end(),
                                   [&](const OwnerRule& o) { return o.kind == *kind; });
      if (own) steps.emplace_back(rule.key.str(), rule.title);
    }
  select_filter(html, "steg", "Steg", steps, view.step.value_or(""), "Alla steg");
  std::vector<std::pair<std::string, std::string>> municipalities;
  for (const auto& m : text::municipalities_by_name(call.context.region)) municipalities.emplace_back(m.slug, m.name);
  select_filter(html, "kommun", "Kommun", municipalities, view.municipality.value_or(""), "Alla kommuner");
  std::vector<std::pair<std::string, std::string>> bands;
  for (const auto& b : age_bands()) bands.emplace_back(std::string(b.slug), std::string(b.label));
  select_filter(html, "alder", "Ålder", bands, view.age_band.value_or(""), "Alla åldrar");
  select_filter(html, "tolk", "Tolk behövs", {{"ja", "Ja"}, {"nej", "Nej"}},
                view.interpreter ? (*view.interpreter ? "ja" : "nej") : "", "Alla");
  select_filter(html, "antal", "Rader per sida", {{"100", "100"}},
                view.rows == todo_page_size ? "" : std::to_string(view.rows), "50");
  html.open("div", {{"class", "field"}});
  html.element("label", "Per datum", {{"for", "datum"}});
  html.empty("input", {{"type", "date"}, {"id", "datum"}, {"name", "datum"}, {"value", format_date(as_of)}});
  html.close("div");
  html.element("button", "Visa", {{"type", "submit"}});
  html.element("a", "Rensa filter", {{"href", Url("/att-gora").param("flik", tab_slug(view.tab))}});
  html.close("form");
}

// A column heading that sorts by `slug`, with aria-sort and an arrow on the
// column the rows are sorted by, saying the direction they really come in.
// A click on the sorted column turns it; on another, sorts by it in its
// natural direction.
void sort_heading(HtmlWriter& html, const TodoView& view, std::string_view slug, std::string_view label,
                  bool numeric = false) {
  const bool current = sort_column(view) == slug;
  TodoView other = view;
  other.sort = std::string(slug);
  other.descending = current ? !view.descending : natural_descending(other, slug);
  other.page = 1;
  std::vector<Attr> attrs = {{"scope", "col"}};
  if (numeric) attrs.emplace_back("class", "num");
  if (current) attrs.emplace_back("aria-sort", view.descending ? "descending" : "ascending");
  html.open("th", attrs);
  html.open("a", {{"href", view_url(other, "/att-gora")}}).text(label);
  if (current) html.text(view.descending ? " ▼" : " ▲");
  html.close("a").close("th");
}

// The closing event of a step that this caller may record.
std::optional<EventType> closer_for(const PageCall& call, const StepKey& step) {
  for (const auto& set : call.context.rule_sets.all())
    if (const StepRule* rule = set.find(step)) {
      for (EventType type : rule->closes_on)
        if (may_record(call.caller, type, std::nullopt, std::nullopt)) return type;
      return std::nullopt;
    }
  return std::nullopt;
}

// closer_for once per step key of a page (a page has a handful of steps
// and a hundred rows).
class Closers {
 public:
  explicit Closers(const PageCall& call) : call_(call) {}
  std::optional<EventType> operator()(const WorkItem& item) {
    if (item.status != StepStatus::open) return std::nullopt;
    for (const auto& [key, closer] : known_)
      if (key == item.step.str()) return closer;
    return known_.emplace_back(item.step.str(), closer_for(call_, item.step)).second;
  }

 private:
  const PageCall& call_;
  std::vector<std::pair<std::string, std::optional<EventType>>> known_;
};

// What the days cell of a row shows depends on, besides the page's tab and
// day: the row's key for FragmentMemo.
struct DaysKey {
  StepStatus status;
  bool late;
  int working_days_late;
  std::optional<Date> due_on;
  bool operator==(const DaysKey&) const = default;
};

// A day as a number for FragmentMemo, INT64_MIN for none.
std::int64_t day_key(std::optional<Date> day) {
  return day ? day->time_since_epoch().count() : std::numeric_limits<std::int64_t>::min();
}

struct DaysKeyHash {
  std::size_t operator()(const DaysKey& k) const {
    // Unsigned: wraps where the day and the days late may be large.
    const auto day = static_cast<std::uint64_t>(day_key(k.due_on));
    const auto rest = static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.working_days_late)) << 3 |
                      static_cast<std::uint64_t>(k.status) << 1 | (k.late ? 1u : 0u);
    return std::hash<std::uint64_t>{}(day * 0x9E3779B97F4A7C15u ^ rest);
  }
};

struct LanguageKeyHash {
  std::size_t operator()(const std::pair<std::string_view, bool>& k) const {
    return std::hash<std::string_view>{}(k.first) * 2 + (k.second ? 1 : 0);
  }
};

// The status words carry the class on the cell itself (one element fewer a
// row): late, or "soon" when no working day is left before the due day. On
// Försenade, where every row is late, the table's class (table.overdue)
// styles the column instead of a class on each cell.
void days_cell(HtmlWriter& html, const WorkItem& item, WorkTab tab, Date as_of, const Calendar& calendar) {
  if (tab == WorkTab::done) {
    if (item.status == StepStatus::declined) html.element("td", "Avböjt");
    else if (item.late) html.element("td", "Klart " + working_days_late(item.working_days_late), {{"class", "late"}});
    else html.element("td", item.due_on ? "Klart i tid" : "Klart");
  } else if (!item.due_on) {
    html.element("td", "Ingen tidsgräns");
  } else {
    const bool late = item.working_days_overdue > 0;
    const char* css = late ? (tab == WorkTab::overdue ? nullptr : "late")
                           : calendar.last_working_day_on_or_before(*item.due_on) <= as_of ? "soon" : nullptr;
    const std::string words = time_left(*item.due_on, as_of, calendar);
    if (css) html.element("td", words, {{"class", css}});
    else html.element("td", words);
  }
}

// The table's caption: the tab, the day, and the filters and page the
// rows are of — a printed list says what it lists (the filters' form is
// not printed).
std::string caption_of(const PageCall& call, const TodoView& view, Date as_of) {
  std::string caption = std::string(tab_label(view.tab)) + ", per " + swedish_date(as_of);
  std::vector<std::string> filters;
  if (view.step) filters.push_back("steg: " + step_title(call.context.rule_sets, StepKey(*view.step)));
  if (view.municipality) filters.push_back("kommun: " + municipality_name(call.context.region, *view.municipality));
  if (view.age_band)
    for (const auto& band : age_bands())
      if (band.slug == *view.age_band) filters.push_back("ålder: " + std::string(band.label));
  if (view.interpreter) filters.push_back(*view.interpreter ? "tolk behövs" : "ingen tolk");
  for (std::size_t i = 0; i < filters.size(); ++i) caption += (i == 0 ? " – " : ", ") + filters[i];
  if (view.page > 1) caption += ", sida " + swedish_number(view.page);
  return caption;
}

void table(HtmlWriter& html, const PageCall& call, const TodoView& view, const storage::WorkPage& work,
           Date as_of, bool hide) {
  if (work.items.empty()) {
    html.element("p", "Inga steg i den här fliken med de här filtren.", {{"class", "muted"}});
    return;
  }
  const bool actions = !recordable_types(call.caller).empty() && view.tab != WorkTab::done;
  // One random value per rendering, shared by the rows' forms (event_forms.h).
  const std::string rendering = actions ? random_base64url(rendering_bytes) : std::string();
  if (actions) shared_row_form(html, call, rendering);
  open_scroll(html, {"aria-label", "Steg"});
  std::string classes = actions ? "work act" : "work";
  if (view.tab == WorkTab::overdue) classes += " overdue";  // the days column is late on every row
  html.open("table", {{"class", classes}});
  html.element("caption", caption_of(call, view, as_of));
  html.open("thead").open("tr");
  sort_heading(html, view, "namn", hide ? "Ärende" : "Namn");
  sort_heading(html, view, "alder", hide ? "Födelseår" : "Ålder", true);
  sort_heading(html, view, "kommun", "Kommun");
  sort_heading(html, view, "steg", "Steg");
  sort_heading(html, view, "oppnad", "Öppnat");
  // Rows without a due date cannot be sorted by it: a plain heading.
  if (view.tab == WorkTab::undated) html.element("th", "Förfaller", {{"scope", "col"}});
  else sort_heading(html, view, "forfaller", view.tab == WorkTab::done ? "Klart" : "Förfaller");
  html.element("th", view.tab == WorkTab::done ? "I tid?" : "Arbetsdagar", {{"scope", "col"}});
  html.element("th", "Språk", {{"scope", "col"}});
  if (!hide) html.element("th", "Hushåll", {{"scope", "col"}});
  if (actions) html.element("th", "Registrera", {{"scope", "col"}});
  html.close("tr").close("thead").open("tbody");
  int index = 0;
  Closers closer_for(call);
  // The cells that repeat down the rows, each written once a page and then
  // copied (FragmentMemo): what such a cell shows depends on its key alone
  // (the tab, today and the calendar are the page's).
  FragmentMemo<int> numbers;
  FragmentMemo<std::string_view> municipalities;  // by slug
  FragmentMemo<std::string_view> titles;
  FragmentMemo<std::int64_t> dates;  // by day_key
  FragmentMemo<DaysKey, DaysKeyHash> days;
  FragmentMemo<std::pair<std::string_view, bool>, LanguageKeyHash> languages;  // and whether an interpreter is needed
  std::string name;
  constexpr std::string_view cases_path = "/arenden";
  std::string case_path(cases_path);  // each row's link, written into one string
  for (const WorkItem& item : work.items) {
    ++index;
    html.open("tr");
    // A simple table, its row headers in the first column: no `scope`
    // (WCAG technique H51; H63 asks for it only where headers are not in
    // the first row or column), 1.2 KB of a 100-row page.
    html.open("th");
    if (hide) {
      name = item.case_id.str();
    } else {
      name = item.given_name;
      name += ' ';
      name += item.family_name;
    }
    case_path.resize(cases_path.size());
    append_path_segment(case_path, item.case_id.str());
    html.element("a", name, {{"href", case_path}});
    html.close("th");
    // Right-aligned by the stylesheet (table.work, the second column), not a class on each row.
    const int number = hide ? static_cast<int>(date::year_month_day{item.birth_date}.year())
                            : age_on(item.birth_date, as_of);
    html.fragment(numbers(number, [&](HtmlWriter& cell) { cell.element("td", std::to_string(number)); }));
    html.fragment(municipalities(item.municipality, [&](HtmlWriter& cell) {
      cell.element("td", municipality_name(call.context.region, item.municipality));
    }));
    html.fragment(titles(item.title, [&](HtmlWriter& cell) { cell.element("td", item.title); }));
    const auto date_cell = [&](std::optional<Date> day) -> const HtmlFragment& {
      return dates(day_key(day), [&](HtmlWriter& cell) {
        cell.open("td");
        if (day) date_element(cell, *day);
        else cell.text("–");
        cell.close("td");
      });
    };
    html.fragment(date_cell(item.opened_on));
    html.fragment(date_cell(view.tab == WorkTab::done && item.done_on ? item.done_on : item.due_on));
    html.fragment(days({item.status, item.late, item.working_days_late, item.due_on}, [&](HtmlWriter& cell) {
      days_cell(cell, item, view.tab, as_of, call.context.calendar);
    }));
    html.fragment(languages({item.language, item.interpreter_needed}, [&](HtmlWriter& cell) {
      cell.open("td").text(item.language);
      if (item.interpreter_needed) cell.text(", tolk behövs");
      cell.close("td");
    }));
    if (!hide) html.element("td", item.household ? std::string_view(*item.household) : "–");
    if (actions) {
      html.open("td");
      if (const auto closer = closer_for(item)) {
        // Not `"r" + std::to_string(index)`: GCC 12 warns -Wrestrict on it
        // in Release builds, a false positive (GCC bug 105329).
        std::string id_prefix = "r";
        id_prefix += std::to_string(index);
        row_event(html, call, item.case_id, *closer, rendering, id_prefix);
      }
      html.close("td");
    }
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

// The pages `total` rows fill, one at least (an empty list has its page).
std::int64_t page_count(const TodoView& view, std::int64_t total) {
  return std::max<std::int64_t>(1, (total + view.rows - 1) / view.rows);
}

void pager(HtmlWriter& html, const TodoView& view, std::int64_t total) {
  const std::int64_t pages = page_count(view, total);
  if (pages <= 1) return;
  html.open("nav", {{"class", "pager"}, {"aria-label", "Sidor"}});
  if (view.page > 1) {
    TodoView previous = view;
    previous.page = view.page - 1;
    html.element("a", "← Föregående sida", {{"href", view_url(previous, "/att-gora")}});
  }
  html.element("span", "Sida " + swedish_number(view.page) + " av " + swedish_number(pages));
  if (view.page < pages) {
    TodoView next = view;
    next.page = view.page + 1;
    html.element("a", "Nästa sida →", {{"href", view_url(next, "/att-gora")}});
  }
  html.close("nav");
}

// A page number past the end of the list (an old bookmark, a list that
// shrank): 404, saying how many pages there are, not an empty table.
Response no_such_page(const PageCall& call, const TodoView& view, std::int64_t pages) {
  TodoView first = view;
  first.page = 1;
  return html_response(404, page(call, {"Sidan finns inte", "att-gora"}, [&](HtmlWriter& html) {
    html.element("h1", "Sidan finns inte");
    html.element("p", "Sidan " + swedish_number(view.page) + " finns inte. Listan har " +
                          counted(pages, "sida", "sidor") + ".");
    html.open("p").element("a", "Till listans första sida", {{"href", view_url(first, "/att-gora")}}).close("p");
  }));
}

}  // namespace

Response todo_page(const PageCall& call, const std::vector<FormError>* refused) {
  ParsedView parsed = parse_view(call);
  const TodoView& view = parsed.view;
  const bool hide = scope_of(call.caller, call.context.region).hide_identity;
  const Date as_of = view.as_of.value_or(call.today);
  storage::WorkPage work;
  if (parsed.errors.empty()) work = call.store.work(call.caller, work_query(call, view), call.today);
  const int status = parsed.errors.empty() && !refused ? 200 : 400;
  if (status == 200) {
    const std::int64_t pages = page_count(view, count_of(work.counts, view.tab));
    if (view.page > pages) return no_such_page(call, view, pages);
  }
  return html_response(status, page(call, {"Att göra", "att-gora"}, [&](HtmlWriter& html) {
    error_summary(html, parsed.errors, "Adressen har fel");
    if (refused) error_summary(html, *refused);
    session_notice(html, call.session);
    html.element("h1", "Att göra");
    // A unit's own steps; the admin (no actor, every case) sees the region's.
    const std::string whose = call.caller.actor ? "Steg som " + unit_name(call.caller, call.context.region) +
                                                      " ansvarar för"
                                                : std::string("Alla steg i regionen");
    std::string lead = whose + ", per " + swedish_date(as_of) + ". Arbetsdagar räknas utan helger och helgdagar.";
    if (hide) lead = "Alla steg i regionen, per " + swedish_date(as_of) +
                     ". Personerna visas med ärendenummer och födelseår.";
    html.element("p", lead, {{"class", "lead"}});
    if (!parsed.errors.empty()) {
      html.open("p").element("a", "Visa listan utan filter", {{"href", "/att-gora"}}).close("p");
      return;
    }
    tab_links(html, view, work.counts);
    filters(html, call, view, as_of);
    if (!work.items.empty()) {
      TodoView whole = view;
      whole.page = 1;
      download_link(html, view_url(whole, "/att-gora.csv"));
    }
    table(html, call, view, work, as_of, hide);
    pager(html, view, count_of(work.counts, view.tab));
  }));
}

}  // namespace kedja::server::web
