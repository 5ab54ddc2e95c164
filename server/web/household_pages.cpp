// Ny ankomst and Hushåll (issue 14 §1–2).
//
// GET, POST /ny-ankomst: one form registers a household — the shared fields
//   (household, language, interpreter, municipality, the arrival notice date
//   and the expected arrival) once, each person's own fields on a row. A
//   fixed number of rows (6; `?rader=N` up to 20 through a "more rows"
//   link), empty rows ignored, no script needed. The POST goes through
//   parse_case and parse_event — the JSON API's parsers — and
//   Store::create_cases: every person checked as POST /v1/cases checks one,
//   all written in one transaction or none. A bad row is named "person 3:
//   födelsedatum: …"; possible duplicates are shown per person with a box
//   to tick ("a new person") before the household is registered.
//   Success: 303 to the household's page.
// GET /hushall?hushall=H: the household's cases in the caller's scope side
//   by side with their open steps, the same-day steps ("Informera
//   hälsocentralen", "Informera skolan") offered for every member whose
//   step is open, and one event for several members at once.
// POST /hushall/handelser: those events through Store::append_events, all
//   or nothing in one write; each (member, type) gets the form's fresh
//   event_id with a suffix, so a double click records once.
#include "domain/rules.h"
#include "domain/text/collation.h"
#include "domain/text/unicode.h"
#include "server/problem.h"
#include "server/web/event_forms.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/token_forms.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace kedja::server::web {
namespace {

// Every word of the two pages, in one place.
namespace words {
constexpr std::string_view arrival_title = "Ny ankomst";
constexpr std::string_view arrival_lead =
    "Registrera ett hushåll som har aviserats: det som gäller hela hushållet fylls i en gång, och varje "
    "person på en egen rad. Tomma rader hoppas över. Antingen registreras hela hushållet, eller ingen.";
constexpr std::string_view not_for_role =
    "Ny ankomst är för mottagningsenheter och Migrationsverket, som registrerar nya personer i Kedja. Din "
    "roll kan inte skapa ärenden.";
constexpr std::string_view shared_legend = "Hushållet";
constexpr std::string_view household = "Hushåll";
constexpr std::string_view household_hint = "Samma beteckning för alla i familjen, till exempel HH-17.";
constexpr std::string_view language = "Språk";
constexpr std::string_view interpreter = "Tolk behövs";
constexpr std::string_view municipality = "Kommun";
constexpr std::string_view notice_date = "Aviseringsdatum";
constexpr std::string_view notice_hint = "Dagen aviseringen kom. Hälsocentralen och skolan ska informeras samma dag.";
constexpr std::string_view expected = "Förväntad ankomst";
constexpr std::string_view notice_by_reception =
    "Aviseringen är mottagningsenhetens händelse: personerna registreras utan den, och kommunens "
    "mottagningsenhet registrerar den när den kommer.";
constexpr std::string_view given = "Förnamn";
constexpr std::string_view family = "Efternamn";
constexpr std::string_view birth = "Födelsedatum";
constexpr std::string_view sex = "Kön";
constexpr std::string_view ref = "Dossiernummer (frivilligt)";
constexpr std::string_view choose = "Välj";
constexpr std::string_view more_rows = "Fler rader";
constexpr std::string_view more_rows_hint =
    "Fler rader lägger till fyra tomma rader. Det du har fyllt i finns kvar, och inget sparas förrän du "
    "registrerar hushållet.";
constexpr std::string_view choose_municipality = "Välj kommun";
constexpr std::string_view register_button = "Registrera hushållet";
constexpr std::string_view errors_title = "Hushållet kunde inte registreras";
constexpr std::string_view nothing_written = "Inget sparades. Rätta felen och skicka formuläret igen.";
constexpr std::string_view no_person = "Fyll i minst en person.";
constexpr std::string_view duplicates_title = "Kan vara personer som redan finns i Kedja";
constexpr std::string_view duplicates_text =
    "Inget sparades. Kontrollera personerna nedan. Är det en ny person, kryssa i rutan vid personen och "
    "skicka formuläret igen.";
constexpr std::string_view confirm_new = "Det är en ny person – registrera ändå";
constexpr std::string_view unavailable = "Kedja kan inte spara just nu, så inget sparades. Försök igen om en stund.";
constexpr std::string_view household_title = "Hushåll";
constexpr std::string_view members_caption = "Personer i hushållet och deras öppna steg";
constexpr std::string_view col_person = "Person";
constexpr std::string_view col_age = "Ålder";
constexpr std::string_view col_open = "Öppna steg";
constexpr std::string_view no_open = "Inga öppna steg";
constexpr std::string_view no_members = "Inga ärenden i hushållet som du kan se.";
constexpr std::string_view coordinator = "Hushåll visas inte för samordnare: uppgifterna är pseudonymiserade.";
constexpr std::string_view same_day_heading = "Samma dag: informera hälsocentralen och skolan";
constexpr std::string_view same_day_text =
    "Kryssa i dem som har informerats. Allt registreras på en gång, eller inget.";
constexpr std::string_view same_day_caption = "Vem har informerats";
constexpr std::string_view several_heading = "Registrera en händelse för flera";
constexpr std::string_view event_type = "Händelse";
constexpr std::string_view date = "Datum";
constexpr std::string_view members_legend = "För vilka";
constexpr std::string_view record_selected = "Registrera för valda";
constexpr std::string_view none_selected = "Välj minst en person.";
constexpr std::string_view saved = "Sparat för ";
}  // namespace words

constexpr int default_rows = 6;
constexpr int max_rows = 20;

// The shared inputs' ids and the contract fields they feed.
struct Shared {
  std::string_view id, field;
};
constexpr Shared shared_inputs[] = {{"hushall", "household"}, {"sprak", "language"}, {"kommun", "municipality"},
                                    {"aviseringsdatum", "date"}, {"ankomst", "expected_arrival"}};
// A person's inputs ("p3-fornamn"), their label and the field they feed.
struct PersonInput {
  std::string_view id, label, field;
};
constexpr PersonInput person_inputs[] = {{"fornamn", words::given, "given_name"},
                                         {"efternamn", words::family, "family_name"},
                                         {"fodelsedatum", words::birth, "birth_date"},
                                         {"kon", words::sex, "sex"},
                                         {"dossiernummer", words::ref, "external_ref"}};

std::string person_id(int row, std::string_view input) { return "p" + std::to_string(row) + "-" + std::string(input); }

std::string value_of(const PageCall& call, std::string_view name) {
  const std::string* value = call.field(name);
  return value ? *value : std::string();
}

int rows_wanted(const PageCall& call) {
  int rows = default_rows;
  const auto found = call.target.params.find("rader");
  const std::string* posted = call.field("rader");
  const std::string text = posted ? *posted : found != call.target.params.end() ? found->second : "";
  if (!text.empty() && text.size() <= 2 && std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; })) rows = std::stoi(text);
  return std::clamp(rows, 1, max_rows);
}

