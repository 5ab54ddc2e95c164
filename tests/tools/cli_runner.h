// Runs the built `kedja` binary as a process in a fresh temporary directory,
// with --db there and --config the shipped config/, and a fixed today.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kedja::tools::testing {

inline constexpr const char* fixed_today = "2026-11-25";

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliSandbox {
 public:
  // Whether run() finds a database: every command but init, demo and
  // restore refuses a missing one (exit 2), so by default the sandbox runs
  // `kedja init` before the first run() of any other command when
  // data/kedja.db is not there yet (init, demo and restore make it
  // themselves, as a user would). `absent`: never; for the refusals.
  enum class Database { made_before_use, absent };
  explicit CliSandbox(Database database = Database::made_before_use);
  ~CliSandbox();
  CliSandbox(const CliSandbox&) = delete;
  CliSandbox& operator=(const CliSandbox&) = delete;

  // `kedja --db data/kedja.db --config <source>/config ARGS` (ARGS as shell words).
  RunResult run(const std::string& args) const;
  // `kedja ARGS`, nothing added (for help, calendar, rules check).
  RunResult run_bare(const std::string& args) const;
  // As run(), with `input` on standard input (else /dev/null).
  RunResult run_with_input(const std::string& args, const std::string& input) const;
  // Writes a file in the sandbox; returns its path.
  std::string write_file(const std::string& name, const std::string& content) const;

  const std::filesystem::path& dir() const { return dir_; }
  std::string db() const { return (dir_ / "data" / "kedja.db").string(); }
  static std::string config() { return std::string(KEDJA_SOURCE_DIR) + "/config"; }

 private:
  RunResult run_command(const std::string& command_line, const std::string& input_path = "/dev/null") const;
  // `kedja init` first when `args` is a command that needs the database and
  // there is none yet (see Database).
  void make_database_for(const std::string& args) const;
  std::filesystem::path dir_;
  Database database_;
};

std::vector<std::string> lines_of(const std::string& text);
// The lines of a CSV file as Kedja writes it (BOM, CRLF); empty, and a
// test failure, when the BOM or a CRLF is missing.
std::vector<std::string> csv_lines(const std::string& text);
// A shell word: single-quoted.
std::string shell_word(const std::string& text);
// Drops the first ';'-field of every line (server-assigned ids differ per load).
std::string without_first_column(const std::string& csv);

}  // namespace kedja::tools::testing
