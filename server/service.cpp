#include "server/service.h"

#include "server/access_log.h"
#include "server/handler.h"
#include "server/metrics.h"
#include "server/server.h"
#include "server/today.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <csignal>
#include <iostream>
#include <memory>
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
  const Handler handler(store, context, std::move(today), WebSettings{options.secure_cookies, {}, base_url});
  Server server(options.listen, handler, limits, options.threads, options.handler_threads);

  std::unique_ptr<AccessLog> access_log;
  if (!options.access_log.empty()) access_log = std::make_unique<AccessLog>(options.access_log);
  std::unique_ptr<Metrics> metrics;
  std::unique_ptr<Server> metrics_server;
  if (!options.metrics_listen.empty()) {
    metrics = std::make_unique<Metrics>(store, [&server] { return server.open_connections(); },
                                        [&handler] { return handler.web_sessions(); });
    // One thread: a scrape every few seconds, and it must not take the
    // service's threads.
    metrics_server = std::make_unique<Server>(
        options.metrics_listen, [&metrics = *metrics](const Request& request) { return metrics.answer(request); },
        ServerLimits{}, 1, 1);
  }
  if (access_log || metrics)
    server.observe([log = access_log.get(), counts = metrics.get()](const Exchange& exchange) {
      if (log) log->write(exchange);
      if (counts) counts->observe(exchange);
    });

  server.start();
  std::cerr << "kedja serve: listening on " << options.listen << " (port " << server.port() << ")\n";
  if (metrics_server) {
    metrics_server->start();
    std::cerr << "kedja serve: metrics on http://" << options.metrics_listen << "/metrics (port "
              << metrics_server->port() << ")\n";
  }
  signals.async_wait([&server, &metrics_server](const boost::system::error_code&, int) {
    server.stop();
    if (metrics_server) metrics_server->stop();
  });
  if (options.on_listening) options.on_listening(server.port());
  signals_io.run();
  server.wait();
  if (metrics_server) metrics_server->wait();
  std::cerr << "kedja serve: stopped\n";
  return 0;
}

}  // namespace kedja::server
