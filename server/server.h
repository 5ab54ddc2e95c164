// The network side of the service: a listener and its sessions on one
// io_context run by a pool of threads. The handler is any function from
// request to response, so tests can run the real socket code around a
// handler they control. No Boost types in this header.
#pragma once

#include "server/handler.h"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace kedja::server {

using HandlerFunction = std::function<Response(const Request&)>;

// One request and its answer as the access log and the metrics see them
// (server/access_log.h, server/metrics.h). The views live as long as the
// call to the observer.
struct Exchange {
  std::chrono::system_clock::time_point received;  // when the request was read whole (UTC)
  std::string_view method;      // "GET", …; "" when the request could not be read
  std::string_view route;       // RequestNotes::route; unread_route for a request not read whole
  int status = 0;
  std::chrono::nanoseconds duration{};  // from the request read whole to its answer written
  std::size_t bytes = 0;        // the answer's bytes written, head and body
  std::string_view token_name;  // "" when no token was accepted

  // The session's own answers (413, 431, 400) to a request it could not read.
  static constexpr std::string_view unread_route = "(unread)";
};
// Called on an I/O thread after each answer is written; must not block long.
using ExchangeObserver = std::function<void(const Exchange&)>;

struct ServerLimits {
  // A request must arrive whole within this once its first byte has come.
  std::chrono::milliseconds read_timeout{std::chrono::seconds{30}};
  // A kept-alive connection may wait this long for its next request.
  std::chrono::milliseconds idle_timeout{std::chrono::seconds{60}};
  // Connections beyond this are closed as soon as they are accepted.
  int max_connections = 1024;
  std::size_t body_limit = max_body_bytes;
};

// The handler blocks: it reads SQLite and waits for its writes' group commit
// (an fsync). It therefore runs on pools of its own, so the I/O threads keep
// serving other connections. Reads (GET, HEAD) run on one thread per I/O
// thread: they only compute, and more threads than cores only lengthen the
// slowest answers (measured: p99 of GET /v1/overdue). Writes run on
// `handler_threads`, so that many writes can wait on one commit together:
// durable throughput grows with the writes in flight, not with the cores.
inline constexpr int default_handler_threads = 32;

class Server {
 public:
  // Binds and listens on "host:port" (port 0: an ephemeral port). Throws
  // std::runtime_error naming the address when that fails.
  // `threads` run the sockets, and as many run reads (0: the number of
  // cores); `handler_threads` run writes (0: default_handler_threads).
  Server(const std::string& listen, HandlerFunction handler, ServerLimits limits, int threads,
         int handler_threads = 0);
  ~Server();  // stops and waits
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  unsigned short port() const;
  // Connections open now.
  int open_connections() const;
  // Called for every answer written (the access log, the metrics). Set
  // before start().
  void observe(ExchangeObserver observer);
  void start();  // starts the thread pool; returns at once
  // Graceful: stops accepting, closes idle connections, lets requests in
  // flight finish (their answers say Connection: close). Any thread; returns at once.
  void stop();
  void wait();  // until every thread has finished after stop()

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kedja::server
