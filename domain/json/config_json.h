// The domain's edge: the region file and rule sets, read from JSON into the
// domain's plain values. The step engine never sees JSON.
#pragma once

#include "domain/region.h"
#include "domain/result.h"
#include "domain/rules.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::json {

// Parses one rule set. Errors name the file, the step and the field, e.g.
// "config/rules/x.json: steps[3] (book_health_talk): due.amount: must be ≥ 0".
// Every problem found is listed (Problem::errors), not just the first.
Result<RuleSet> parse_rule_set(std::string_view text, const std::string& file_name);

// Parses the region file (config/region.json).
Result<Region> parse_region(std::string_view text, const std::string& file_name);

// The region and every rule set of a config directory: DIR/region.json and
// DIR/rules/*.json (sorted by file name). Refuses overlapping validity
// periods and duplicate rule-set ids. Reads files: only the shells call it.
struct Config {
  Region region;
  RuleSets rule_sets;
};
Result<Config> load_config(const std::filesystem::path& dir);

}  // namespace kedja::json
