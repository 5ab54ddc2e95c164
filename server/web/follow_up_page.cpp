// GET /uppfoljning (contract §6; issue 15): the on-time follow-up — per step
// and municipality (or unit) the steps due in a period, on time and late,
// the share on time and the median lateness; a bar chart of the share per
// municipality against a target line; a 13-month trend per step; and the
// aging of what is overdue on the day. Read through Store::follow_up and
// Store::summary with the caller's scope, as GET /v1/follow-up and
// GET /v1/overdue/summary: counts only, no case, not audited.
#include "server/web/charts.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include "domain/text/collation.h"
#include "domain/vocabulary.h"

#include <algorithm>
#include <map>

namespace kedja::server::web {
namespace {

using Figures = std::map<std::string, FollowUpFigures>;  // group → figures

// The words of the page, in one place.
constexpr std::string_view bucket_words[] = {"1–5", "6–10", "11–20", "21+"};

struct Grouping {
  bool by_municipality;
  std::string_view noun() const { return by_municipality ? "Kommun" : "Enhet"; }
  std::string_view per() const { return by_municipality ? "per kommun" : "per enhet"; }
};

std::int64_t counted(const FollowUpFigures& f) { return f.on_time() + f.late(); }

std::string share_text(const FollowUpFigures& f) {
  const auto share = f.share_on_time();
  return share ? swedish_percent(*share) : "–";
}

std::string median_text(const FollowUpFigures& f) {
  const auto median = f.median_working_days_late();
  if (!median) return "–";
  const long halves = std::lround(*median * 2);
  return std::to_string(halves / 2) + (halves % 2 ? ",5" : "");
}

// Groups in the order people look for them: municipalities and units by
// name, in Swedish order (Åre and Östersund after Strömsund).
std::vector<std::string> ordered(const std::vector<std::string>& groups, const Grouping& grouping,
                                 const Region& region, const Vocabulary& words) {
  std::vector<std::string> out = groups;
  if (grouping.by_municipality) {
    const auto all = text::municipalities_by_name(region);
    auto rank = [&](const std::string& slug) {
      for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].slug == slug) return i;
      return all.size();
    };
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
  } else {
    std::stable_sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
      return text::swedish_less(words.actor_name(ActorId{a}), words.actor_name(ActorId{b}));
    });
  }
  return out;
}

std::string group_name(const std::string& group, const Grouping& grouping, const Vocabulary& words) {
  return std::string(grouping.by_municipality ? words.municipality_name(group) : words.actor_name(ActorId{group}));
}

// Steps in the rule sets' order, those in `present` only.
std::vector<StepKey> ordered_steps(const RuleSets& rule_sets, const std::map<std::string, Figures>& present) {
  std::vector<StepKey> steps;
  for (const auto& set : rule_sets.all())
    for (const auto& rule : set.steps)
      if (present.contains(rule.key.str()) && std::find(steps.begin(), steps.end(), rule.key) == steps.end())
        steps.push_back(rule.key);
  return steps;
}

void number_cell(HtmlWriter& html, std::string_view text) { html.element("td", text, {{"class", "num"}}); }

// Whose steps: a unit chooses between its own steps and every step in the
// cases it sees; the coordinator and admin between all units and one.
void unit_field(HtmlWriter& html, const PageCall& call, const FollowUpView& view, const Vocabulary& words,
                const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> options;  // value, words
  if (view.own_actor) {
    options.emplace_back(view.own_actor->str(), "Våra steg (" + std::string(words.actor_name(*view.own_actor)) + ")");
    options.emplace_back("alla", "Alla steg i de ärenden vi ser");
    if (chosen != "alla" && chosen != view.own_actor->str() && call.context.region.find_actor(ActorId{chosen}))
      options.emplace_back(chosen, std::string(words.actor_name(ActorId{chosen})));
  } else {
    options.emplace_back("", "Alla enheter");
    std::vector<std::pair<std::string, std::string>> units;
    for (const Actor& actor : call.context.region.actors())
      units.emplace_back(actor.id.str(), actor.name);
    std::stable_sort(units.begin(), units.end(),
                     [](const auto& a, const auto& b) { return text::swedish_less(a.second, b.second); });
    options.insert(options.end(), units.begin(), units.end());
  }
  html.open("div", {{"class", "field"}});
  html.element("label", "Vems steg", {{"for", "enhet"}});
  html.open("select", {{"id", "enhet"}, {"name", "enhet"}});
  for (const auto& [value, text] : options) {
    if (value == chosen) html.element("option", text, {{"value", value}, {"selected", "selected"}});
    else html.element("option", text, {{"value", value}});
  }
  html.close("select").close("div");
}

