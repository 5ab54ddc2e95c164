// The HTTP service (contract §4) on Boost.Beast and Asio.
#pragma once

#include "storage/store.h"

#include <string>

namespace kedja::server {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";  // host:port
  int threads = 0;                         // 0: the number of cores
  int max_connections = 1024;
  int read_timeout_seconds = 30;  // a request must arrive whole within this
  int idle_timeout_seconds = 60;  // a kept-alive connection may idle this long
};

// Runs until SIGINT or SIGTERM, then finishes the requests in flight and
// returns 0. A failed bind throws std::runtime_error naming the address.
int serve(const ServeOptions& options, storage::Store& store, const EngineContext& context);

}  // namespace kedja::server
