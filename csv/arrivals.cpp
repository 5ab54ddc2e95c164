#include "csv/arrivals.h"

#include "csv/encoding.h"

#include <algorithm>
#include <iterator>

namespace kedja::csv {
namespace {

constexpr std::size_t column_count = std::size(arrival_columns);
static_assert(std::size(swedish_arrival_columns) == column_count);

// The columns parse_case and the arrival notice need a value from on every row.
constexpr std::string_view required_columns[] = {
    "given_name", "family_name", "birth_date", "sex", "language", "municipality", "arrival_notice_date",
    "expected_arrival"};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A header cell as compared: trimmed, lower case, ' ' as '_'.
std::string normalised_column(std::string_view cell) {
  std::string name = lower_case(trimmed(cell));
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
}

std::string_view swedish_name_of(std::string_view contract_name) {
  for (std::size_t i = 0; i < column_count; ++i)
    if (arrival_columns[i] == contract_name) return swedish_arrival_columns[i];
  return contract_name;
}

// The contract name a normalised header cell stands for, if any.
std::optional<std::string_view> known_column(std::string_view name) {
  for (std::size_t i = 0; i < column_count; ++i)
    if (name == arrival_columns[i] || name == swedish_arrival_columns[i]) return arrival_columns[i];
  return std::nullopt;
}

// The known name (contract or Swedish) within two edits of `name`, if any.
std::optional<std::string_view> near_column(std::string_view name) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 3;
  for (const auto* names : {arrival_columns, swedish_arrival_columns})
    for (std::size_t i = 0; i < column_count; ++i)
      if (const auto d = edit_distance(name, names[i]); d < best_distance) {
        best = names[i];
        best_distance = d;
      }
  return best;
}

std::u32string code_points(std::string_view utf8) {
  std::u32string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto byte = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t cp = length == 1 ? byte : byte & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out += cp;
    i += length;
  }
  return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a_utf8, std::string_view b_utf8) {
  const std::u32string a = code_points(a_utf8), b = code_points(b_utf8);
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string lower_case(std::string_view utf8) {
  std::string out(utf8);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto byte = static_cast<unsigned char>(out[i]);
    if (byte >= 'A' && byte <= 'Z') {
      out[i] = static_cast<char>(byte - 'A' + 'a');
    } else if (byte == 0xC3 && i + 1 < out.size()) {
      // U+00C0–U+00DE (À … Þ, not × U+00D7) are C3 80–C3 9E; lower case is +0x20.
      const auto next = static_cast<unsigned char>(out[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) out[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return out;
}

Result<ArrivalsFile> ArrivalsFile::read(std::string_view bytes) {
  ArrivalsFile file;
  std::string text;
  if (is_utf8(bytes)) {
    file.encoding_ = "UTF-8";
    text = bytes;
  } else {
    file.encoding_ = "Windows-1252";
    text = windows1252_to_utf8(bytes);
  }
  auto parsed = parse_csv(text);
  if (!parsed) return parsed.problem();
  file.file_ = std::move(*parsed);

  const auto& header = file.file_.records.front();
  const std::string line = "line " + std::to_string(header.line) + ": ";
  file.width_ = header.fields.size();
  while (file.width_ > 0 && trimmed(header.fields[file.width_ - 1]).empty()) --file.width_;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < file.width_; ++i) {
    const std::string as_named(trimmed(header.fields[i]));
    file.header_.push_back(as_named);
    const std::string name = normalised_column(as_named);
    if (const auto known = known_column(name)) {
      if (!file.columns_.emplace(std::string(*known), i).second)
        errors.push_back({line + as_named, "the column " + std::string(*known) + " appears twice"});
    } else if (as_named.empty()) {
      file.warnings_.push_back({line + "column " + std::to_string(i + 1), "has no name; ignored"});
    } else if (const auto near = near_column(name)) {
      errors.push_back({line + as_named, "unknown column; did you mean " + std::string(*near) + "?"});
    } else {
      file.warnings_.push_back({line + as_named, "unknown column; ignored"});
    }
  }
  for (auto name : required_columns)
    if (!file.columns_.count(std::string(name)))
      errors.push_back({line + std::string(name),
                        "missing column (named " + std::string(name) + " or " + std::string(swedish_name_of(name)) + ")"});
  if (!errors.empty()) {
    // The ignored columns too: whoever fixes the header sees them all at once.
    errors.insert(errors.begin(), file.warnings_.begin(), file.warnings_.end());
    std::string detail = "the header row is not valid; nothing imported";
    return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
  }
  if (const auto ref = file.columns_.find("external_ref"); ref != file.columns_.end()) {
    for (std::size_t i = 1; i < file.file_.records.size(); ++i) {
      const CsvRecord& record = file.file_.records[i];
      if (ref->second >= record.fields.size()) continue;
      const std::string value(trimmed(record.fields[ref->second]));
      if (!value.empty()) file.first_line_of_ref_.emplace(value, record.line);
    }
  }
  return file;
}

std::string ArrivalsFile::column_as_named(std::string_view contract_name) const {
  const auto found = columns_.find(std::string(contract_name));
  return found == columns_.end() ? std::string(contract_name) : header_[found->second];
}

std::vector<std::pair<int, FieldError>> refs_in_database(const ArrivalsFile& file, storage::Store& store) {
  std::vector<std::string> refs;
  for (const auto& [ref, line] : file.first_line_of_ref()) refs.push_back(ref);
  std::vector<std::pair<int, FieldError>> errors;
  if (refs.empty()) return errors;
  for (const auto& ref : store.taken_external_refs(refs)) {
    const int line = file.first_line_of_ref().at(ref);
    errors.push_back({line, {"line " + std::to_string(line) + ": " + file.column_as_named("external_ref"),
                             "\"" + ref + "\" is already in the database"}});
  }
  return errors;
}

}  // namespace kedja::csv