void filters_form(HtmlWriter& html, const PageCall& call, const FollowUpView& view, const Vocabulary& words) {
  const auto given = [&](const char* name, const std::string& fallback) {
    const auto found = view.given.find(name);
    return found == view.given.end() ? fallback : found->second;
  };
  const bool ok = view.errors.empty();
  html.open("form", {{"method", "get"}, {"action", "/uppfoljning"}, {"class", "filters"},
                     {"aria-label", "Period och urval"}});
  auto date_field = [&](const char* id, const char* label, const std::string& value) {
    html.open("div", {{"class", "field"}});
    html.element("label", label, {{"for", id}});
    html.empty("input", {{"type", "date"}, {"id", id}, {"name", id}, {"value", value}});
    html.close("div");
  };
  date_field("fran", "Förfallodag från och med", given("fran", ok ? format_date(view.query.from) : ""));
  date_field("till", "till och med", given("till", ok ? format_date(view.query.to) : ""));
  html.open("div", {{"class", "field"}});
  html.element("label", "Per", {{"for", "per"}});
  html.open("select", {{"id", "per"}, {"name", "per"}});
  for (const auto& [value, label] : {std::pair{"kommun", "Kommun"}, std::pair{"enhet", "Enhet"}}) {
    const bool chosen = (value == std::string_view("kommun")) == view.by_municipality;
    if (chosen) html.element("option", label, {{"value", value}, {"selected", "selected"}});
    else html.element("option", label, {{"value", value}});
  }
  html.close("select").close("div");
  html.open("div", {{"class", "field"}});
  html.element("label", "Steg", {{"for", "steg"}});
  html.open("select", {{"id", "steg"}, {"name", "steg"}});
  html.element("option", "Alla steg", {{"value", ""}});
  std::vector<StepKey> listed;
  const std::string chosen_step = given("steg", "");
  for (const auto& set : call.context.rule_sets.all())
    for (const auto& rule : set.steps) {
      const bool dated = rule.due.on_payload_date || rule.due.unit;  // an undated step never counts
      if (!dated || std::find(listed.begin(), listed.end(), rule.key) != listed.end()) continue;
      listed.push_back(rule.key);
      if (rule.key.str() == chosen_step)
        html.element("option", rule.title, {{"value", rule.key.str()}, {"selected", "selected"}});
      else html.element("option", rule.title, {{"value", rule.key.str()}});
    }
  html.close("select").close("div");
  unit_field(html, call, view, words, given("enhet", view.own_actor ? view.own_actor->str() : ""));
  html.open("div", {{"class", "field"}});
  html.element("label", "Mål, procent i tid", {{"for", "mal"}});
  html.empty("input", {{"type", "number"}, {"id", "mal"}, {"name", "mal"}, {"min", "1"}, {"max", "100"},
                       {"value", given("mal", std::to_string(std::lround(view.target * 100)))}});
  html.close("div");
  date_field("datum", "Bedömt per", given("datum", format_date(call.today)));
  html.element("button", "Visa", {{"type", "submit"}});
  html.close("form");
}

