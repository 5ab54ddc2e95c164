// A small CSV reader for files from spreadsheets: UTF-8 text (a BOM is
// stripped; csv/arrivals.h decodes Windows-1252 first), ';' or ',' as
// separator (detected from the header line), quoted fields with ""
// escapes, separators and line breaks inside quotes, CRLF or LF line ends.
// Rows whose every cell is empty (a blank line, or ";;;;" where Excel
// cleared a row) are skipped but still counted.
#pragma once

#include "domain/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace kedja::csv {

struct CsvRecord {
  int line = 0;  // the line the record starts on; the header is line 1
  std::vector<std::string> fields;
};

struct CsvFile {
  char separator = ';';
  std::vector<CsvRecord> records;  // records[0] is the header
};

// The separator of a header line: whichever of ';' and ',' occurs more often
// outside quotes (';' on a tie).
char detect_separator(std::string_view header_line);

// Errors name the line ("line 7": unterminated quoted field).
Result<CsvFile> parse_csv(std::string_view text);

}  // namespace kedja::csv