// A contract field as the form's label says it, lower case ("födelsedatum").
std::string field_word(std::string_view field) {
  static const std::pair<std::string_view, std::string_view> words_of[] = {
      {"household", "hushåll"},        {"language", "språk"},          {"municipality", "kommun"},
      {"interpreter_needed", "tolk"},  {"date", "aviseringsdatum"},   {"expected_arrival", "förväntad ankomst"},
      {"given_name", "förnamn"},       {"family_name", "efternamn"},  {"birth_date", "födelsedatum"},
      {"sex", "kön"},                  {"external_ref", "dossiernummer"}};
  for (const auto& [name, word] : words_of)
    if (name == field) return std::string(word);
  return field_label(field);
}

// The input that shows a field's error: a shared one, or the row's own.
std::string input_for(std::string_view field, int row) {
  for (const Shared& shared : shared_inputs)
    if (shared.field == field) return std::string(shared.id);
  if (field == "interpreter_needed") return "tolk";
  for (const PersonInput& input : person_inputs)
    if (input.field == field) return person_id(row, input.id);
  return row > 0 ? person_id(row, "fornamn") : "";
}

bool is_shared(std::string_view field) {
  if (field == "interpreter_needed") return true;
  return std::any_of(std::begin(shared_inputs), std::end(shared_inputs),
                     [&](const Shared& shared) { return shared.field == field; });
}

// What the form holds, with its errors (by input id, in Swedish).
struct ArrivalForm {
  int rows = default_rows;
  std::vector<FormError> errors;
  std::set<std::string> bad_inputs;
  std::map<std::string, std::string> beside;  // the message shown at an input (its first)
  std::map<int, std::vector<storage::PossibleDuplicate>> duplicates;  // by row
  void add(std::string input, std::string message) {
    if (!input.empty()) bad_inputs.insert(input);
    if (!input.empty()) beside.emplace(input, message);
    errors.push_back({std::move(input), std::move(message)});
  }
  // A field error: once for a shared field, "person 3: födelsedatum: …" for a row's.
  void add_field(std::string_view field, const std::string& message, int row) {
    const std::string text = field_word(field) + ": " + swedish_message(message);
    if (is_shared(field)) {
      const std::string input = input_for(field, row);
      if (bad_inputs.count(input)) return;
      add(input, text);
      return;
    }
    add(input_for(field, row), "person " + std::to_string(row) + ": " + text);
  }
};

// A role's refusal, under the title of the page that refuses it.
Response not_for_role(const PageCall& call, std::string_view title, std::string_view current,
                      std::string_view message) {
  return html_response(403, page(call, {std::string(title), current}, [&](HtmlWriter& html) {
    html.element("h1", title);
    html.element("p", message, {{"class", "message"}});
  }));
}

// The error at an input, repeated beside it (GOV.UK: the summary links
// here); returns what the input's aria-describedby names: `hint_id` and
// the error's id.
std::string field_error(HtmlWriter& html, const ArrivalForm& form, std::string_view id, const std::string& hint_id) {
  const auto found = form.beside.find(std::string(id));
  if (found == form.beside.end()) return hint_id;
  const std::string error_id = std::string(id) + "-error";
  html.element("p", found->second, {{"class", "field-error"}, {"id", error_id}});
  return hint_id.empty() ? error_id : hint_id + " " + error_id;
}

void text_input(HtmlWriter& html, const PageCall& call, const ArrivalForm& form, std::string_view id,
                std::string_view label, std::string_view type, const std::string& fallback = {},
                std::string_view hint = {}) {
  const bool bad = form.bad_inputs.count(std::string(id)) > 0;
  html.open("div", {{"class", bad ? "field has-error" : "field"}});
  html.element("label", label, {{"for", std::string(id)}});
  const std::string hint_id = std::string(id) + "-hint";
  if (!hint.empty()) html.element("p", hint, {{"class", "hint"}, {"id", hint_id}});
  const std::string described = field_error(html, form, id, hint.empty() ? "" : hint_id);
  const std::string* given = call.field(id);
  std::vector<Attr> attrs = {{"type", type}, {"id", std::string(id)}, {"name", std::string(id)},
                             {"value", given ? *given : fallback}};
  if (!described.empty()) attrs.emplace_back("aria-describedby", described);
  if (bad) attrs.emplace_back("aria-invalid", "true");
  html.empty("input", attrs);
  html.close("div");
}

