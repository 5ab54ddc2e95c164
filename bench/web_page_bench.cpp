// Issue 13 "Performance": the web page Att göra, timed server-side — the
// request handler alone, from the parsed request to the finished HTML, as
// `kedja serve` runs it for each GET (session check, token check, the
// scoped and audited Store::work call, the page written). No sockets: wrk
// measures those (bench/web_page.sh).
//
//   web_page_bench --db PATH [--actor hc:ostersund] [--role hc]
//                  [--target '/att-gora?antal=100'] [--runs 200] [--dump FILE]
//
// PATH is a database filled by `kedja demo` (bench/web_page.sh makes one).
// "Today" is KEDJA_TODAY when set (YYYY-MM-DD), else today in
// Europe/Stockholm. Prints the page's rows and bytes and the median, p90
// and p99 of `--runs` requests after 10 unmeasured ones; --dump writes the
// last page's HTML to FILE. Release build:
// -DCMAKE_BUILD_TYPE=Release -DKEDJA_BUILD_BENCHMARKS=ON.
#include "domain/calendar.h"
#include "domain/json/config_json.h"
#include "server/handler.h"
#include "server/today.h"
#include "server/web/html_writer.h"
#include "storage/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using namespace kedja;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string db, actor = "hc:ostersund", role = "hc", target = "/att-gora?antal=100", dump;
  int runs = 200;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i], value = argv[i + 1];
    if (name == "--db") o.db = value;
    else if (name == "--actor") o.actor = value;
    else if (name == "--role") o.role = value;
    else if (name == "--target") o.target = value;
    else if (name == "--dump") o.dump = value;
    else if (name == "--runs") o.runs = std::max(1, std::atoi(value.c_str()));
    else throw std::runtime_error("unknown option " + name);
  }
  if (o.db.empty()) throw std::runtime_error("usage: web_page_bench --db PATH [--actor ID] [--role ROLE] "
                                             "[--target PATH] [--runs N]");
  return o;
}

Date today() {
  if (const char* forced = std::getenv("KEDJA_TODAY"); forced && *forced) {
    const auto parsed = parse_date(forced);
    if (!parsed) throw std::runtime_error("KEDJA_TODAY is not YYYY-MM-DD");
    return *parsed;
  }
  return server::stockholm_today();
}

double percentile(std::vector<double> ms, double p) {
  std::sort(ms.begin(), ms.end());
  return ms[static_cast<std::size_t>(p * static_cast<double>(ms.size() - 1))];
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

int run(const Options& o) {
  auto config = json::load_config(KEDJA_SOURCE_DIR "/config");
  if (!config) throw std::runtime_error("config: " + config.problem().detail);
  const EngineContext context{config->rule_sets, config->region, Calendar::swedish()};
  storage::Store store(storage::Options{o.db}, context);
  const auto role = role_from(o.role);
  if (!role) throw std::runtime_error("unknown role " + o.role);
  Caller maker;
  maker.role = *role;
  maker.actor = ActorId{o.actor};
  maker.token_name = "web-page-bench-" + std::to_string(std::time(nullptr));
  const std::string token = store.create_token(maker);
  const Date day = today();
  const server::Handler handler(store, context, [day] { return day; });

  server::Request login;
  login.method = "POST";
  login.target = "/logga-in";
  login.headers["content-type"] = "application/x-www-form-urlencoded";
  login.body = "token=" + server::web::percent_encoded(token);
  const server::Response started = handler(login);
  const std::string* set_cookie = started.header("Set-Cookie");
  if (started.status != 303 || !set_cookie) throw std::runtime_error("the login failed");
  server::Request page;
  page.method = "GET";
  page.target = o.target;
  page.headers["cookie"] = set_cookie->substr(0, set_cookie->find(';'));

  server::Response answer;
  for (int i = 0; i < 10; ++i) answer = handler(page);
  if (answer.status != 200) throw std::runtime_error("GET " + o.target + ": " + std::to_string(answer.status));
  std::vector<double> ms;
  ms.reserve(static_cast<std::size_t>(o.runs));
  for (int i = 0; i < o.runs; ++i) {
    const auto start = Clock::now();
    answer = handler(page);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::printf("GET %s as %s (%s), today %s: %zu rows, %zu bytes of HTML\n", o.target.c_str(), o.actor.c_str(),
              o.role.c_str(), format_date(day).c_str(), count_of(answer.body, "<tr><th>"),
              answer.body.size());
  std::printf("server-side over %d requests: median %.2f ms, p90 %.2f ms, p99 %.2f ms\n", o.runs,
              percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99));
  if (!o.dump.empty()) std::ofstream(o.dump, std::ios::binary) << answer.body;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::cerr << "web_page_bench: " << e.what() << '\n';
    return 1;
  }
}
