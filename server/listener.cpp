#include "server/listener.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>

#include <stdexcept>

namespace kedja::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

Listener::Listener(asio::io_context& io, const tcp::endpoint& endpoint, const std::string& address,
                   std::shared_ptr<Connections> connections)
    : io_(io), strand_(asio::make_strand(io)), acceptor_(strand_),
      connections_(std::move(connections)) {
  boost::beast::error_code ec;
  const auto fail = [&](const char* what) {
    throw std::runtime_error("cannot listen on " + address + ": " + what + ": " + ec.message());
  };
  acceptor_.open(endpoint.protocol(), ec);
  if (ec) fail("open");
  acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (ec) fail("set_option");
  acceptor_.bind(endpoint, ec);
  if (ec) fail("bind");
  acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) fail("listen");
  port_ = acceptor_.local_endpoint().port();
}

void Listener::run() {
  asio::dispatch(strand_, [self = shared_from_this()] { self->accept(); });
}

void Listener::stop() {
  asio::post(strand_, [self = shared_from_this()] {
    boost::beast::error_code ignored;
    self->acceptor_.close(ignored);
  });
}

void Listener::accept() {
  // Each connection gets its own strand: its handlers never run concurrently.
  acceptor_.async_accept(asio::make_strand(io_), boost::beast::bind_front_handler(
                                                     &Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(boost::beast::error_code ec, tcp::socket socket) {
  if (ec == asio::error::operation_aborted || !acceptor_.is_open() || connections_->stopping)
    return;  // stopped: accept no more
  if (!ec) {
    if (connections_->open.fetch_add(1) >= connections_->limits.max_connections) {
      connections_->open.fetch_sub(1);
      boost::beast::error_code ignored;
      socket.close(ignored);  // over the cap: refused at once
    } else {
      std::make_shared<Session>(std::move(socket), connections_)->run();
    }
  }
  accept();
}

}  // namespace kedja::server
