// Storage benchmarks (Release build, -DKEDJA_BUILD_BENCHMARKS=ON):
//   - the overdue query for one actor (100 rows) at 10k, 100k and 1M cases,
//     on databases bulk-loaded once into /tmp and reused;
//   - durable appends (synchronous=FULL) from 1, 4 and 16 writer threads;
//   - bulk load, events per second including the step projection.
// The synthetic region: children with arrival notices and health chains,
// adults with establishment plans, first events spread over 18 months.
#include "domain/json/config_json.h"
#include "storage/store.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <stdexcept>

#include <unistd.h>

namespace {

using namespace kedja;
using kedja::storage::Store;

const Date as_of = *parse_date("2026-11-25");

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(result.value());
  }();
  return loaded;
}

EngineContext context() { return {config().rule_sets, config().region, Calendar::swedish()}; }

// Makes realistic synthetic cases, deterministically from a seed.
class Synthetic {
 public:
  explicit Synthetic(std::uint64_t seed) : rng_(seed) {}

  void next(Store::BulkCase& out) {
    out_ = &out;
    static const char* places[] = {"berg", "bracke", "harjedalen", "krokom",
                                   "ragunda", "stromsund", "are", "ostersund"};
    static const char* names[] = {"Amina", "Omar", "Sara", "Yusuf", "Lina", "Ali", "Nour", "Hassan"};
    bool child = chance(0.4);
    int age = child ? between(0, 17) : between(18, 64);
    Date first = add_days(as_of, -between(0, 548));  // 18 months back
    Case& c = out.the_case;
    c.municipality = places[between(0, 7)];
    c.given_name = names[between(0, 7)];
    c.family_name = std::string(names[between(0, 7)]) + "sson";
    c.birth_date = add_days(add_months(first, -12 * age), -between(0, 364));
    c.sex = chance(0.5) ? Sex::F : Sex::M;
    c.language = "ar";
    c.interpreter_needed = true;
    c.unaccompanied = child && chance(0.1);
    out.events.clear();
    child ? child_chain(c, first) : adult_chain(c, first);
  }

 private:
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Adds an event unless it lies after as_of; returns whether it did.
  bool add(EventType type, Date on, const std::string& by, Event e = {}) {
    if (on > as_of) return false;
    e.type = type;
    e.date = on;
    out_->events.push_back({0, e, format_date(on) + "T09:00:00Z", ActorId(by)});
    return true;
  }

  void child_chain(const Case& c, Date d) {
    std::string reception = "reception:" + c.municipality;
    std::string hc = "hc:" + c.municipality, school = "school:" + c.municipality;
    Event notice;
    notice.expected_arrival = add_days(d, between(5, 20));
    add(EventType::arrival_notice_received, d, reception, notice);
    if (chance(0.9)) add(EventType::arrived, *notice.expected_arrival, reception);
    if (!chance(0.85) || !add(EventType::health_centre_notified, add_days(d, between(0, 2)), reception)) return;
    if (chance(0.85)) add(EventType::school_notified, add_days(d, between(0, 3)), reception);
    Event booked;
    Date booked_on = add_days(d, between(2, 9));
    booked.appointment = add_days(booked_on, between(5, 20));
    if (!chance(0.8) || !add(EventType::health_talk_booked, booked_on, hc, booked)) return;
    if (!chance(0.85) || !add(EventType::health_talk_held, *booked.appointment, hc)) return;
    Date results = add_days(*booked.appointment, between(5, 18));
    if (!chance(0.8) || !add(EventType::test_results_received, results, hc)) return;
    if (chance(0.8)) add(EventType::newcomer_informed, add_days(results, between(0, 3)), hc);
    Event informed;
    informed.school_start_obstacle = false;
    if (chance(0.8)) add(EventType::reception_informed, add_days(results, between(0, 3)), hc, informed);
    if (chance(0.6)) add(EventType::school_started, add_days(results, between(5, 30)), school);
  }

