// Loggkontroll at scale (issue 14 §6: "the audit search for one token over a
// month at 1M cases in ≤ 50 ms"): Store::audit_log and audit_sample on a
// database of 1,000,000 cases and six months of audit log — a million rows
// a month from 300 tokens, as a region of that size polled all day would
// write: three in four single reads (a link to a random case), one in four
// list reads of a shared read set of 100 cases.
//
// The database is built once under /tmp/kedja-audit-bench-1000000.db
// (cases bulk-loaded through the Store, one arrival notice each; the audit
// rows inserted with SQLite in time order, as the writer stamps them) and
// reused. Figures: README.md, "Performance".
#include "domain/json/config_json.h"
#include "storage/store.h"

#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>

namespace {

using namespace kedja;
using kedja::storage::Store;

constexpr std::int64_t case_total = 1'000'000;
constexpr int token_total = 300;
constexpr int months = 6;                          // June–November 2026
constexpr std::int64_t rows_per_month = 1'000'000;
constexpr int read_set_total = 2000;
const std::string path = "/tmp/kedja-audit-bench-" + std::to_string(case_total) + ".db";

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(result.value());
  }();
  return loaded;
}

EngineContext context() { return {config().rule_sets, config().region, Calendar::swedish()}; }

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

std::int64_t count(const char* sql) {
  sqlite3* db = nullptr;
  std::int64_t n = -1;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
      n = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return n;
}

std::string token_name(int i) { return "Handläggare " + std::to_string(i); }

// 1M cases, one arrival notice each, through the Store's bulk load.
void load_cases() {
  Store store(storage::Options{path, false}, context());
  static const char* places[] = {"berg", "bracke", "harjedalen", "krokom", "ragunda", "stromsund", "are", "ostersund"};
  std::mt19937_64 rng(14);
  std::int64_t made = 0;
  const Date notice = *parse_date("2026-06-01");
  store.bulk_load([&](Store::BulkCase& bulk) {
    if (made == case_total) return false;
    Case& c = bulk.the_case;
    c = Case{};
    c.municipality = places[rng() % 8];
    c.given_name = "Amina";
    c.family_name = "Haddad" + std::to_string(made % 1000);
    c.birth_date = add_days(notice, -static_cast<int>(365 + rng() % 5000));
    c.sex = Sex::F;
    c.language = "ar";
    Event e;
    e.type = EventType::arrival_notice_received;
    e.date = add_days(notice, static_cast<int>(rng() % 150));
    e.expected_arrival = add_days(e.date, 10);
    bulk.events.clear();
    bulk.events.push_back({0, e, "2026-06-01T09:00:00Z", ActorId("reception:" + c.municipality)});
    ++made;
    return true;
  });
}

