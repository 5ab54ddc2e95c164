// kedja rules check: validates a rule-set file, without a database.
#include "tools/commands.h"

#include <fstream>
#include <iostream>
#include <sstream>

namespace kedja::tools {

int run_rules_check(const Globals&, const Args& args) {
  po::options_description options("kedja rules check");
  options.add_options()("file", po::value<std::string>()->required(), "the rule-set JSON file");
  po::positional_options_description positional;
  positional.add("file", 1);
  auto vm = parse_args(args, options, positional,
                       "Usage: kedja rules check FILE\n\n"
                       "Validates a rule set (config/rules/*.json). Prints \"ok: <id> (<n> steps)\" and\n"
                       "exits 0 when valid; otherwise every error on stderr and exit 2.\n"
                       "The format, field by field: docs/rule-sets.md.");
  if (!vm) return exit_ok;
  auto file = (*vm)["file"].as<std::string>();
  std::ifstream in(file, std::ios::binary);
  if (!in) throw UsageError("rules check: cannot read '" + file + "'");
  std::ostringstream text;
  text << in.rdbuf();
  auto rule_set = json::parse_rule_set(text.str(), file);
  auto& valid = value_or_throw(rule_set);
  std::cout << "ok: " << valid.id.str() << " (" << valid.steps.size() << " steps)\n";
  return exit_ok;
}

}  // namespace kedja::tools
