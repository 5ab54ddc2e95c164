// Issue 11 §1: no single request may hold up the region. While one client
// posts the largest create the contract allows (max_events_per_create
// events, every text at its longest), in a loop, another client appends one
// event at a time; prints both clients' latencies. The target: the
// appender's p99 ≤ 50 ms.
//
//   create_vs_append_bench [--seconds 20] [--db PATH] [--alone]
//
// --alone: the appender without the creating client, for comparison (what
// the machine's fsync alone makes of an append's latency).
// The service runs in this process on 127.0.0.1 (an ephemeral port), durable
// (synchronous=FULL) as `kedja serve` is, on a fresh database in /tmp unless
// --db names one; both clients speak HTTP/1.1 over keep-alive connections.
// Release build: -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_BENCHMARKS=ON.
#include "domain/append_chain.h"
#include "domain/json/config_json.h"
#include "server/handler.h"
#include "server/server.h"
#include "storage/store.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace {

using namespace kedja;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// One keep-alive HTTP/1.1 connection.
class Client {
 public:
  Client(unsigned short port, std::string token) : stream_(io_), token_(std::move(token)) {
    stream_.connect(asio::ip::tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  }
  // Returns the status and puts the body in `body`.
  int post(const std::string& target, const std::string& json, std::string& body) {
    http::request<http::string_body> request{http::verb::post, target, 11};
    request.set(http::field::host, "127.0.0.1");
    request.set(http::field::authorization, "Bearer " + token_);
    request.set(http::field::content_type, "application/json");
    request.body() = json;
    request.prepare_payload();
    http::write(stream_, request);
    http::response<http::string_body> response;
    http::read(stream_, buffer_, response);
    body = std::move(response.body());
    return response.result_int();
  }

 private:
  asio::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::string token_;
};

// "ÅÅÅ…": `count` characters, two bytes each in UTF-8 (already NFC).
std::string longest_text(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += "\xC3\x85";
  return text;
}

// A 64-character text unique to `n` (external_ref, event_id).
std::string unique_64(const std::string& prefix, std::uint64_t n) {
  std::string text = prefix + std::to_string(n);
  text.resize(64, 'x');
  return text;
}

Json person(std::uint64_t n) {
  return {{"given_name", longest_text(200)},  {"family_name", longest_text(200)},
          {"birth_date", "2016-03-01"},       {"sex", "F"},
          {"language", longest_text(35)},     {"interpreter_needed", true},
          {"household", longest_text(100)},   {"external_ref", unique_64("MIG-", n)},
          {"unaccompanied", false},           {"municipality", "ostersund"},
          {"confirmed_new", true}};  // the same name and birth date every time, on purpose
}

// The largest create: a person with every text at its longest and
// max_events_per_create events — an arrival notice, then the health centre
// notified again and again (each notification opens a new booking step,
// cancelling the last: the most steps to write).
std::string largest_create(std::uint64_t n) {
  Json body = person(n);
  Json events = Json::array();
  events.push_back({{"type", "arrival_notice_received"}, {"date", "2026-11-02"},
                    {"expected_arrival", "2026-11-16"}, {"event_id", unique_64("notice-", n)}});
  // Appended, not "n" + to_string(n): GCC 12 at -O2 warns falsely
  // (-Wrestrict) on inserting a literal before a temporary string.
  std::string prefix = "n";
  prefix.append(std::to_string(n)).append("-");
  for (std::size_t i = 1; i < max_events_per_create; ++i)
    events.push_back({{"type", "health_centre_notified"}, {"date", "2026-11-02"},
                      {"event_id", unique_64(prefix, i)}});
  body["events"] = std::move(events);
  return body.dump();
}

struct Figures {
  std::vector<double> ms;
  int failures = 0;
};

void print(const char* what, Figures& f, double seconds) {
  std::sort(f.ms.begin(), f.ms.end());
  auto at = [&](double q) {
    if (f.ms.empty()) return 0.0;
    return f.ms[std::min(f.ms.size() - 1, static_cast<std::size_t>(q * static_cast<double>(f.ms.size())))];
  };
  std::printf("%-34s %7zu in %.1f s (%6.1f/s)  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  failed %d\n", what,
              f.ms.size(), seconds, static_cast<double>(f.ms.size()) / seconds, at(0.50), at(0.99),
              f.ms.empty() ? 0.0 : f.ms.back(), f.failures);
}

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 20;
  std::string db;
  bool alone = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--alone")) alone = true;
    else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) seconds = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--db") && i + 1 < argc) db = argv[++i];
    else {
      std::cerr << "usage: create_vs_append_bench [--seconds N] [--db PATH] [--alone]\n";
      return 2;
    }
  }
  const bool temporary = db.empty();
  if (temporary) db = "/tmp/kedja-create-vs-append-" + std::to_string(::getpid()) + ".db";

  auto config = json::load_config(KEDJA_SOURCE_DIR "/config");
  if (!config) {
    std::cerr << "config: " << config.problem().detail << "\n";
    return 1;
  }
  const EngineContext context{config->rule_sets, config->region, Calendar::swedish()};
  int status = 0;
  {
    storage::Store store(storage::Options{db, true}, context);
    const std::string admin = store.create_token(Caller{Role::admin, std::nullopt, "bench-admin-" + std::to_string(::getpid())});
    server::Handler handler(store, context, [] { return *parse_date("2026-11-25"); });
    server::Server service("127.0.0.1:0", std::ref(handler), server::ServerLimits{}, 0);
    service.start();
    const unsigned short port = service.port();
    std::printf("create: %zu events, %zu bytes; append: one health_centre_notified; %d s, durable\n",
                max_events_per_create, largest_create(0).size(), seconds);

    std::atomic<bool> stop{false};
    Figures creates, appends;
    std::thread creator([&] {
      Client client(port, admin);
      std::string body;
      for (std::uint64_t n = 1; !stop && !alone; ++n) {
        const std::string json = largest_create(n);
        const auto start = Clock::now();
        const int code = client.post("/v1/cases", json, body);
        creates.ms.push_back(ms_since(start));
        if (code != 201 && ++creates.failures == 1) std::cerr << "create: " << code << " " << body << "\n";
      }
    });
    std::thread appender([&] {
      Client client(port, admin);
      std::string body, id;
      std::uint64_t on_case = max_events_per_case;
      for (std::uint64_t n = 1; !stop; ++n) {
        if (on_case + 1 >= max_events_per_case) {  // a fresh case before this one is full
          if (client.post("/v1/cases", person(1'000'000'000 + n).dump(), body) != 201) {
            std::cerr << "appender's case: " << body << "\n";
            return;
          }
          id = Json::parse(body)["id"];
          on_case = 0;
        }
        const Json event = {{"type", "health_centre_notified"}, {"date", "2026-11-03"}};
        const auto start = Clock::now();
        const int code = client.post("/v1/cases/" + id + "/events", event.dump(), body);
        appends.ms.push_back(ms_since(start));
        ++on_case;
        if (code != 201 && ++appends.failures == 1) std::cerr << "append: " << code << " " << body << "\n";
      }
    });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    creator.join();
    appender.join();
    service.stop();
    service.wait();
    if (!alone) print("largest create (100 events)", creates, seconds);
    print(alone ? "single append, alone" : "single append, meanwhile", appends, seconds);
    std::sort(appends.ms.begin(), appends.ms.end());
    const double p99 = appends.ms.empty() ? 0 : appends.ms[std::min(appends.ms.size() - 1, appends.ms.size() * 99 / 100)];
    std::printf("append p99 %.2f ms: %s the 50 ms target\n", p99, p99 <= 50.0 ? "within" : "OVER");
    if (creates.failures || appends.failures) status = 1;
  }
  if (temporary)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  return status;
}
