// kedja case show, kedja case create and kedja event add: one case, read,
// registered or appended to.
#include "csv/encoding.h"
#include "csv/lists.h"
#include "domain/swedish.h"
#include "domain/text/unicode.h"
#include "server/json_mapping.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <iostream>

namespace kedja::tools {
namespace {

std::string payload_text(const Event& event) {
  std::string text;
  for (const auto& [name, value] : payload_values(event)) {
    if (std::holds_alternative<std::monostate>(value)) continue;
    if (!text.empty()) text += ", ";
    text += name + "=" + to_text(value);
  }
  return text;
}

Table events_table(const std::vector<RecordedEvent>& events) {
  Table table{{"seq", "date", "type", "payload", "recorded_by", "recorded_at"}, {}};
  for (const auto& recorded : events)
    table.rows.push_back({std::to_string(recorded.seq), format_date(recorded.event.date),
                          std::string(to_string(recorded.event.type)), payload_text(recorded.event),
                          recorded.recorded_by.str(), recorded.recorded_at});
  return table;
}

Table steps_table(const std::vector<Step>& steps) {
  Table table{{"step", "actor", "opened_on", "due_on", "status", "done_on", "late", "title"}, {}};
  for (const auto& step : steps) {
    std::string late = step.status == StepStatus::done
                           ? (step.late ? "late by " + std::to_string(step.working_days_late) : "on time")
                           : "";
    table.rows.push_back({step.key.str(), step.actor.str(), format_date(step.opened_on),
                          step.due_on ? format_date(*step.due_on) : "", std::string(to_string(step.status)),
                          step.done_on ? format_date(*step.done_on) : "", late, step.title});
  }
  return table;
}

void print_case_fields(const storage::StoredCase& stored) {
  const auto& c = stored.the_case;
  Table fields{{"field", "value"}, {}};
  auto add = [&](std::string name, std::string value) { fields.rows.push_back({std::move(name), std::move(value)}); };
  add("id", c.id.str());
  if (stored.identity_hidden) {  // pseudonymised: the birth year only, as the API
    add("birth_year", std::to_string(static_cast<int>(date::year_month_day{c.birth_date}.year())));
  } else {
    add("external_ref", c.external_ref.value_or(""));
    add("name", c.given_name + " " + c.family_name);
    add("birth_date", format_date(c.birth_date));
  }
  add("sex", std::string(to_string(c.sex)));
  add("language", c.language + (c.interpreter_needed ? " (interpreter needed)" : ""));
  if (!stored.identity_hidden) add("household", c.household.value_or(""));
  add("unaccompanied", c.unaccompanied ? "yes" : "no");
  add("municipality", stored.state.municipality);
  add("health_centre", stored.state.health_centre.str());
  add("rule_set", stored.state.rule_set ? stored.state.rule_set->id.str() : c.rule_set ? c.rule_set->str() : "");
  add("status", stored.state.closed ? "closed" : "open");
  print_table(std::cout, fields);
}

// The usage of `kedja event add`, with every event type: its payload and
// its Swedish label (contract §2).
std::string event_add_usage() {
  std::string usage =
      "Usage: kedja event add ID --type T --date D [--set key=value ...] [--event-id K]\n\n"
      "Appends an event (POST /v1/cases/{id}/events) and prints the stored event and\n"
      "the case's steps (json by default, or --format table). --date is the day it\n"
      "happened (YYYY-MM-DD, not after today); payload fields go in --set, dates as\n"
      "YYYY-MM-DD, booleans true/false or ja/nej.\n\nEvent types (--type), their --set fields (* required) and labels:\n";
  for (int i = 0; i < event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    std::string fields;
    for (const FieldSpec& spec : payload_of(type)) {
      // Piece by piece, not `(…) + std::string(…)`: GCC 12 warns -Wrestrict on
      // `"x" + std::string&&` in Release builds, a false positive (GCC bug 105329).
      if (!fields.empty()) fields += ' ';
      fields += to_string(spec.field);
      if (spec.required) fields += '*';
    }
    std::string line = "  " + std::string(to_string(type));
    line.append(line.size() < 32 ? 32 - line.size() : 1, ' ');
    line += fields.empty() ? "—" : fields;
    usage += line + "  (" + std::string(swedish_label(type)) + ")\n";
  }
  usage += "\nExample: kedja event add c-7Q2 --type health_talk_booked --date 2026-11-25 --set appointment=2026-12-02";
  return usage;
}

}  // namespace

int run_case_show(const Globals& globals, const Args& args) {
  po::options_description options("kedja case show");
  options.add_options()("id", po::value<std::string>()->required(), "the case id");
  po::positional_options_description positional;
  positional.add("id", 1);
  auto vm = parse_args(args, options, positional,
                       "Usage: kedja case show ID [--format table|csv|json]\n\n"
                       "One case: table = its fields, events and steps; csv = its steps (Swedish\n"
                       "titles, for Excel); "
                       "json = GET /v1/cases/{id}.");
  if (!vm) return exit_ok;
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  auto found = runtime.store().find_case(cli_caller(), CaseId{(*vm)["id"].as<std::string>()}, today());
  const auto& stored = value_or_throw(found);
  switch (format_or(globals, Format::table)) {
    case Format::json: std::cout << pretty_json(server::case_to_json(stored, true)) << '\n'; break;
    case Format::csv: {
      std::string text;
      csv::write_case_steps(text, stored.state.steps, runtime.vocabulary());
      std::cout << text;
      break;
    }
    case Format::table:
      print_case_fields(stored);
      std::cout << "\nEvents\n";
      print_table(std::cout, events_table(stored.events));
      std::cout << "\nSteps\n";
      print_table(std::cout, steps_table(stored.state.steps));
      break;
  }
  return exit_ok;
}

int run_event_add(const Globals& globals, const Args& args) {
  po::options_description options("kedja event add");
  options.add_options()("id", po::value<std::string>()->required(), "the case id")(
      "type", po::value<std::string>()->required(), "the event type, e.g. health_talk_booked")(
      "date", po::value<std::string>()->required(), "the event's date, YYYY-MM-DD")(
      "set", po::value<std::vector<std::string>>()->composing(), "a payload field, key=value (repeatable)")(
      "event-id", po::value<std::string>(), "a client idempotency key (≤ 64 chars)");
  po::positional_options_description positional;
  positional.add("id", 1);
  auto vm = parse_args(args, options, positional, event_add_usage());
  if (!vm) return exit_ok;
  RawEvent raw;
  raw.type = (*vm)["type"].as<std::string>();
  raw.date = (*vm)["date"].as<std::string>();
  raw.lenient_types = true;
  if (vm->count("event-id")) raw.event_id = (*vm)["event-id"].as<std::string>();
  if (vm->count("set")) {
    for (const auto& pair : (*vm)["set"].as<std::vector<std::string>>()) {
      auto eq = pair.find('=');
      if (eq == std::string::npos || eq == 0) throw UsageError("--set: '" + pair + "' is not key=value");
      if (!csv::is_utf8(pair)) throw UsageError("--set: the value of '" + pair.substr(0, eq) + "' is not valid UTF-8");
      raw.payload.emplace_back(pair.substr(0, eq), pair.substr(eq + 1));
    }
  }
  text::normalise(raw);  // stored in NFC
  auto parsed = parse_event(raw);
  auto& event = value_or_throw(parsed);
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  auto appended = runtime.store().append_event(cli_caller(), CaseId{(*vm)["id"].as<std::string>()}, event, today());
  const auto& result = value_or_throw(appended);
  if (format_or(globals, Format::json) == Format::json) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : result.steps) steps.push_back(server::to_json(step));
    std::cout << pretty_json({{"event", server::to_json(result.event)}, {"steps", steps}}) << '\n';
    return exit_ok;
  }
  std::cout << (result.repeated ? "already recorded (same event_id)\n" : "recorded\n");
  print_table(std::cout, events_table({result.event}));
  std::cout << "\nSteps\n";
  print_table(std::cout, steps_table(result.steps));
  return exit_ok;
}

}  // namespace kedja::tools

