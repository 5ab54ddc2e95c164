// List output in the three formats: an aligned table for a terminal, CSV
// for Swedish Excel (csv/writer.h: BOM, ';', CRLF, formula cells
// neutralised; the lists write theirs with csv/lists.h, Swedish headers), or
// JSON in the API's shapes (built by the caller with server/json_mapping.h).
#pragma once

#include "domain/event.h"
#include "tools/cli.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::tools {

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

// Columns wide enough for every cell, counted in characters (code points),
// so å, ä and ö take one column each. Control characters print as U+FFFD
// (contract §5): a stored name cannot rewrite the terminal it is listed on.
void print_table(std::ostream& out, const Table& table);
// The table through csv::Writer, its headers as the header row.
void print_csv(std::ostream& out, const Table& table);
void print_list(std::ostream& out, Format format, const Table& table, const nlohmann::json& json);

// JSON for a terminal (indent 2); bytes that are not UTF-8 (a name stored
// before import checked it, a --set value) print as U+FFFD, never throw.
std::string pretty_json(const nlohmann::json& json);

std::size_t display_width(std::string_view utf8);

// A loose payload value as text ("true", "12", "2026-01-02").
std::string to_text(const RawValue& value);

}  // namespace kedja::tools
