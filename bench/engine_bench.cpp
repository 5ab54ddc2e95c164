// The step engine's cost: events/s through `project` for typical 20–40-event
// cases, the time to recompute one case (what storage pays on every write),
// and check_append (which replays the history with and without the event).
//
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_BENCHMARKS=ON
//   cmake --build build-rel --target engine_bench && build-rel/bench/engine_bench
#include "domain/json/config_json.h"
#include "domain/steps.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

namespace kedja {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(std::string(KEDJA_SOURCE_DIR) + "/config");
    if (!result) {
      std::cerr << "config: " << result.problem().detail << "\n";
      std::exit(1);
    }
    return std::move(*result);
  }();
  return loaded;
}

struct Raw {
  const char* type;
  const char* date;
  Payload payload;
};

// A 9-year-old through seed 003's routine, a changed arrival date, a
// rebooking, a move and a void: 40 events, of which the first N are used.
const std::vector<Raw> routine{
    {"asylum_registered", "2026-05-04", {{"housing", "ABO"}}},
    {"permit_granted", "2026-07-01", {{"permit", "PUT"}}},
    {"municipality_assigned", "2026-07-10", {{"municipality", "berg"}, {"latest_reception", "2026-09-10"}}},
    {"arrival_notice_received", "2026-09-01", {{"expected_arrival", "2026-09-14"}}},
    {"health_centre_notified", "2026-09-01", {}},
    {"school_notified", "2026-09-01", {}},
    {"arrival_date_changed", "2026-09-03", {{"expected_arrival", "2026-09-21"}}},
    {"health_centre_notified", "2026-09-03", {}},
    {"health_talk_booked", "2026-09-07", {{"appointment", "2026-09-22"}}},
    {"introduction_plan_made", "2026-09-14", {}},
    {"arrived", "2026-09-21", {}},
    {"health_talk_booked", "2026-09-21", {{"appointment", "2026-09-24"}}},
    {"health_talk_held", "2026-09-24", {}},
    {"test_results_received", "2026-10-06", {}},
    {"newcomer_informed", "2026-10-06", {}},
    {"reception_informed", "2026-10-07", {{"school_start_obstacle", false}}},
    {"school_started", "2026-10-08", {}},
    {"health_exam_booked", "2026-10-09", {{"appointment", "2026-10-20"}}},
    {"health_exam_held", "2026-10-20", {}},
    {"vaccination_plan_made", "2026-10-22", {}},
    {"housing_changed", "2026-10-23", {{"housing", "EBO"}}},
    {"moved", "2026-11-02", {{"municipality", "ostersund"}}},
    {"arrival_notice_received", "2026-11-02", {{"expected_arrival", "2026-11-09"}}},
    {"health_centre_changed", "2026-11-03", {{"health_centre", "hc:ostersund-lugnvik"}}},
    {"health_centre_notified", "2026-11-03", {}},
    {"school_notified", "2026-11-03", {}},
    {"arrived", "2026-11-09", {}},
    {"health_talk_booked", "2026-11-10", {{"appointment", "2026-11-17"}}},
    {"introduction_plan_made", "2026-11-12", {}},
    {"health_talk_held", "2026-11-17", {}},
    {"test_results_received", "2026-11-27", {}},
    {"newcomer_informed", "2026-11-27", {}},
    {"reception_informed", "2026-11-30", {{"school_start_obstacle", false}}},
    {"school_started", "2026-12-01", {}},
    {"event_voided", "2026-12-02", {{"voided_seq", std::int64_t{21}}, {"reason", "fel"}}},
    {"health_exam_booked", "2026-12-03", {{"appointment", "2026-12-15"}}},
    {"health_exam_held", "2026-12-15", {}},
    {"vaccination_plan_made", "2026-12-16", {}},
    {"civic_orientation_started", "2027-01-11", {}},
    {"civic_orientation_completed", "2027-03-01", {}},
};

Case the_case() {
  Case c;
  c.id = CaseId{"bench"};
  c.given_name = "Amina";
  c.family_name = "Yusuf";
  c.birth_date = *parse_date("2017-05-01");
  c.language = "ar";
  c.municipality = "berg";
  c.health_centre = ActorId{"hc:berg"};
  return c;
}

std::vector<RecordedEvent> history(std::size_t count) {
  std::vector<RecordedEvent> events;
  for (std::size_t i = 0; i < count && i < routine.size(); ++i) {
    auto parsed = parse_event(RawEvent{routine[i].type, routine[i].date, routine[i].payload, {}, false});
    if (!parsed) {
      std::cerr << routine[i].type << ": " << parsed.problem().detail << "\n";
      std::exit(1);
    }
    events.push_back(RecordedEvent{static_cast<std::int64_t>(i + 1), *parsed, "", ActorId{"admin"}});
  }
  return events;
}

void BM_Project(benchmark::State& state) {
  const Case c = the_case();
  const auto events = history(static_cast<std::size_t>(state.range(0)));
  const EngineContext context{config().rule_sets, config().region, Calendar::swedish()};
  std::size_t steps = 0;
  for (auto _ : state) {
    CaseState projected = project(c, events, context);
    steps = projected.steps.size();
    benchmark::DoNotOptimize(projected);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events.size()));
  state.counters["steps"] = static_cast<double>(steps);
}
BENCHMARK(BM_Project)->Arg(20)->Arg(30)->Arg(40)->Unit(benchmark::kMicrosecond);

void BM_CheckAppend(benchmark::State& state) {
  const Case c = the_case();
  auto events = history(static_cast<std::size_t>(state.range(0)) + 1);
  const RecordedEvent next = events.back();
  events.pop_back();
  const EngineContext context{config().rule_sets, config().region, Calendar::swedish()};
  for (auto _ : state) {
    auto problem = check_append(c, events, next, context);
    if (problem) state.SkipWithError(problem->detail.c_str());
    benchmark::DoNotOptimize(problem);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_CheckAppend)->Arg(20)->Arg(30)->Arg(39)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kedja

BENCHMARK_MAIN();
