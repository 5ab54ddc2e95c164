#include "server/server.h"

#include "server/listener.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <stdexcept>
#include <thread>
#include <vector>

namespace kedja::server {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {

// "127.0.0.1:8080", "[::1]:8080", "localhost:0" → an endpoint.
tcp::endpoint resolve(asio::io_context& io, const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size())
    throw std::runtime_error("cannot listen on " + listen + ": expected host:port");
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  tcp::resolver resolver(io);
  const auto results = resolver.resolve(host, port, tcp::resolver::numeric_service, ec);
  if (ec || results.empty())
    throw std::runtime_error("cannot listen on " + listen + ": " +
                             (ec ? ec.message() : std::string("no such address")));
  return results.begin()->endpoint();
}

}  // namespace

struct Server::Impl {
  asio::io_context io;
  std::shared_ptr<Connections> connections;
  std::shared_ptr<Listener> listener;
  std::vector<std::thread> threads;
  int thread_count = 1;
};

Server::Server(const std::string& listen, HandlerFunction handler, ServerLimits limits, int threads,
               int handler_threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->thread_count = threads > 0 ? threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  impl_->connections = std::make_shared<Connections>(
      impl_->thread_count, handler_threads > 0 ? handler_threads : default_handler_threads);
  impl_->connections->handler = std::move(handler);
  impl_->connections->limits = limits;
  impl_->listener = std::make_shared<Listener>(impl_->io, resolve(impl_->io, listen), listen,
                                               impl_->connections);
}

Server::~Server() {
  stop();
  wait();
}

unsigned short Server::port() const { return impl_->listener->port(); }

int Server::open_connections() const { return impl_->connections->open.load(); }

void Server::observe(ExchangeObserver observer) { impl_->connections->observe = std::move(observer); }

void Server::start() {
  impl_->listener->run();
  for (int i = 0; i < impl_->thread_count; ++i)
    impl_->threads.emplace_back([this] { impl_->io.run(); });
}

void Server::stop() {
  if (impl_->connections->stopping.exchange(true)) return;
  impl_->listener->stop();
  impl_->connections->close_idle();
}

void Server::wait() {
  for (auto& thread : impl_->threads)
    if (thread.joinable()) thread.join();
  impl_->threads.clear();
  impl_->connections->read_pool.join();
  impl_->connections->write_pool.join();
}

}  // namespace kedja::server
