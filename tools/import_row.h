// One CSV row of `kedja import` → a case with its arrival_notice_received
// event, or every problem of the row as "line N: FIELD" errors.
#pragma once

#include "storage/store.h"
#include "tools/csv.h"

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace kedja::tools {

struct ImportContext {
  const EngineContext& engine;
  Date today;
  std::string recorded_at; // UTC, one timestamp for the whole file
  // Every external_ref of the file → the first line it is on: a later line
  // with the same one is a bad row.
  std::map<std::string, int> first_line_of_ref;
};

bool is_import_column(std::string_view name);
std::span<const std::string_view> required_import_columns();

Result<storage::Store::BulkCase> import_row(const CsvRecord& record,
                                            const std::map<std::string, std::size_t>& columns,
                                            const ImportContext& context);

// "2026-11-25T08:01:02Z"
std::string utc_now_timestamp();

}  // namespace kedja::tools
