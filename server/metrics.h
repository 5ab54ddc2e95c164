// The service's metrics (issue 17 §2) in the Prometheus text exposition
// format 0.0.4, served at GET /metrics on a listener of their own
// (`kedja serve --metrics-listen 127.0.0.1:9464`; off by default). The
// registry, the series' types and the text format are prometheus-cpp's
// (Debian's prometheus-cpp-dev, core only).
//
// The series (all times in seconds, sizes in bytes):
//   kedja_http_requests_total{route,method,status}       counter
//   kedja_http_request_duration_seconds{route,method}    histogram, request read → answer written
//   kedja_http_response_bytes_total{route}               counter, head and body
//   kedja_http_connections_open                          gauge
//   kedja_web_sessions_open                              gauge, web pages' login sessions held
//   kedja_writer_queue_depth                             gauge, writes waiting for their group commit
//   kedja_writer_group_size                              histogram, requests per group transaction
//   kedja_writer_failed_commits_total                    counter
//   kedja_writer_last_failed_commit_timestamp_seconds    gauge, Unix time (UTC); 0 while none failed
//   kedja_audit_queue_depth                              gauge, reads' audit rows not yet committed
//   kedja_audit_failing                                  gauge, 1 while reads answer 503 for their audit
//   kedja_database_size_bytes, kedja_database_wal_size_bytes   gauges
// Labels hold route templates (RequestNotes), methods and statuses only:
// never a case id, a name, a token or a query value.
#pragma once

#include "server/server.h"
#include "storage/store.h"

#include <functional>
#include <memory>
#include <string>

namespace kedja::server {

class Metrics {
 public:
  // The gauges of the service are read at each scrape: the store's stats,
  // and the two counts given as functions (the server and the handler own
  // them).
  Metrics(const storage::Store& store, std::function<int()> open_connections,
          std::function<std::size_t()> web_sessions);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // Counts an answer (an ExchangeObserver). Any thread.
  void observe(const Exchange& exchange);

  // Every series now, in the text format.
  std::string scrape() const;

  // The handler of the metrics listener: GET (or HEAD) /metrics answers
  // the scrape as `text/plain; version=0.0.4`; any other path 404, any
  // other method 405.
  Response answer(const Request& request) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kedja::server