  void adult_chain(const Case& c, Date d) {
    std::string reception = "reception:" + c.municipality, sfi = "sfi:" + c.municipality;
    Event assigned;
    assigned.municipality = c.municipality;
    assigned.latest_reception = add_days(d, between(20, 50));
    add(EventType::municipality_assigned, d, "mv:jamtland", assigned);
    if (!chance(0.9) || !add(EventType::arrived, add_days(d, between(10, 60)), reception)) return;
    Date talk = add_days(d, between(30, 80));
    if (!chance(0.9) || !add(EventType::establishment_talk_held, talk, "af:jamtland")) return;
    if (chance(0.8)) add(EventType::establishment_plan_started, add_days(talk, between(5, 40)), "af:jamtland");
    Date registered = add_days(talk, between(0, 30));
    if (chance(0.85) && add(EventType::sfi_registered, registered, sfi) && chance(0.7))
      add(EventType::sfi_started, add_days(registered, between(10, 100)), sfi);
    if (chance(0.7)) add(EventType::civic_orientation_started, add_days(talk, between(10, 60)), reception);
  }

  std::mt19937_64 rng_;
  Store::BulkCase* out_ = nullptr;
};

// Loads `cases` synthetic cases; returns the number of events loaded.
std::int64_t load_synthetic(Store& store, std::int64_t cases, std::uint64_t seed) {
  Synthetic synthetic(seed);
  std::int64_t made = 0, events = 0;
  store.bulk_load([&](Store::BulkCase& bulk) {
    if (made == cases) return false;
    synthetic.next(bulk);
    events += static_cast<std::int64_t>(bulk.events.size());
    ++made;
    return true;
  });
  return events;
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::int64_t case_count(const std::string& path) {
  sqlite3* db = nullptr;
  std::int64_t count = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM cases", -1, &s, nullptr) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
      count = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return count;
}

// The database of `cases` cases under /tmp, built once and reused; opened
// durable (synchronous=FULL, the audit row of each read is fsynced) or not.
Store& store_of_size(std::int64_t cases, bool durable) {
  static std::map<std::pair<std::int64_t, bool>, std::unique_ptr<Store>> stores;
  if (auto found = stores.find({cases, durable}); found != stores.end()) return *found->second;
  stores.clear();  // one store per file at a time
  auto& store = stores[{cases, durable}];
  std::string path = "/tmp/kedja-bench-" + std::to_string(cases) + ".db";
  if (!std::filesystem::exists(path) || case_count(path) != cases) {
    remove_database(path);
    Store building(storage::Options{path, false}, context());
    std::fprintf(stderr, "building %s ...\n", path.c_str());
    load_synthetic(building, cases, 42);
  }
  store = std::make_unique<Store>(storage::Options{path, durable}, context());
  return *store;
}

const Caller admin{Role::admin, std::nullopt, "bench"};

// Arg 0: cases; arg 1: durable. Each call also writes (and, durable, fsyncs)
// one audit row per listed case through the writer.
void BM_OverdueForOneActor(benchmark::State& state) {
  Store& store = store_of_size(state.range(0), state.range(1) != 0);
  storage::OverdueQuery query;
  query.actor = ActorId("hc:ostersund");
  query.as_of = as_of;
  query.limit = 100;
  Caller hc{Role::hc, ActorId("hc:ostersund"), "bench-hc"};
  std::size_t rows = 0;
  for (auto _ : state) {
    auto page = store.overdue(hc, query, as_of);
    rows = page.items.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_OverdueForOneActor)
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {0, 1}})
    ->ArgNames({"cases", "durable"})
    ->Unit(benchmark::kMicrosecond);

// Each call's latency in `ms` → counters: averaged over the threads, each
// thread's 99th percentile and maximum.
void latency_counters(benchmark::State& state, std::vector<double>& ms) {
  if (ms.empty()) return;
  std::sort(ms.begin(), ms.end());
  state.counters["p99_ms"] = benchmark::Counter(ms[ms.size() * 99 / 100], benchmark::Counter::kAvgThreads);
  state.counters["max_ms"] = benchmark::Counter(ms.back(), benchmark::Counter::kAvgThreads);
}

// Many readers at once share the audit fsync through group commit.
void BM_OverdueConcurrentReaders(benchmark::State& state) {
  static Store& store = store_of_size(1'000'000, true);
  storage::OverdueQuery query;
  query.actor = ActorId("hc:ostersund");
  query.as_of = as_of;
  Caller hc{Role::hc, ActorId("hc:ostersund"), "bench-hc"};
  std::vector<double> ms;  // each call's latency, for the tail
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    benchmark::DoNotOptimize(store.overdue(hc, query, as_of));
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(state.iterations());
  latency_counters(state, ms);
}
BENCHMARK(BM_OverdueConcurrentReaders)->Threads(16)->UseRealTime()->Unit(benchmark::kMicrosecond);

