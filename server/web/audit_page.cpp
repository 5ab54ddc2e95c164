// Loggkontroll (issue 14 §6, admin only): the audit log searched by token,
// case and period (GET /loggkontroll); a seeded random sample of the reads
// of a period, the recurring sample check (GET /loggkontroll/stickprov,
// and as a file for Excel: /loggkontroll/stickprov.csv); and the log
// extract for one person, printable (GET /loggkontroll/utdrag) — HSLF-FS
// 2016:40 4 kap. 9 § asks for recurring, documented log checks, and a
// person may ask who has read or changed their case.
//
// Every search goes through the API's own query (server/audit_query.h:
// the same parameters under Swedish names, the same defaults and
// refusals) and Store::audit_log / audit_sample, the calls of GET
// /v1/audit. All three are GET pages: they change nothing. Like GET
// /v1/audit they are not audited themselves; the extract's heading reads
// the person's name through Store::find_case, which is (a "read" row).
#include "csv/writer.h"
#include "server/audit_query.h"
#include "server/today.h"
#include "server/web/audit_words.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/token_forms.h"
#include "domain/text/unicode.h"

#include <algorithm>
#include <charconv>
#include <tuple>
#include <random>

namespace kedja::server::web {
namespace {

namespace words {
constexpr std::string_view title = "Loggkontroll";
constexpr std::string_view not_for_role =
    "Loggkontrollen är bara för Kedjas administratör. Vill du veta vem som har läst ett ärende, be "
    "administratören om ett loggutdrag.";
constexpr std::string_view lead =
    "Kedja loggar varje läsning och ändring av ett ärende: vem (nyckel och enhet), när och vad. Här söker "
    "du i loggen, drar det återkommande stickprovet av läsningar och skriver ut ett loggutdrag till en "
    "person som begär det (HSLF-FS 2016:40 4 kap. 9 §).";
constexpr std::string_view tab_search = "Sök i loggen";
constexpr std::string_view tab_sample = "Stickprov";
constexpr std::string_view tab_extract = "Loggutdrag för en person";
constexpr std::string_view search_heading = "Sök i loggen";
constexpr std::string_view search_hint =
    "Fyll i en eller flera rutor: en nyckel, ett ärende, en period. Varje ruta du fyller i smalnar av "
    "sökningen.";
constexpr std::string_view token_label = "Nyckel";
constexpr std::string_view token_hint = "Som i Administration; ”cli” är kommandoraden.";
constexpr std::string_view case_label = "Ärende";
constexpr std::string_view case_hint = "Id:t i ärendets adress, till exempel c3f9a1b2c4d5e6f70.";
constexpr std::string_view from_label = "Från och med";
constexpr std::string_view to_label = "Till och med";
constexpr std::string_view date_hint = "ÅÅÅÅ-MM-DD";
constexpr std::string_view search_button = "Sök";
constexpr std::string_view errors_title = "Sökningen gick inte att göra";
constexpr std::string_view rows_heading = "Loggrader";
constexpr std::string_view no_rows = "Inga loggrader matchar sökningen.";
constexpr std::string_view more_rows = "Nästa sida";
constexpr std::string_view col_time = "Tid";
constexpr std::string_view col_unit = "Enhet";
constexpr std::string_view col_token = "Nyckel";
constexpr std::string_view col_kind = "Slag";
constexpr std::string_view col_action = "Vad";
constexpr std::string_view col_case = "Ärende";
constexpr std::string_view admin_unit = "Administratör";
constexpr std::string_view sample_heading = "Stickprov av läsningar";
constexpr std::string_view sample_hint =
    "Ett slumpmässigt urval av läsningarna under perioden, för den återkommande loggkontrollen: granska "
    "att varje läsning hade ett skäl. Urvalet är ett nummer: samma nummer och period drar samma rader igen, "
    "så att kontrollen kan dokumenteras och göras om. Lämna det tomt för ett nytt.";
constexpr std::string_view count_label = "Antal rader";
constexpr std::string_view count_hint = "1–100.";
constexpr std::string_view seed_label = "Urval";
constexpr std::string_view seed_hint = "Ett heltal 1–999999999. Tomt: Kedja drar ett nytt.";
constexpr std::string_view sample_button = "Dra stickprov";
constexpr std::string_view sample_empty = "Perioden har inga läsningar.";
constexpr std::string_view document_hint =
    "Dokumentera kontrollen: skriv ut sidan (Ctrl+P) eller ladda ned filen, och anteckna för varje rad om "
    "läsningen hade ett skäl.";
constexpr std::string_view extract_heading = "Loggutdrag för en person";
constexpr std::string_view extract_hint =
    "Vem som har läst eller ändrat personens ärende, från vilken enhet och när: en sida att skriva ut "
    "(Ctrl+P) och lämna till personen. Utan period: hela ärendets logg.";
constexpr std::string_view extract_button = "Visa loggutdrag";
constexpr std::string_view extract_title = "Loggutdrag";
constexpr std::string_view extract_empty = "Ingen har läst eller ändrat ärendet under perioden.";
constexpr std::string_view print_hint = "Skriv ut sidan med Ctrl+P: menyer och formulär skrivs inte ut.";
}  // namespace words

constexpr int max_sample = 100;
constexpr int default_sample = 20;
constexpr std::uint64_t max_seed = 999'999'999;
constexpr int max_extract_rows = 5000;

// The page's parameter and the API's name for it.
constexpr std::pair<std::string_view, std::string_view> api_names[] = {
    {"nyckel", "token"}, {"arende", "case"}, {"fran", "from"}, {"till", "to"}, {"sida", "cursor"}};

// The refusal of an API field in the page's words, at the page's field.
// `missing`: what the page asks for when no criterion is given (a search:
// a token, a case or a period; the extract: the case).
FormError page_error(std::string_view api_field, std::string_view missing = "Fyll i en nyckel, ett ärende eller en period") {
  if (api_field == "token") return {"nyckel", "Skriv nyckelns namn"};
  if (api_field == "case") return {"arende", std::string(missing)};
  if (api_field == "from") return {"fran", "Från och med ska vara ett datum ÅÅÅÅ-MM-DD (1990–2199)"};
  if (api_field == "to") return {"till", "Till och med ska vara ett datum ÅÅÅÅ-MM-DD, inte före Från och med"};
  if (api_field == "cursor") return {"", "Sidan i adressen gäller inte längre. Sök igen."};
  return {"", "Okänd parameter i adressen (" + std::string(api_field) + ")"};
}

// The page's address read through the API's query: the given parameters
// (non-empty), the query and the errors, each named by the page's field.
struct View {
  bool asked = false;  // the address has a search (any parameter, even empty): only then errors
  Params given;
  storage::AuditQuery query;
  std::vector<FormError> errors;
  int status = 400;    // of a refused search: 404 for a case or token that does not exist
};

// A case id as a person pastes or types it: the case's whole address
// ("https://kedja.region.se/arenden/c3f9…", "/arenden/c3f9…/"), in capitals.
// Kedja makes every case id itself, "c" and 16 hex digits in lower case
// (storage new_case_id), so folding to lower case finds the only case the
// text can mean.
std::string case_id_typed(std::string text) {
  static constexpr std::string_view path = "/arenden/";
  if (const auto at = text.find(path); at != std::string::npos) {
    text.erase(0, at + path.size());
    text = text.substr(0, text.find_first_of("/?#"));
  }
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// `missing`: the page's own words for a search without its criterion.
View parse_view(const PageCall& call, std::initializer_list<std::string_view> page_only,
                std::string_view missing = "Fyll i en nyckel, ett ärende eller en period") {
  View view;
  view.asked = !call.target.params.empty();
  Target api{"/v1/audit", {}};
  // Not a structured binding: clang 14 (the fuzz build) cannot capture one
  // in the lambda below.
  for (const auto& param : call.target.params) {
    const std::string& name = param.first;
    // Trimmed and NFC as every text field Kedja reads (" c3f9…" pasted,
    // "rec-ost " typed), a case id also from its address.
    std::string value = text::normalised(param.second);
    if (name == "arende") value = case_id_typed(std::move(value));
    if (value.empty()) continue;  // an empty field of the form is not given
    view.given[name] = value;
    if (std::find(page_only.begin(), page_only.end(), name) != page_only.end()) continue;
    // Its dates checked here, each fault in the pages' words (swedish.h).
    if (name == "fran" || name == "till") {
      Date day{};
      if (auto problem = swedish_date_problem(value, day)) {
        view.errors.push_back({name, std::string(name == "fran" ? "Från och med " : "Till och med ") + *problem});
        continue;
      }
    }
    const auto known = std::find_if(std::begin(api_names), std::end(api_names),
                                    [&](const auto& pair) { return pair.first == name; });
    if (known == std::end(api_names)) view.errors.push_back({"", "Okänd parameter i adressen (" + name + ")"});
    else api.params[std::string(known->second)] = value;
  }
  auto query = audit_query(api);
  if (!query) {
    for (const FieldError& error : query.problem().errors) view.errors.push_back(page_error(error.field, missing));
  } else {
    view.query = *query;
  }
  if (!view.asked) view.errors.clear();  // a page opened without a search shows its form, no errors
  return view;
}

// Every token's name the log may hold: the tokens and the command line's.
std::vector<std::string> token_names(const PageCall& call) {
  std::vector<std::string> names;
  for (const auto& token : manageable_tokens(call)) names.push_back(token.name);
  if (std::find(names.begin(), names.end(), "cli") == names.end()) names.emplace_back("cli");
  return names;
}

std::string ascii_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

// A case or token the search names that does not exist is said so, at its
// field: "no rows" would tell the log checker that nobody read a case that
// was only mistyped. Token names are case-sensitive (two tokens may differ
// in case alone), so a name in other capitals is not taken for the token:
// the error suggests it.
void check_known(const PageCall& call, View& view) {
  if (!view.errors.empty()) return;
  if (view.query.case_id && !call.store.case_known(*view.query.case_id)) {
    view.errors.push_back({"arende", "Det finns inget ärende med id:t ”" + view.query.case_id->str() +
                                         "”. Kontrollera id:t: det står sist i ärendets adress."});
    view.status = 404;
  }
  if (view.query.token) {
    const auto names = token_names(call);
    const std::string& typed = *view.query.token;
    if (std::find(names.begin(), names.end(), typed) == names.end()) {
      std::string message = "Det finns ingen nyckel som heter ”" + typed + "”.";
      const auto near = std::find_if(names.begin(), names.end(),
                                     [&](const std::string& name) { return ascii_lower(name) == ascii_lower(typed); });
      if (near != names.end()) message += " Menade du ”" + *near + "”? Nycklarnas namn skiljer på stora och små bokstäver.";
      else message += " Välj ett namn i listan.";
      view.errors.push_back({"nyckel", message});
      view.status = 404;
    }
  }
}

std::string given(const View& view, std::string_view name) {
  const auto found = view.given.find(name);
  return found == view.given.end() ? std::string() : found->second;
}


// --- what a row says, in Swedish ---------------------------------------

std::string unit_of(const std::string& actor, const Region& region) {
  if (actor == "admin") return std::string(words::admin_unit);
  if (const Actor* known = region.find_actor(ActorId{actor})) return known->name;
  return actor;
}

std::string cases_words(std::int64_t cases) { return counted(cases, "ärende", "ärenden"); }

// --- the pieces of the pages ---------------------------------------------

void sub_nav(HtmlWriter& html, std::string_view current) {
  html.open("nav", {{"aria-label", "Loggkontroll"}, {"class", "no-print"}});
  html.open("ul", {{"class", "tabs"}});
  for (const auto& [key, href, label] : {std::tuple{"sok", "/loggkontroll", words::tab_search},
                                         std::tuple{"stickprov", "/loggkontroll/stickprov", words::tab_sample},
                                         std::tuple{"utdrag", "/loggkontroll/utdrag", words::tab_extract}}) {
    html.open("li");
    if (current == key) html.element("a", label, {{"href", href}, {"aria-current", "page"}});
    else html.element("a", label, {{"href", href}});
    html.close("li");
  }
  html.close("ul").close("nav");
}

void field(HtmlWriter& html, const View& view, const TextField& spec, std::string_view list = {}) {
  TextField filled = spec;
  filled.value = given(view, spec.name);
  const FormError* error = error_for(view.errors, spec.id);
  if (list.empty()) return text_field(html, filled, error);
  // text_field with a list of suggestions (the token names).
  const std::string hint_id = std::string(spec.id) + "-hint", error_id = std::string(spec.id) + "-error";
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", spec.label, {{"for", spec.id}});
  html.element("p", spec.hint, {{"class", "hint"}, {"id", hint_id}});
  if (error) html.element("p", error->message, {{"class", "field-error"}, {"id", error_id}});
  std::vector<Attr> input = {{"type", "text"}, {"id", spec.id}, {"name", spec.name}, {"value", filled.value},
                             {"list", list}, {"autocomplete", "off"},
                             {"aria-describedby", error ? hint_id + " " + error_id : hint_id}};
  if (error) input.emplace_back("aria-invalid", "true");
  html.empty("input", input);
  html.close("div");
}

// The period's two days, side by side in the compact form.
void period_fields(HtmlWriter& html, const View& view) {
  field(html, view, {"fran", "fran", "date", words::from_label, words::date_hint, {}});
  field(html, view, {"till", "till", "date", words::to_label, words::date_hint, {}});
}

// The log rows as a table; `with_case`: a column for the case.
void rows_table(HtmlWriter& html, const PageCall& call, const std::vector<storage::AuditRow>& rows,
                std::string_view caption, bool with_case) {
  open_scroll(html, {"aria-label", std::string(caption)});
  html.open("table");
  html.element("caption", caption);
  html.open("thead").open("tr");
  for (auto heading : {words::col_time, words::col_unit, words::col_token, words::col_kind, words::col_action})
    html.element("th", heading, {{"scope", "col"}});
  if (with_case) html.element("th", words::col_case, {{"scope", "col"}});
  html.close("tr").close("thead");
  html.open("tbody");
  for (const auto& row : rows) {
    html.open("tr");
    html.open("td").element("time", stockholm_second(row.entry.at), {{"datetime", row.entry.at}}).close("td");
    html.element("td", unit_of(row.entry.actor, call.context.region));
    html.element("td", row.entry.token);
    html.element("td", audit_kind_words(row.read));
    html.element("td", audit_action_words(row, !with_case));
    if (with_case) {
      html.open("td");
      if (row.case_id) html.element("a", row.case_id->str(), {{"href", Url("/arenden").segment(row.case_id->str())}});
      else if (row.cases > 1) html.text(cases_words(row.cases));
      else html.text("–");
      html.close("td");
    }
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

Response not_for_role(const PageCall& call) {
  return html_response(403, page(call, {std::string(words::title), ""}, [](HtmlWriter& html) {
    html.element("h1", words::title);
    html.element("p", words::not_for_role, {{"class", "message"}});
  }));
}

std::string period_words(const View& view) {
  const std::string from = given(view, "fran"), to = given(view, "till");
  const auto from_day = parse_date(from), to_day = parse_date(to);
  if (from_day && to_day) return swedish_date(*from_day) + " – " + swedish_date(*to_day);
  if (from_day) return "från " + swedish_date(*from_day);
  if (to_day) return "till och med " + swedish_date(*to_day);
  return "hela loggen";
}

// --- Sök i loggen ---------------------------------------------------------

Response search_view(const PageCall& call) {
  View view = parse_view(call, {});
  const bool asked = view.asked;
  if (asked) check_known(call, view);
  storage::Page<storage::AuditRow> found;
  if (asked && view.errors.empty()) {
    try {
      found = call.store.audit_log(view.query);
    } catch (const storage::BadCursor&) {  // a page address from another search, or made up
      view.errors.push_back(page_error("cursor"));
    }
  }
  const bool bad = asked && !view.errors.empty();
  return html_response(bad ? view.status : 200, page(call, {std::string(words::title), "loggkontroll"}, [&](HtmlWriter& html) {
    if (bad) error_summary(html, view.errors, words::errors_title);
    html.element("h1", words::title);
    html.element("p", words::lead, {{"class", "lead"}});
    sub_nav(html, "sok");
    html.element("h2", words::search_heading);
    html.element("p", words::search_hint, {{"class", "hint"}});
    html.open("form", {{"method", "get"}, {"action", "/loggkontroll"}, {"class", "filters"},
                       {"aria-label", "Sök i loggen"}, {"novalidate", "novalidate"}});
    field(html, view, {"nyckel", "nyckel", "text", words::token_label, words::token_hint, {}}, "nyckelnamn");
    html.open("datalist", {{"id", "nyckelnamn"}});
    for (const auto& name : token_names(call)) html.element("option", "", {{"value", name}});
    html.close("datalist");
    field(html, view, {"arende", "arende", "text", words::case_label, words::case_hint, {}});
    period_fields(html, view);
    html.element("button", words::search_button, {{"type", "submit"}});
    html.close("form");
    if (!asked || bad) return;
    html.element("h2", words::rows_heading, {{"id", "rader"}});
    if (found.items.empty()) {
      html.element("p", words::no_rows);
      return;
    }
    rows_table(html, call, found.items,
               counted(static_cast<std::int64_t>(found.items.size()), "rad", "rader") + ", äldst först (" +
                   period_words(view) + "). Tid i svensk tid.",
               true);
    if (found.next_cursor) {
      Url next("/loggkontroll");
      for (const char* name : {"nyckel", "arende", "fran", "till"}) next.param(name, given(view, name));
      next.param("sida", *found.next_cursor);
      html.open("p", {{"class", "pager"}}).element("a", words::more_rows, {{"href", next}, {"rel", "next"}}).close("p");
    }
  }));
}

// --- Stickprov ------------------------------------------------------------

// The sample's own parameters: antal (1–100, default 20) and urval (the
// seed, 1–999999999).
struct SampleParams {
  int count = default_sample;
  std::optional<std::uint64_t> seed;
};

template <typename Number>
std::optional<Number> whole_number(const std::string& text, Number min, Number max) {
  Number n{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (error != std::errc() || end != text.data() + text.size() || n < min || n > max) return std::nullopt;
  return n;
}

SampleParams sample_params(View& view) {
  SampleParams params;
  // A sample needs its period, asked for below in its own words, not "a
  // token, a case or a period" as a search does.
  std::erase_if(view.errors, [](const FormError& error) { return error.field == "arende"; });
  if (const std::string antal = given(view, "antal"); !antal.empty()) {
    if (auto n = whole_number<int>(antal, 1, max_sample)) params.count = *n;
    else view.errors.push_back({"antal", "Antal rader ska vara ett heltal 1–100"});
  }
  if (const std::string urval = given(view, "urval"); !urval.empty()) {
    if (auto n = whole_number<std::uint64_t>(urval, 1, max_seed)) params.seed = *n;
    else view.errors.push_back({"urval", "Urvalet ska vara ett heltal 1–999999999"});
  }
  // A sample is of reads in a period; the page's other search fields are
  // not its own.
  for (const char* name : {"nyckel", "arende", "sida"})
    if (view.given.contains(name)) view.errors.push_back({"", "Okänd parameter i adressen (" + std::string(name) + ")"});
  if (!view.given.contains("fran")) view.errors.push_back({"fran", "Fyll i periodens första dag"});
  if (!view.given.contains("till")) view.errors.push_back({"till", "Fyll i periodens sista dag"});
  if (!view.asked) view.errors.clear();  // the form before any draw: no errors
  return params;
}

// The previous full month: the usual period of a monthly check.
std::pair<Date, Date> last_month(Date today) {
  const date::year_month_day ymd{today};
  const auto first_this = date::year_month_day{ymd.year(), ymd.month(), date::day{1}};
  const Date end = Date{date::sys_days{first_this}} - date::days{1};
  const date::year_month_day end_ymd{end};
  return {Date{date::sys_days{date::year_month_day{end_ymd.year(), end_ymd.month(), date::day{1}}}}, end};
}

Url sample_url(std::string_view path, const View& view, int count, std::uint64_t seed) {
  Url url(path);
  url.param("fran", given(view, "fran")).param("till", given(view, "till"));
  url.param("antal", std::to_string(count)).param("urval", std::to_string(seed));
  return url;
}

std::uint64_t new_seed() {
  std::random_device device;
  return std::uniform_int_distribution<std::uint64_t>(1, max_seed)(device);
}

// `file`: asked for the CSV file, which needs its urval (no new draw).
Response sample_view(const PageCall& call, bool file = false) {
  View view = parse_view(call, {"antal", "urval"});
  const bool asked = view.asked;
  const SampleParams params = sample_params(view);
  if (file && !params.seed && view.errors.empty()) view.errors.push_back({"urval", "Fyll i urvalets nummer"});
  const bool bad = asked && !view.errors.empty();
  if (asked && !bad && !params.seed)  // a new draw gets its number in the address, to note and repeat
    return redirect(sample_url("/loggkontroll/stickprov", view, params.count, new_seed()).str());
  if (!asked) {  // the form, filled in with last month
    const auto [from, to] = last_month(call.today);
    view.given["fran"] = format_date(from);
    view.given["till"] = format_date(to);
    view.given["antal"] = std::to_string(default_sample);
  }
  std::vector<storage::AuditRow> rows;
  if (asked && !bad) rows = call.store.audit_sample(view.query.from_utc, view.query.until_utc, *params.seed, params.count);
  return html_response(bad ? 400 : 200, page(call, {std::string(words::tab_sample) + " – " + std::string(words::title),
                                                    "loggkontroll"}, [&](HtmlWriter& html) {
    if (bad) error_summary(html, view.errors, words::errors_title);
    html.element("h1", words::title);
    sub_nav(html, "stickprov");
    html.element("h2", words::sample_heading);
    html.element("p", words::sample_hint, {{"class", "hint"}});
    html.open("form", {{"method", "get"}, {"action", "/loggkontroll/stickprov"}, {"class", "filters"},
                       {"aria-label", "Stickprov"}, {"novalidate", "novalidate"}});
    period_fields(html, view);
    field(html, view, {"antal", "antal", "number", words::count_label, words::count_hint, {}});
    field(html, view, {"urval", "urval", "text", words::seed_label, words::seed_hint, {}});
    html.element("button", words::sample_button, {{"type", "submit"}});
    html.close("form");
    if (!asked || bad) return;
    html.element("h2", "Urval " + std::to_string(*params.seed) + ", " + period_words(view), {{"id", "rader"}});
    html.open("p");
    html.text("Stickprovet har urval " + std::to_string(*params.seed) + ": samma urval och period ger samma rader. ");
    html.element("a", "Adress till just detta stickprov",
                 {{"href", sample_url("/loggkontroll/stickprov", view, params.count, *params.seed)}});
    html.close("p");
    html.open("p");
    html.text("Draget ");
    date_element(html, call.today);
    html.text(" av " + unit_name(call.caller, call.context.region) + ". ");
    html.text(words::document_hint);
    html.close("p");
    if (rows.empty()) {
      html.element("p", words::sample_empty);
      return;
    }
    download_link(html, sample_url("/loggkontroll/stickprov.csv", view, params.count, *params.seed));
    rows_table(html, call, rows,
               counted(static_cast<std::int64_t>(rows.size()), "slumpvis vald läsning", "slumpvis valda läsningar") +
                   ", i tidsordning. Tid i svensk tid.",
               true);
  }));
}

// --- Loggutdrag -----------------------------------------------------------

Response extract_view(const PageCall& call) {
  // The extract's own words: it has no Nyckel field, and it is of one case.
  View view = parse_view(call, {}, "Fyll i ärendets id");
  const bool asked = view.asked;
  if (asked && !view.given.contains("arende") &&
      std::none_of(view.errors.begin(), view.errors.end(), [](const FormError& e) { return e.field == "arende"; }))
    view.errors.push_back({"arende", "Fyll i ärendets id"});
  if (asked && view.given.contains("nyckel")) view.errors.push_back({"", "Okänd parameter i adressen (nyckel)"});
  std::optional<storage::StoredCase> person;
  bool unknown_case = false;
  if (asked && view.errors.empty()) {
    // Known first, unaudited: find_case is a read of the person (audited),
    // and answers alike for a case that does not exist.
    check_known(call, view);
    unknown_case = !view.errors.empty();
  }
  if (asked && view.errors.empty()) {
    auto found = call.store.find_case(call.caller, *view.query.case_id, call.today);  // audited: a read
    if (found) person = std::move(*found);
    else view.errors.push_back({"arende", "Det finns inget ärende med id:t ”" + view.query.case_id->str() + "”."});
    unknown_case = !found;
  }
  const bool bad = asked && !view.errors.empty();
  std::vector<storage::AuditRow> rows;
  bool cut = false;
  if (person) {
    storage::AuditQuery query = view.query;
    query.limit = storage::max_page_size;
    do {
      auto page = call.store.audit_log(query);
      rows.insert(rows.end(), page.items.begin(), page.items.end());
      query.cursor = page.next_cursor;
    } while (query.cursor && static_cast<int>(rows.size()) < max_extract_rows);
    cut = query.cursor.has_value();
  }
  const int status = unknown_case ? 404 : bad ? 400 : 200;
  return html_response(status, page(call, {std::string(words::extract_title) + " – " + std::string(words::title),
                                           "loggkontroll"}, [&](HtmlWriter& html) {
    if (bad) error_summary(html, view.errors, words::errors_title);
    html.element("h1", person ? words::extract_title : words::title);
    sub_nav(html, "utdrag");
    html.open("div", {{"class", "no-print"}});
    html.element("h2", words::extract_heading);
    html.element("p", words::extract_hint, {{"class", "hint"}});
    html.close("div");
    html.open("form", {{"method", "get"}, {"action", "/loggkontroll/utdrag"}, {"class", "filters"},
                       {"aria-label", "Loggutdrag"}, {"novalidate", "novalidate"}});
    field(html, view, {"arende", "arende", "text", words::case_label, words::case_hint, {}});
    period_fields(html, view);
    html.element("button", words::extract_button, {{"type", "submit"}});
    html.close("form");
    if (!person) return;
    const Case& c = person->the_case;
    html.open("dl", {{"class", "person"}});
    html.element("dt", "Person");
    html.element("dd", c.given_name + " " + c.family_name);
    html.element("dt", "Född");
    html.open("dd");
    date_element(html, c.birth_date);
    html.close("dd");
    html.element("dt", "Ärende");
    html.element("dd", c.id.str());
    html.element("dt", "Period");
    html.element("dd", period_words(view));
    html.element("dt", "Utdraget gjort");
    html.open("dd");
    date_element(html, call.today);
    html.text(" av " + unit_name(call.caller, call.context.region) + ", " + call.context.region.name());
    html.close("dd");
    html.close("dl");
    html.element("p", words::print_hint, {{"class", "hint no-print"}});
    if (rows.empty()) {
      html.element("p", words::extract_empty);
      return;
    }
    rows_table(html, call, rows,
               "Vem som läst eller ändrat ärendet: " +
                   counted(static_cast<std::int64_t>(rows.size()), "loggrad", "loggrader") +
                   ", äldst först. Tid i svensk tid.",
               false);
    if (cut)
      html.element("p", "Utdraget visar de första " + swedish_number(max_extract_rows) +
                            " raderna. Välj en kortare period för resten.",
                   {{"class", "notice"}});
  }));
}

}  // namespace

Response audit_search_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  return search_view(call);
}

Response audit_sample_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  return sample_view(call);
}

Response audit_extract_page(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  return extract_view(call);
}

// The sample as a file for Excel (csv/writer.h: BOM, ';', CRLF, formula
// cells neutralised): the same address as the page, urval required.
Response audit_sample_csv(const PageCall& call) {
  if (call.caller.role != Role::admin) return not_for_role(call);
  View view = parse_view(call, {"antal", "urval"});
  const SampleParams params = sample_params(view);
  if (!params.seed || !view.errors.empty()) return sample_view(call, true);  // the form, with the errors
  const auto rows = call.store.audit_sample(view.query.from_utc, view.query.until_utc, *params.seed, params.count);
  std::string out;
  csv::Writer csv(out);
  csv.row({"Tid (svensk tid)", "Tid (UTC)", "Enhet", "Enhetens id", "Nyckel", "Slag", "Vad", "Ärende",
           "Antal ärenden", "Urval", "Period"});
  const std::string period = given(view, "fran") + "–" + given(view, "till");
  for (const auto& row : rows) {
    csv.cell(stockholm_second(row.entry.at)).cell(row.entry.at);
    csv.cell(unit_of(row.entry.actor, call.context.region)).cell(row.entry.actor).cell(row.entry.token);
    csv.cell(audit_kind_words(row.read)).cell(audit_action_words(row));
    csv.cell(row.case_id ? row.case_id->str() : std::string()).cell(row.cases);
    csv.cell(static_cast<std::int64_t>(*params.seed)).cell(period);
    csv.end_row();
  }
  const std::string name = "stickprov-" + given(view, "fran") + "-" + given(view, "till") + "-urval-" +
                           std::to_string(*params.seed) + ".csv";
  return csv_file(std::move(out), name, name);
}

}  // namespace kedja::server::web
