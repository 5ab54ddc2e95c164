// GET requests whose target is a fixed path and then any bytes: the target
// splitter, %-decoding, each endpoint's parameters (dates, limits, actors,
// municipalities, choices) and the queries they run. The first byte picks
// the path; the rest is the raw query string, as a client could send it.
#include "fuzz/support.h"

#include <array>

namespace {

constexpr std::array<const char*, 10> paths{
    "/v1/cases",          "/v1/overdue",         "/v1/due",
    "/v1/overdue/summary", "/v1/audit",           "/v1/calendar/non-working-days",
    "/v1/calendar/add-working-days", "/v1/actors", "/v1/follow-up",
    "/v1/cases/"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& service = kedja::fuzz::Service::instance();
  std::string target = paths[data[0] % paths.size()];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  if (target.back() == '/') target += service.some_case();
  target += '?';
  target += rest;
  // Both an admin, who sees everything, and a reception unit, whose scope
  // filters every query.
  const bool as_reception = (data[0] / paths.size()) % 2 == 1;
  const auto& token = as_reception ? service.reception() : service.admin();
  kedja::fuzz::expect_no_server_error(service.call_as(token, "GET", target), "GET with a query");
  return 0;
}