// Appends: every append is acknowledged only after its (group) commit,
// fsynced when durable. Not durable shows the writer's CPU per append.
struct AppendFixture {
  std::unique_ptr<Store> store;
  std::vector<CaseId> ids;
};
std::vector<CaseId> open_cases(Store& store) {
  std::vector<CaseId> ids;
  storage::CaseQuery q;
  q.limit = 1000;
  q.closed = false;
  for (;;) {
    auto page = store.list_cases(admin, q, as_of);
    for (const auto& item : page.items) ids.push_back(item.the_case.id);
    if (!page.next_cursor) return ids;
    q.cursor = page.next_cursor;
  }
}
AppendFixture& append_fixture(bool durable) {
  static std::mutex mutex;
  static std::map<bool, AppendFixture> fixtures;
  std::lock_guard lock(mutex);
  AppendFixture& f = fixtures[durable];
  if (f.store) return f;
  std::string path = std::string("/tmp/kedja-bench-appends-") + (durable ? "durable" : "fast") + ".db";
  remove_database(path);
  f.store = std::make_unique<Store>(storage::Options{path, durable}, context());
  load_synthetic(*f.store, 20'000, 7);
  f.ids = open_cases(*f.store);
  return f;
}

void appends(benchmark::State& state, bool durable) {
  AppendFixture& f = append_fixture(durable);
  std::size_t next = static_cast<std::size_t>(state.thread_index());
  std::size_t stride = static_cast<std::size_t>(state.threads());
  std::int64_t refused = 0;
  std::vector<double> ms;  // each append's latency, for the tail
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    Event e;
    e.type = EventType::housing_changed;
    e.date = as_of;
    e.housing = next % 2 ? Housing::ABO : Housing::EBO;
    auto appended = f.store->append_event(admin, f.ids[next % f.ids.size()], e, as_of);
    if (!appended) ++refused;
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    next += stride;
  }
  state.SetItemsProcessed(state.iterations());
  latency_counters(state, ms);
  state.counters["refused"] = static_cast<double>(refused);
}
void BM_DurableAppends(benchmark::State& state) { appends(state, true); }
BENCHMARK(BM_DurableAppends)->Threads(1)->Threads(4)->Threads(16)->Threads(64)->UseRealTime()->MinTime(2.0);
void BM_NonDurableAppends(benchmark::State& state) { appends(state, false); }
BENCHMARK(BM_NonDurableAppends)->Threads(1)->Threads(16)->UseRealTime()->MinTime(2.0);

// What one fsync costs on this machine at the moment: the floor under a
// durable group commit (write 4 KiB, fdatasync).
void BM_Fsync4KiB(benchmark::State& state) {
  std::string path = "/tmp/kedja-bench-fsync.bin";
  std::FILE* file = std::fopen(path.c_str(), "w");
  if (!file) throw std::runtime_error("cannot open " + path);
  std::vector<char> page(4096, 'k');
  for (auto _ : state) {
    std::fseek(file, 0, SEEK_SET);
    std::fwrite(page.data(), 1, page.size(), file);
    std::fflush(file);
    ::fdatasync(::fileno(file));
  }
  std::fclose(file);
  std::filesystem::remove(path);
}
BENCHMARK(BM_Fsync4KiB)->UseRealTime()->Unit(benchmark::kMicrosecond)->MinTime(1.0);

void BM_BulkLoad(benchmark::State& state) {
  std::string path = "/tmp/kedja-bench-bulk.db";
  std::int64_t events = 0;
  for (auto _ : state) {
    state.PauseTiming();
    remove_database(path);
    auto store = std::make_unique<Store>(storage::Options{path, true}, context());
    state.ResumeTiming();
    events += load_synthetic(*store, state.range(0), 11);
  }
  state.SetItemsProcessed(events);
  state.counters["events/case"] = static_cast<double>(events) / static_cast<double>(state.range(0) * state.iterations());
}
BENCHMARK(BM_BulkLoad)->Arg(50'000)->Iterations(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
