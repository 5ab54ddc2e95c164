#include "tools/import_row.h"

#include "domain/text/unicode.h"
#include "tools/cli.h"

#include <algorithm>
#include <array>
#include <chrono>

namespace kedja::tools {
namespace {

constexpr std::array<std::string_view, 12> all_columns{
    "external_ref", "given_name", "family_name", "birth_date", "sex", "language", "interpreter_needed",
    "household", "unaccompanied", "municipality", "arrival_notice_date", "expected_arrival"};
// The columns parse_case and the arrival notice need a value from on every row.
constexpr std::array<std::string_view, 8> required_columns{
    "given_name", "family_name", "birth_date", "sex", "language", "municipality", "arrival_notice_date",
    "expected_arrival"};

std::string lower_ascii(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

std::optional<bool> parse_boolean(const std::string& text) {
  auto lower = lower_ascii(text);
  if (lower == "true" || lower == "ja") return true;
  if (lower == "false" || lower == "nej") return false;
  return std::nullopt;
}

struct RowErrors {
  std::string prefix;  // "line 7: "
  std::vector<FieldError> errors;
  void add(const std::string& field, std::string message) { errors.push_back({prefix + field, std::move(message)}); }
  // A problem from the domain; `rename` maps its field names to the file's columns.
  void add(const Problem& problem, std::string_view fallback_field,
           std::string_view (*rename)(std::string_view) = nullptr) {
    if (problem.errors.empty()) add(std::string(fallback_field), problem.detail);
    for (const auto& error : problem.errors)
      add(std::string(rename ? rename(error.field) : std::string_view(error.field)), error.message);
  }
};

std::string_view event_field_to_column(std::string_view field) {
  return field == "date" ? std::string_view("arrival_notice_date") : field;
}

void check_external_ref(const std::string& ref, int line, const ImportContext& context, RowErrors& errors) {
  auto first = context.first_line_of_ref.find(ref);
  if (first != context.first_line_of_ref.end() && first->second != line)
    errors.add("external_ref", "'" + ref + "' is already on line " + std::to_string(first->second));
}

}  // namespace

bool is_import_column(std::string_view name) {
  return std::find(all_columns.begin(), all_columns.end(), name) != all_columns.end();
}

std::span<const std::string_view> required_import_columns() { return required_columns; }

std::string utc_now_timestamp() {
  auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%Y-%m-%dT%H:%M:%SZ", now);
}

Result<storage::Store::BulkCase> import_row(const CsvRecord& record,
                                            const std::map<std::string, std::size_t>& columns,
                                            const ImportContext& context) {
  RowErrors errors{"line " + std::to_string(record.line) + ": ", {}};
  auto cell = [&](std::string_view column) -> std::string {
    auto it = columns.find(std::string(column));
    return it == columns.end() ? std::string() : record.fields[it->second];
  };
  if (record.fields.size() != columns.size()) {
    errors.add("row", "has " + std::to_string(record.fields.size()) + " fields, the header " +
                          std::to_string(columns.size()));
    return Problem{ProblemKind::invalid, "bad row", std::move(errors.errors)};
  }
  RawFields fields;
  bool well_formed = true;
  for (const auto& [name, index] : columns) {
    if (is_utf8(record.fields[index])) continue;
    errors.add(name, "is not valid UTF-8 text (save the file as UTF-8)");
    well_formed = false;
  }
  if (!well_formed) return Problem{ProblemKind::invalid, "bad row", std::move(errors.errors)};
  for (const auto& [name, index] : columns) {
    const auto& value = record.fields[index];
    if (value.empty() || name == "arrival_notice_date" || name == "expected_arrival") continue;
    if (name == "interpreter_needed" || name == "unaccompanied") {
      auto flag = parse_boolean(value);
      if (!flag) errors.add(name, "'" + value + "' is not true/false or ja/nej");
      else fields.emplace_back(name, *flag);
    } else {
      fields.emplace_back(name, value);
    }
  }
  if (auto ref = cell("external_ref"); !ref.empty()) check_external_ref(ref, record.line, context, errors);

  text::normalise(fields);  // stored in NFC, as from the API
  auto the_case = parse_case(fields, context.engine.region, true);
  if (!the_case.ok()) errors.add(the_case.problem(), "row");

  RawEvent raw{"arrival_notice_received", cell("arrival_notice_date"), {}, std::nullopt, true};
  if (auto expected = cell("expected_arrival"); !expected.empty()) raw.payload.emplace_back("expected_arrival", expected);
  auto event = parse_event(raw);
  if (!event.ok()) errors.add(event.problem(), "arrival_notice_date", event_field_to_column);

  if (!errors.errors.empty() || !the_case.ok() || !event.ok())
    return Problem{ProblemKind::invalid, "bad row", std::move(errors.errors)};

  if (the_case->birth_date > context.today)
    errors.add("birth_date", "lies after today (" + format_date(context.today) + ")");
  if (auto future = check_not_after_today(*event, context.today))
    errors.add(*future, "arrival_notice_date", event_field_to_column);
  if (!context.engine.rule_sets.in_force_on(event->date))
    errors.add("arrival_notice_date", "no rule set is in force on " + format_date(event->date));
  const Actor* reception = context.engine.region.unit(ActorKind::reception, the_case->municipality);
  if (!reception) errors.add("municipality", "has no reception unit in the region file");
  if (!errors.errors.empty()) return Problem{ProblemKind::invalid, "bad row", std::move(errors.errors)};

  RecordedEvent recorded{1, std::move(*event), context.recorded_at, reception->id};
  if (auto refused = check_append(*the_case, {}, recorded, context.engine)) {
    errors.add(*refused, "arrival_notice_date", event_field_to_column);
    return Problem{ProblemKind::invalid, "bad row", std::move(errors.errors)};
  }
  return storage::Store::BulkCase{std::move(*the_case), {std::move(recorded)}};
}

}  // namespace kedja::tools
