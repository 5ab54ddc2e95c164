// Issue 14 §4 "Performance": an import preview of 5,000 rows answers in
// ≤ 2 s. Timed server-side through the request handler, as `kedja serve`
// runs it, without sockets:
//   BM_ImportPreviewPage — the upload (POST /importera, multipart/form-data,
//     5,000 rows, 0.5 MB: parsed, CSRF checked, the file kept) and the
//     preview it redirects to (GET /importera/{id}: every row checked as
//     `kedja import` checks it, the dossier numbers looked up in the
//     database, the 5,000-row table written);
//   BM_CheckArrivals — csv::check_arrivals alone, the part shared with
//     `kedja import`.
// A Migrationsverket session (the whole region), on a database of 20,000
// cases imported first the same way (other dossier numbers), so that the
// dossier-number lookups search a real index. Release build:
//
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_BENCHMARKS=ON -DKEDJA_BUILD_TESTS=OFF
//   cmake --build build-bench -j2 --target import_preview_bench
//   ./build-bench/bench/import_preview_bench
//
// (Google Benchmark's "Library was built as DEBUG" warning is about
// Debian's libbenchmark, not about Kedja's code.)
#include "csv/import.h"
#include "domain/calendar.h"
#include "domain/json/config_json.h"
#include "server/handler.h"
#include "server/web/html_writer.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <regex>
#include <unistd.h>

namespace {

using namespace kedja;

constexpr int rows = 5000;
constexpr int cases_in_database = 20000;
const char* const today_text = "2026-11-25";

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(*result);
  }();
  return loaded;
}

const EngineContext& engine() {
  static const EngineContext context{config().rule_sets, config().region, Calendar::swedish()};
  return context;
}

// An arrival list as Swedish Excel saves it: Windows-1252, ';', CRLF,
// families of four across the region's municipalities.
std::string arrival_list(int count, const std::string& ref_prefix) {
  static const char* const municipalities[] = {"Berg", "Br\xE4" "cke", "H\xE4rjedalen", "Krokom",
                                               "Ragunda", "Str\xF6msund", "\xC5re", "\xD6stersund"};
  static const char* const given[] = {"Amina", "Omar", "S\xE5ra", "Yonas", "Leyla", "Ahmad", "\xC5sa", "Nour"};
  std::string text =
      "Dossiernummer;F\xF6rnamn;Efternamn;F\xF6" "delsedatum;K\xF6n;Spr\xE5k;Tolkbehov;Hush\xE5ll;Ensamkommande;"
      "Kommun;Aviseringsdatum;F\xF6rv\xE4ntat ankomstdatum\r\n";
  for (int i = 0; i < count; ++i) {
    const int family = i / 4;
    char birth[16];
    std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", 1975 + (i * 7) % 48, 1 + i % 12, 1 + i % 28);
    text += ref_prefix + std::to_string(i) + ";" + given[i % 8] + ";Haddad" + std::to_string(family) + ";" + birth +
            ";" + (i % 2 ? "M" : "K") + ";arabiska;ja;HH-" + ref_prefix + std::to_string(family) + ";nej;" +
            municipalities[family % 8] + ";2026-11-" + std::to_string(10 + i % 15) + ";2026-12-15\r\n";
  }
  return text;
}

struct Fixture {
  std::filesystem::path path;
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<server::Handler> handler;
  std::string cookie, csrf, file;

  Fixture() {
    path = std::filesystem::temp_directory_path() / ("kedja-import-bench-" + std::to_string(::getpid()) + ".db");
    remove_files();
    store = std::make_unique<storage::Store>(storage::Options{path.string(), true}, engine());
    const Date today = *parse_date(today_text);
    const auto filled = csv::import_arrivals(arrival_list(cases_in_database, "OLD-"),
                                             {engine(), today, "2026-11-25T08:00:00Z"}, *store);
    if (!filled.ok()) throw std::runtime_error("filling the database: " + filled.detail);
    handler = std::make_unique<server::Handler>(*store, engine(), [today] { return today; });
    const std::string token = store->create_token(Caller{Role::mv, ActorId{"mv:jamtland"}, "bench-mv"});
    const auto login = call("POST", "/logga-in", "token=" + server::web::percent_encoded(token),
                            "application/x-www-form-urlencoded");
    const auto* set = login.header("Set-Cookie");
    std::smatch match;
    const std::string set_text = set ? *set : "";
    if (!std::regex_search(set_text, match, std::regex("kedja_session=([0-9a-f]+)")))
      throw std::runtime_error("no session");
    cookie = match[1].str();
    const std::string page = call("GET", "/importera").body;
    if (!std::regex_search(page, match, std::regex("name=\"csrf\" value=\"([0-9a-f]+)\"")))
      throw std::runtime_error("no csrf");
    csrf = match[1].str();
    file = arrival_list(rows, "MIG-");
  }
  ~Fixture() {
    handler.reset();
    store.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path.string() + suffix);
  }

  server::Response call(const std::string& method, const std::string& target, const std::string& body = "",
                        const std::string& type = "") {
    server::Request request;
    request.method = method;
    request.target = target;
    if (!cookie.empty()) request.headers["cookie"] = "kedja_session=" + cookie;
    if (!type.empty()) request.headers["content-type"] = type;
    request.body = body;
    return (*handler)(request);
  }

  // The upload and its preview; returns the preview page.
  server::Response preview() {
    const std::string boundary = "----KedjaBenchBoundary7Hq";
    const std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf +
                             "\r\n--" + boundary +
                             "\r\nContent-Disposition: form-data; name=\"fil\"; filename=\"ankomster.csv\"\r\n"
                             "Content-Type: text/csv\r\n\r\n" + file + "\r\n--" + boundary + "--\r\n";
    const auto uploaded = call("POST", "/importera", body, "multipart/form-data; boundary=" + boundary);
    const auto* location = uploaded.header("Location");
    if (uploaded.status != 303 || !location) throw std::runtime_error("upload refused");
    return call("GET", *location);
  }
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_ImportPreviewPage(benchmark::State& state) {
  Fixture& f = fixture();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto page = f.preview();
    if (page.status != 200 || page.body.find("Importera 5") == std::string::npos)
      state.SkipWithError("the preview does not offer the import");
    bytes = page.body.size();
  }
  state.counters["rows"] = rows;
  state.counters["file_bytes"] = static_cast<double>(f.file.size());
  state.counters["page_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ImportPreviewPage)->Unit(benchmark::kMillisecond)->Iterations(10)->Repetitions(3);

void BM_CheckArrivals(benchmark::State& state) {
  Fixture& f = fixture();
  const Caller mv{Role::mv, ActorId{"mv:jamtland"}, "bench-mv"};
  const Date today = *parse_date(today_text);
  for (auto _ : state) {
    const auto outcome = csv::check_arrivals(f.file, {engine(), today, "2026-11-25T08:00:00Z"}, *f.store, &mv);
    if (!outcome.ok() || outcome.cases.size() != rows) state.SkipWithError("the file is not importable");
  }
  state.counters["rows"] = rows;
}
BENCHMARK(BM_CheckArrivals)->Unit(benchmark::kMillisecond)->Iterations(10)->Repetitions(3);

}  // namespace

BENCHMARK_MAIN();
