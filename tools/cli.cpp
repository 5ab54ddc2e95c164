#include "tools/cli.h"

#include <date/tz.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace kedja::tools {

std::optional<Format> format_from(std::string_view text) {
  if (text == "table") return Format::table;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  return std::nullopt;
}

Format format_or(const Globals& globals, Format fallback) { return globals.format.value_or(fallback); }

Caller cli_caller() { return Caller{Role::admin, std::nullopt, "cli"}; }

std::string base_url_option(std::string_view option, const std::string& value) {
  std::string url = value;
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  const bool scheme = url.starts_with("http://") || url.starts_with("https://");
  const std::size_t host_at = url.find("://") + 3;
  const bool clean = std::none_of(url.begin(), url.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7F || c == '?' || c == '#' || c == '"' || c == '<' ||
           c == '>';
  });
  if (!scheme || !clean || url.size() <= host_at || url[host_at] == '/')
    throw UsageError(std::string(option) + ": '" + value + "' is not an http:// or https:// address like "
                     "https://kedja.region.se");
  return url;
}

Date today() {
  if (const char* forced = std::getenv("KEDJA_TODAY"); forced && *forced)
    return date_option("KEDJA_TODAY", forced);
  static const date::time_zone* const zone = date::locate_zone("Europe/Stockholm");
  auto local = zone->to_local(std::chrono::system_clock::now());
  return Date{date::floor<date::days>(local).time_since_epoch()};
}

Date date_option(std::string_view option, const std::string& value) {
  auto day = parse_date(value);
  if (!day)
    throw UsageError(std::string(option) + ": '" + value + "' is not a date (YYYY-MM-DD)");
  if (!DateRange::contains(*day))
    throw UsageError(std::string(option) + ": '" + value + "' is outside the supported dates " +
                     DateRange::text());
  return *day;
}

long long int_option(std::string_view option, const std::string& value) {
  long long number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (value.empty() || error != std::errc{} || end != value.data() + value.size())
    throw UsageError(std::string(option) + ": '" + value + "' is not a whole number");
  return number;
}

std::optional<po::variables_map> parse_args(const Args& args, const po::options_description& options,
                                            const po::positional_options_description& positional,
                                            std::string_view usage) {
  po::options_description all;
  all.add_options()("help,h", "show this help");
  all.add(options);
  po::variables_map vm;
  auto style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  po::store(po::command_line_parser(args).options(all).positional(positional).style(style).run(), vm);
  if (vm.count("help")) {
    std::cout << usage << "\n\n" << all << "\n"
              << "Global options: --db PATH, --config DIR, --format table|csv|json (see kedja --help).\n";
    return std::nullopt;
  }
  po::notify(vm);
  return vm;
}

json::Config load_config_or_throw(const std::string& dir) {
  auto config = json::load_config(dir);
  return std::move(value_or_throw(config));
}

namespace {

// The store makes the database's missing directories itself (0700) when
// it may create the database.
std::unique_ptr<storage::Store> open_store(const std::string& path, const EngineContext& context,
                                           storage::MissingDatabase missing) {
  storage::Options options{path, true};
  options.missing = missing;
  return std::make_unique<storage::Store>(std::move(options), context);
}

}  // namespace

Runtime::Runtime(const Globals& globals, storage::MissingDatabase missing)
    : config_(load_config_or_throw(globals.config)),
      context_{config_.rule_sets, config_.region, Calendar::swedish()},
      vocabulary_(config_.region, config_.rule_sets),
      store_(open_store(globals.db, context_, missing)) {}

}  // namespace kedja::tools
