// kedja serve, init, actors, reproject, backup, restore: the commands
// that open the database and hand it to the store or the service.
#include "csv/writer.h"
#include "domain/swedish.h"
#include "server/json_mapping.h"
#include "server/service.h"
#include "storage/restore.h"
#include "tools/backup_folder.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace kedja::tools {

int run_serve(const Globals& globals, const Args& args) {
  po::options_description options("kedja serve");
  options.add_options()("listen", po::value<std::string>()->default_value("127.0.0.1:8080"), "host:port")(
      "threads", po::value<std::string>(), "I/O threads, and as many for reads (default: the number of cores)")(
      "handler-threads", po::value<std::string>(),
      "threads that run writes, which wait for the group commit (default: 32)")(
      "base-url", po::value<std::string>(),
      "where users reach the service, e.g. https://kedja.region.se (default: http://LISTEN); "
      "calendar feeds link to case pages there")(
      "secure-cookies", po::bool_switch(),
      "mark the web pages' session cookie Secure (when a TLS proxy serves Kedja over HTTPS)")(
      "metrics-listen", po::value<std::string>(),
      "host:port for GET /metrics in the Prometheus text format, e.g. 127.0.0.1:9464 (default: none)")(
      "access-log", po::value<std::string>()->default_value("-"),
      "where the access log's lines go (one JSON object per request): - for standard error, a file, or off");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja serve [--listen 127.0.0.1:8080] [--threads N] [--handler-threads N]\n"
                       "                   [--base-url URL] [--secure-cookies]\n"
                       "                   [--metrics-listen HOST:PORT] [--access-log -|FILE|off]\n\n"
                       "Runs the HTTP API (contract §4) and the web pages (§6, log in at\n"
                       "http://HOST:PORT/logga-in) until SIGINT or SIGTERM.");
  if (!vm) return exit_ok;
  server::ServeOptions serve_options;
  serve_options.listen = (*vm)["listen"].as<std::string>();
  serve_options.secure_cookies = (*vm)["secure-cookies"].as<bool>();
  if (vm->count("metrics-listen")) serve_options.metrics_listen = (*vm)["metrics-listen"].as<std::string>();
  serve_options.access_log = (*vm)["access-log"].as<std::string>();
  if (serve_options.access_log == "off") serve_options.access_log.clear();
  if (serve_options.access_log.empty() && (*vm)["access-log"].as<std::string>() != "off")
    throw UsageError("--access-log: give -, a file, or off");
  if (vm->count("threads")) {
    auto threads = int_option("--threads", (*vm)["threads"].as<std::string>());
    if (threads < 1 || threads > 256)
      throw UsageError("--threads: '" + (*vm)["threads"].as<std::string>() + "' is not in 1–256");
    serve_options.threads = static_cast<int>(threads);
  }
  if (vm->count("handler-threads")) {
    auto threads = int_option("--handler-threads", (*vm)["handler-threads"].as<std::string>());
    if (threads < 1 || threads > 1024)
      throw UsageError("--handler-threads: '" + (*vm)["handler-threads"].as<std::string>() +
                       "' is not in 1–1024");
    serve_options.handler_threads = static_cast<int>(threads);
  }
  if (vm->count("base-url")) serve_options.base_url = base_url_option("--base-url", (*vm)["base-url"].as<std::string>());
  if (const char* forced = std::getenv("KEDJA_TODAY"); forced && *forced) {
    const Date fixed = today();  // checked now: a bad KEDJA_TODAY is a usage error at start
    serve_options.today = [fixed] { return fixed; };
  }
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  return server::serve(serve_options, runtime.store(), runtime.context());
}

int run_init(const Globals& globals, const Args& args) {
  auto vm = parse_args(args, {}, {},
                       "Usage: kedja init\n\nCreates the database (--db) or migrates it to this version.");
  if (!vm) return exit_ok;
  Runtime runtime(globals, storage::MissingDatabase::create);
  std::cout << "database ready: " << globals.db << " (schema version "
            << storage::Store::schema_version() << ")\n";
  return exit_ok;
}

int run_actors(const Globals& globals, const Args& args) {
  auto vm = parse_args(args, {}, {}, "Usage: kedja actors [--format table|csv|json]\n\nThe region's actors, as GET /v1/actors.");
  if (!vm) return exit_ok;
  auto config = load_config_or_throw(globals.config);  // actors come from the config alone
  if (format_or(globals, Format::table) == Format::csv) {
    std::string text;
    Vocabulary words(config.region, config.rule_sets);
    csv::Writer csv(text);
    csv.row({"Id", "Typ", "Namn", "Kommun"});
    for (const auto& actor : config.region.actors()) {
      csv.cell(actor.id.str()).cell(swedish_label(actor.kind)).cell(actor.name);
      csv.cell(actor.municipality ? words.municipality_name(*actor.municipality) : std::string_view());
      csv.end_row();
    }
    std::cout << text;
    return exit_ok;
  }
  Table table{{"id", "kind", "name", "municipality"}, {}};
  nlohmann::json items = nlohmann::json::array();
  for (const auto& actor : config.region.actors()) {
    table.rows.push_back({actor.id.str(), std::string(to_string(actor.kind)), actor.name,
                          actor.municipality.value_or("")});
    items.push_back(server::to_json(actor));
  }
  print_list(std::cout, format_or(globals, Format::table), table, {{"items", items}});
  return exit_ok;
}

