// GET and POST /importera, GET and POST /importera/{id} (issue 14 §4):
// a reception unit or Migrationsverket uploads an arrival list (contract
// §5's CSV, UTF-8 or Windows-1252), sees what would be created and every bad
// row as "rad N: kolumn: meddelande", and imports it — all or nothing — only
// when it confirms. The file is checked and imported by csv/import.h, the
// code path of `kedja import`, as the caller: its role, its scope (a
// reception unit's own municipality), an audit row naming every case.
//
// The steps, Post/Redirect/Get throughout:
//   POST /importera (multipart/form-data, CSRF) keeps the file in the
//     server's memory (import_uploads.h) → 303 /importera/{id};
//   GET /importera/{id} checks the kept file again and shows the preview,
//     with the upload form for a corrected file and, when every row is
//     good, the confirm form, which carries only the CSRF token (the id is
//     in the address);
//   POST /importera/{id} claims the upload (a second confirm finds it
//     claimed: nothing is imported twice), imports it, → 303 /importera/{id},
//     which then shows how many cases were created, with links.
#include "csv/import.h"
#include "server/web/event_forms.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include <date/date.h>

#include <regex>
#include <set>

namespace kedja::server::web {
namespace {

// Every word of the page, in one place.
namespace words {
constexpr std::string_view title = "Importera ankomstlista";
constexpr std::string_view not_for_role =
    "Importera är för mottagningsenheter och Migrationsverket, som registrerar nya personer i Kedja. Din "
    "roll kan inte skapa ärenden.";
constexpr std::string_view lead =
    "Ladda upp ankomstlistan som en CSV-fil. Kedja visar först vilka personer som skapas och vilka rader "
    "som har fel. Inget sparas förrän du har granskat listan och bekräftat. Antingen importeras hela "
    "filen, eller ingenting.";
constexpr std::string_view own_municipality = "Du kan importera personer som ska bo i ";
constexpr std::string_view file_label = "Ankomstlista (CSV-fil)";
constexpr std::string_view file_hint =
    "Spara kalkylbladet som ”CSV (semikolonavgränsad)” eller ”CSV UTF-8”. Högst 1 MB.";
constexpr std::string_view upload_button = "Ladda upp och granska";
constexpr std::string_view upload_again_heading = "Ladda upp en rättad fil";
constexpr std::string_view no_file = "Välj en CSV-fil att ladda upp.";
constexpr std::string_view empty_file = "Filen är tom. Välj ankomstlistan och försök igen.";
constexpr std::string_view columns_heading = "Så ska filen se ut";
constexpr std::string_view columns_text =
    "En rad per person. Första raden namnger kolumnerna, i valfri ordning och med stora eller små "
    "bokstäver. Tomma rader hoppas över, och okända kolumner hoppas över med en varning.";
constexpr std::string_view columns_caption = "Kolumner i ankomstlistan";
constexpr std::string_view col_column = "Kolumn";
constexpr std::string_view col_needed = "Måste fyllas i";
constexpr std::string_view col_example = "Exempel";
constexpr std::string_view yes = "Ja";
constexpr std::string_view no = "Nej";
constexpr std::string_view preview_title = "Granska importen";
constexpr std::string_view file_name = "Fil";
constexpr std::string_view encoding = "Teckenkodning";
constexpr std::string_view rows = "Rader";
constexpr std::string_view will_create = "Ärenden som skapas";
constexpr std::string_view bad_rows = "Rader med fel";
constexpr std::string_view households = "Hushåll";
constexpr std::string_view errors_title = "Filen har fel och kan inte importeras";
constexpr std::string_view errors_text =
    "Ingen rad importeras förrän alla rader är rätt. Rätta raderna i kalkylbladet, spara det som CSV igen "
    "och ladda upp det nedan.";
constexpr std::string_view header_errors_title = "Filens första rad går inte att läsa";
constexpr std::string_view warnings_heading = "Kolumner som hoppas över";
constexpr std::string_view people_caption = "Personer som skapas";
constexpr std::string_view good_rows_caption = "Rader utan fel (skapas när hela filen är rätt)";
constexpr std::string_view col_name = "Namn";
constexpr std::string_view col_birth = "Födelsedatum";
constexpr std::string_view col_sex = "Kön";
constexpr std::string_view col_language = "Språk";
constexpr std::string_view col_interpreter = "Tolkbehov";
constexpr std::string_view col_unaccompanied = "Ensamkommande";
constexpr std::string_view col_municipality = "Kommun";
constexpr std::string_view col_household = "Hushåll";
constexpr std::string_view col_ref = "Dossiernummer";
constexpr std::string_view col_notice = "Aviseringsdatum";
constexpr std::string_view col_expected = "Förväntad ankomst";
constexpr std::string_view none = "–";
constexpr std::string_view confirm_heading = "Bekräfta importen";
constexpr std::string_view confirm_text =
    "När du bekräftar skapas alla ärenden ovan på en gång, vart och ett med sin avisering. Importen kan "
    "inte ångras i Kedja.";
constexpr std::string_view cancel = "Avbryt och ladda upp en annan fil";
constexpr std::string_view nothing_to_import = "Filen har inga personer att importera.";
constexpr std::string_view imported_before = "Samma fil har redan importerats i den här sessionen: ";
constexpr std::string_view failed_confirm = "Inget importerades: filen har fel. Se nedan.";
constexpr std::string_view gone_title = "Uppladdningen finns inte längre";
constexpr std::string_view gone_text =
    "Filen sparas bara en stund (30 minuter) och bara i din session. Ladda upp den igen.";
constexpr std::string_view busy = "Importen pågår redan. Ladda om sidan om en liten stund för att se resultatet.";
constexpr std::string_view done_title = "Importen är klar";
constexpr std::string_view created_caption = "Skapade ärenden";
constexpr std::string_view new_import = "Importera en fil till";
constexpr std::string_view to_todo = "Till Att göra";
constexpr std::string_view unavailable =
    "Kedja kan inte spara just nu, så inget importerades. Försök igen om en stund.";
}  // namespace words

constexpr std::string_view file_id = "fil";

// The columns as the page explains them: Swedish name, contract name, required, an example.
struct ColumnHelp {
  std::string_view swedish, contract;
  bool required;
  std::string_view example;
};
constexpr ColumnHelp column_help[] = {
    {"dossiernummer", "external_ref", false, "MIG-2026-0412"},
    {"förnamn", "given_name", true, "Amina"},
    {"efternamn", "family_name", true, "Haddad"},
    {"födelsedatum", "birth_date", true, "2016-05-05"},
    {"kön", "sex", true, "K, M eller X"},
    {"språk", "language", true, "arabiska"},
    {"tolkbehov", "interpreter_needed", false, "ja eller nej"},
    {"hushåll", "household", false, "HH-17"},
    {"ensamkommande", "unaccompanied", false, "ja eller nej"},
    {"kommun", "municipality", true, "Östersund"},
    {"aviseringsdatum", "arrival_notice_date", true, "2026-11-20"},
    {"förväntat ankomstdatum", "expected_arrival", true, "2026-12-07"},
};

// csv/'s messages (csv/arrivals.h, csv/import.h) in Swedish: `$1`, `$2`
// are the message's own values.
struct Translation {
  std::regex english;
  std::string swedish;
};
const std::vector<Translation>& translations() {
  static const std::vector<Translation> table = [] {
    const std::pair<const char*, const char*> pairs[] = {
        {R"x(^"(.*)" is not one of: ja, nej, true, false$)x", "”$1” är inte ja eller nej"},
        {R"x(^not a date \(YYYY-MM-DD\): "(.*)"$)x", "”$1” är inte ett datum (ÅÅÅÅ-MM-DD)"},
        {R"x(^"(.*)" is not one of: K, F, M, X$)x", "”$1” är inte K (kvinna), M (man) eller X"},
        {R"x(^unknown municipality "(.*)" — one of: (.*)$)x", "”$1” är ingen kommun i regionen (välj en av: $2)"},
        {R"x(^"(.*)" is already on line (\d+)$)x", "”$1” finns redan på rad $2"},
        {R"x(^"(.*)" is already in the database$)x", "”$1” finns redan i Kedja, i ett annat ärende"},
        {R"x(^has (\d+) cells, the header (\d+)$)x", "raden har $1 celler men rubrikraden $2"},
        {R"x(^lies after today \((.*)\)$)x", "får inte ligga efter i dag ($1)"},
        {R"x(^no rule set is in force on (.*)$)x", "inget regelverk gäller den $1"},
        {R"x(^has no reception unit in the region file$)x", "kommunen har ingen mottagningsenhet i regionfilen"},
        {R"x(^outside your scope: you may import only people of (.*)$)x",
         "du kan bara importera personer som ska bo i $1"},
        {R"x(^outside your scope: .*$)x", "du kan inte importera den här personen"},
        {R"x(^the column (.*) appears twice$)x", "kolumnen $1 finns två gånger"},
        {R"x(^unknown column; did you mean (.*)\?$)x", "okänd kolumn – menade du $1?"},
        {R"x(^missing column \(named (.*) or (.*)\)$)x", "kolumnen saknas (den heter $2 eller $1)"},
        {R"x(^unknown column; ignored$)x", "okänd kolumn, hoppas över"},
        {R"x(^has no name; ignored$)x", "saknar namn, hoppas över"},
        {R"x(^a quoted field is not closed$)x", "ett citattecken avslutas aldrig"},
        {R"x(^the file is empty: no header row$)x", "filen är tom: rubrikraden saknas"},
    };
    std::vector<Translation> out;
    for (const auto& [english, swedish] : pairs) out.push_back({std::regex(english), swedish});
    return out;
  }();
  return table;
}

std::string swedish_import_message(const std::string& message) {
  for (const Translation& t : translations())
    if (std::regex_match(message, t.english)) return std::regex_replace(message, t.english, t.swedish);
  // The domain's messages (a date that is not one, a name too long …).
  if (std::string swedish = swedish_message(message); swedish != message) return swedish;
  return swedish_conflict(message);
}

// "line 7: Födelsedatum" → "rad 7: Födelsedatum"; "line 1: column 3" →
// "rad 1: kolumn 3"; "line 5: row" → "rad 5".
std::string swedish_place(const std::string& field) {
  static const std::regex line(R"x(^line (\d+): (.*)$)x");
  std::smatch match;
  if (!std::regex_match(field, match, line)) return field == "file" ? "filen" : field;
  std::string where = "rad " + match[1].str();
  const std::string column = match[2].str();
  if (column == "row") return where;
  if (column.starts_with("column ")) return where + ": kolumn " + column.substr(7);
  return where + ": " + column;
}

// `rad 7: födelsedatum: måste fyllas i`
std::string swedish_error(const FieldError& error) {
  return swedish_place(error.field) + ": " + swedish_import_message(error.message);
}

// As the file writes it (and the column help says): K for F.
std::string_view sex_letter(Sex sex) {
  switch (sex) {
    case Sex::F: return "K";
    case Sex::M: return "M";
    case Sex::X: return "X";
  }
  return "";
}

// "1 ärende", "12 345 ärenden".
std::string cases_text(std::size_t n) {
  return swedish_number(static_cast<std::int64_t>(n)) + (n == 1 ? " ärende" : " ärenden");
}

std::string utc_timestamp(Clock::time_point now) {
  return date::format("%Y-%m-%dT%H:%M:%SZ", date::floor<std::chrono::seconds>(now));
}

csv::ArrivalsContext arrivals_context(const PageCall& call) {
  return {call.context, call.today, utc_timestamp(call.now)};
}

Response not_for_role(const PageCall& call) {
  return html_response(403, page(call, {std::string(words::title), "importera"}, [](HtmlWriter& html) {
    html.element("h1", words::title);
    html.element("p", words::not_for_role, {{"class", "message"}});
  }));
}

// The upload form: a labelled file input, its hint and its error.
void upload_form(HtmlWriter& html, const PageCall& call, const std::string* error) {
  html.open("form", {{"method", "post"}, {"action", "/importera"}, {"enctype", "multipart/form-data"}});
  csrf_field(html, call.session);
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", words::file_label, {{"for", file_id}});
  html.element("p", words::file_hint, {{"class", "hint"}, {"id", "fil-hint"}});
  if (error) html.element("p", *error, {{"class", "field-error"}, {"id", "fil-error"}});
  std::vector<Attr> input = {{"type", "file"}, {"id", file_id}, {"name", "fil"},
                             {"accept", ".csv,text/csv"},
                             {"aria-describedby", error ? "fil-hint fil-error" : "fil-hint"}};
  if (error) input.emplace_back("aria-invalid", "true");
  html.empty("input", input);
  html.close("div");
  html.element("button", words::upload_button, {{"type", "submit"}});
  html.close("form");
}

void columns_help(HtmlWriter& html) {
  html.element("h2", words::columns_heading);
  html.element("p", words::columns_text);
  // In a scroll region like every wide table: at 320 px its headings are
  // wider than the page (WCAG 1.4.10).
  open_scroll(html, {"aria-label", words::columns_caption});
  html.open("table", {{"class", "compact"}});
  html.element("caption", words::columns_caption);
  html.open("thead").open("tr");
  for (auto head : {words::col_column, words::col_needed, words::col_example})
    html.element("th", head, {{"scope", "col"}});
  html.close("tr").close("thead").open("tbody");
  for (const ColumnHelp& column : column_help) {
    html.open("tr");
    html.open("th", {{"scope", "row"}}).text(column.swedish).text(" ");
    // Not `"(" + std::string(…) + ")"`: GCC 12 warns -Wrestrict on it in
    // Release builds, a false positive (GCC bug 105329).
    std::string contract = "(";
    contract += column.contract;
    contract += ')';
    html.element("span", contract, {{"class", "muted"}});
    html.close("th");
    html.element("td", column.required ? words::yes : words::no);
    html.element("td", column.example);
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

// The caller's own municipality, if its scope is one (a reception unit).
std::optional<std::string> own_municipality(const PageCall& call) {
  const Scope scope = scope_of(call.caller, call.context.region);
  if (scope.all_cases || !scope.municipality) return std::nullopt;
  return municipality_name(call.context.region, *scope.municipality);
}

Response form_page(const PageCall& call, int status, const std::string* error) {
  return html_response(status, page(call, {std::string(words::title), "importera"}, [&](HtmlWriter& html) {
    if (error) error_summary(html, {{std::string(file_id), *error}}, "Det gick inte att ladda upp filen");
    html.element("h1", words::title);
    html.element("p", words::lead, {{"class", "lead"}});
    if (const auto own = own_municipality(call)) html.element("p", std::string(words::own_municipality) + *own + ".");
    upload_form(html, call, error);
    columns_help(html);
  }));
}

void summary_list(HtmlWriter& html, const ImportUpload& upload, const csv::ImportOutcome& outcome) {
  std::set<std::string> households;
  for (const auto& bulk : outcome.cases)
    if (bulk.the_case.household) households.insert(*bulk.the_case.household);
  html.open("dl", {{"class", "person"}});
  const auto item = [&](std::string_view term, const std::string& value) {
    html.element("dt", term);
    html.element("dd", value);
  };
  item(words::file_name, upload.file_name.empty() ? std::string(words::none) : upload.file_name);
  if (!outcome.encoding.empty()) item(words::encoding, outcome.encoding);
  item(words::rows, swedish_number(static_cast<std::int64_t>(outcome.rows)));
  item(words::will_create, swedish_number(outcome.ok() ? static_cast<std::int64_t>(outcome.cases.size()) : 0));
  if (outcome.bad_rows > 0) item(words::bad_rows, swedish_number(static_cast<std::int64_t>(outcome.bad_rows)));
  if (!households.empty()) item(words::households, swedish_number(static_cast<std::int64_t>(households.size())));
  html.close("dl");
}

void people_table(HtmlWriter& html, const PageCall& call, const csv::ImportOutcome& outcome) {
  open_scroll(html, {"aria-label", "Personer i filen"});
  html.open("table");
  html.element("caption", std::string(outcome.ok() ? words::people_caption : words::good_rows_caption) + " (" +
                              swedish_number(static_cast<std::int64_t>(outcome.cases.size())) + ")");
  html.open("thead").open("tr");
  // Tolkbehov and Ensamkommande too: an unaccompanied flag read wrong
  // changes who owns which step, and the reviewer must be able to see it.
  for (auto head : {words::col_name, words::col_birth, words::col_sex, words::col_language, words::col_interpreter,
                    words::col_unaccompanied, words::col_municipality, words::col_household, words::col_ref,
                    words::col_notice, words::col_expected})
    html.element("th", head, {{"scope", "col"}});
  html.close("tr").close("thead").open("tbody");
  for (const auto& bulk : outcome.cases) {
    const Case& person = bulk.the_case;
    const Event& notice = bulk.events.front().event;
    html.open("tr");
    html.element("th", person.given_name + " " + person.family_name, {{"scope", "row"}});
    html.open("td");
    date_element(html, person.birth_date);
    html.close("td");
    html.element("td", sex_letter(person.sex));
    html.element("td", person.language);
    html.element("td", person.interpreter_needed ? words::yes : words::no);
    html.element("td", person.unaccompanied ? words::yes : words::no);
    html.element("td", municipality_name(call.context.region, person.municipality));
    html.element("td", person.household ? *person.household : std::string(words::none));
    html.element("td", person.external_ref ? *person.external_ref : std::string(words::none));
    html.open("td");
    date_element(html, notice.date);
    html.close("td").open("td");
    if (notice.expected_arrival) date_element(html, *notice.expected_arrival);
    else html.text(words::none);
    html.close("td");
    html.close("tr");
  }
  html.close("tbody").close("table").close("div");
}

// The preview of a kept upload, checked now; `failed`: a confirm just found errors.
Response preview_page(const PageCall& call, const ImportUpload& upload, int status, bool failed) {
  const csv::ImportOutcome outcome =
      csv::check_arrivals(upload.bytes, arrivals_context(call), call.store, &call.caller);
  if (outcome.forbidden) return not_for_role(call);
  const auto before = call.uploads->done_with_digest(call.session.id, upload.digest);
  return html_response(status, page(call, {std::string(words::preview_title), "importera"}, [&](HtmlWriter& html) {
    if (!outcome.errors.empty()) {
      std::vector<FormError> errors;
      for (const auto& error : outcome.errors) errors.push_back({"", swedish_error(error)});
      error_summary(html, errors, outcome.header_ok ? words::errors_title : words::header_errors_title);
    }
    html.element("h1", words::preview_title);
    if (failed) html.element("p", words::failed_confirm, {{"class", "message"}});
    if (before)
      html.element("p",
                   std::string(words::imported_before) + cases_text(before->created.size()) +
                       " skapades då. Bekräfta bara om personerna ska registreras en gång till.",
                   {{"class", "warning"}});
    summary_list(html, upload, outcome);
    if (!outcome.warnings.empty()) {
      html.element("h2", words::warnings_heading);
      html.open("ul", {{"class", "warning"}});
      for (const auto& warning : outcome.warnings) html.element("li", swedish_error(warning));
      html.close("ul");
    }
    if (!outcome.errors.empty()) html.element("p", words::errors_text);
    if (outcome.ok() && outcome.cases.empty()) html.element("p", words::nothing_to_import, {{"class", "message"}});
    if (outcome.ok() && !outcome.cases.empty()) {
      html.element("h2", words::confirm_heading);
      html.element("p", words::confirm_text);
      html.open("form", {{"method", "post"}, {"action", Url("/importera").segment(upload.id)}});
      csrf_field(html, call.session);
      html.open("div", {{"class", "actions"}});
      html.element("button", "Importera " + cases_text(outcome.cases.size()), {{"type", "submit"}});
      html.element("a", words::cancel, {{"href", "/importera"}});
      html.close("div");
      html.close("form");
    }
    if (!outcome.cases.empty()) people_table(html, call, outcome);
    if (!outcome.ok() || outcome.cases.empty()) {
      html.element("h2", words::upload_again_heading);
      upload_form(html, call, nullptr);
    }
  }));
}

Response done_page(const PageCall& call, const ImportUpload& upload) {
  return html_response(200, page(call, {std::string(words::done_title), "importera"}, [&](HtmlWriter& html) {
    html.element("h1", words::done_title);
    const auto count = swedish_number(static_cast<std::int64_t>(upload.created.size()));
    html.element("p",
                 cases_text(upload.created.size()) + " skapades från " +
                     (upload.file_name.empty() ? "filen" : upload.file_name) + ".",
                 {{"class", "notice"}, {"role", "status"}});
    html.open("table");
    html.element("caption", std::string(words::created_caption) + " (" + count + ")");
    html.open("thead").open("tr").element("th", words::col_name, {{"scope", "col"}}).close("tr").close("thead");
    html.open("tbody");
    for (const CreatedCase& created : upload.created) {
      html.open("tr").open("td");
      html.element("a", created.name, {{"href", Url("/arenden").segment(created.id)}});
      html.close("td").close("tr");
    }
    html.close("tbody").close("table");
    html.open("p", {{"class", "actions"}});
    html.element("a", words::new_import, {{"href", "/importera"}});
    html.element("a", words::to_todo, {{"href", "/att-gora"}});
    html.close("p");
  }));
}

Response gone_page(const PageCall& call) {
  return html_response(404, page(call, {std::string(words::gone_title), "importera"}, [&](HtmlWriter& html) {
    html.element("h1", words::gone_title);
    html.element("p", words::gone_text, {{"class", "message"}});
    upload_form(html, call, nullptr);
  }));
}

Response message_page(const PageCall& call, int status, std::string_view message) {
  return html_response(status, page(call, {std::string(words::title), "importera"}, [&](HtmlWriter& html) {
    html.element("h1", words::title);
    html.element("p", message, {{"class", "message"}});
  }));
}

}  // namespace

bool may_import(const Caller& caller) { return may_create_cases(caller.role); }

Response import_page(const PageCall& call) {
  if (!may_import(call.caller)) return not_for_role(call);
  return form_page(call, 200, nullptr);
}

Response upload_arrivals(const PageCall& call) {
  if (!may_import(call.caller)) return not_for_role(call);
  const FormPart* file = call.file("fil");
  if (!file || (file->filename->empty() && file->data.empty())) {
    const std::string error(words::no_file);
    return form_page(call, 400, &error);
  }
  if (file->data.empty()) {
    const std::string error(words::empty_file);
    return form_page(call, 400, &error);
  }
  const std::string id = call.uploads->add(call.session.id, *file->filename, file->data, call.now);
  return redirect(Url("/importera").segment(id).str());
}

Response import_preview(const PageCall& call, const std::string& id) {
  if (!may_import(call.caller)) return not_for_role(call);
  const auto upload = call.uploads->find(call.session.id, id, call.now);
  if (!upload) return gone_page(call);
  switch (upload->state) {
    case ImportUpload::State::previewed: return preview_page(call, *upload, 200, false);
    case ImportUpload::State::importing: return message_page(call, 409, words::busy);
    case ImportUpload::State::done: return done_page(call, *upload);
  }
  return gone_page(call);
}

Response confirm_import(const PageCall& call, const std::string& id) {
  if (!may_import(call.caller)) return not_for_role(call);
  const auto claimed = call.uploads->claim(call.session.id, id, call.now);
  if (!claimed) return gone_page(call);
  const Url result = Url("/importera").segment(id);
  // Confirmed already (a double click, a reload, another tab): nothing
  // more is imported; the page shows the outcome.
  if (claimed->state == ImportUpload::State::done) return redirect(result.str());
  if (claimed->state == ImportUpload::State::importing) return message_page(call, 409, words::busy);
  csv::ImportOutcome outcome;
  try {
    // Everything checked again: nothing of the preview is trusted.
    outcome = csv::import_arrivals(claimed->bytes, arrivals_context(call), call.store, &call.caller);
  } catch (const storage::Unavailable&) {
    call.uploads->release(id);
    return message_page(call, 503, words::unavailable);
  } catch (...) {
    call.uploads->release(id);
    throw;
  }
  if (outcome.forbidden) {
    call.uploads->release(id);
    return not_for_role(call);
  }
  if (!outcome.ok()) {
    // Something changed since the preview (a dossier number taken meanwhile):
    // nothing was written; the preview shows why.
    call.uploads->release(id);
    return preview_page(call, *claimed, 409, true);
  }
  std::vector<CreatedCase> created;
  for (std::size_t i = 0; i < outcome.created.size(); ++i)
    created.push_back({outcome.created[i].str(), i < outcome.names.size() ? outcome.names[i] : outcome.created[i].str()});
  call.uploads->finish(id, std::move(created));
  return redirect(result.str());
}

}  // namespace kedja::server::web
