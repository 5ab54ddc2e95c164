// kedja import: bulk-loads arrivals from a CSV file, all or nothing. Every
// row is validated, and the load is committed only if every row is good;
// else each bad row is reported as "line N: FIELD: message" and nothing
// from the file is stored. The checks and the load are csv/import.h's,
// shared with the web pages' Importera.
#include "csv/import.h"
#include "domain/text/unicode.h"
#include "tools/commands.h"

#include <chrono>
#include <fstream>
#include <iostream>
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

// "2026-11-25T08:01:02Z"
std::string utc_now_timestamp() {
  auto now = date::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return date::format("%Y-%m-%dT%H:%M:%SZ", now);
}

// Prints each problem as `FIELD: message` (`line 7: birth_date: …`).
void report(const std::vector<FieldError>& errors, std::string_view prefix = {}) {
  for (const auto& error : errors)
    std::cerr << prefix << text::printable(error.field) << ": " << text::printable(error.message) << '\n';
}

}  // namespace

int run_import(const Globals& globals, const Args& args) {
  po::options_description options("kedja import");
  options.add_options()("file", po::value<std::string>()->required(), "the CSV file");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja import --file arrivals.csv\n\n"
                       "One row a person; each becomes a case with its arrival_notice_received event.\n"
                       "Header row names the columns, in any order, in English or Swedish (any case,\n"
                       "' ' or '_' between words):\n"
                       "  external_ref (dossiernummer), given_name (förnamn), family_name (efternamn),\n"
                       "  birth_date (födelsedatum), sex (kön), language (språk),\n"
                       "  interpreter_needed (tolkbehov), household (hushåll), unaccompanied\n"
                       "  (ensamkommande), municipality (kommun), arrival_notice_date (aviseringsdatum),\n"
                       "  expected_arrival (förväntat_ankomstdatum)\n"
                       "All but external_ref, interpreter_needed, household and unaccompanied are required.\n"
                       "UTF-8 (BOM allowed) or Windows-1252 (Excel's \"CSV (semikolonavgränsad)\"); ';' or\n"
                       "',' separated; \"quoted\" fields with \"\" escapes; sex K, F, M or X; municipality\n"
                       "by slug or name (Östersund, any case); booleans ja/nej or true/false; empty optional\n"
                       "fields allowed; rows with every cell empty are skipped. An unknown column is\n"
                       "ignored with a warning, unless it is within two edits of a known one (an error).\n"
                       "Every row is checked first: a bad row is reported as `line N: COLUMN: message`\n"
                       "(the header is line 1) and nothing is written. A duplicate external_ref (in the\n"
                       "file or the database) is a bad row.");
  if (!vm) return exit_ok;
  auto path = (*vm)["file"].as<std::string>();
  const std::string bytes = read_file(path);

  // The one code path of every import (csv/import.h), the web pages' too;
  // the operator imports for the whole region, without a caller.
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  const csv::ArrivalsContext context{runtime.context(), today(), utc_now_timestamp()};
  const csv::ImportOutcome outcome = csv::import_arrivals(bytes, context, runtime.store());
  if (!outcome.header_ok) {
    report(outcome.errors);
    throw UsageError(outcome.errors.empty() ? outcome.detail : "nothing imported from " + path);
  }
  report(outcome.warnings, "warning: ");
  if (!outcome.ok()) {
    report(outcome.errors);
    throw UsageError(std::to_string(outcome.bad_rows) + " bad row(s) in " + path + "; nothing imported");
  }
  std::cout << "imported " << outcome.loaded << " cases from " << path << " (read as " << outcome.encoding << ")\n";
  return exit_ok;
}

}  // namespace kedja::tools
