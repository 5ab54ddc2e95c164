// Reading an arrivals file for `kedja import` (contract §5) and the web
// pages' Importera; csv/import.h checks and imports a whole file.
//
// What Swedish offices save is accepted:
//   - the encoding: UTF-8 (with or without a BOM), else Windows-1252 (Excel's
//     "CSV (semikolonavgränsad)"); `encoding()` says which was read;
//   - the columns by their contract names or their Swedish names, in any
//     case, with ' ' or '_' between words (`Förnamn`, `FÖDELSEDATUM`,
//     `förväntat ankomstdatum`); empty header cells at the end are ignored;
//   - an unknown column is ignored with a warning naming it (`kommentar`),
//     unless it lies within two edits of a known name (`houshold`): then it
//     is an error naming the column meant;
//   - rows whose every cell is empty are skipped;
//   - `kön` K for F; a municipality by its name in any case (`Östersund`,
//     `ÖSTERSUND`) as well as its slug; booleans true/false or ja/nej.
// Every problem is a FieldError whose field is "line N: COLUMN" (the header
// is line 1; COLUMN as the file's header names it), and a message that
// refuses a value lists the valid ones.
#pragma once

#include "csv/reader.h"
#include "domain/steps.h"
#include "storage/store.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::csv {

// The columns of contract §5, by their contract names.
inline constexpr std::string_view arrival_columns[] = {
    "external_ref", "given_name",   "family_name",  "birth_date",          "sex",
    "language",     "interpreter_needed", "household", "unaccompanied", "municipality",
    "arrival_notice_date", "expected_arrival"};
// Their Swedish names, in the same order.
inline constexpr std::string_view swedish_arrival_columns[] = {
    "dossiernummer", "förnamn",   "efternamn", "födelsedatum",   "kön",
    "språk",         "tolkbehov", "hushåll",   "ensamkommande",  "kommun",
    "aviseringsdatum", "förväntat_ankomstdatum"};

// What every row is checked against.
struct ArrivalsContext {
  const EngineContext& engine;
  Date today;               // Europe/Stockholm: no birth date after it
  std::string recorded_at;  // UTC, one timestamp for the whole file
};

// A decoded file with a valid header; its rows are turned into cases one
// by one (`kedja import` does that while the previous rows are written).
class ArrivalsFile {
 public:
  // Decodes `bytes` and reads the header: missing, doubled or nearly-known
  // columns are errors ("line 1: houshold: …"), as is a quote left open;
  // the problem then lists the ignored columns too.
  static Result<ArrivalsFile> read(std::string_view bytes);

  std::string_view encoding() const { return encoding_; }  // "UTF-8" or "Windows-1252"
  // Unknown columns, ignored: {"line 1: kommentar", "unknown column, ignored"}.
  const std::vector<FieldError>& warnings() const { return warnings_; }
  std::size_t row_count() const { return file_.records.size() - 1; }
  int line_of(std::size_t row) const { return file_.records[row + 1].line; }
  // Each external_ref in the file → the first line it is on.
  const std::map<std::string, int>& first_line_of_ref() const { return first_line_of_ref_; }
  // A column as the file's header names it ("Kön" for "sex"); the contract
  // name when the file has no such column.
  std::string column_as_named(std::string_view contract_name) const;

  // Row `row` (0-based) as a case with its arrival_notice_received event,
  // or every problem of the row. A row repeating an earlier row's
  // external_ref is a problem; refs already in the database are the
  // caller's to check (Store::taken_external_refs).
  Result<storage::Store::BulkCase> row(std::size_t row, const ArrivalsContext& context) const;

 private:
  std::string encoding_;
  CsvFile file_;
  std::map<std::string, std::size_t> columns_;  // contract name → index
  std::vector<std::string> header_;             // each column as the file names it
  std::size_t width_ = 0;                       // header cells, trailing empty ones left out
  std::vector<FieldError> warnings_;
  std::map<std::string, int> first_line_of_ref_;
};

// The errors for the refs some case in the database has already, each at
// the first line it is on, as "line N: COLUMN".
std::vector<std::pair<int, FieldError>> refs_in_database(const ArrivalsFile& file, storage::Store& store);

// Levenshtein distance in code points (case as given), for near misses.
std::size_t edit_distance(std::string_view a, std::string_view b);
// ASCII and Latin-1 letters lower-cased (Å → å, Ö → ö), for names compared
// "in any case".
std::string lower_case(std::string_view utf8);

}  // namespace kedja::csv