// The bar chart of the share per group (all steps, or the one chosen) and
// its numbers beside it.
void share_per_group(HtmlWriter& html, const std::vector<std::string>& groups, const Figures& totals,
                     const Grouping& grouping, const Vocabulary& words, double target, std::string_view period) {
  std::vector<ChartBar> bars;
  std::string description = "Stapeldiagram: andel steg klara i tid " + std::string(grouping.per()) + ", " +
                            std::string(period) + ". Mål " + whole_percent(target) + ".";
  int reached = 0, shown = 0;
  for (const std::string& group : groups) {
    const FollowUpFigures& f = totals.at(group);
    const std::string name = group_name(group, grouping, words);
    bars.push_back({name, f.share_on_time(), share_text(f)});
    description += " " + name + " " + share_text(f) + " av " + swedish_number(counted(f)) + ";";
    if (const auto share = f.share_on_time()) {
      ++shown;
      reached += *share >= target ? 1 : 0;
    }
  }
  description += " " + std::to_string(reached) + " av " + std::to_string(shown) + " når målet.";
  html.open("div", {{"class", "chart-pair"}});
  html.open("figure");
  share_bars(html, {"andel-per-grupp", "Andel i tid " + std::string(grouping.per()), description}, bars, target);
  html.element("figcaption", "Andel klara i tid " + std::string(grouping.per()) + ". Strecket är målet " +
                                 whole_percent(target) + ". Siffrorna står i tabellen.");
  html.close("figure");
  open_scroll(html, {"aria-label", "Tabell: andel i tid " + std::string(grouping.per())});
  html.open("table", {{"class", "numbers"}});
  html.element("caption", "Andel i tid " + std::string(grouping.per()) + ", alla valda steg");
  html.open("thead").open("tr");
  html.element("th", grouping.noun(), {{"scope", "col"}});
  for (const char* head : {"Antal", "I tid", "Försenade", "Andel i tid"})
    html.element("th", head, {{"scope", "col"}, {"class", "num"}});
  html.close("tr").close("thead").open("tbody");
  for (const std::string& group : groups) {
    const FollowUpFigures& f = totals.at(group);
    html.open("tr");
    html.element("th", group_name(group, grouping, words), {{"scope", "row"}});
    number_cell(html, swedish_number(counted(f)));
    number_cell(html, swedish_number(f.on_time()));
    number_cell(html, swedish_number(f.late()));
    number_cell(html, share_text(f));
    html.close("tr");
  }
  html.close("tbody").close("table").close("div").close("div");
}

// The table per step × group, a row group per step.
void step_table(HtmlWriter& html, const std::vector<StepKey>& steps, const std::map<std::string, Figures>& cells,
                const Grouping& grouping, const Region& region, const Vocabulary& words, Date titles_on) {
  open_scroll(html, {"aria-label", "Tabell: per steg och " + std::string(grouping.by_municipality ? "kommun" : "enhet")});
  html.open("table", {{"class", "numbers"}});
  html.element("caption", "Per steg och " + std::string(grouping.by_municipality ? "kommun" : "enhet"));
  html.open("thead").open("tr");
  html.element("th", "Steg", {{"scope", "col"}});
  html.element("th", grouping.noun(), {{"scope", "col"}});
  for (const char* head : {"Antal", "I tid", "Försenade", "Andel i tid", "Median arbetsdagar sen", "Pågående",
                           "Avböjda"})
    html.element("th", head, {{"scope", "col"}, {"class", "num"}});
  html.close("tr").close("thead");
  for (const StepKey& step : steps) {
    const Figures& by_group = cells.at(step.str());
    std::vector<std::string> groups;
    for (const auto& [group, f] : by_group) groups.push_back(group);
    groups = ordered(groups, grouping, region, words);
    html.open("tbody");
    bool first = true;
    for (const std::string& group : groups) {
      const FollowUpFigures& f = by_group.at(group);
      html.open("tr");
      if (first)
        html.element("th", words.step_title(step, titles_on),
                     {{"scope", "rowgroup"}, {"rowspan", std::to_string(groups.size())}});
      first = false;
      html.element("th", group_name(group, grouping, words), {{"scope", "row"}});
      number_cell(html, swedish_number(counted(f)));
      number_cell(html, swedish_number(f.on_time()));
      number_cell(html, swedish_number(f.late()));
      number_cell(html, share_text(f));
      number_cell(html, median_text(f));
      number_cell(html, swedish_number(f.pending()));
      number_cell(html, swedish_number(f.declined()));
      html.close("tr");
    }
    html.close("tbody");
  }
  html.close("table").close("div");
}

