// What the access log and the metrics see of a request (issue 17 §2, §3):
// the route's template and the token's name, never an id, a name or a
// query value; the log's line; the metrics' series after real requests.
#include "server/access_log.h"
#include "server/metrics.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

class Observability : public WebTest {};

TEST_F(Observability, EveryRequestIsNamedByItsRouteTemplate) {
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  const std::string cookie = login(admin_);
  static const struct {
    const char* method;
    std::string target;
    bool web;  // with the session cookie rather than the Bearer token
    const char* route;
  } cases[] = {
      {"GET", "/v1/health", false, "/v1/health"},
      {"GET", "/v1/openapi.json", false, "/v1/openapi.json"},
      {"GET", "/v1/cases?q=Amina&limit=5", false, "/v1/cases"},
      {"GET", "/v1/cases/" + id, false, "/v1/cases/{id}"},
      {"POST", "/v1/cases/" + id + "/events", false, "/v1/cases/{id}/events"},
      {"GET", "/v1/tokens", false, "/v1/tokens"},
      {"DELETE", "/v1/tokens/n%C3%A5gon", false, "/v1/tokens/{name}"},
      {"GET", "/v1/feeds/hc:ostersund.ics", false, "/v1/feeds/{actor}.ics"},
      {"GET", "/v1/no-such-thing", false, "(unmatched)"},
      {"GET", "/arenden/" + id, true, "/arenden/{id}"},
      {"POST", "/arenden/" + id + "/handelser", true, "/arenden/{id}/handelser"},
      {"GET", "/att-gora?flik=forsenade", true, "/att-gora"},
      {"GET", "/logga-in", false, "/logga-in"},
      {"GET", "/ingen-sida", true, "(unmatched)"},
  };
  for (const auto& c : cases) {
    const Response response = c.web ? send(c.method, c.target, "", cookie).raw
                                    : call(c.method, c.target, admin_, c.method == std::string("POST") ? "{}" : "").raw;
    EXPECT_EQ(response.notes.route, c.route) << c.method << " " << c.target;
    EXPECT_EQ(std::string(response.notes.route).find(id), std::string::npos) << c.target;
  }
}

TEST_F(Observability, TheTokenIsNamedOnceAccepted) {
  const std::string school = token(Role::school, "school:ostersund");
  EXPECT_EQ(get("/v1/cases", school).raw.notes.token_name, "school school:ostersund");
  EXPECT_EQ(get("/v1/cases", "not-a-token").raw.notes.token_name, "");
  EXPECT_EQ(send("GET", "/att-gora", "", login(school)).raw.notes.token_name, "school school:ostersund");
  EXPECT_EQ(send("GET", "/logga-in").raw.notes.token_name, "");
}

TEST(AccessLog, ALineIsOneJsonObjectWithTheExchange) {
  const Exchange exchange{std::chrono::sys_days{std::chrono::year{2026} / 12 / 1} + std::chrono::hours{6} +
                              std::chrono::minutes{58} + std::chrono::milliseconds{2117},
                          "GET",
                          "/v1/cases/{id}",
                          200,
                          std::chrono::microseconds{1834},
                          2210,
                          "reception \"Östersund\""};
  EXPECT_EQ(AccessLog::line(exchange),
            "{\"time\":\"2026-12-01T06:58:02.117Z\",\"method\":\"GET\",\"route\":\"/v1/cases/{id}\","
            "\"status\":200,\"duration_us\":1834,\"bytes\":2210,\"token\":\"reception \\\"Östersund\\\"\"}\n");
}

class MetricsTest : public ServerTest {};

// The count of a series line "name{labels} value" in the scrape; -1 if absent.
double series(const std::string& text, const std::string& name_and_labels) {
  const auto at = text.find("\n" + name_and_labels + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + name_and_labels.size() + 2));
}

TEST_F(MetricsTest, AScrapeHasTheRequestsTheWriterAndTheDatabase) {
  Metrics metrics(*store_, [] { return 3; }, [] { return std::size_t{2}; });
  const std::string id = create_case(person("ostersund", "2016-03-01"));
  for (int i = 0; i < 2; ++i) {
    const Reply reply = get("/v1/cases/" + id, admin_);
    metrics.observe(Exchange{{}, "GET", reply.raw.notes.route, reply.status, std::chrono::milliseconds{3},
                             reply.raw.body.size(), reply.raw.notes.token_name});
  }
  metrics.observe(Exchange{{}, "BREW", "(unmatched)", 404, std::chrono::seconds{7}, 10, ""});
  const std::string text = "\n" + metrics.scrape();
  EXPECT_EQ(series(text, "kedja_http_requests_total{method=\"GET\",route=\"/v1/cases/{id}\",status=\"200\"}"), 2)
      << text;
  EXPECT_EQ(series(text, "kedja_http_requests_total{method=\"other\",route=\"(unmatched)\",status=\"404\"}"), 1);
  EXPECT_EQ(series(text, "kedja_http_request_duration_seconds_bucket{method=\"GET\",route=\"/v1/cases/{id}\","
                         "le=\"0.005\"}"), 2);
  EXPECT_EQ(series(text, "kedja_http_request_duration_seconds_bucket{method=\"other\",route=\"(unmatched)\","
                         "le=\"5\"}"), 0);
  EXPECT_EQ(series(text, "kedja_http_connections_open"), 3);
  EXPECT_EQ(series(text, "kedja_web_sessions_open"), 2);
  EXPECT_GE(series(text, "kedja_writer_group_size_count"), 1);  // the create, the tokens, the audit rows
  EXPECT_GE(series(text, "kedja_writer_group_size_bucket{le=\"+Inf\"}"), 1);
  EXPECT_EQ(series(text, "kedja_writer_queue_depth"), 0);
  EXPECT_GE(series(text, "kedja_audit_queue_depth"), 0);  // the reads' rows may wait up to 20 ms
  EXPECT_EQ(series(text, "kedja_audit_failing"), 0);
  EXPECT_EQ(series(text, "kedja_writer_failed_commits_total"), 0);
  EXPECT_GT(series(text, "kedja_database_size_bytes"), 0);
  EXPECT_EQ(text.find(id), std::string::npos) << "no case id in the metrics";
}

TEST_F(MetricsTest, AFailedCommitIsCountedAndTimed) {
  Metrics metrics(*store_, [] { return 0; }, [] { return std::size_t{0}; });
  store_->simulate_write_fault(storage::WriteFault::read_only);
  EXPECT_EQ(post("/v1/cases", admin_, person("ostersund", "2016-03-01")).status, 503);
  store_->simulate_write_fault(storage::WriteFault::none);
  const std::string text = "\n" + metrics.scrape();
  EXPECT_GE(series(text, "kedja_writer_failed_commits_total"), 1) << text;
  EXPECT_GT(series(text, "kedja_writer_last_failed_commit_timestamp_seconds"), 1.7e9);
}

TEST_F(MetricsTest, TheListenerAnswersOnlyMetrics) {
  Metrics metrics(*store_, [] { return 0; }, [] { return std::size_t{0}; });
  static const struct {
    const char* method;
    const char* target;
    int status;
  } cases[] = {
      {"GET", "/metrics", 200}, {"HEAD", "/metrics", 200}, {"POST", "/metrics", 405}, {"GET", "/v1/cases", 404},
  };
  for (const auto& c : cases) {
    Request request;
    request.method = c.method;
    request.target = c.target;
    const Response response = metrics.answer(request);
    EXPECT_EQ(response.status, c.status) << c.method << " " << c.target;
    if (c.status == 200) {
      EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
    }
  }
}

}  // namespace
}  // namespace kedja::server::testing
