#include "tools/output.h"

#include "csv/writer.h"
#include "domain/text/unicode.h"

#include <algorithm>

namespace kedja::tools {

std::string pretty_json(const nlohmann::json& json) {
  return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++width;  // count lead bytes, not continuation bytes
  return width;
}

void print_table(std::ostream& out, const Table& raw) {
  // What a terminal shows: a control character in a stored value (or a
  // byte that is not UTF-8) prints as U+FFFD, never as itself.
  Table table{{}, {}};
  auto safe = [](const std::vector<std::string>& row) {
    std::vector<std::string> shown;
    for (const auto& cell : row) shown.push_back(text::printable(cell));
    return shown;
  };
  table.headers = safe(raw.headers);
  for (const auto& row : raw.rows) table.rows.push_back(safe(row));
  std::vector<std::size_t> widths(table.headers.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i)
      widths[i] = std::max(widths[i], display_width(row[i]));
  };
  measure(table.headers);
  for (const auto& row : table.rows) measure(row);
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      if (i > 0) line += "  ";
      line += row[i];
      if (i + 1 < row.size()) line.append(widths[i] - display_width(row[i]), ' ');
    }
    out << line << '\n';
  };
  print_row(table.headers);
  std::vector<std::string> rule;
  for (auto w : widths) rule.emplace_back(w, '-');
  print_row(rule);
  for (const auto& row : table.rows) print_row(row);
}

void print_csv(std::ostream& out, const Table& table) {
  std::string text;
  csv::Writer csv(text);
  for (const auto& cell : table.headers) csv.cell(cell);
  csv.end_row();
  for (const auto& row : table.rows) {
    for (const auto& cell : row) csv.cell(cell);
    csv.end_row();
  }
  out << text;
}

void print_list(std::ostream& out, Format format, const Table& table, const nlohmann::json& json) {
  switch (format) {
    case Format::table: print_table(out, table); break;
    case Format::csv: print_csv(out, table); break;
    case Format::json: out << pretty_json(json) << '\n'; break;
  }
}

std::string to_text(const RawValue& value) {
  struct Visitor {
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t n) const { return std::to_string(n); }
    std::string operator()(double d) const { return nlohmann::json(d).dump(); }
    std::string operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, value);
}

}  // namespace kedja::tools
