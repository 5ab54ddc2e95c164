// The paged lists' `cursor` with any bytes in it (%-encoded, so each byte
// arrives as it is): the cursor decoder and the keyset queries it feeds. A
// cursor the server did not hand out must be a 400 naming "cursor", never
// a 5xx and never a page. The first byte picks the list.
#include "fuzz/support.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto& service = kedja::fuzz::Service::instance();
  const std::string cursor =
      kedja::fuzz::percent_encode({reinterpret_cast<const char*>(data + 1), size - 1});
  std::string target;
  switch (data[0] % 4) {
    case 0: target = "/v1/cases?limit=1&cursor="; break;
    case 1: target = "/v1/overdue?as_of=2026-11-25&limit=1&cursor="; break;
    case 2: target = "/v1/due?from=2026-01-01&to=2026-12-31&limit=1&cursor="; break;
    default:  // a case's audit log, or (a first byte of 0x80 and up) a token's in a period (v1.1)
      target = (data[0] & 0x80) ? "/v1/audit?token=admin&from=2020-01-01&limit=1&cursor="
                                : "/v1/audit?case=" + service.some_case() + "&limit=1&cursor=";
      break;
  }
  auto response = service.call("GET", target + cursor);
  kedja::fuzz::expect_no_server_error(response, "GET with a cursor");
  if (response.status != 200 && response.body.find("cursor") == std::string::npos) {
    std::fprintf(stderr, "a refused cursor not named: %d %s\n", response.status, response.body.c_str());
    std::abort();
  }
  return 0;
}