namespace kedja::tools {
namespace {

// The fields of `kedja case create` as the API's create body would hold them.
RawFields case_fields_of(const po::variables_map& vm) {
  RawFields fields;
  static const std::pair<const char*, const char*> texts[] = {
      {"given-name", "given_name"}, {"family-name", "family_name"}, {"birth-date", "birth_date"},
      {"sex", "sex"},               {"language", "language"},       {"municipality", "municipality"},
      {"household", "household"},   {"external-ref", "external_ref"}, {"health-centre", "health_centre"}};
  for (const auto& [option, field] : texts) {
    if (!vm.count(option)) continue;
    std::string value = vm[option].as<std::string>();
    if (!csv::is_utf8(value)) throw UsageError(std::string("--") + option + ": the value is not valid UTF-8");
    if (std::string_view(field) == "sex" && (value == "K" || value == "k")) value = "F";  // kvinna
    fields.emplace_back(field, value);
  }
  fields.emplace_back("interpreter_needed", vm.count("interpreter-needed") > 0);
  fields.emplace_back("unaccompanied", vm.count("unaccompanied") > 0);
  return fields;
}

// Refuses a person who may be registered already (issue 14 §3, as POST
// /v1/cases answers 409 possible_duplicate): one line a matching case.
void refuse_possible_duplicates(const std::vector<storage::PossibleDuplicate>& matches) {
  if (matches.empty()) return;
  Problem problem{ProblemKind::conflict, "possible duplicate", {}};
  for (const auto& match : matches) {
    const Case& c = match.summary.the_case;
    std::string what = c.given_name + " " + c.family_name + ", born " + format_date(c.birth_date) + ", " +
                       match.summary.municipality;
    if (c.external_ref) what += ", external_ref " + *c.external_ref;
    what += match.same_name_and_birth_date ? " (the same name and birth date" : " (";
    if (match.same_external_ref) what += match.same_name_and_birth_date ? "; the same external_ref" : "the same external_ref";
    what += ")";
    problem.errors.push_back({"possible duplicate: case " + c.id.str(), what});
  }
  problem.errors.push_back({"--confirmed-new", "add it to register a new case anyway"});
  throw ProblemError(std::move(problem));
}

}  // namespace

int run_case_create(const Globals& globals, const Args& args) {
  po::options_description options("kedja case create");
  options.add_options()("given-name", po::value<std::string>()->required(), "förnamn")(
      "family-name", po::value<std::string>()->required(), "efternamn")(
      "birth-date", po::value<std::string>()->required(), "YYYY-MM-DD")(
      "sex", po::value<std::string>()->required(), "F (or K), M or X")(
      "language", po::value<std::string>()->required(), "e.g. arabiska")(
      "municipality", po::value<std::string>()->required(), "a municipality slug, e.g. ostersund")(
      "household", po::value<std::string>(), "groups a family")(
      "external-ref", po::value<std::string>(), "e.g. the Migration Agency's dossier number (unique)")(
      "health-centre", po::value<std::string>(), "an hc actor id (default: the municipality's)")(
      "interpreter-needed", "the person needs an interpreter")(
      "unaccompanied", "an unaccompanied minor (ensamkommande)")(
      "arrival-notice", po::value<std::string>(), "the arrival notice's date (avisering), with --expected-arrival")(
      "expected-arrival", po::value<std::string>(), "the expected arrival day, with --arrival-notice")(
      "confirmed-new", "register even when a case with the same name and birth date, or the same\n"
                       "external_ref, exists (without it such a person is refused, listing them)");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja case create --given-name G --family-name F --birth-date D --sex S\n"
                       "                         --language L --municipality M [--household H]\n"
                       "                         [--external-ref R] [--interpreter-needed] [--unaccompanied]\n"
                       "                         [--arrival-notice DATE --expected-arrival DATE] [--confirmed-new]\n\n"
                       "Registers one person (POST /v1/cases) and prints the new case's id. With\n"
                       "--arrival-notice the case starts with its arrival_notice_received event, which\n"
                       "opens the reception unit's steps. Nothing is written when any field is bad.");
  if (!vm) return exit_ok;
  const bool notice = vm->count("arrival-notice") > 0, expected = vm->count("expected-arrival") > 0;
  if (notice != expected)
    throw UsageError(notice ? "--expected-arrival: required with --arrival-notice"
                            : "--arrival-notice: required with --expected-arrival");
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  RawFields fields = case_fields_of(*vm);
  text::normalise(fields);  // NFC and trimmed, as the API's (a name given as "Sara ")
  auto the_case = parse_case(fields, runtime.region(), true);
  auto& parsed_case = value_or_throw(the_case);
  std::vector<Event> events;
  if (notice) {
    RawEvent raw{"arrival_notice_received", (*vm)["arrival-notice"].as<std::string>(),
                 {{"expected_arrival", (*vm)["expected-arrival"].as<std::string>()}}, std::nullopt, true};
    auto event = parse_event(raw);
    events.push_back(value_or_throw(event));
  }
  std::vector<storage::PossibleDuplicate> matches;
  auto created = runtime.store().create_case(cli_caller(), parsed_case, std::move(events), today(),
                                             vm->count("confirmed-new") ? nullptr : &matches);
  refuse_possible_duplicates(matches);
  const auto& stored = value_or_throw(created);
  if (format_or(globals, Format::table) == Format::json)
    std::cout << pretty_json(server::case_to_json(stored, true)) << '\n';
  else
    std::cout << stored.the_case.id.str() << '\n';
  return exit_ok;
}

}  // namespace kedja::tools