void select_input(HtmlWriter& html, const PageCall& call, const ArrivalForm& form, std::string_view id,
                  std::string_view label, const std::vector<std::pair<std::string, std::string>>& options,
                  const std::string& fallback) {
  const bool bad = form.bad_inputs.count(std::string(id)) > 0;
  html.open("div", {{"class", bad ? "field has-error" : "field"}});
  html.element("label", label, {{"for", std::string(id)}});
  const std::string described = field_error(html, form, id, "");
  std::vector<Attr> attrs = {{"id", std::string(id)}, {"name", std::string(id)}};
  if (!described.empty()) attrs.emplace_back("aria-describedby", described);
  if (bad) attrs.emplace_back("aria-invalid", "true");
  html.open("select", attrs);
  const std::string* given = call.field(id);
  const std::string chosen = given ? *given : fallback;
  for (const auto& [value, text] : options) {
    if (value == chosen) html.element("option", text, {{"value", value}, {"selected", "selected"}});
    else html.element("option", text, {{"value", value}});
  }
  html.close("select").close("div");
}

void checkbox(HtmlWriter& html, std::string_view id, std::string_view label, bool checked) {
  html.open("div", {{"class", "field choices"}});
  html.open("label", {{"for", std::string(id)}});
  std::vector<Attr> attrs = {{"type", "checkbox"}, {"id", std::string(id)}, {"name", std::string(id)}, {"value", "ja"}};
  if (checked) attrs.emplace_back("checked", "checked");
  html.empty("input", attrs);
  html.text(label).close("label").close("div");
}

// Whether the caller records the arrival notice with the household (a
// reception unit, the admin); Migrationsverket registers the people only.
bool records_notice(const Caller& caller) {
  return may_record(caller, EventType::arrival_notice_received, std::nullopt, std::nullopt);
}

// The caller's own municipality, if its scope is one (a reception unit).
std::optional<std::string> own_municipality(const PageCall& call) {
  const Scope scope = scope_of(call.caller, call.context.region);
  if (scope.all_cases || !scope.municipality) return std::nullopt;
  return *scope.municipality;
}

void duplicate_warning(HtmlWriter& html, const PageCall& call, int row,
                       const std::vector<storage::PossibleDuplicate>& matches) {
  html.open("div", {{"class", "message"}});
  html.element("p", "Kan redan finnas i Kedja:");
  html.open("ul");
  for (const auto& match : matches) {
    const Case& c = match.summary.the_case;
    html.open("li");
    html.element("a", c.given_name + " " + c.family_name, {{"href", Url("/arenden").segment(c.id.str())}});
    html.text(", född ");
    date_element(html, c.birth_date);
    html.text(", " + municipality_name(call.context.region, match.summary.municipality));
    if (match.same_external_ref) html.text(" (samma dossiernummer)");
    html.close("li");
  }
  html.close("ul");
  checkbox(html, person_id(row, "ny"), words::confirm_new, false);
  html.close("div");
}

