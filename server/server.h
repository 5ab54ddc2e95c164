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

namespace kedja::server {

using HandlerFunction = std::function<Response(const Request&)>;

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
