#include "csv/reader.h"

#include <algorithm>

namespace kedja::csv {

char detect_separator(std::string_view header_line) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : header_line) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && c == ';') ++semicolons;
    else if (!quoted && c == ',') ++commas;
  }
  return commas > semicolons ? ',' : ';';
}

namespace {

bool is_blank(const CsvRecord& record) {
  return std::all_of(record.fields.begin(), record.fields.end(), [](const std::string& f) { return f.empty(); });
}

}  // namespace

Result<CsvFile> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  CsvFile file;
  file.separator = detect_separator(text.substr(0, text.find('\n')));
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record{line, {std::string()}};
    bool quoted = false, was_quoted = false;
    for (; i < text.size(); ++i) {
      char c = text[i];
      std::string& field = record.fields.back();
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
        else if (c == '"') quoted = false;
        else { if (c == '\n') ++line; field += c; }
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = was_quoted = true;
      } else if (c == file.separator) {
        record.fields.emplace_back();
        was_quoted = false;
      } else if (c == '\n') {
        ++i;
        break;
      } else if (c != '\r') {
        field += c;
      }
    }
    if (quoted) return Problem::invalid("line " + std::to_string(record.line), "a quoted field is not closed");
    ++line;
    if (!is_blank(record)) file.records.push_back(std::move(record));
  }
  if (file.records.empty()) return Problem::invalid("line 1", "the file is empty: no header row");
  return file;
}

}  // namespace kedja::csv
