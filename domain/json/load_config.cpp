// Reads DIR/region.json and DIR/rules/*.json. The only file reads of the
// domain's edge; the shells call it once at start.
#include "domain/json/config_json.h"
#include "domain/json/json_reader.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace kedja::json {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool overlap(const RuleSet& a, const RuleSet& b) {
  // Inclusive periods; an open end reaches forever.
  bool a_before_b = a.valid_to && *a.valid_to < b.valid_from;
  bool b_before_a = b.valid_to && *b.valid_to < a.valid_from;
  return !a_before_b && !b_before_a;
}

}  // namespace

Result<Config> load_config(const fs::path& dir) {
  const fs::path region_path = dir / "region.json";
  auto region_text = read_file(region_path);
  if (!region_text) return Problem::invalid(region_path.string(), "cannot read the region file");
  auto region = parse_region(*region_text, region_path.string());
  if (!region) return region.problem();

  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir / "rules", error))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (error)
    return Problem::invalid((dir / "rules").string(), "cannot list the rule sets: " + error.message());
  std::sort(files.begin(), files.end());

  std::vector<FieldError> errors;
  std::vector<RuleSet> sets;
  std::vector<std::string> names;  // the file of each set
  for (const fs::path& file : files) {
    auto text = read_file(file);
    if (!text) {
      errors.push_back({file.string(), "cannot read the rule set"});
      continue;
    }
    auto set = parse_rule_set(*text, file.string());
    if (!set) {
      for (const FieldError& e : set.problem().errors) errors.push_back(e);
      continue;
    }
    for (std::size_t i = 0; i < sets.size(); ++i) {
      if (sets[i].id == set->id)
        errors.push_back({file.string() + ": id", "rule set id \"" + set->id.str() +
                                                      "\" is also used by " + names[i]});
      else if (overlap(sets[i], *set))
        errors.push_back({file.string() + ": valid_from",
                          "the validity period of \"" + set->id.str() + "\" overlaps that of \"" +
                              sets[i].id.str() + "\" (" + names[i] + ")"});
    }
    sets.push_back(std::move(*set));
    names.push_back(file.string());
  }
  if (!errors.empty()) return detail::config_problem(std::move(errors));
  return Config{std::move(*region), RuleSets(std::move(sets))};
}

}  // namespace kedja::json
