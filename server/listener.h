// Accepts connections and starts a session for each, up to max_connections.
#pragma once

#include "server/session.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>

#include <memory>

namespace kedja::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Opens, binds and listens; throws std::runtime_error naming `address`.
  Listener(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
           const std::string& address, std::shared_ptr<Connections> connections);
  unsigned short port() const { return port_; }
  void run();
  void stop();  // closes the acceptor; any thread

 private:
  void accept();
  void on_accept(boost::beast::error_code ec, boost::asio::ip::tcp::socket socket);

  boost::asio::io_context& io_;
  boost::asio::strand<boost::asio::io_context::executor_type> strand_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Connections> connections_;
  unsigned short port_ = 0;
};

}  // namespace kedja::server
