// kedja import: bulk-loads arrivals from a CSV file, all or nothing. Every
// row is validated before anything is written; each bad row is reported as
// "line N: FIELD: message" and nothing from the file is stored.
#include "tools/commands.h"
#include "tools/csv.h"
#include "tools/import_row.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace kedja::tools {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("--file: cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The column index of each known column; unknown, duplicate or missing
// required columns are errors naming them.
std::map<std::string, std::size_t> columns_of(const CsvRecord& header) {
  std::map<std::string, std::size_t> columns;
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto& name = header.fields[i];
    if (!is_import_column(name)) problems.push_back("unknown column '" + name + "'");
    else if (!columns.emplace(name, i).second) problems.push_back("column '" + name + "' appears twice");
  }
  for (auto name : required_import_columns())
    if (!columns.count(std::string(name))) problems.push_back("missing column '" + std::string(name) + "'");
  if (!problems.empty()) {
    for (const auto& problem : problems) std::cerr << "line 1: " << problem << '\n';
    throw UsageError("the header row is not valid; nothing imported");
  }
  return columns;
}

}  // namespace

int run_import(const Globals& globals, const Args& args) {
  po::options_description options("kedja import");
  options.add_options()("file", po::value<std::string>()->required(), "the CSV file");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja import --file arrivals.csv\n\n"
                       "One row a person; each becomes a case with its arrival_notice_received event.\n"
                       "Header row names the columns, in any order: external_ref, given_name, family_name,\n"
                       "birth_date, sex, language, interpreter_needed, household, unaccompanied,\n"
                       "municipality, arrival_notice_date, expected_arrival (all but external_ref,\n"
                       "interpreter_needed, household and unaccompanied are required).\n"
                       "UTF-8 (BOM allowed), ';' or ',' separated, \"quoted\" fields with \"\" escapes;\n"
                       "booleans true/false or ja/nej; empty optional fields allowed. Every row is checked\n"
                       "first: a bad row is reported as `line N: FIELD: message` (the header is line 1)\n"
                       "and nothing is written. A duplicate external_ref (in the file or the database)\n"
                       "is a bad row.");
  if (!vm) return exit_ok;
  auto path = (*vm)["file"].as<std::string>();
  auto parsed = parse_csv(read_file(path));
  auto& file = value_or_throw(parsed);
  auto columns = columns_of(file.records.front());

  Runtime runtime(globals);
  ImportContext context{runtime.context(), today(), utc_now_timestamp(), {}};
  std::vector<storage::Store::BulkCase> cases;
  std::vector<std::pair<int, FieldError>> errors;  // with the line they are on
  for (std::size_t i = 1; i < file.records.size(); ++i) {
    auto row = import_row(file.records[i], columns, context);
    if (row.ok()) cases.push_back(std::move(row.value()));
    else
      for (auto& error : row.problem().errors) errors.emplace_back(file.records[i].line, std::move(error));
  }
  std::vector<std::string> refs;
  for (const auto& [ref, line] : context.seen_refs) refs.push_back(ref);
  for (const auto& ref : runtime.store().taken_external_refs(refs)) {
    int line = context.seen_refs.at(ref);
    errors.emplace_back(line, FieldError{"line " + std::to_string(line) + ": external_ref",
                                         "'" + ref + "' is already in the database"});
  }
  if (!errors.empty()) {
    std::stable_sort(errors.begin(), errors.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::set<int> bad_lines;
    for (const auto& [line, error] : errors) {
      std::cerr << error.field << ": " << error.message << '\n';
      bad_lines.insert(line);
    }
    throw UsageError(std::to_string(bad_lines.size()) + " bad row(s) in " + path + "; nothing imported");
  }
  std::size_t next = 0;
  auto loaded = runtime.store().bulk_load([&](storage::Store::BulkCase& out) {
    if (next == cases.size()) return false;
    out = std::move(cases[next++]);
    return true;
  });
  std::cout << "imported " << loaded << " cases from " << path << '\n';
  return exit_ok;
}

}  // namespace kedja::tools
