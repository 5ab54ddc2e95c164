#include "server/metrics.h"

#include "server/problem.h"

#include <prometheus/collectable.h>
#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <limits>

namespace kedja::server {
namespace {

// Upper bounds in seconds: a list page answers in a few ms, a large create
// waits for its group commit (an fsync, ~10 ms on a server disk).
const prometheus::Histogram::BucketBoundaries& duration_bounds() {
  static const prometheus::Histogram::BucketBoundaries bounds = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                 0.1,   0.25,   0.5,   1.0,  2.5,   5.0};
  return bounds;
}

// A method label from a fixed few: a client's invented method must not make
// a series of its own.
std::string method_label(std::string_view method) {
  for (const std::string_view known : {"GET", "HEAD", "POST", "DELETE", "PUT", "PATCH", "OPTIONS"})
    if (method == known) return std::string(method);
  return method.empty() ? "(unread)" : "other";
}

prometheus::MetricFamily gauge(std::string name, std::string help, double value) {
  prometheus::ClientMetric metric;
  metric.gauge.value = value;
  return {std::move(name), std::move(help), prometheus::MetricType::Gauge, {metric}};
}

prometheus::MetricFamily counter(std::string name, std::string help, double value) {
  prometheus::ClientMetric metric;
  metric.counter.value = value;
  return {std::move(name), std::move(help), prometheus::MetricType::Counter, {metric}};
}

// The store's state, read at each scrape: the writer keeps its own counts
// (storage/stats.h), so its group sizes come as a ready histogram.
class StoreCollector : public prometheus::Collectable {
 public:
  StoreCollector(const storage::Store& store, std::function<int()> open_connections,
                 std::function<std::size_t()> web_sessions)
      : store_(store), open_connections_(std::move(open_connections)), web_sessions_(std::move(web_sessions)) {}

  std::vector<prometheus::MetricFamily> Collect() const override {
    const storage::StoreStats stats = store_.stats();
    const storage::WriterStats& writer = stats.writer;
    std::vector<prometheus::MetricFamily> families;
    families.push_back(gauge("kedja_http_connections_open", "HTTP connections open now.",
                             open_connections_ ? open_connections_() : 0));
    families.push_back(gauge("kedja_web_sessions_open", "Login sessions of the web pages held now.",
                             web_sessions_ ? static_cast<double>(web_sessions_()) : 0));
    families.push_back(gauge("kedja_writer_queue_depth", "Writes waiting for their group commit.",
                             static_cast<double>(writer.callers_queued)));
    families.push_back(gauge("kedja_audit_queue_depth", "Audit rows of reads not yet committed.",
                             static_cast<double>(writer.posted_queued)));
    families.push_back(gauge("kedja_audit_failing",
                             "1 while audit rows wait after a failed commit (reads of cases answer 503).",
                             writer.audit_failing ? 1 : 0));
    families.push_back(counter("kedja_writer_failed_commits_total", "Group transactions that did not commit.",
                               static_cast<double>(writer.failed_commits)));
    const double last_failed =
        writer.last_failed_commit
            ? std::chrono::duration<double>(writer.last_failed_commit->time_since_epoch()).count()
            : 0;
    families.push_back(gauge("kedja_writer_last_failed_commit_timestamp_seconds",
                             "When a group transaction last failed to commit (Unix time); 0 while none has.",
                             last_failed));
    families.push_back(gauge("kedja_database_size_bytes", "The database file's size.",
                             static_cast<double>(stats.database_bytes)));
    families.push_back(gauge("kedja_database_wal_size_bytes", "The database's write-ahead log's size.",
                             static_cast<double>(stats.wal_bytes)));

    prometheus::ClientMetric groups;
    groups.histogram.sample_count = writer.groups;
    groups.histogram.sample_sum = static_cast<double>(writer.group_requests);
    for (std::size_t i = 0; i < storage::WriterStats::group_bounds.size(); ++i)
      groups.histogram.bucket.push_back(
          {writer.groups_up_to[i], static_cast<double>(storage::WriterStats::group_bounds[i])});
    groups.histogram.bucket.push_back({writer.groups, std::numeric_limits<double>::infinity()});
    families.push_back({"kedja_writer_group_size", "Requests (writes and reads' audit rows) per group transaction.",
                        prometheus::MetricType::Histogram, {groups}});
    return families;
  }

 private:
  const storage::Store& store_;
  std::function<int()> open_connections_;
  std::function<std::size_t()> web_sessions_;
};

}  // namespace

struct Metrics::Impl {
  Impl(const storage::Store& store, std::function<int()> open_connections, std::function<std::size_t()> web_sessions)
      : registry(std::make_shared<prometheus::Registry>()),
        requests(prometheus::BuildCounter()
                     .Name("kedja_http_requests_total")
                     .Help("HTTP requests answered, by route template, method and status.")
                     .Register(*registry)),
        durations(prometheus::BuildHistogram()
                      .Name("kedja_http_request_duration_seconds")
                      .Help("From a request read whole to its answer written, by route template and method.")
                      .Register(*registry)),
        bytes(prometheus::BuildCounter()
                  .Name("kedja_http_response_bytes_total")
                  .Help("Bytes of answers written (head and body), by route template.")
                  .Register(*registry)),
        store_collector(store, std::move(open_connections), std::move(web_sessions)) {}

  std::shared_ptr<prometheus::Registry> registry;
  prometheus::Family<prometheus::Counter>& requests;
  prometheus::Family<prometheus::Histogram>& durations;
  prometheus::Family<prometheus::Counter>& bytes;
  StoreCollector store_collector;
};

Metrics::Metrics(const storage::Store& store, std::function<int()> open_connections,
                 std::function<std::size_t()> web_sessions)
    : impl_(std::make_unique<Impl>(store, std::move(open_connections), std::move(web_sessions))) {}

Metrics::~Metrics() = default;

void Metrics::observe(const Exchange& exchange) {
  const std::string route(exchange.route);
  const std::string method = method_label(exchange.method);
  impl_->requests.Add({{"route", route}, {"method", method}, {"status", std::to_string(exchange.status)}}).Increment();
  impl_->durations.Add({{"route", route}, {"method", method}}, duration_bounds())
      .Observe(std::chrono::duration<double>(exchange.duration).count());
  impl_->bytes.Add({{"route", route}}).Increment(static_cast<double>(exchange.bytes));
}

std::string Metrics::scrape() const {
  std::vector<prometheus::MetricFamily> families = impl_->registry->Collect();
  for (auto& family : impl_->store_collector.Collect()) families.push_back(std::move(family));
  return prometheus::TextSerializer().Serialize(families);
}

Response Metrics::answer(const Request& request) const {
  const std::string_view path = std::string_view(request.target).substr(0, request.target.find('?'));
  if (path != "/metrics") return problem_response(404, "no such resource; the metrics are at /metrics");
  if (request.method != "GET" && request.method != "HEAD") return method_not_allowed_response(request.method, "GET, HEAD");
  Response response;
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (request.method == "GET") response.body = scrape();
  return response;
}

}  // namespace kedja::server