int run_reproject(const Globals& globals, const Args& args) {
  auto vm = parse_args(args, {}, {},
                       "Usage: kedja reproject\n\nRecomputes every case's steps from its events (after a rule-set\n"
                       "change); shows a progress line on stderr.");
  if (!vm) return exit_ok;
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  std::int64_t last_percent = -1, cases = 0;
  runtime.store().reproject([&](std::int64_t done, std::int64_t total) {
    cases = total;
    std::int64_t percent = total > 0 ? done * 100 / total : 100;
    if (percent != last_percent) {
      std::cerr << "\rreprojecting: " << done << " / " << total << " cases (" << percent << "%)" << std::flush;
      last_percent = percent;
    }
  });
  if (last_percent >= 0) std::cerr << '\n';
  std::cout << "reprojected " << cases << " cases\n";
  return exit_ok;
}

int run_backup(const Globals& globals, const Args& args) {
  po::options_description options("kedja backup");
  options.add_options()("to", po::value<std::string>(), "the backup file")(
      "dir", po::value<std::string>(), "a folder of dated backups: writes kedja-YYYYMMDDTHHMMSSZ.db (UTC) there")(
      "keep", po::value<std::string>(), "with --dir: how many of its newest backups to keep (default 14)");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja backup --to FILE\n"
                       "       kedja backup --dir DIR [--keep N]\n\n"
                       "A consistent copy of the database, safe while the service runs. With --dir\n"
                       "the copy is named for its UTC time, checked (PRAGMA integrity_check) before\n"
                       "it takes its name, and the folder's older backups beyond the newest N are\n"
                       "removed (files of other names are left alone). Restore with kedja restore.");
  if (!vm) return exit_ok;
  if (vm->count("to") == vm->count("dir")) throw UsageError("backup: give either --to FILE or --dir DIR");
  if (vm->count("keep") && !vm->count("dir")) throw UsageError("--keep: only with --dir");
  long long keep = 14;
  if (vm->count("keep")) {
    keep = int_option("--keep", (*vm)["keep"].as<std::string>());
    if (keep < 1 || keep > 10000)
      throw UsageError("--keep: '" + (*vm)["keep"].as<std::string>() + "' is not in 1–10000");
  }
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  if (vm->count("to")) {
    auto to = (*vm)["to"].as<std::string>();
    runtime.store().backup(to);
    std::cout << "backup written: " << to << '\n';
    return exit_ok;
  }
  const std::filesystem::path folder = (*vm)["dir"].as<std::string>();
  const auto path = folder / backup_file_name(std::chrono::system_clock::now());
  if (std::filesystem::exists(path))
    throw std::runtime_error("backup " + path.string() + " exists already (one backup a second)");
  // Written under another name and checked before it takes its own: a
  // file named kedja-….db is always a whole, sound copy. A failed copy is
  // removed; one cut short by a crash stays as .partial, which rotation
  // never counts (nor removes).
  const std::string partial = path.string() + ".partial";
  try {
    runtime.store().backup(partial);
    storage::check_backup(partial);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(partial, ignored);  // a copy that failed is no backup
    throw;
  }
  std::filesystem::rename(partial, path);
  std::cout << "backup written: " << path.string() << '\n';
  for (const auto& old : backups_beyond(folder, static_cast<int>(keep))) {
    std::filesystem::remove(old);
    std::cout << "old backup removed: " << old.string() << '\n';
  }
  return exit_ok;
}

int run_restore(const Globals& globals, const Args& args) {
  po::options_description options("kedja restore");
  options.add_options()("from", po::value<std::string>()->required(), "the backup file");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja restore --from FILE\n\n"
                       "Replaces the database (--db) with the backup FILE (made by kedja backup), then\n"
                       "migrates it to this version. Stop the service first (systemctl stop kedja):\n"
                       "a database in use is refused. The backup is checked (PRAGMA integrity_check)\n"
                       "before anything is touched; the copy is one transaction.");
  if (!vm) return exit_ok;
  const auto from = (*vm)["from"].as<std::string>();
  try {
    storage::restore_database(from, globals.db);
  } catch (const storage::BadBackup& bad) {
    throw UsageError(std::string("--from: ") + bad.what());
  }
  Runtime runtime(globals, storage::MissingDatabase::create);  // migrates an older backup to this version
  std::cout << "restored " << globals.db << " from " << from << " (schema version "
            << storage::Store::schema_version() << ")\n";
  return exit_ok;
}

}  // namespace kedja::tools
