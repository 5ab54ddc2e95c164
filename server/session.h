// One HTTP/1.1 connection (Beast's session): reads requests with a fresh
// parser each, enforces the body limit and timeouts, calls the handler,
// writes the answer, keeps the connection alive when it may.
#pragma once

#include "server/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kedja::server {

class Session;

// What the listener and its sessions share: the handler, the limits, the
// connection count and the sessions alive (for a graceful shutdown).
struct Connections {
  Connections(int read_threads, int write_threads)
      : read_pool(static_cast<std::size_t>(read_threads)), write_pool(static_cast<std::size_t>(write_threads)) {}
  HandlerFunction handler;
  ExchangeObserver observe;  // may be empty
  // Where the handler runs: GET and HEAD on the read pool, whose requests
  // only compute and read SQLite (one thread a core is enough; more only
  // queue on the cores); every other method on the write pool, whose
  // requests wait for their group commit (many threads, so that many writes
  // share one fsync).
  boost::asio::thread_pool read_pool;
  boost::asio::thread_pool write_pool;
  ServerLimits limits;
  std::atomic<bool> stopping{false};
  std::atomic<int> open{0};
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;

  void close_idle();  // on stop: every idle session closes, busy ones finish first
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<Connections> connections);
  ~Session();
  void run();
  void shutdown_if_idle();  // posted by Connections::close_idle

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;

  void wait_for_request();
  void on_first_bytes(boost::beast::error_code ec, std::size_t bytes);
  void read_request();
  void on_header(boost::beast::error_code ec);  // answers Expect: 100-continue
  void read_body();
  void on_read(boost::beast::error_code ec);
  void handle(std::shared_ptr<boost::beast::http::request<boost::beast::http::string_body>> message);
  // Writes the answer; `notes` and its status are what the observer hears.
  void write(HttpResponse response, bool keep_alive);
  void on_write(boost::beast::error_code ec, bool keep_alive, std::size_t bytes);
  void note_received(std::string method);  // the request is read whole (or cannot be)
  void note_answer(int status, const RequestNotes& notes);
  void answer_and_close(int status, std::string detail);  // a problem+json answer
  void answer_and_close(Response response);
  void drain();  // reads and drops what the client still sends, then closes
  void drain_read(std::size_t total);
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<Connections> connections_;
  std::optional<Parser> parser_;
  std::shared_ptr<HttpResponse> response_;
  // The exchange in progress, for connections_->observe.
  struct Pending {
    std::chrono::system_clock::time_point received;
    std::chrono::steady_clock::time_point started;
    std::string method;
    std::string_view route = Exchange::unread_route;
    int status = 0;
    std::string token_name;
  };
  Pending exchange_;
  bool busy_ = false;       // a request is being handled or answered
  bool first_request_ = true;
  bool linger_ = false;     // drain before closing: the request was not read whole
  std::string remote_address_;  // the client's IP address, for the log
};

}  // namespace kedja::server
