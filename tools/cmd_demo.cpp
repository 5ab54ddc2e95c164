// kedja demo: fills the database with a synthetic Jämtland Härjedalen in
// one bulk transaction.
#include "tools/commands.h"
#include "tools/demo_generator.h"

#include <chrono>
#include <cstdio>
#include <iostream>

namespace kedja::tools {
namespace {

// --check: every generated event must pass the domain's check_append, in order.
void check_case(const storage::Store::BulkCase& bulk, const EngineContext& context, std::int64_t number) {
  for (std::size_t i = 0; i < bulk.events.size(); ++i) {
    std::span<const RecordedEvent> before(bulk.events.data(), i);
    if (auto refused = check_append(bulk.the_case, before, bulk.events[i], context))
      throw std::logic_error("demo case " + std::to_string(number) + " (" + bulk.the_case.external_ref.value_or("") +
                             ") event " + std::to_string(bulk.events[i].seq) + " " +
                             std::string(to_string(bulk.events[i].event.type)) + " on " +
                             format_date(bulk.events[i].event.date) + " refused: " + refused->detail);
  }
}

}  // namespace

int run_demo(const Globals& globals, const Args& args) {
  po::options_description options("kedja demo");
  options.add_options()("cases", po::value<std::string>()->default_value("1000"), "how many persons (cases)")(
      "seed", po::value<std::string>()->default_value("1"), "the random seed: the same seed, the same region")(
      "check", "check every event with the domain's rules before loading (slower)")(
      "dry-run", "generate and count only, write nothing (times the generator alone)");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja demo [--cases N] [--seed S] [--check] [--dry-run]\n\n"
                       "Fills the database with a realistic synthetic region: households, unaccompanied\n"
                       "minors, ABO and EBO, permits and refusals, referrals in proportion to population,\n"
                       "arrivals over the 18 months before today, and the steps of the chain at every\n"
                       "stage (some late, some declined, some voided). Deterministic for a seed and a day\n"
                       "(KEDJA_TODAY=YYYY-MM-DD fixes the day). One transaction; prints cases, events, seconds.");
  if (!vm) return exit_ok;
  auto cases = int_option("--cases", (*vm)["cases"].as<std::string>());
  if (cases < 1 || cases > 20'000'000)
    throw UsageError("--cases: '" + (*vm)["cases"].as<std::string>() + "' is not in 1–20000000");
  auto seed = int_option("--seed", (*vm)["seed"].as<std::string>());
  if (seed < 0) throw UsageError("--seed: '" + (*vm)["seed"].as<std::string>() + "' is negative");
  bool check = vm->count("check") > 0, dry_run = vm->count("dry-run") > 0;

  Runtime runtime(globals, storage::MissingDatabase::create);
  DemoGenerator generator(runtime.region(), {cases, static_cast<std::uint64_t>(seed), today()});
  storage::CaseQuery taken;
  taken.external_ref = generator.first_external_ref();
  taken.limit = 1;
  if (!runtime.store().list_cases(cli_caller(), taken, today()).items.empty())
    throw UsageError("--seed: demo seed " + std::to_string(seed) + " is already in " + globals.db +
                     "; use another --seed or --db");

  auto start = std::chrono::steady_clock::now();
  std::int64_t number = 0;
  auto next = [&](storage::Store::BulkCase& out) {
    if (!generator.next(out)) return false;
    if (check) check_case(out, runtime.context(), ++number);
    return true;
  };
  std::int64_t loaded = 0;
  if (dry_run) {
    for (storage::Store::BulkCase bulk; next(bulk);) ++loaded;
  } else {
    loaded = runtime.store().bulk_load(next);
  }
  std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
  char line[160];
  std::snprintf(line, sizeof line, "demo: %lld cases, %lld events in %.1f seconds (seed %lld)%s",
                static_cast<long long>(loaded), static_cast<long long>(generator.events()), seconds.count(),
                static_cast<long long>(seed), dry_run ? ", dry run: nothing written" : "");
  std::cout << line << '\n';
  return exit_ok;
}

}  // namespace kedja::tools
