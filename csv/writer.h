// CSV for spreadsheets (contract §4 "CSV for spreadsheets", §5 --format
// csv): the one writer behind every CSV Kedja produces — the API's
// ?format=csv answers, `kedja --format csv` and the web pages' downloads.
//
// What it writes is what Swedish Excel opens correctly on a double-click:
//   - UTF-8 with a byte order mark (without it Excel reads Windows-1252 and
//     shows "Åsa" as "Ã…sa");
//   - ';' between cells (Swedish Excel's list separator) and CRLF line ends;
//   - a cell that starts with '=', '+', '-', '@', TAB or CR gets a leading
//     apostrophe, so Excel shows it as text and never runs it as a formula
//     (OWASP "CSV injection": a name =HYPERLINK(…) stays a name);
//   - a cell holding ';', '"', CR or LF in double quotes, '"' doubled
//     (RFC 4180);
//   - bytes that are not UTF-8 (an old stored value) as U+FFFD.
//
// Use:
//   std::string out;
//   csv::Writer csv(out);                 // writes the BOM
//   csv.row({"Förnamn", "Efternamn"});    // the header row
//   csv.cell(name).cell(family).end_row();
#pragma once

#include "domain/dates.h"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace kedja::csv {

inline constexpr std::string_view bom = "\xEF\xBB\xBF";
inline constexpr std::string_view content_type = "text/csv; charset=utf-8";

// One cell as the writer puts it in the file: neutralised, then quoted if
// it must be. "=1+1" → "'=1+1"; "a;b" → "\"a;b\"".
std::string spreadsheet_cell(std::string_view text);

class Writer {
 public:
  // Appends to `out`, starting with the BOM.
  explicit Writer(std::string& out);

  Writer& cell(std::string_view text);
  Writer& cell(const char* text) { return cell(std::string_view(text)); }
  Writer& cell(const std::string& text) { return cell(std::string_view(text)); }
  Writer& cell(std::int64_t number);
  Writer& cell(int number) { return cell(static_cast<std::int64_t>(number)); }
  Writer& cell(Date day);                       // YYYY-MM-DD, which Excel reads as a date
  Writer& cell(const std::optional<Date>& day);  // empty when absent
  // Ends the row with CRLF.
  void end_row();
  // A whole row of text cells (a header row).
  void row(std::initializer_list<std::string_view> cells);

 private:
  void separate();
  std::string& out_;
  bool row_started_ = false;
};

}  // namespace kedja::csv
