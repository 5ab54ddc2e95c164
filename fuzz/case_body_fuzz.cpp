// POST /v1/cases with any bytes as the body: JSON parsing, the case and
// event parsers, the domain's checks and the store's create, through the
// handler as the HTTP session calls it. Any 5xx or crash is a finding.
#include "fuzz/support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& service = kedja::fuzz::Service::instance();
  std::string body(reinterpret_cast<const char*>(data), size);
  kedja::fuzz::expect_no_server_error(service.call("POST", "/v1/cases", body), "POST /v1/cases");
  return 0;
}
