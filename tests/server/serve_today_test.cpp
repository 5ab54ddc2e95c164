// serve() with a fixed "today" (what `KEDJA_TODAY=… kedja serve` sets):
// as_of defaults to it. Every wait is bounded; none is a sleep.
#include "fixture.h"
#include "server/service.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <csignal>
#include <future>

namespace kedja::server::testing {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;

// One GET over a fresh connection; the status and the body as JSON.
std::pair<int, Json> fetch(unsigned short port, const std::string& target, const std::string& token) {
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(10s);
  stream.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, "test");
  request.set(http::field::authorization, "Bearer " + token);
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(stream, buffer, response);
  return {response.result_int(), Json::parse(response.body(), nullptr, false)};
}

using ServeToday = ServerTest;

TEST_F(ServeToday, AsOfDefaultsToTheTodayServeWasGiven) {
  std::promise<unsigned short> listening;
  ServeOptions options;
  options.listen = "127.0.0.1:0";
  options.threads = 1;
  options.today = [] { return day("2027-03-10"); };
  options.on_listening = [&listening](unsigned short port) { listening.set_value(port); };
  auto served = std::async(std::launch::async, [&] { return serve(options, *store_, shipped_context()); });
  auto port = listening.get_future();
  ASSERT_EQ(port.wait_for(10s), std::future_status::ready);
  std::pair<int, Json> overdue, summary;
  {
    const unsigned short bound_port = port.get();
    overdue = fetch(bound_port, "/v1/overdue", admin_);
    summary = fetch(bound_port, "/v1/overdue/summary", admin_);
  }
  std::raise(SIGTERM);  // serve() watches SIGTERM from before on_listening
  ASSERT_EQ(served.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(served.get(), 0);
  EXPECT_EQ(overdue.first, 200);
  EXPECT_EQ(overdue.second.value("as_of", ""), "2027-03-10");
  EXPECT_EQ(summary.second.value("as_of", ""), "2027-03-10");
}

}  // namespace
}  // namespace kedja::server::testing
