// The HTTP service (contract §4) on Boost.Beast and Asio.
#pragma once

#include "domain/dates.h"
#include "storage/store.h"

#include <functional>
#include <string>

namespace kedja::server {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // host:port
  int threads = 0;                         // I/O threads, and as many for reads; 0: the number of cores
  int handler_threads = 0;                 // threads running writes; 0: 32
  int max_connections = 1024;
  int read_timeout_seconds = 30;  // a request must arrive whole within this
  int idle_timeout_seconds = 60;  // a kept-alive connection may idle this long
  bool secure_cookies = false;    // the web session cookie gets Secure (behind a TLS proxy)
  // host:port of the metrics listener (GET /metrics, server/metrics.h);
  // empty: no metrics listener.
  std::string metrics_listen;
  // Where the access log goes (server/access_log.h): "-" standard error,
  // else a file; empty: no access log.
  std::string access_log = "-";
  // Called once listening (with the bound port: useful with port 0), after
  // SIGINT/SIGTERM are being watched.
  std::function<void(unsigned short port)> on_listening;
  // "Today" for as_of defaults and age-based scope; empty: the civil date in
  // Europe/Stockholm (`kedja serve` fixes it from KEDJA_TODAY, as every command).
  std::function<Date()> today;
  // Where users reach the service, for links that leave it (calendar feeds
  // link each event to its case page); empty: "http://" + listen.
  std::string base_url;
};

// Runs until SIGINT or SIGTERM, then finishes the requests in flight and
// returns 0. A failed bind (of the service or of the metrics listener), or
// an access log file that cannot be opened, throws std::runtime_error
// naming the address or the file.
int serve(const ServeOptions& options, storage::Store& store, const EngineContext& context);

}  // namespace kedja::server
