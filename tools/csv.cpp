#include "tools/csv.h"

namespace kedja::tools {

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

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return false;
    char32_t cp = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (next & 0x3F);
    }
    static constexpr char32_t least[] = {0, 0, 0x80, 0x800, 0x10000};  // shortest form
    if (cp < least[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += length;
  }
  return true;
}

namespace {

bool is_blank(const CsvRecord& record) { return record.fields.size() == 1 && record.fields[0].empty(); }

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

}  // namespace kedja::tools