// One step's 13 months: a column chart and its table.
void step_trend(HtmlWriter& html, const std::string& title, const std::string& id,
                const std::vector<std::string>& months, const Figures& by_month, double target) {
  std::vector<ChartBar> columns;
  std::string description = "Stapeldiagram: andel klara i tid per förfallomånad, " + title + ", " +
                            swedish_month(months.front()) + " – " + swedish_month(months.back()) + ". Mål " +
                            whole_percent(target) + ".";
  for (const std::string& month : months) {
    const auto found = by_month.find(month);
    const FollowUpFigures f = found == by_month.end() ? FollowUpFigures{} : found->second;
    columns.push_back({swedish_month(month), f.share_on_time(), share_text(f)});
    description += " " + swedish_month(month) + " " + (f.share_on_time() ? share_text(f) : "inga") + ";";
  }
  html.element("h3", title, {{"id", id}});
  html.open("div", {{"class", "chart-pair"}});
  html.open("figure");
  share_columns(html, {id + "-diagram", "Andel i tid per månad: " + title, description}, columns, target);
  html.element("figcaption", "Andel klara i tid per förfallomånad. Strecket är målet " + whole_percent(target) +
                                 "; ett streck i stället för stapel: inga steg den månaden.");
  html.close("figure");
  open_scroll(html, {"aria-label", "Tabell per månad: " + title});
  html.open("table", {{"class", "numbers compact"}});
  html.element("caption", "Per månad: " + title);
  html.open("thead").open("tr");
  html.element("th", "Månad", {{"scope", "col"}});
  for (const char* head : {"Antal", "I tid", "Andel i tid"}) html.element("th", head, {{"scope", "col"}, {"class", "num"}});
  html.close("tr").close("thead").open("tbody");
  for (const std::string& month : months) {
    const auto found = by_month.find(month);
    const FollowUpFigures f = found == by_month.end() ? FollowUpFigures{} : found->second;
    html.open("tr");
    html.element("th", swedish_month(month), {{"scope", "row"}});
    number_cell(html, swedish_number(counted(f)));
    number_cell(html, swedish_number(f.on_time()));
    number_cell(html, share_text(f));
    html.close("tr");
  }
  html.close("tbody").close("table").close("div").close("div");
}