Response arrival_form(const PageCall& call, int status, const ArrivalForm& form) {
  return html_response(status, page(call, {std::string(words::arrival_title), "ny-ankomst"}, [&](HtmlWriter& html) {
    if (!form.errors.empty()) error_summary(html, form.errors, words::errors_title);
    if (!form.duplicates.empty()) {
      std::vector<FormError> links;
      for (const auto& [row, matches] : form.duplicates)
        links.push_back({person_id(row, "ny"), "person " + std::to_string(row) + ": " +
                                                   value_of(call, person_id(row, "fornamn")) + " " +
                                                   value_of(call, person_id(row, "efternamn")) +
                                                   " kan redan finnas i Kedja"});
      error_summary(html, links, words::duplicates_title);
    }
    html.element("h1", words::arrival_title);
    html.element("p", words::arrival_lead, {{"class", "lead"}});
    if (!form.errors.empty()) html.element("p", words::nothing_written, {{"class", "message"}});
    if (!form.duplicates.empty()) html.element("p", words::duplicates_text, {{"class", "message"}});
    html.open("form", {{"method", "post"}, {"action", "/ny-ankomst"}, {"novalidate", "novalidate"}});
    csrf_field(html, call.session);
    html.empty("input", {{"type", "hidden"}, {"name", "rader"}, {"value", std::to_string(form.rows)}});
    html.open("fieldset");
    html.element("legend", words::shared_legend);
    text_input(html, call, form, "hushall", words::household, "text", "", words::household_hint);
    text_input(html, call, form, "sprak", words::language, "text");
    checkbox(html, "tolk", words::interpreter, value_of(call, "tolk") == "ja");
    std::vector<std::pair<std::string, std::string>> municipalities;
    const auto own = own_municipality(call);
    // A unit of the whole region chooses; a forgotten choice is an error,
    // never the first municipality of the list.
    if (!own) municipalities.emplace_back("", std::string(words::choose_municipality));
    for (const Municipality& m : text::municipalities_by_name(call.context.region))
      if (!own || *own == m.slug) municipalities.emplace_back(m.slug, m.name);
    select_input(html, call, form, "kommun", words::municipality, municipalities, own.value_or(""));
    if (records_notice(call.caller)) {
      text_input(html, call, form, "aviseringsdatum", words::notice_date, "date", format_date(call.today),
                 words::notice_hint);
      text_input(html, call, form, "ankomst", words::expected, "date");
    } else {
      html.element("p", words::notice_by_reception, {{"class", "hint"}});
    }
    html.close("fieldset");
    const std::vector<std::pair<std::string, std::string>> sexes = {
        {"", std::string(words::choose)}, {"K", "Kvinna"}, {"M", "Man"}, {"X", "Annat eller okänt"}};
    for (int row = 1; row <= form.rows; ++row) {
      html.open("fieldset", {{"class", "person-row"}});
      html.element("legend", "Person " + std::to_string(row));
      html.open("div", {{"class", "row-fields"}});
      for (const PersonInput& input : person_inputs) {
        const std::string id = person_id(row, input.id);
        if (input.id == "kon") select_input(html, call, form, id, input.label, sexes, "");
        else text_input(html, call, form, id, input.label, input.id == "fodelsedatum" ? "date" : "text");
      }
      html.close("div");
      if (const auto found = form.duplicates.find(row); found != form.duplicates.end())
        duplicate_warning(html, call, row, found->second);
      else if (value_of(call, person_id(row, "ny")) == "ja")
        html.empty("input", {{"type", "hidden"}, {"name", person_id(row, "ny")}, {"value", "ja"}});
      html.close("fieldset");
    }
    // The form's first button is the one Enter presses: registering, as
    // before. "Fler rader" posts the same form, so that nothing typed is
    // lost; the page comes back with more rows and writes nothing.
    html.open("div", {{"class", "actions"}});
    html.element("button", words::register_button, {{"type", "submit"}});
    if (form.rows < max_rows)
      html.element("button", words::more_rows,
                   {{"type", "submit"}, {"name", "fler_rader"}, {"value", "ja"}, {"class", "secondary"},
                    // back at the first new row, not the top of the page
                    {"formaction", "/ny-ankomst#" + person_id(form.rows + 1, "fornamn")},
                    {"aria-describedby", "fler-rader-hint"}});
    html.close("div");
    if (form.rows < max_rows)
      html.element("p", words::more_rows_hint, {{"class", "hint"}, {"id", "fler-rader-hint"}});
    html.close("form");
  }));
}

// A row with nothing in it is left out.
bool row_empty(const PageCall& call, int row) {
  return std::all_of(std::begin(person_inputs), std::end(person_inputs), [&](const PersonInput& input) {
    const std::string value = value_of(call, person_id(row, input.id));
    return value.find_first_not_of(" \t") == std::string::npos;
  });
}

// "K" is F, as in the arrivals file.
std::string sex_value(std::string text) {
  if (text == "K" || text == "k") return "F";
  return text;
}

// Person `row` born after the arrival notice's date: what is wrong and what to do.
std::string born_after_notice(int row, Date birth, Date notice) {
  return "person " + std::to_string(row) + ": födelsedatum: " + format_date(birth) + " är efter aviseringsdatum " +
         format_date(notice) + ". Kontrollera födelsedatumet. Är barnet fött efter aviseringen, registrera det "
         "för sig med ett aviseringsdatum på eller efter födelsedagen.";
}

// A store refusal of "cases[i].FIELD" (or "cases[i].events[0].FIELD") on
// the form: the row is the i-th non-empty row.
void add_store_problem(ArrivalForm& form, const Problem& problem, const std::vector<int>& rows, const Caller& caller,
                       const Region& region) {
  static const std::regex where(R"x(^cases\[(\d+)\][.:]\s*(?:events\[\d+\]\.)?(.*)$)x");
  const auto row_of = [&](const std::string& text, std::string& rest) {
    std::smatch match;
    if (!std::regex_match(text, match, where)) {
      rest = text;
      return 0;
    }
    rest = match[2].str();
    const std::size_t index = std::stoul(match[1].str());
    return index < rows.size() ? rows[index] : 0;
  };
  if (problem.kind == ProblemKind::forbidden) {
    const Scope scope = scope_of(caller, region);
    form.add("kommun", scope.municipality ? "kommun: du kan bara registrera personer som ska bo i " +
                                                municipality_name(region, *scope.municipality)
                                          : "kommun: din roll kan inte registrera personer här");
    return;
  }
  // Store::create_cases names the earlier of one person twice by its index
  // in the write; the form says its row.
  static const std::regex same_person(R"x(^the same name and birth date as (cases\[\d+\]) of this write$)x");
  for (const FieldError& error : problem.errors) {
    std::string field;
    const int row = row_of(error.field, field);
    std::smatch earlier;
    std::string unused;
    if (std::regex_match(error.message, earlier, same_person))
      form.add(input_for(field, row), "person " + std::to_string(row) +
                                          ": samma namn och födelsedatum som person " +
                                          std::to_string(row_of(earlier[1].str() + ".", unused)) +
                                          " – samma person två gånger? Töm den ena raden.");
    else if (problem.kind == ProblemKind::conflict && field == "external_ref")
      form.add(input_for(field, row), "person " + std::to_string(row) + ": dossiernummer: finns redan i Kedja, i ett annat ärende");
    else form.add_field(field, error.message, row);
  }
  if (problem.errors.empty()) {
    std::string detail;
    const int row = row_of(problem.detail, detail);
    // An event before the birth is the birth date's (or the notice's)
    // problem, not the name's: said at the birth date.
    const bool birth = detail.find("before the person's birth") != std::string::npos;
    form.add(birth ? (row ? person_id(row, "fodelsedatum") : std::string("aviseringsdatum")) : input_for("", row),
             (row ? "person " + std::to_string(row) + ": " : std::string()) +
                 (birth ? "födelsedatum: " + swedish_conflict(detail) +
                              " Kontrollera födelsedatumet och aviseringsdatumet."
                        : swedish_conflict(detail)));
  }
}

}  // namespace

