#include "server/service.h"

#include "server/handler.h"
#include "server/server.h"
#include "server/today.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <iostream>
#include <utility>

namespace kedja::server {

int serve(const ServeOptions& options, storage::Store& store, const EngineContext& context) {
  ServerLimits limits;
  limits.max_connections = options.max_connections;
  limits.read_timeout = std::chrono::seconds{options.read_timeout_seconds};
  limits.idle_timeout = std::chrono::seconds{options.idle_timeout_seconds};
  // The signals are watched before the pool starts, so none is missed.
  boost::asio::io_context signals_io;
  boost::asio::signal_set signals(signals_io, SIGINT, SIGTERM);
  TodayProvider today = options.today ? options.today : TodayProvider(stockholm_today);
  const std::string base_url = options.base_url.empty() ? "http://" + options.listen : options.base_url;
  Server server(options.listen,
                Handler(store, context, std::move(today), WebSettings{options.secure_cookies, {}, base_url}),
                limits, options.threads,
                options.handler_threads);
  server.start();
  std::cerr << "kedja serve: listening on " << options.listen << " (port " << server.port() << ")\n";
  signals.async_wait([&server](const boost::system::error_code&, int) { server.stop(); });
  if (options.on_listening) options.on_listening(server.port());
  signals_io.run();
  server.wait();
  std::cerr << "kedja serve: stopped\n";
  return 0;
}

}  // namespace kedja::server