// What is overdue on the day, by working days overdue: a column chart of
// the totals and a table per group.
void aging(HtmlWriter& html, const std::vector<storage::SummaryRow>& rows, const Grouping& grouping,
           const Region& region, const Vocabulary& words, Date as_of) {
  std::map<std::string, std::array<std::int64_t, 4>> per_group;
  std::array<std::int64_t, 4> totals{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < 4; ++i) {
      per_group[row.group][i] += row.buckets[i];
      totals[i] += row.buckets[i];
    }
  std::int64_t all = 0;
  for (auto n : totals) all += n;
  html.element("p", "Öppna steg som är försenade " + swedish_date(as_of) + ", efter hur många arbetsdagar som gått "
                    "sedan förfallodagen. Totalt " + swedish_number(all) + ".");
  if (all == 0) return;
  std::vector<ChartBar> columns;
  std::string description = "Stapeldiagram: försenade steg " + swedish_date(as_of) + " efter arbetsdagar försenade.";
  for (std::size_t i = 0; i < 4; ++i) {
    columns.push_back({std::string(bucket_words[i]), static_cast<double>(totals[i]), swedish_number(totals[i])});
    description += " " + std::string(bucket_words[i]) + " arbetsdagar: " + swedish_number(totals[i]) + ";";
  }
  html.open("div", {{"class", "chart-pair"}});
  html.open("figure");
  count_columns(html, {"aldrande", "Försenade steg efter arbetsdagar", description}, columns);
  html.element("figcaption", "Försenade steg efter arbetsdagar försenade (1–5, 6–10, 11–20, 21 eller fler).");
  html.close("figure");
  std::vector<std::string> groups;
  for (const auto& [group, counts] : per_group) groups.push_back(group);
  groups = ordered(groups, grouping, region, words);
  open_scroll(html, {"aria-label", "Tabell: försenade " + std::string(grouping.per())});
  html.open("table", {{"class", "numbers"}});
  html.element("caption", "Försenade " + std::string(grouping.per()) + ", arbetsdagar försenade");
  html.open("thead").open("tr");
  html.element("th", grouping.noun(), {{"scope", "col"}});
  for (std::string_view words_of_bucket : bucket_words)
    html.element("th", words_of_bucket, {{"scope", "col"}, {"class", "num"}});
  html.element("th", "Summa", {{"scope", "col"}, {"class", "num"}});
  html.close("tr").close("thead").open("tbody");
  for (const std::string& group : groups) {
    html.open("tr");
    html.element("th", group_name(group, grouping, words), {{"scope", "row"}});
    std::int64_t sum = 0;
    for (auto n : per_group[group]) {
      number_cell(html, swedish_number(n));
      sum += n;
    }
    number_cell(html, swedish_number(sum));
    html.close("tr");
  }
  html.close("tbody").open("tfoot").open("tr");
  html.element("th", "Summa", {{"scope", "row"}});
  for (auto n : totals) number_cell(html, swedish_number(n));
  number_cell(html, swedish_number(all));
  html.close("tr").close("tfoot").close("table").close("div").close("div");
}

// Whose steps are counted, in words: a unit's own (its default), one unit's
// for the coordinator, or every step in the cases the caller sees.
void whose_steps(HtmlWriter& html, const PageCall& call, const FollowUpView& view, const Vocabulary& words) {
  const std::optional<ActorId>& actor = view.query.actor;
  std::string text;
  if (actor && actor == view.own_actor) text = "Här räknas era egna steg, de som " +
                                               std::string(words.actor_name(*actor)) + " ansvarar för";
  else if (actor) text = "Här räknas stegen som " + std::string(words.actor_name(*actor)) + " ansvarar för";
  else if (view.own_actor) text = "Här räknas alla steg i de ärenden ni ser, vem som än ansvarar för dem";
  else return;
  if (view.own_actor && !scope_of(call.caller, call.context.region).all_cases)
    text += ", i de ärenden ni ser i dag. Länsstyrelsen ser alla ärenden och kan därför räkna fler av era steg, "
            "till exempel i ärenden som ni inte längre ser.";
  else text += ".";
  html.element("p", text);
}

// "YYYY-MM" of the 13 months ending with `last`'s month.
std::vector<std::string> thirteen_months(Date last) {
  std::vector<std::string> months;
  const date::year_month_day end{last};
  for (int back = 12; back >= 0; --back) {
    const date::year_month ym = end.year() / end.month() - date::months{back};
    months.push_back(month_of(Date{ym / 1}));
  }
  return months;
}

}  // namespace

