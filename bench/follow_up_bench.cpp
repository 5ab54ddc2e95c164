// The coordinator's aggregates at 10k and 1M demo cases (issue 15), through
// the HTTP handler (token check, query, storage, JSON; no sockets):
//   - GET /v1/overdue/summary?by=municipality (the coordinator's front page);
//   - GET /v1/follow-up (the last 12 full months, by municipality);
//   - GET /v1/follow-up?by=month, and part months at both ends of a year;
//   - a unit's own summary and 12-month follow-up (a health centre, a
//     reception unit, a school: what the Uppföljning page shows a unit).
// Each figure is the median of 20 runs. The databases are made once with
// `kedja demo --cases N --seed 15` (today fixed at 2026-11-25) in /tmp and
// reused; delete /tmp/kedja-follow-up-bench-*.db to make them again.
#include "domain/json/config_json.h"
#include "server/handler.h"
#include "storage/store.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

namespace {

using namespace kedja;

const Date today = *parse_date("2026-11-25");

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(result.value());
  }();
  return loaded;
}

const EngineContext& context() {
  static const EngineContext made{config().rule_sets, config().region, Calendar::swedish()};
  return made;
}

// A demo database of `cases` cases, its store, and tokens by actor.
struct DemoRegion {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<server::Handler> handler;
  std::map<std::string, std::string> tokens;  // actor → token
};

DemoRegion& region(std::int64_t cases) {
  static std::map<std::int64_t, DemoRegion> made;
  auto found = made.find(cases);
  if (found != made.end()) return found->second;
  const std::string path = "/tmp/kedja-follow-up-bench-" + std::to_string(cases) + ".db";
  if (!std::filesystem::exists(path)) {
    const std::string command = "KEDJA_TODAY=2026-11-25 '" KEDJA_CLI "' --db '" + path +
                                "' --config '" KEDJA_SOURCE_DIR "/config' demo --cases " +
                                std::to_string(cases) + " --seed 15 > /dev/null";
    if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
  }
  DemoRegion& r = made[cases];
  r.store = std::make_unique<storage::Store>(storage::Options{path, false, {}}, context());
  r.handler = std::make_unique<server::Handler>(*r.store, context(), [] { return today; });
  return r;
}

const std::string& token(DemoRegion& r, Role role, const std::string& actor) {
  auto& made = r.tokens[actor];
  if (made.empty()) made = r.store->create_token(Caller{role, ActorId(actor), ""});
  return made;
}

void get(benchmark::State& state, const std::string& target, Role role = Role::coordinator,
         const std::string& actor = "lst:jamtland") {
  DemoRegion& r = region(state.range(0));
  server::Request request{"GET", target, {{"authorization", "Bearer " + token(r, role, actor)}}, "", ""};
  std::size_t bytes = 0;
  for (auto _ : state) {
    const server::Response response = (*r.handler)(request);
    if (response.status != 200) {
      state.SkipWithError(("status " + std::to_string(response.status) + ": " + response.body).c_str());
      return;
    }
    bytes = response.body.size();
    benchmark::DoNotOptimize(response.body.data());
  }
  state.counters["answer_bytes"] = static_cast<double>(bytes);
}

void BM_SummaryByMunicipality(benchmark::State& state) { get(state, "/v1/overdue/summary?by=municipality"); }
void BM_FollowUpTwelveMonths(benchmark::State& state) { get(state, "/v1/follow-up"); }
void BM_FollowUpByMonth(benchmark::State& state) { get(state, "/v1/follow-up?by=month"); }
void BM_FollowUpPartMonths(benchmark::State& state) {
  get(state, "/v1/follow-up?from=2025-11-15&to=2026-11-14&by=actor");
}

// A unit about itself: its scope's rows, read from the step counts (a
// health centre, a reception unit) or, for an age-ranged scope (a school),
// from the steps of its municipality.
void BM_HealthCentreSummary(benchmark::State& state) {
  get(state, "/v1/overdue/summary?by=actor", Role::hc, "hc:ostersund");
}
void BM_HealthCentreFollowUp(benchmark::State& state) {
  get(state, "/v1/follow-up?by=actor", Role::hc, "hc:ostersund");
}
void BM_ReceptionFollowUp(benchmark::State& state) {
  get(state, "/v1/follow-up?by=actor", Role::reception, "reception:ostersund");
}
void BM_SchoolSummary(benchmark::State& state) {
  get(state, "/v1/overdue/summary?by=actor", Role::school, "school:ostersund");
}
void BM_SchoolFollowUp(benchmark::State& state) {
  get(state, "/v1/follow-up?by=actor", Role::school, "school:ostersund");
}
// What the school's page reads by default: its own steps only.
void BM_SchoolOwnFollowUp(benchmark::State& state) {
  get(state, "/v1/follow-up?by=actor&actor=school:ostersund", Role::school, "school:ostersund");
}

// Median of 20 runs of one request each, as the issue measures.
#define KEDJA_AGGREGATE_BENCHMARK(name)                                                                 \
  BENCHMARK(name)->Arg(10'000)->Arg(1'000'000)->ArgName("cases")->Iterations(1)->Repetitions(20)      \
      ->ReportAggregatesOnly(true)->Unit(benchmark::kMillisecond)->UseRealTime()

KEDJA_AGGREGATE_BENCHMARK(BM_SummaryByMunicipality);
KEDJA_AGGREGATE_BENCHMARK(BM_FollowUpTwelveMonths);
KEDJA_AGGREGATE_BENCHMARK(BM_FollowUpByMonth);
KEDJA_AGGREGATE_BENCHMARK(BM_FollowUpPartMonths);
KEDJA_AGGREGATE_BENCHMARK(BM_HealthCentreSummary);
KEDJA_AGGREGATE_BENCHMARK(BM_HealthCentreFollowUp);
KEDJA_AGGREGATE_BENCHMARK(BM_ReceptionFollowUp);
KEDJA_AGGREGATE_BENCHMARK(BM_SchoolSummary);
KEDJA_AGGREGATE_BENCHMARK(BM_SchoolFollowUp);
KEDJA_AGGREGATE_BENCHMARK(BM_SchoolOwnFollowUp);

}  // namespace

BENCHMARK_MAIN();