Response arrival_page(const PageCall& call) {
  if (!may_create_cases(call.caller.role)) return not_for_role(call, words::arrival_title, "ny-ankomst", words::not_for_role);
  ArrivalForm form;
  form.rows = rows_wanted(call);
  return arrival_form(call, 200, form);
}

Response register_household(const PageCall& call) {
  if (!may_create_cases(call.caller.role)) return not_for_role(call, words::arrival_title, "ny-ankomst", words::not_for_role);
  ArrivalForm form;
  form.rows = rows_wanted(call);
  if (value_of(call, "fler_rader") == "ja") {  // "Fler rader": the form again, longer, nothing checked or written
    form.rows = std::min(max_rows, form.rows + 4);
    return arrival_form(call, 200, form);
  }
  // The arrival notice, shared by every person: parsed once.
  RawEvent raw;
  raw.type = "arrival_notice_received";
  raw.lenient_types = true;
  raw.date = value_of(call, "aviseringsdatum");
  if (const std::string expected = value_of(call, "ankomst"); !expected.empty())
    raw.payload.emplace_back("expected_arrival", expected);
  const bool with_notice = records_notice(call.caller);
  auto notice = parse_event(raw);
  if (with_notice && !notice) {
    for (const FieldError& error : notice.problem().errors) form.add_field(error.field, error.message, 0);
    if (form.errors.empty()) form.add("aviseringsdatum", "aviseringsdatum: " + swedish_message(notice.problem().detail));
  }
  if (value_of(call, "hushall").find_first_not_of(" \t") == std::string::npos)
    form.add("hushall", "hushåll: " + swedish_message("required"));
  if (value_of(call, "kommun").empty()) form.add("kommun", "kommun: välj kommunen där hushållet ska bo");

  std::vector<storage::Store::NewCase> cases;
  std::vector<int> rows;  // the form's row of each case
  std::map<std::string, int> refs;  // dossier number → the first row that has it
  for (int row = 1; row <= form.rows; ++row) {
    if (row_empty(call, row)) continue;
    RawFields fields;
    const auto put = [&](const char* name, std::string value) {
      if (!value.empty()) fields.emplace_back(name, std::move(value));
    };
    put("given_name", value_of(call, person_id(row, "fornamn")));
    put("family_name", value_of(call, person_id(row, "efternamn")));
    put("birth_date", value_of(call, person_id(row, "fodelsedatum")));
    put("sex", sex_value(value_of(call, person_id(row, "kon"))));
    put("external_ref", value_of(call, person_id(row, "dossiernummer")));
    put("language", value_of(call, "sprak"));
    put("household", value_of(call, "hushall"));
    put("municipality", value_of(call, "kommun"));
    fields.emplace_back("interpreter_needed", std::string(value_of(call, "tolk") == "ja" ? "true" : "false"));
    text::normalise(fields);  // NFC and trimmed, as the API's (a name pasted as "Ruth ")
    auto parsed = parse_case(fields, call.context.region, true);
    if (!parsed) {
      for (const FieldError& error : parsed.problem().errors) form.add_field(error.field, error.message, row);
      continue;
    }
    if (parsed->birth_date > call.today) {
      form.add_field("birth_date", "lies after today (" + format_date(call.today) + ")", row);
      continue;
    }
    if (with_notice && notice && parsed->birth_date > notice->date) {
      // A child born after the notice: the notice cannot be the child's
      // (the domain refuses an event before the birth). Said at the birth
      // date, with what to do.
      form.add(person_id(row, "fodelsedatum"), born_after_notice(row, parsed->birth_date, notice->date));
      continue;
    }
    if (parsed->external_ref) {
      const auto [first, fresh] = refs.emplace(*parsed->external_ref, row);
      if (!fresh) {
        form.add(person_id(row, "dossiernummer"), "person " + std::to_string(row) +
                                                      ": dossiernummer: samma som person " +
                                                      std::to_string(first->second));
        continue;
      }
    }
    std::vector<Event> events;
    if (with_notice && notice) events.push_back(*notice);
    cases.push_back({std::move(*parsed), std::move(events), value_of(call, person_id(row, "ny")) == "ja"});
    rows.push_back(row);
  }
  if (cases.empty() && form.errors.empty()) form.add(person_id(1, "fornamn"), std::string(words::no_person));
  if (!form.errors.empty()) return arrival_form(call, 400, form);

  const std::string household = value_of(call, "hushall");
  std::vector<std::vector<storage::PossibleDuplicate>> duplicates;
  Result<std::vector<storage::StoredCase>> stored = Problem{};
  try {
    stored = call.store.create_cases(call.caller, std::move(cases), call.today, &duplicates);
  } catch (const storage::Unavailable&) {
    form.add("", std::string(words::unavailable));
    return arrival_form(call, 503, form);
  }
  if (!stored) {
    bool any = false;
    for (std::size_t i = 0; i < duplicates.size() && i < rows.size(); ++i)
      if (!duplicates[i].empty()) {
        form.duplicates[rows[i]] = std::move(duplicates[i]);
        any = true;
      }
    if (!any) add_store_problem(form, stored.problem(), rows, call.caller, call.context.region);
    return arrival_form(call, any ? 409 : http_status(stored.problem()), form);
  }
  call.sessions.set_notice(call.session.id, "Registrerat: " + std::to_string(stored->size()) +
                                                (stored->size() == 1 ? " person" : " personer") + " i hushåll " +
                                                household + ".");
  return redirect(Url("/hushall").param("hushall", household).str());
}

