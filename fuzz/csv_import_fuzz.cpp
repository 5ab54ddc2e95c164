// An arrival file for `kedja import` with any bytes: the CSV reader, then
// each row through import_row (the case and arrival-notice parsers and the
// domain's check), as the command does before it writes anything.
#include "fuzz/support.h"

#include "tools/csv.h"
#include "tools/import_row.h"

#include <map>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kedja::tools;
  auto file = parse_csv({reinterpret_cast<const char*>(data), size});
  if (!file || file->records.empty()) return 0;
  // The header as `kedja import` reads it: known columns, each once, the
  // required ones present (the command refuses the file otherwise).
  std::map<std::string, std::size_t> columns;
  const auto& header = file->records.front();
  for (std::size_t i = 0; i < header.fields.size(); ++i)
    if (!is_import_column(header.fields[i]) || !columns.emplace(header.fields[i], i).second) return 0;
  for (auto name : required_import_columns())
    if (!columns.count(std::string(name))) return 0;
  ImportContext context{kedja::fuzz::shipped_context(), kedja::fuzz::fuzz_today(), "2026-11-25T08:00:00Z", {}};
  if (auto ref = columns.find("external_ref"); ref != columns.end())
    for (std::size_t i = 1; i < file->records.size(); ++i) {
      const auto& record = file->records[i];
      if (ref->second < record.fields.size() && !record.fields[ref->second].empty())
        context.first_line_of_ref.emplace(record.fields[ref->second], record.line);
    }
  for (std::size_t i = 1; i < file->records.size(); ++i) (void)import_row(file->records[i], columns, context);
  return 0;
}
