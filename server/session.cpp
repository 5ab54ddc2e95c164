#include "server/session.h"

#include "server/json_mapping.h"
#include "server/problem.h"
#include "server/web/pages.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace kedja::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

namespace {

constexpr std::size_t header_limit = 16 * 1024;
constexpr std::size_t drain_limit = 4 * 1024 * 1024;

Request to_request(const http::request<http::string_body>& message, const std::string& remote_address) {
  Request request;
  request.remote_address = remote_address;
  // RFC 9110 §9.3.2: HEAD is GET without the content. The handler answers
  // it as the GET (the same scope, audit rows and refusals: a calendar
  // program checking its feed with HEAD gets the feed's status); to_message
  // sends the header alone.
  request.method = message.method() == http::verb::head ? "GET" : std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  request.body = message.body();
  return request;
}

// Takes the response by value: its body (a list page is ~25 KB) is moved
// into the message, not copied.
http::response<http::string_body> to_message(Response response, unsigned version,
                                             bool keep_alive, bool head = false) {
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "kedja");
  const bool no_content = response.status == 204;
  if (!no_content) message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) message.set(name, value);
  // Whatever answered, a shared cache keeps nothing (the handler says so
  // itself; this covers the session's own 4xx answers).
  if (message.find(http::field::cache_control) == message.end())
    message.set(http::field::cache_control, "no-store");
  message.keep_alive(keep_alive);
  message.body() = std::move(response.body);
  message.prepare_payload();
  if (no_content) message.erase(http::field::content_length);  // RFC 9110 §8.6: none on a 204
  // A HEAD's answer keeps the Content-Length the GET's would have
  // (RFC 9110 §8.6) and sends no content.
  if (head) message.body().clear();
  return message;
}

bool is_health_check(std::string_view target) {
  return target.substr(0, target.find('?')) == health_path;
}

}  // namespace

void Connections::close_idle() {
  // Collected under the lock, used and released outside it: the last
  // reference may destroy a session, whose destructor takes the lock.
  std::vector<std::shared_ptr<Session>> alive;
  {
    std::lock_guard lock(mutex);
    for (auto& [raw, weak] : sessions)
      if (auto session = weak.lock()) alive.push_back(std::move(session));
  }
  for (auto& session : alive) session->shutdown_if_idle();
}

Session::Session(asio::ip::tcp::socket&& socket, std::shared_ptr<Connections> connections)
    : stream_(std::move(socket)), connections_(std::move(connections)) {
  beast::error_code ec;
  const auto remote = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_address_ = remote.address().to_string();
}

Session::~Session() {
  {
    std::lock_guard lock(connections_->mutex);
    connections_->sessions.erase(this);
  }
  connections_->open.fetch_sub(1);
}

void Session::run() {
  {
    std::lock_guard lock(connections_->mutex);
    connections_->sessions.emplace(this, weak_from_this());
  }
  asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
}

void Session::shutdown_if_idle() {
  asio::post(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_) self->close();
  });
}

// Between requests the connection may idle for idle_timeout; once the first
// byte of a request has come, the whole request must arrive within read_timeout.
void Session::wait_for_request() {
  busy_ = false;
  if (connections_->stopping) return close();
  parser_.emplace();
  parser_->body_limit(connections_->limits.body_limit);
  parser_->header_limit(header_limit);
  if (buffer_.size() > 0) return read_request();
  stream_.expires_after(first_request_ ? connections_->limits.read_timeout
                                       : connections_->limits.idle_timeout);
  stream_.async_read_some(buffer_.prepare(8192),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t bytes) {
  if (ec) return close();  // timeout, EOF, or closed by a shutdown
  buffer_.commit(bytes);
  read_request();
}

// The header first: a client that sent `Expect: 100-continue` (curl does
// for a POST body over 1 KiB) waits for a 100 Continue before it sends the
// body; without one it waits a second, on every such request.
void Session::read_request() {
  first_request_ = false;
  stream_.expires_after(connections_->limits.read_timeout);
  http::async_read_header(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->on_header(ec);
  });
}

void Session::on_header(beast::error_code ec) {
  if (ec) return on_read(ec);  // a body over the limit by its Content-Length is refused here
  const auto& header = parser_->get();
  if (parser_->is_done() || header.version() < 11 ||
      !beast::iequals(header[http::field::expect], "100-continue"))
    return read_body();
  auto go_on = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
  http::async_write(stream_, *go_on, [self = shared_from_this(), go_on](beast::error_code failed, std::size_t) {
    if (failed) return self->close();
    self->read_body();
  });
}