// Six months of audit rows in time order, with their links and read sets.
void load_audit() {
  sqlite3* db = nullptr;
  check(sqlite3_open(path.c_str(), &db), db, "open");
  check(sqlite3_exec(db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; BEGIN", nullptr, nullptr, nullptr), db,
        "begin");
  std::mt19937_64 rng(6);
  sqlite3_stmt *set = nullptr, *member = nullptr, *row = nullptr, *link = nullptr;
  check(sqlite3_prepare_v2(db, "INSERT INTO audit_read_sets (id, digest, cases) VALUES (?1, randomblob(32), 100)", -1,
                           &set, nullptr), db, "prepare");
  check(sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO audit_read_set_cases (case_num, read_set) VALUES (?1, ?2)", -1,
                           &member, nullptr), db, "prepare");
  for (int s = 1; s <= read_set_total; ++s) {
    sqlite3_bind_int(set, 1, s);
    check(sqlite3_step(set), db, "read set");
    sqlite3_reset(set);
    for (int i = 0; i < 100; ++i) {
      sqlite3_bind_int64(member, 1, 1 + static_cast<std::int64_t>(rng() % case_total));
      sqlite3_bind_int(member, 2, s);
      check(sqlite3_step(member), db, "read set case");
      sqlite3_reset(member);
    }
  }
  check(sqlite3_prepare_v2(db, "INSERT INTO audit (at, actor, token, action, read_set) VALUES (?1, ?2, ?3, ?4, ?5)", -1,
                           &row, nullptr), db, "prepare");
  check(sqlite3_prepare_v2(db, "INSERT INTO audit_links (case_num, audit_id) VALUES (?1, ?2)", -1, &link, nullptr),
        db, "prepare");
  const auto start = date::sys_days{date::year{2026} / 6 / 1};
  const auto length = std::chrono::duration_cast<std::chrono::milliseconds>(date::days{183});
  const std::int64_t total = rows_per_month * months;
  for (std::int64_t i = 0; i < total; ++i) {
    const auto at = start + std::chrono::milliseconds(length.count() * i / total);
    const std::string stamp = date::format("%Y-%m-%dT%H:%M:%SZ", at);  // "…:SS.mmmZ": %S prints the ms
    const int token = static_cast<int>(rng() % token_total);
    const bool list = rng() % 4 == 0;
    sqlite3_bind_text(row, 1, stamp.c_str(), -1, SQLITE_TRANSIENT);
    const std::string actor = "reception:ostersund";
    sqlite3_bind_text(row, 2, actor.c_str(), -1, SQLITE_TRANSIENT);
    const std::string name = token_name(token);
    sqlite3_bind_text(row, 3, name.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(row, 4, list ? "list overdue" : "read", -1, SQLITE_STATIC);
    if (list) sqlite3_bind_int(row, 5, 1 + static_cast<int>(rng() % read_set_total)); else sqlite3_bind_null(row, 5);
    check(sqlite3_step(row), db, "audit row");
    sqlite3_reset(row);
    if (!list) {
      sqlite3_bind_int64(link, 1, 1 + static_cast<std::int64_t>(rng() % case_total));
      sqlite3_bind_int64(link, 2, sqlite3_last_insert_rowid(db));
      check(sqlite3_step(link), db, "link");
      sqlite3_reset(link);
    }
    if (i % 1'000'000 == 999'999) std::fprintf(stderr, "  %lld audit rows\n", static_cast<long long>(i + 1));
  }
  for (auto* s : {set, member, row, link}) sqlite3_finalize(s);
  check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
  sqlite3_close(db);
}

Store& store() {
  static std::unique_ptr<Store> opened = [] {
    if (!std::filesystem::exists(path) || count("SELECT count(*) FROM cases") != case_total ||
        count("SELECT count(*) FROM audit") < rows_per_month * months) {
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
      std::fprintf(stderr, "building %s: %lld cases ...\n", path.c_str(), static_cast<long long>(case_total));
      load_cases();
      std::fprintf(stderr, "... and %lld audit rows\n", static_cast<long long>(rows_per_month * months));
      load_audit();
    }
    return std::make_unique<Store>(storage::Options{path, false}, context());
  }();
  return *opened;
}

// November 2026 in Europe/Stockholm, as server/today.h stockholm_period makes it.
const std::string november_from = "2026-10-31T23:00:00.000Z", november_until = "2026-11-30T23:00:00.000Z";

storage::AuditQuery token_month(int token, int limit) {
  storage::AuditQuery query;
  query.token = token_name(token);
  query.from_utc = november_from;
  query.until_utc = november_until;
  query.limit = limit;
  return query;
}

// GET /v1/audit?token=…&from=2026-11-01&to=2026-11-30: the first page of
// 100 rows (each with its case or count), a different token each call.
void BM_TokenMonthFirstPage(benchmark::State& state) {
  Store& s = store();
  int token = 0;
  std::size_t rows = 0;
  for (auto _ : state) {
    auto page = s.audit_log(token_month(token++ % token_total, 100));
    rows = page.items.size();
    benchmark::DoNotOptimize(page);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_TokenMonthFirstPage)->Unit(benchmark::kMillisecond);

// The whole month of one token (≈ 3,300 rows), page after page of 1,000:
// what the page Loggkontroll and a script paging the API read in all.
void BM_TokenMonthAllRows(benchmark::State& state) {
  Store& s = store();
  int token = 0;
  std::size_t rows = 0;
  for (auto _ : state) {
    auto query = token_month(token++ % token_total, 1000);
    rows = 0;
    do {
      auto page = s.audit_log(query);
      rows += page.items.size();
      query.cursor = page.next_cursor;
    } while (query.cursor);
  }
  state.counters["rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_TokenMonthAllRows)->Unit(benchmark::kMillisecond);

// The month's sample of 20 reads (of ≈ 1M rows), a new seed each call.
void BM_MonthSampleOf20(benchmark::State& state) {
  Store& s = store();
  std::uint64_t seed = 1;
  for (auto _ : state) benchmark::DoNotOptimize(s.audit_sample(november_from, november_until, seed++, 20));
}
BENCHMARK(BM_MonthSampleOf20)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
