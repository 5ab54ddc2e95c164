// kedja: the command line over the domain, the store and the HTTP service.
// The one place where exceptions become exit codes.
#include "domain/text/unicode.h"
#include "tools/commands.h"

#include <iostream>
#include <regex>

namespace kedja::tools {
namespace {

constexpr std::string_view program_help = R"(Usage: kedja [--db PATH] [--config DIR] [--format table|csv|json] COMMAND [ARGS]

Kedja tracks each newcomer's path through the reception chain and tells every
organisation which of its steps are due and which are late.

The command line acts as the admin role for every read and write; its audit
rows name the token "cli".

Global options (anywhere on the line):
  --db PATH        the database (default ./data/kedja.db); init, demo and restore
                   create it (and its directory), every other command refuses a
                   missing one (exit 2)
  --config DIR     region.json and rules/*.json (default ./config)
  --format F       table, csv (';'-separated, header row) or json (the API's shapes)
  -h, --help       this help; `kedja COMMAND --help` for a command

Exit codes:
  0  ok
  1  a runtime failure (database, file system, network)
  2  bad usage or bad input (the message names the option, field or line),
     or no database at --db

Commands:
)";

std::vector<std::string> with_negative_values_joined(int argc, char** argv) {
  // "--add-working-days -5" would read as an option "-5": keep it a value.
  static const std::regex negative_number{"-[0-9]+"};
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--") && arg.find('=') == std::string::npos && i + 1 < argc &&
        std::regex_match(argv[i + 1], negative_number))
      arg += std::string("=") + argv[++i];
    args.push_back(std::move(arg));
  }
  return args;
}

void print_program_help() {
  std::cout << program_help;
  for (const auto& command : commands()) std::cout << "  " << command.synopsis << '\n';
}

const Command* find_command(Args& rest, std::string& name) {
  if (rest.empty()) return nullptr;
  for (const auto& command : commands()) {
    if (rest.size() >= 2 && command.name == rest[0] + " " + rest[1]) {
      name = std::string(command.name);
      rest.erase(rest.begin(), rest.begin() + 2);
      return &command;
    }
  }
  for (const auto& command : commands()) {
    if (command.name == rest[0]) {
      name = rest[0];
      rest.erase(rest.begin());
      return &command;
    }
  }
  return nullptr;
}

int run(int argc, char** argv) {
  po::options_description global;
  global.add_options()("help,h", "")("db", po::value<std::string>(), "")(
      "config", po::value<std::string>(), "")("format", po::value<std::string>(), "")(
      "command", po::value<std::string>(), "")("args", po::value<Args>(), "");
  po::positional_options_description positional;
  positional.add("command", 1).add("args", -1);
  auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  auto parsed = po::command_line_parser(with_negative_values_joined(argc, argv))
                    .options(global).positional(positional).style(style).allow_unregistered().run();
  po::variables_map vm;
  po::store(parsed, vm);

  Globals globals;
  if (vm.count("db")) globals.db = vm["db"].as<std::string>();
  if (vm.count("config")) globals.config = vm["config"].as<std::string>();
  if (vm.count("format")) {
    globals.format = format_from(vm["format"].as<std::string>());
    if (!globals.format)
      throw UsageError("--format: '" + vm["format"].as<std::string>() + "' is not table, csv or json");
  }
  Args rest = po::collect_unrecognized(parsed.options, po::include_positional);
  bool help = vm.count("help") > 0;
  if (rest.empty()) {
    print_program_help();
    return help ? exit_ok : exit_usage;
  }
  std::string name;
  const Command* command = find_command(rest, name);
  if (!command) {
    std::string group_commands;  // `kedja token`: the commands of that group
    for (const auto& c : commands())
      if (c.name.starts_with(rest[0] + " ")) group_commands += "  kedja " + std::string(c.synopsis) + "\n";
    if (!group_commands.empty()) {
      (help ? std::cout : std::cerr) << "kedja " << rest[0] << ": one of\n" << group_commands;
      return help ? exit_ok : exit_usage;
    }
    std::cerr << "kedja: unknown command '" << rest[0] << "'; the commands are:\n";
    for (const auto& c : commands()) std::cerr << "  " << c.synopsis << '\n';
    return exit_usage;
  }
  if (help) rest.push_back("--help");
  return command->run(globals, rest);
}

}  // namespace
}  // namespace kedja::tools

int main(int argc, char** argv) {
  using namespace kedja::tools;
  try {
    return run(argc, argv);
  } catch (const ProblemError& error) {
    const auto& problem = error.problem;
    // Messages may quote what was given: shown as a terminal may show it.
    if (problem.errors.empty()) std::cerr << "kedja: " << kedja::text::printable(problem.detail) << '\n';
    for (const auto& field : problem.errors)
      std::cerr << "kedja: " << kedja::text::printable(field.field) << ": "
                << kedja::text::printable(field.message) << '\n';
    return exit_usage;
  } catch (const kedja::storage::NoDatabase& missing) {
    // A mistyped --db, or a database not made yet: say so, make nothing.
    const std::string path = kedja::text::printable(missing.path);
    std::cerr << "kedja: --db: there is no database at " << path << " (`kedja --db " << path
              << " init` creates one)\n";
    return exit_usage;
  } catch (const UsageError& error) {
    std::cerr << "kedja: " << kedja::text::printable(error.what()) << '\n';
    return exit_usage;
  } catch (const po::error& error) {
    std::cerr << "kedja: " << kedja::text::printable(error.what()) << " (see --help)\n";
    return exit_usage;
  } catch (const std::exception& error) {
    std::cerr << "kedja: failed: " << kedja::text::printable(error.what()) << '\n';
    return exit_failure;
  }
}