void Session::read_body() {
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Session::on_read(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    // A browser's form (an arrival list too large to import) gets a page
    // in Swedish; the API its problem+json. The header is read by now.
    const auto target = parser_->get().target();
    if (!std::string_view(target.data(), target.size()).starts_with("/v1"))
      return answer_and_close(web::too_large_page());
    return answer_and_close(413, "the body is larger than 1 MiB");
  }
  if (ec == http::error::header_limit) return answer_and_close(431, "the request headers are too large");
  if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
      ec == asio::error::operation_aborted || ec == asio::error::eof ||
      ec == asio::error::connection_reset)
    return close();
  if (ec) return answer_and_close(400, "malformed HTTP request: " + ec.message());

  busy_ = true;
  note_received(std::string(parser_->get().method_string()));
  handle(std::make_shared<http::request<http::string_body>>(parser_->release()));
}

void Session::note_received(std::string method) {
  exchange_ = Pending{};
  exchange_.received = std::chrono::system_clock::now();
  exchange_.started = std::chrono::steady_clock::now();
  exchange_.method = std::move(method);
}

void Session::note_answer(int status, const RequestNotes& notes) {
  exchange_.status = status;
  exchange_.route = notes.route;
  exchange_.token_name = notes.token_name;
}

// The handler runs on a handler pool; its answer comes back to this
// connection's strand. The work guard keeps the I/O threads running while
// no socket operation is pending, so the answer always gets written.
void Session::handle(std::shared_ptr<http::request<http::string_body>> message) {
  // The liveness check is answered here, on the I/O thread: it reads no
  // database, and a probe must not wait behind list pages or writes queued
  // on the pools (it did: 1.5 s under one client's load).
  const auto target = message->target();
  if (message->method() == http::verb::get && is_health_check({target.data(), target.size()})) {
    const bool keep_alive = message->keep_alive() && !connections_->stopping;
    Response response = connections_->handler(to_request(*message, remote_address_));
    note_answer(response.status, response.notes);
    return write(to_message(std::move(response), message->version(), keep_alive,
                            message->method() == http::verb::head),
                 keep_alive);
  }
  const bool reads = message->method() == http::verb::get || message->method() == http::verb::head;
  auto& pool = reads ? connections_->read_pool : connections_->write_pool;
  asio::post(pool, [self = shared_from_this(), message, work = asio::make_work_guard(stream_.get_executor())] {
    Response response = self->connections_->handler(to_request(*message, self->remote_address_));
    asio::post(self->stream_.get_executor(), [self, message, response = std::move(response)]() mutable {
      const bool keep_alive = message->keep_alive() && !self->connections_->stopping;
      self->note_answer(response.status, response.notes);
      self->write(to_message(std::move(response), message->version(), keep_alive,
                             message->method() == http::verb::head),
                  keep_alive);
    });
  });
}

void Session::write(HttpResponse response, bool keep_alive) {
  busy_ = true;
  response_ = std::make_shared<HttpResponse>(std::move(response));
  stream_.expires_after(connections_->limits.read_timeout);
  http::async_write(stream_, *response_,
                    [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t bytes) {
                      self->on_write(ec, keep_alive, bytes);
                    });
}

void Session::on_write(beast::error_code ec, bool keep_alive, std::size_t bytes) {
  response_.reset();
  if (connections_->observe)
    connections_->observe(Exchange{exchange_.received, exchange_.method, exchange_.route, exchange_.status,
                                   std::chrono::steady_clock::now() - exchange_.started, bytes,
                                   exchange_.token_name});
  if (ec) return close();
  if (!keep_alive) return linger_ ? drain() : close();
  wait_for_request();
}

void Session::answer_and_close(int status, std::string detail) {
  answer_and_close(problem_response(status, std::move(detail)));
}

void Session::answer_and_close(Response response) {
  linger_ = true;  // the client may still be sending what we did not read
  note_received("");
  exchange_.status = response.status;
  write(to_message(std::move(response), 11, false), false);
}

// A lingering close: say we are done sending, then read and drop what the
// client still sends (bounded in bytes and time) so that closing with unread
// data does not reset the connection before the client has read our answer.
void Session::drain() {
  busy_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::min(connections_->limits.read_timeout,
                                 std::chrono::milliseconds{std::chrono::seconds{5}}));
  buffer_.clear();
  drain_read(0);
}

void Session::drain_read(std::size_t total) {
  stream_.async_read_some(buffer_.prepare(65536), [self = shared_from_this(), total](
                                                      beast::error_code ec, std::size_t bytes) {
    if (ec || total + bytes > drain_limit) return self->close();
    self->drain_read(total + bytes);
  });
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace kedja::server
