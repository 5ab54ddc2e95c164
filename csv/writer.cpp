#include "csv/writer.h"

#include "csv/encoding.h"

namespace kedja::csv {
namespace {

// OWASP's list: what Excel, LibreOffice and Sheets take as the start of a formula.
bool starts_formula(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
}

}  // namespace

std::string spreadsheet_cell(std::string_view text) {
  std::string cell = is_utf8(text) ? std::string(text) : valid_utf8(text);
  if (starts_formula(cell)) cell.insert(cell.begin(), '\'');
  if (cell.find_first_of(";\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

Writer::Writer(std::string& out) : out_(out) { out_ += bom; }

void Writer::separate() {
  if (row_started_) out_ += ';';
  row_started_ = true;
}

Writer& Writer::cell(std::string_view text) {
  separate();
  out_ += spreadsheet_cell(text);
  return *this;
}

// Through the text path like every cell: a negative number gets its
// apostrophe too, as the contract says of every cell starting with '-'.
Writer& Writer::cell(std::int64_t number) { return cell(std::string_view(std::to_string(number))); }

Writer& Writer::cell(Date day) {
  separate();
  out_ += format_date(day);
  return *this;
}

Writer& Writer::cell(const std::optional<Date>& day) {
  separate();
  if (day) out_ += format_date(*day);
  return *this;
}

void Writer::end_row() {
  out_ += "\r\n";
  row_started_ = false;
}

void Writer::row(std::initializer_list<std::string_view> cells) {
  for (auto text : cells) cell(text);
  end_row();
}

}  // namespace kedja::csv