namespace {

// The same-day steps (contract §3: reception's, on the arrival notice or a
// changed date) and the event that closes each.
struct SameDay {
  EventType event;
  std::string_view input;  // "hc-<case>", "skola-<case>"
  std::string_view label;
};
constexpr SameDay same_day[] = {
    {EventType::health_centre_notified, "hc", "Hälsocentralen informerad"},
    {EventType::school_notified, "skola", "Skolan informerad"},
};

// Whether the case has an open step that `type` closes, by the rule set's
// own rules (its `closes on`), so a set that names them otherwise works too.
bool has_open_step_closed_by(const storage::StoredCase& stored, EventType type) {
  const RuleSet* rules = stored.state.rule_set;
  if (!rules) return false;
  for (const Step& step : stored.state.steps) {
    if (step.status != StepStatus::open) continue;
    const StepRule* rule = rules->find(step.key);
    if (rule && std::find(rule->closes_on.begin(), rule->closes_on.end(), type) != rule->closes_on.end())
      return true;
  }
  return false;
}

struct Household {
  std::string name;
  std::vector<storage::StoredCase> members;
};

Household load_household(const PageCall& call, const std::string& name) {
  Household out{name, {}};
  storage::CaseQuery query;
  query.household = name;
  query.limit = storage::max_page_size;
  const auto listed = call.store.list_cases(call.caller, query, call.today);
  for (const auto& summary : listed.items)
    if (auto found = call.store.find_case(call.caller, summary.the_case.id, call.today))
      out.members.push_back(std::move(*found));
  // Oldest first, as a family is written down; the ids are random.
  std::stable_sort(out.members.begin(), out.members.end(), [](const auto& a, const auto& b) {
    return a.the_case.birth_date < b.the_case.birth_date;
  });
  return out;
}

std::string member_name(const storage::StoredCase& member) {
  return member.the_case.given_name + " " + member.the_case.family_name;
}

void members_table(HtmlWriter& html, const PageCall& call, const Household& household) {
  open_scroll(html, {"aria-label", std::string(words::members_caption)});
  html.open("table");
  html.element("caption", words::members_caption);
  html.open("thead").open("tr");
  for (auto head : {words::col_person, words::col_age, words::col_open}) html.element("th", head, {{"scope", "col"}});
  html.close("tr").close("thead").open("tbody");
  for (const auto& member : household.members) {
    html.open("tr");
    html.open("th", {{"scope", "row"}});
    html.element("a", member_name(member), {{"href", Url("/arenden").segment(member.the_case.id.str())}});
    html.close("th");
    html.element("td", std::to_string(age_on(member.the_case.birth_date, call.today)) + " år");
    html.open("td");
    std::vector<const Step*> open;
    for (const Step& step : member.state.steps)
      if (step.status == StepStatus::open) open.push_back(&step);
    if (open.empty()) html.text(words::no_open);
    else {
      html.open("ul", {{"class", "plain"}});
      for (const Step* step : open) {
        html.open("li").text(step->title);
        if (step->due_on) {
          html.text(", senast ");
          date_element(html, *step->due_on);
          if (working_days_overdue(*step, call.today, call.context.calendar) > 0)
            html.element("span", " (försenat)", {{"class", "late"}});
        }
        html.close("li");
      }
      html.close("ul");
    }
    html.close("td").close("tr");
  }
  html.close("tbody").close("table").close("div");
}

void hidden(HtmlWriter& html, std::string_view name, const std::string& value) {
  html.empty("input", {{"type", "hidden"}, {"name", name}, {"value", value}});
}

// The page's two forms post to the same address; each says which it is
// ("formular"), so that a refusal shows the one posted again with what was
// entered and its errors at its own inputs, and the other one fresh.
constexpr std::string_view same_day_form_id = "samma-dag";
constexpr std::string_view several_form_id = "flera";

// What a refused post showed, for the page again: which form, and its
// errors by input id ("flera-date"; "" for the form as a whole).
struct Refused {
  std::string form;  // same_day_form_id, several_form_id, or "" (a GET)
  std::vector<FormError> errors;
};

std::string posted_form(const PageCall& call) {
  const std::string* named = call.field("formular");
  if (named && (*named == same_day_form_id || *named == several_form_id)) return *named;
  return call.field("type") ? std::string(several_form_id) : std::string(same_day_form_id);
}

// A form field's value: what the refused post held, else `fallback`.
std::string kept(const PageCall& call, const Refused& refused, std::string_view form, std::string_view name,
                 const std::string& fallback) {
  if (refused.form != form) return fallback;
  const std::string* value = call.field(name);
  return value ? *value : std::string();
}

bool ticked(const PageCall& call, const Refused& refused, std::string_view form, const std::string& name,
            bool fallback) {
  if (refused.form != form) return fallback;
  return value_of(call, name) == "ja";
}

// The date of a form ("flera-date", as input_id names a field of the form
// whose prefix is "flera"), its error beside it and marked invalid.
void date_field(HtmlWriter& html, const PageCall& call, const Refused& refused, std::string_view form) {
  const std::string id = input_id(std::string(form), "date");
  const FormError* error = refused.form == form ? error_for(refused.errors, id) : nullptr;
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", words::date, {{"for", id}});
  std::vector<Attr> attrs = {{"type", "date"}, {"id", id}, {"name", "date"},
                             {"value", kept(call, refused, form, "date", format_date(call.today))}};
  if (error) {
    html.element("p", error->message, {{"class", "field-error"}, {"id", id + "-error"}});
    attrs.emplace_back("aria-describedby", id + "-error");
    attrs.emplace_back("aria-invalid", "true");
  }
  html.empty("input", attrs);
  html.close("div");
}

void same_day_form(HtmlWriter& html, const PageCall& call, const Household& household, const Refused& refused) {
  if (!may_record(call.caller, EventType::health_centre_notified, std::nullopt, std::nullopt)) return;
  std::vector<std::pair<const storage::StoredCase*, std::vector<const SameDay*>>> due;
  for (const auto& member : household.members) {
    std::vector<const SameDay*> open;
    for (const SameDay& step : same_day)
      if (has_open_step_closed_by(member, step.event)) open.push_back(&step);
    if (!open.empty()) due.emplace_back(&member, std::move(open));
  }
  if (due.empty()) return;
  html.element("h2", words::same_day_heading, {{"id", "samma-dag"}});
  html.element("p", words::same_day_text);
  html.open("form", {{"method", "post"}, {"action", "/hushall/handelser"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  hidden(html, "formular", std::string(same_day_form_id));
  hidden(html, "hushall", household.name);
  hidden(html, "event_id", kept(call, refused, same_day_form_id, "event_id", "web-" + random_hex(12)));
  html.open("fieldset");
  html.element("legend", words::same_day_caption);
  for (const auto& [member, steps] : due) {
    html.open("div", {{"class", "field choices"}});
    html.element("span", member_name(*member), {{"class", "who-name"}});
    for (const SameDay* step : steps) {
      const std::string id = std::string(step->input) + "-" + member->the_case.id.str();
      html.open("label", {{"for", id}});
      // Not ticked until someone ticks it: the box says that the unit was
      // informed, which the page cannot know.
      std::vector<Attr> box = {{"type", "checkbox"}, {"id", id}, {"name", id}, {"value", "ja"}};
      if (ticked(call, refused, same_day_form_id, id, false)) box.emplace_back("checked", "checked");
      html.empty("input", box);
      html.text(step->label);
      html.element("span", " – " + member_name(*member), {{"class", "visually-hidden"}});
      html.close("label");
    }
    html.close("div");
  }
  html.close("fieldset");
  date_field(html, call, refused, same_day_form_id);
  html.element("button", words::record_selected, {{"type", "submit"}});
  html.close("form");
}

void several_form(HtmlWriter& html, const PageCall& call, const Household& household, const Refused& refused) {
  std::vector<EventType> types;
  for (EventType type : recordable_types(call.caller))
    if (payload_of(type).empty()) types.push_back(type);
  if (types.empty() || household.members.size() < 1) return;
  html.element("h2", words::several_heading, {{"id", "flera"}});
  html.open("form", {{"method", "post"}, {"action", "/hushall/handelser"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  hidden(html, "formular", std::string(several_form_id));
  hidden(html, "hushall", household.name);
  hidden(html, "event_id", kept(call, refused, several_form_id, "event_id", "web-" + random_hex(12)));
  const std::string type_id = input_id(std::string(several_form_id), "type");
  const FormError* type_error = refused.form == several_form_id ? error_for(refused.errors, type_id) : nullptr;
  html.open("div", {{"class", type_error ? "field has-error" : "field"}});
  html.element("label", words::event_type, {{"for", type_id}});
  std::vector<Attr> select = {{"id", type_id}, {"name", "type"}};
  if (type_error) {
    html.element("p", type_error->message, {{"class", "field-error"}, {"id", type_id + "-error"}});
    select.emplace_back("aria-describedby", type_id + "-error");
    select.emplace_back("aria-invalid", "true");
  }
  html.open("select", select);
  const std::string chosen = kept(call, refused, several_form_id, "type", "");
  for (EventType type : types) {
    if (chosen == to_string(type))
      html.element("option", event_label(type), {{"value", to_string(type)}, {"selected", "selected"}});
    else html.element("option", event_label(type), {{"value", to_string(type)}});
  }
  html.close("select").close("div");
  date_field(html, call, refused, several_form_id);
  const std::string members_id = input_id(std::string(several_form_id), "personer");
  const FormError* members_error = refused.form == several_form_id ? error_for(refused.errors, members_id) : nullptr;
  std::vector<Attr> group = {{"id", members_id}};
  if (members_error) group.emplace_back("class", "has-error");
  html.open("fieldset", group);
  html.element("legend", words::members_legend);
  if (members_error) html.element("p", members_error->message, {{"class", "field-error"}});
  html.open("div", {{"class", "choices"}});
  for (const auto& member : household.members) {
    const std::string id = "m-" + member.the_case.id.str();
    html.open("label", {{"for", id}});
    std::vector<Attr> box = {{"type", "checkbox"}, {"id", id}, {"name", id}, {"value", "ja"}};
    if (ticked(call, refused, several_form_id, id, false)) box.emplace_back("checked", "checked");
    html.empty("input", box);
    html.text(member_name(member)).close("label");
  }
  html.close("div").close("fieldset");
  html.element("button", words::record_selected, {{"type", "submit"}});
  html.close("form");
}

Response household_view(const PageCall& call, const std::string& name, int status, const Refused& refused = {}) {
  const Household household = load_household(call, name);
  const std::string title = std::string(words::household_title) + " " + name;
  // Without members the forms are not shown: an error then links nowhere.
  std::vector<FormError> errors = refused.errors;
  if (household.members.empty())
    for (FormError& error : errors) error.field.clear();
  return html_response(status, page(call, {title, ""}, [&](HtmlWriter& html) {
    error_summary(html, errors);
    session_notice(html, call.session);
    html.element("h1", title);
    if (household.members.empty()) {
      html.element("p", words::no_members, {{"class", "message"}});
      return;
    }
    members_table(html, call, household);
    same_day_form(html, call, household, refused);
    several_form(html, call, household, refused);
  }));
}

// Errors at the inputs `form` has (its date; the several form's type), the
// rest for the form as a whole: a summary link always leads to an input.
std::vector<FormError> at_inputs(std::vector<FormError> errors, const std::string& form) {
  for (FormError& error : errors) {
    const bool has_input = error.field == input_id(form, "date") ||
                           (form == several_form_id && error.field == input_id(form, "type"));
    if (!has_input) error.field.clear();
  }
  return errors;
}

}  // namespace

Response household_page(const PageCall& call) {
  if (scope_of(call.caller, call.context.region).hide_identity)
    return not_for_role(call, words::household_title, "", words::coordinator);
  const auto found = call.target.params.find("hushall");
  if (found == call.target.params.end() || found->second.empty()) return household_view(call, "", 404);
  return household_view(call, found->second, 200);
}

Response record_household_events(const PageCall& call) {
  if (scope_of(call.caller, call.context.region).hide_identity)
    return not_for_role(call, words::household_title, "", words::coordinator);
  const std::string name = value_of(call, "hushall");
  const Household household = load_household(call, name);
  const std::string form = posted_form(call);
  const auto refuse = [&](int status, std::vector<FormError> errors) {
    return household_view(call, name, status, Refused{form, std::move(errors)});
  };
  const std::string event_id = value_of(call, "event_id");
  const std::string date_text = value_of(call, "date");
  const std::string* type_text = call.field("type");
  const auto chosen = type_text ? event_type_from(*type_text) : std::nullopt;
  if (type_text && !chosen)
    return refuse(400, {{input_id(form, "type"), "Händelse: välj en händelse i listan."}});

  // (member, type) pairs, in the household's order: the same-day boxes,
  // or the chosen type for each ticked member.
  std::vector<storage::Store::NewEvent> events;
  std::vector<std::string> who;
  for (const auto& member : household.members) {
    const std::string id = member.the_case.id.str();
    std::vector<std::pair<EventType, std::string>> wanted;
    for (const SameDay& step : same_day)
      if (value_of(call, std::string(step.input) + "-" + id) == "ja")
        wanted.emplace_back(step.event, std::string(step.input));
    if (chosen && value_of(call, "m-" + id) == "ja") wanted.emplace_back(*chosen, "m");
    for (const auto& [wanted_type, suffix] : wanted) {
      RawEvent raw;
      raw.type = std::string(to_string(wanted_type));
      raw.lenient_types = true;
      raw.date = date_text;
      if (!event_id.empty()) raw.event_id = event_id + "-" + suffix + "-" + std::to_string(events.size());
      auto event = parse_event(raw);
      // The form's own fields: its date (and type) at their inputs.
      if (!event) return refuse(400, at_inputs(form_errors(event.problem(), form, call.context.region), form));
      events.push_back({member.the_case.id, std::move(*event)});
      who.push_back(member_name(member));
    }
  }
  if (events.empty())
    return refuse(400, {{form == several_form_id ? input_id(form, "personer") : "", std::string(words::none_selected)}});
  auto appended = call.store.append_events(call.caller, std::move(events), call.today);
  if (!appended) {
    static const std::regex item(R"x(^events\[(\d+)\][.:]\s*(.*)$)x");
    const Problem& problem = appended.problem();
    std::vector<FormError> errors;
    for (FormError error : form_errors(problem, form, call.context.region)) {
      std::smatch match;
      const std::string where = problem.errors.empty() ? problem.detail : problem.errors.front().field;
      if (std::regex_search(where, match, item) && std::stoul(match[1].str()) < who.size())
        error.message = who[std::stoul(match[1].str())] + ": " + error.message;
      errors.push_back(std::move(error));
    }
    return refuse(http_status(problem), at_inputs(std::move(errors), form));
  }
  // Every event of the post, a repeated one too: a double submit saves
  // nothing twice, and what the first saved is what the notice says.
  const std::size_t saved = appended->size(), repeated = static_cast<std::size_t>(std::count_if(
      appended->begin(), appended->end(), [](const auto& one) { return one.repeated; }));
  std::string notice = std::string(words::saved) + counted(static_cast<std::int64_t>(saved), "händelse", "händelser") + ".";
  if (repeated == saved) notice = "Redan sparat: " + counted(static_cast<std::int64_t>(saved), "händelse", "händelser") +
                                  " (formuläret skickades två gånger, inget sparades dubbelt).";
  call.sessions.set_notice(call.session.id, notice);
  return redirect(Url("/hushall").param("hushall", name).str());
}

}  // namespace kedja::server::web
