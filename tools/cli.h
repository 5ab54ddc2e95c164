// Shared plumbing of the `kedja` command line: global options, exit codes,
// the runtime (config + store) and the small parsers every command uses.
//
// Errors follow the house style: bad usage or bad input is thrown as a
// UsageError or ProblemError and turned into exit code 2 in main; any other
// exception is an infrastructure failure, exit code 1. Caught in main only.
#pragma once

#include "domain/access.h"
#include "domain/calendar.h"
#include "domain/json/config_json.h"
#include "domain/result.h"
#include "domain/steps.h"
#include "domain/vocabulary.h"
#include "storage/store.h"

#include <boost/program_options.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::tools {

namespace po = boost::program_options;
using Args = std::vector<std::string>;

enum ExitCode { exit_ok = 0, exit_failure = 1, exit_usage = 2 };

// Bad usage or bad input: a message naming the option or value, exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A Problem from the domain or the store: each error on its own line, exit 2.
struct ProblemError : std::runtime_error {
  explicit ProblemError(Problem p) : std::runtime_error(p.detail), problem(std::move(p)) {}
  Problem problem;
};

enum class Format { table, csv, json };

struct Globals {
  std::string db = "./data/kedja.db";
  std::string config = "./config";
  std::optional<Format> format;  // each command has its own default
};

Format format_or(const Globals& globals, Format fallback);
std::optional<Format> format_from(std::string_view text);

// The CLI acts as admin; audit rows name the token "cli".
Caller cli_caller();

// The civil date in Europe/Stockholm. KEDJA_TODAY=YYYY-MM-DD overrides it
// (reproducible demos and tests).
Date today();

// Parses an option's date value; the error names the option and the value.
Date date_option(std::string_view option, const std::string& value);
// An http:// or https:// URL with a host and no query, fragment, space or
// control character, without a trailing '/': links are made by appending
// "/att-gora" or "/arenden/{id}". The error names the option and the value.
std::string base_url_option(std::string_view option, const std::string& value);
// Parses a whole decimal integer; the error names the option and the value.
long long int_option(std::string_view option, const std::string& value);

// Parses a subcommand's arguments. On --help prints `usage` and the options
// and returns nullopt (the command then exits 0).
std::optional<po::variables_map> parse_args(const Args& args, const po::options_description& options,
                                            const po::positional_options_description& positional,
                                            std::string_view usage);

// Throws ProblemError when `result` holds a Problem.
template <typename T>
T& value_or_throw(Result<T>& result) {
  if (!result.ok()) throw ProblemError(result.problem());
  return result.value();
}

// The config directory and the database, for the commands that need them.
// Not movable: the engine context refers into the config.
//
// Each command says what a missing database means to it, there is no
// default: `init`, `demo` and `restore` make it (MissingDatabase::create);
// every other command refuses (storage::NoDatabase, exit 2 naming --db and
// `kedja init`), so a mistyped --db is an error, not an empty answer from a
// database made on the spot.
class Runtime {
 public:
  Runtime(const Globals& globals, storage::MissingDatabase missing);
  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;

  const Region& region() const { return config_.region; }
  const RuleSets& rule_sets() const { return config_.rule_sets; }
  const EngineContext& context() const { return context_; }
  // Names for ids: municipality names, step titles (CSV output).
  const Vocabulary& vocabulary() const { return vocabulary_; }
  storage::Store& store() { return *store_; }

 private:
  json::Config config_;
  EngineContext context_;
  Vocabulary vocabulary_;
  std::unique_ptr<storage::Store> store_;
};

// Loads DIR/region.json and DIR/rules/*.json; a bad config is a ProblemError.
json::Config load_config_or_throw(const std::string& dir);

}  // namespace kedja::tools
