// ArrivalsFile::row: one row of an arrivals file → a case with its
// arrival_notice_received event, or every problem of the row.
#include "csv/arrivals.h"
#include "domain/text/unicode.h"

#include "domain/vocabulary.h"

#include <algorithm>
#include <set>

namespace kedja::csv {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<bool> parse_boolean(std::string_view text) {
  const auto lower = lower_case(text);
  if (lower == "true" || lower == "ja") return true;
  if (lower == "false" || lower == "nej") return false;
  return std::nullopt;
}

// K (kvinna) is F; any case.
std::optional<std::string> parse_sex(std::string_view text) {
  const auto lower = lower_case(text);
  if (lower == "k" || lower == "f") return "F";
  if (lower == "m") return "M";
  if (lower == "x") return "X";
  return std::nullopt;
}

// A municipality by its slug or by its name in any case ("ÖSTERSUND").
std::optional<std::string> municipality_slug(std::string_view text, const Region& region) {
  if (region.find_municipality(text)) return std::string(text);
  const auto lower = lower_case(text);
  for (const Municipality& municipality : region.municipalities())
    if (lower_case(municipality.name) == lower || municipality.slug == lower) return municipality.slug;
  return std::nullopt;
}

// Errors as "line N: COLUMN", the column as the file names it.
struct RowErrors {
  const ArrivalsFile& file;
  std::string prefix;  // "line 7: "
  std::vector<FieldError> errors;

  std::set<std::string, std::less<>> fields_with_errors;

  void add(std::string_view field, std::string message) {
    fields_with_errors.emplace(field);
    errors.push_back({prefix + file.column_as_named(field), std::move(message)});
  }
  // A problem from the domain, its fields named as the file's columns;
  // `event` when it is about the arrival notice ("date" is its column).
  void add(const Problem& problem, bool event) {
    if (problem.errors.empty()) add(event ? "arrival_notice_date" : "row", problem.detail);
    for (const auto& error : problem.errors) {
      const std::string_view field =
          event && error.field == "date" ? std::string_view("arrival_notice_date") : std::string_view(error.field);
      // A value this file refused already (a sex of "Q") is not reported
      // again as missing by the domain.
      if (!fields_with_errors.count(field)) add(field, error.message);
    }
  }
  Problem problem() { return Problem{ProblemKind::invalid, "bad row", std::move(errors)}; }
};

}  // namespace

Result<storage::Store::BulkCase> ArrivalsFile::row(std::size_t index, const ArrivalsContext& context) const {
  const CsvRecord& record = file_.records[index + 1];
  RowErrors errors{*this, "line " + std::to_string(record.line) + ": ", {}, {}};
  const bool extra_cells_empty =
      std::all_of(record.fields.begin() + std::min(width_, record.fields.size()), record.fields.end(),
                  [](const std::string& cell) { return trimmed(cell).empty(); });
  if (record.fields.size() < width_ || !extra_cells_empty) {
    errors.add("row", "has " + std::to_string(record.fields.size()) + " cells, the header " + std::to_string(width_));
    return errors.problem();
  }
  auto cell = [&](std::string_view column) -> std::string {
    const auto found = columns_.find(std::string(column));
    return found == columns_.end() ? std::string() : std::string(trimmed(record.fields[found->second]));
  };
  const Region& region = context.engine.region;

  RawFields fields;
  for (const auto& [name, index_in_row] : columns_) {
    const std::string value(trimmed(record.fields[index_in_row]));
    if (value.empty() || name == "arrival_notice_date" || name == "expected_arrival") continue;
    if (name == "interpreter_needed" || name == "unaccompanied") {
      if (const auto flag = parse_boolean(value)) fields.emplace_back(name, *flag);
      else errors.add(name, "\"" + value + "\" is not one of: ja, nej, true, false");
    } else if (name == "sex") {
      if (const auto sex = parse_sex(value)) fields.emplace_back(name, *sex);
      else errors.add(name, "\"" + value + "\" is not one of: K, F, M, X");
    } else if (name == "municipality") {
      if (const auto slug = municipality_slug(value, region)) fields.emplace_back(name, *slug);
      else errors.add(name, "unknown municipality \"" + value + "\" — one of: " +
                                joined(Vocabulary(region, context.engine.rule_sets).municipality_names()));
    } else {
      fields.emplace_back(name, value);
    }
  }
  if (const auto ref = cell("external_ref"); !ref.empty())
    if (const auto first = first_line_of_ref_.find(ref);
        first != first_line_of_ref_.end() && first->second != record.line)
      errors.add("external_ref", "\"" + ref + "\" is already on line " + std::to_string(first->second));

  text::normalise(fields);  // stored in NFC, as from the API
  auto the_case = parse_case(fields, region, true);
  if (!the_case) errors.add(the_case.problem(), false);
  RawEvent raw{"arrival_notice_received", cell("arrival_notice_date"), {}, std::nullopt, true};
  if (auto expected = cell("expected_arrival"); !expected.empty()) raw.payload.emplace_back("expected_arrival", expected);
  auto event = parse_event(raw);
  if (!event) errors.add(event.problem(), true);
  if (!errors.errors.empty()) return errors.problem();

  if (the_case->birth_date > context.today)
    errors.add("birth_date", "lies after today (" + format_date(context.today) + ")");
  if (event->date > context.today)
    errors.add("arrival_notice_date", "lies after today (" + format_date(context.today) + ")");
  if (!context.engine.rule_sets.in_force_on(event->date))
    errors.add("arrival_notice_date", "no rule set is in force on " + format_date(event->date));
  const Actor* reception = region.unit(ActorKind::reception, the_case->municipality);
  if (!reception) errors.add("municipality", "has no reception unit in the region file");
  if (!errors.errors.empty()) return errors.problem();

  RecordedEvent recorded{1, std::move(*event), context.recorded_at, reception->id};
  if (auto refused = check_append(*the_case, {}, recorded, context.engine)) {
    errors.add(*refused, true);
    return errors.problem();
  }
  return storage::Store::BulkCase{std::move(*the_case), {std::move(recorded)}};
}

}  // namespace kedja::csv