Response follow_up_page(const PageCall& call) {
  const FollowUpView view = parse_follow_up(call);
  const Grouping grouping{view.by_municipality};
  const Region& region = call.context.region;
  const Vocabulary words(region, call.context.rule_sets);
  const storage::FollowUpQuery& query = view.query;
  const bool ok = view.errors.empty();

  std::map<std::string, Figures> cells;  // step → group → figures
  Figures totals;                        // group → figures over the steps
  std::map<std::string, Figures> trend;  // step → month → figures
  std::vector<storage::SummaryRow> overdue;
  std::vector<std::string> months;
  if (ok) {
    for (const auto& row : call.store.follow_up(call.caller, query, call.today)) {
      cells[row.step.str()][row.group] = row.figures;
      totals[row.group].add(row.figures);
    }
    storage::FollowUpQuery by_month = query;
    by_month.by = storage::FollowUpBy::month;
    // Ending with the period's last month, or as_of's if that is earlier:
    // a period into the future would show months with no steps yet.
    const Date trend_end = std::min(query.to, query.as_of);
    months = thirteen_months(trend_end);
    by_month.from = *parse_date(months.front() + "-01");
    const date::year_month_day end{trend_end};
    by_month.to = Date{date::year_month_day_last{end.year() / end.month() / date::last}};
    for (const auto& row : call.store.follow_up(call.caller, by_month, call.today))
      trend[row.step.str()][row.group] = row.figures;
    overdue = call.store.summary(call.caller, grouping.by_municipality ? storage::SummaryBy::municipality
                                                                       : storage::SummaryBy::actor,
                                 query.as_of, call.today, query.actor);
    if (query.step)  // the summary has no step filter: keep the chosen step's rows
      std::erase_if(overdue, [&](const storage::SummaryRow& row) { return row.step != *query.step; });
  }
  std::vector<std::string> groups;
  for (const auto& [group, f] : totals) groups.push_back(group);
  groups = ordered(groups, grouping, region, words);
  const std::vector<StepKey> steps = ordered_steps(call.context.rule_sets, cells);
  const std::vector<StepKey> trend_steps = ordered_steps(call.context.rule_sets, trend);
  const std::string period = ok ? "förfallodag " + swedish_date(query.from) + " – " + swedish_date(query.to) : "";

  return html_response(ok ? 200 : 400, page(call, {"Uppföljning", "uppfoljning"}, [&](HtmlWriter& html) {
    error_summary(html, view.errors, "Urvalet har fel");
    html.element("h1", "Uppföljning");
    html.element("p", "Hur stor andel av stegen som blev klara i tid (inom tidsgränsen), för steg med " +
                          (ok ? period : std::string("förfallodag i perioden")) + ". Öppna steg som passerat "
                          "förfallodagen räknas som försenade. Avböjda steg räknas inte in i andelen; steg i "
                          "avslutade ärenden och steg utan tidsgräns räknas inte alls. Bedömt per är dagen då "
                          "öppna steg bedöms som försenade eller pågående.",
                 {{"class", "lead"}});
    if (ok) whose_steps(html, call, view, words);
    filters_form(html, call, view, words);
    if (!ok) return;
    download_link(html, follow_up_url(view, "/uppfoljning.csv"));
    html.element("h2", "Andel i tid " + std::string(grouping.per()));
    if (groups.empty()) html.element("p", "Inga steg med förfallodag i perioden.", {{"class", "notice"}});
    else share_per_group(html, groups, totals, grouping, words, view.target, period);
    if (!steps.empty()) {
      html.element("h2", "Per steg och " + std::string(grouping.by_municipality ? "kommun" : "enhet"));
      step_table(html, steps, cells, grouping, region, words, query.to);
    }
    html.element("h2", "Utveckling under 13 månader");
    html.element("p", "Andel klara i tid per förfallomånad, " + swedish_month(months.front()) + " – " +
                          swedish_month(months.back()) + ", för varje steg.");
    if (trend_steps.empty()) html.element("p", "Inga steg med förfallodag under de 13 månaderna.", {{"class", "notice"}});
    for (std::size_t i = 0; i < trend_steps.size(); ++i)
      step_trend(html, std::string(words.step_title(trend_steps[i], query.to)), "trend-" + std::to_string(i + 1),
                 months, trend.at(trend_steps[i].str()), view.target);
    html.element("h2", "Försenade steg efter arbetsdagar");
    aging(html, overdue, grouping, region, words, query.as_of);
  }));
}

}  // namespace kedja::server::web
