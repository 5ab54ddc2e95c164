// Importing an arrivals file, all or nothing: the one code path from a
// file's bytes to its cases, for `kedja import` and for the web pages'
// Importera (issue 14 §4: "the same code path as kedja import"). The page
// previews with check_arrivals and imports with import_arrivals, which
// checks every row again: a preview is never trusted.
#pragma once

#include "csv/arrivals.h"
#include "domain/access.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::csv {

// Who imports. nullptr: the operator at the command line — every
// municipality of the region, and no audit row (as `kedja demo`). A caller:
// a person on the web pages — a role that may create cases (reception, mv,
// admin; any other is refused before a row is read), its scope deciding
// which rows it may create (a reception unit only people of its own
// municipality: a row for another is a bad row naming the municipality
// column), and the load audited as theirs (one "import" row naming every
// case).
using Importer = const Caller*;

// A file checked, or imported, in full.
struct ImportOutcome {
  bool forbidden = false;   // the caller's role may not create cases; nothing read
  bool header_ok = true;    // false: nothing but the header was checked
  std::string detail;       // what went wrong, in a sentence (English)
  std::string encoding;     // "UTF-8" or "Windows-1252"
  std::vector<FieldError> warnings;  // ignored columns
  // Every problem in line order, each naming "line N: COLUMN" as
  // csv/arrivals.h does; the database's external_refs included.
  std::vector<FieldError> errors;
  std::size_t rows = 0;      // rows read (blank ones skipped)
  std::size_t bad_rows = 0;  // rows with at least one error
  // check_arrivals: the cases a confirmed import would create (no ids yet).
  std::vector<storage::Store::BulkCase> cases;
  // import_arrivals: how many were created and, for a caller, their ids in
  // file order. Zero and empty whenever `errors` is not.
  std::int64_t loaded = 0;
  std::vector<CaseId> created;
  std::vector<std::string> names;  // "Given Family" of each of `created`, in the same order

  bool ok() const { return !forbidden && header_ok && errors.empty(); }
};

// Every row checked as an import would check it, nothing written.
ImportOutcome check_arrivals(std::string_view bytes, const ArrivalsContext& context, storage::Store& store,
                             Importer by = nullptr);

// Checks every row and, when every one is good, creates them all in one
// transaction (Store::bulk_load); else nothing is written and `errors` says
// why. The rows are checked while the earlier ones are inserted (the load's
// producer thread); a bad row rolls the whole load back.
ImportOutcome import_arrivals(std::string_view bytes, const ArrivalsContext& context, storage::Store& store,
                              Importer by = nullptr);

}  // namespace kedja::csv
