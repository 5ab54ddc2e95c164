// GET /arenden/{id}: one case — the person as the role may see it, the chain
// of steps as a timeline, the events in order, and the forms for exactly
// the events this role may record. Read through Store::find_case, as
// GET /v1/cases/{id}: the same scope (404 outside it) and audit row.
#include "server/web/event_forms.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include <algorithm>
#include <map>
#include <set>

namespace kedja::server::web {
namespace {

std::string actor_name(const Region& region, const ActorId& id) {
  if (const Actor* actor = region.find_actor(id)) return actor->name;
  if (id.str() == "admin") return "Administratör";
  return id.str();
}

std::string sex_word(Sex sex) {
  switch (sex) {
    case Sex::F: return "Kvinna/flicka";
    case Sex::M: return "Man/pojke";
    case Sex::X: return "Annat/okänt";
  }
  return "";
}

void row(HtmlWriter& html, std::string_view term, std::string_view value) {
  html.element("dt", term).element("dd", value);
}

void person(HtmlWriter& html, const PageCall& call, const storage::StoredCase& stored, bool hide) {
  const Case& c = stored.the_case;
  const Region& region = call.context.region;
  html.element("h2", "Personen");
  html.open("dl", {{"class", "person"}});
  row(html, "Ärende", c.id.str());
  if (hide) {
    row(html, "Födelseår", std::to_string(static_cast<int>(date::year_month_day{c.birth_date}.year())));
  } else {
    html.element("dt", "Födelsedatum").open("dd");
    date_element(html, c.birth_date);
    html.text(" (" + std::to_string(age_on(c.birth_date, call.today)) + " år)").close("dd");
  }
  row(html, "Kön", sex_word(c.sex));
  row(html, "Språk", c.language);
  row(html, "Tolk behövs", c.interpreter_needed ? "Ja" : "Nej");
  row(html, "Ensamkommande", c.unaccompanied ? "Ja" : "Nej");
  if (!hide) {
    if (c.household) {
      html.element("dt", "Hushåll").open("dd");
      html.element("a", *c.household, {{"href", Url("/hushall").param("hushall", *c.household)}});
      html.close("dd");
    } else {
      row(html, "Hushåll", "–");
    }
    row(html, "Dossiernummer", c.external_ref.value_or("–"));
  }
  row(html, "Kommun", municipality_name(region, stored.state.municipality));
  row(html, "Hälsocentral", actor_name(region, stored.state.health_centre));
  row(html, "Ärendets status", stored.state.closed ? "Avslutat" : "Pågår");
  html.close("dl");
}

// The step's status in words, with how late or how much time is left.
std::string step_state(const Step& step, const PageCall& call, bool& overdue) {
  overdue = false;
  switch (step.status) {
    case StepStatus::open: {
      if (!step.due_on) return "Öppet, utan tidsgräns";
      const int late = working_days_overdue(step, call.today, call.context.calendar);
      if (late > 0) {
        overdue = true;
        return "Försenat, " + working_days_late(late);
      }
      return "Öppet, " + time_left(*step.due_on, call.today, call.context.calendar);
    }
    case StepStatus::done:
      if (step.late) return "Klart, " + working_days_late(step.working_days_late);
      return step.due_on ? "Klart i tid" : "Klart";
    case StepStatus::declined: return "Avböjt";
    case StepStatus::cancelled: return "Avbrutet";
  }
  return "";
}

void timeline(HtmlWriter& html, const PageCall& call, const storage::StoredCase& stored) {
  html.element("h2", "Kedjans steg");
  if (stored.state.steps.empty()) {
    html.element("p", "Inga steg har öppnats ännu.", {{"class", "muted"}});
    return;
  }
  html.open("ol", {{"class", "timeline"}});
  for (const Step& step : stored.state.steps) {
    bool overdue = false;
    const std::string state = step_state(step, call, overdue);
    const std::string css = overdue ? "overdue" : std::string(to_string(step.status));
    html.open("li", {{"class", css}});
    html.element("strong", step.title).text(" – ");
    html.element("span", state, {{"class", "status"}});
    html.open("div", {{"class", "muted"}});
    html.text(actor_name(call.context.region, step.actor) + ". Öppnat ");
    date_element(html, step.opened_on);
    if (step.due_on) {
      html.text(", förfaller ");
      date_element(html, *step.due_on);
    }
    if (step.done_on && step.status != StepStatus::open) {
      html.text(step.status == StepStatus::done ? ", klart " : ", stängt ");
      date_element(html, *step.done_on);
    }
    html.text(".");
    html.close("div");
    html.close("li");
  }
  html.close("ol");
}

// "Bokad tid: tis 22 dec 2026" and the like, for the events table.
std::string payload_words(const Event& event, const Region& region) {
  std::string out;
  for (const auto& [name, value] : payload_values(event)) {
    const auto field = field_from(name);
    std::string text;
    if (const auto* s = std::get_if<std::string>(&value)) {
      text = *s;
      if (auto day = parse_date(*s)) text = swedish_date(*day);
      else if (field == Field::municipality) text = municipality_name(region, *s);
      else if (field == Field::health_centre) text = actor_name(region, ActorId{*s});
      else if (field) text = std::string(value_label(*field, *s));
    } else if (const auto* b = std::get_if<bool>(&value)) {
      text = *b ? "ja" : "nej";
    } else if (const auto* n = std::get_if<std::int64_t>(&value)) {
      text = "nr " + std::to_string(*n);
    }
    out += (out.empty() ? "" : "; ") + field_label(name) + ": " + text;
  }
  return out;
}

void events_table(HtmlWriter& html, const PageCall& call, const storage::StoredCase& stored) {
  html.element("h2", "Händelser");
  // seq → the void's reason, for the events that were voided; in words
  // through value_label, as the closure's reason in payload_words (a reason
  // hidden from the coordinator says so).
  std::map<std::int64_t, std::string> voided;
  for (const auto& e : stored.events) {
    if (e.event.type != EventType::event_voided || !e.event.voided_seq) continue;
    const std::string reason = e.event.reason.value_or("");
    voided[*e.event.voided_seq] = std::string(value_label(Field::reason, reason));
  }
  open_scroll(html, {"aria-label", "Händelser"});
  html.open("table", {{"class", "events"}});
  html.element("caption", "Alla händelser i ärendet, i den ordning de registrerades");
  html.open("thead").open("tr");
  for (const char* head : {"Nr", "Datum", "Händelse", "Uppgifter", "Registrerad av"})
    html.element("th", head, {{"scope", "col"}});
  html.close("tr").close("thead").open("tbody");
  for (const auto& e : stored.events) {
    const auto void_of = voided.find(e.seq);
    html.open("tr");
    html.element("td", std::to_string(e.seq), {{"class", "num"}});
    html.open("td");
    date_element(html, e.event.date);
    html.close("td");
    html.open("td");
    if (void_of != voided.end()) {
      html.open("del").text(event_label(e.event.type)).close("del");
      html.element("div", "Makulerad: " + void_of->second, {{"class", "void-reason"}});
    } else {
      html.text(event_label(e.event.type));
    }
    html.close("td");
    std::string words = payload_words(e.event, call.context.region);
    if (e.event.type == EventType::step_declined && e.event.step)
      words = "Steg: " + step_title(call.context.rule_sets, StepKey{*e.event.step});
    html.element("td", words);
    html.element("td", actor_name(call.context.region, e.recorded_by));
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

void forms(HtmlWriter& html, const PageCall& call, const storage::StoredCase& stored,
           const FailedForm* failed) {
  const auto types = recordable_types(call.caller);
  const bool admin = call.caller.role == Role::admin;
  EventFormView base;
  base.values = failed ? &call.form : nullptr;
  base.errors = failed ? &failed->errors : nullptr;

  // The closers of the caller's own open steps first, the first one open.
  std::vector<EventType> order;
  std::vector<std::pair<std::string, std::string>> own_open;
  for (const Step& step : stored.state.steps) {
    if (step.status != StepStatus::open) continue;
    if (!admin && (!call.caller.actor || step.actor != *call.caller.actor)) continue;
    const StepRule* rule = stored.state.rule_set ? stored.state.rule_set->find(step.key) : nullptr;
    // Only a voluntary step can be declined (contract §3 v1.1).
    if (rule && rule->voluntary) own_open.emplace_back(step.key.str(), step.title);
    if (rule)
        for (EventType closer : rule->closes_on)
          if (std::find(types.begin(), types.end(), closer) != types.end() &&
              std::find(order.begin(), order.end(), closer) == order.end())
            order.push_back(closer);
  }
  const std::size_t closers = order.size();
  for (EventType type : types)
    if (std::find(order.begin(), order.end(), type) == order.end()) order.push_back(type);

  std::vector<std::pair<std::string, std::string>> voidable;
  std::set<std::int64_t> voided;
  for (const auto& e : stored.events)
    if (e.event.type == EventType::event_voided && e.event.voided_seq) voided.insert(*e.event.voided_seq);
  for (const auto& e : stored.events) {
    if (e.event.type == EventType::event_voided || voided.contains(e.seq)) continue;
    if (!admin && (!call.caller.actor || e.recorded_by != *call.caller.actor)) continue;
    voidable.emplace_back(std::to_string(e.seq), "Nr " + std::to_string(e.seq) + ": " +
                                                     std::string(event_label(e.event.type)) + ", " +
                                                     swedish_date(e.event.date));
  }
  if (order.empty() && own_open.empty() && voidable.empty()) return;

  html.open("section", {{"aria-labelledby", "registrera"}});
  html.element("h2", "Registrera", {{"id", "registrera"}});
  auto one = [&](EventType type, bool open, const std::string& summary, EventFormView view) {
    const bool failed_here = failed && failed->type == type;
    view.id_prefix = std::string(to_string(type));
    if (!failed_here) {
      view.values = nullptr;
      view.errors = nullptr;
    }
    if (open || failed_here) html.open("details", {{"open", "open"}});
    else html.open("details");
    html.element("summary", summary);
    event_form(html, call, stored.the_case.id, type, view);
    html.close("details");
  };
  for (std::size_t i = 0; i < order.size(); ++i)
    one(order[i], i == 0 && closers > 0, std::string(event_label(order[i])), base);
  if (!own_open.empty() && !stored.state.closed) {
    EventFormView view = base;
    view.step_choices = own_open;
    one(EventType::step_declined, false, "Avböjt – personen deltar inte i ett frivilligt steg", view);
  }
  if (!voidable.empty()) {
    EventFormView view = base;
    view.event_choices = voidable;
    one(EventType::event_voided, false, "Makulera en felaktig händelse", view);
  }
  html.close("section");
}

}  // namespace

Response case_page(const PageCall& call, const CaseId& id, const FailedForm* failed) {
  auto stored = call.store.find_case(call.caller, id, call.today);
  if (!stored) {
    return html_response(404, page(call, {"Ärendet finns inte", ""}, [](HtmlWriter& html) {
      html.element("h1", "Ärendet finns inte");
      html.element("p", "Ärendet finns inte, eller så hör det inte till din enhet.");
      html.open("p").element("a", "Till Att göra", {{"href", "/att-gora"}}).close("p");
    }));
  }
  const bool hide = scope_of(call.caller, call.context.region).hide_identity;
  const Case& c = stored->the_case;
  const std::string title = hide ? "Ärende " + c.id.str() : c.given_name + " " + c.family_name;
  const int status = failed ? failed->status : 200;
  return html_response(status, page(call, {title, ""}, [&](HtmlWriter& html) {
    if (failed) error_summary(html, failed->errors);
    session_notice(html, call.session);
    html.open("p").element("a", "← Tillbaka till Att göra", {{"href", failed ? failed->list : "/att-gora"}}).close("p");
    html.element("h1", title);
    html.open("div", {{"class", "cols"}});
    html.open("div");
    person(html, call, *stored, hide);
    timeline(html, call, *stored);
    html.close("div");
    html.open("div");
    forms(html, call, *stored, failed);
    html.close("div");
    html.close("div");
    events_table(html, call, *stored);
  }));
}

}  // namespace kedja::server::web
