#include "cli_runner.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace kedja::tools::testing {
namespace {

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

CliSandbox::CliSandbox(Database database) : database_(database) {
  std::string pattern = (std::filesystem::temp_directory_path() / "kedja-cli-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = pattern;
}

CliSandbox::~CliSandbox() {
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void CliSandbox::make_database_for(const std::string& args) const {
  if (database_ == Database::absent || std::filesystem::exists(db())) return;
  const std::string command = args.substr(0, args.find(' '));
  if (command == "init" || command == "demo" || command == "restore") return;  // they make it
  const RunResult made = run_command("--db data/kedja.db --config " + shell_word(config()) + " init");
  if (made.exit_code != 0) ADD_FAILURE() << "kedja init before '" << args << "': " << made.err;
}

RunResult CliSandbox::run(const std::string& args) const {
  make_database_for(args);
  return run_command("--db data/kedja.db --config " + shell_word(config()) + " " + args);
}

RunResult CliSandbox::run_bare(const std::string& args) const { return run_command(args); }

RunResult CliSandbox::run_with_input(const std::string& args, const std::string& input) const {
  make_database_for(args);
  return run_command("--db data/kedja.db --config " + shell_word(config()) + " " + args,
                     write_file(".stdin", input));
}

RunResult CliSandbox::run_command(const std::string& command_line, const std::string& input_path) const {
  auto out = dir_ / ".stdout", err = dir_ / ".stderr";
  std::string shell = "cd " + shell_word(dir_.string()) + " && KEDJA_TODAY=" + fixed_today + " " +
                      shell_word(KEDJA_BINARY) + " " + command_line + " >" + shell_word(out.string()) + " 2>" +
                      shell_word(err.string()) + " <" + shell_word(input_path);
  int status = std::system(shell.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

std::string CliSandbox::write_file(const std::string& name, const std::string& content) const {
  auto path = dir_ / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> csv_lines(const std::string& text) {
  constexpr std::string_view bom = "\xEF\xBB\xBF";
  if (text.compare(0, bom.size(), bom) != 0) {
    ADD_FAILURE() << "a CSV file without the BOM: " << text;
    return {};
  }
  std::vector<std::string> lines;
  std::string_view rest = std::string_view(text).substr(bom.size());
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    if (end == std::string_view::npos) {
      ADD_FAILURE() << "a CSV line without CRLF: " << rest;
      return {};
    }
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 2);
  }
  return lines;
}

std::string shell_word(const std::string& text) {
  std::string result = "'";
  for (char c : text) result += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return result + "'";
}

std::string without_first_column(const std::string& csv) {
  std::string result;
  for (const auto& line : lines_of(csv)) result += line.substr(line.find(';') + 1) + '\n';
  return result;
}

}  // namespace kedja::tools::testing
