// POST /v1/cases/{id}/events with any bytes as the body: the event parser,
// check_append (the domain's rules) and the store's append, through the
// handler. The target case is replaced every 200 inputs so it never reaches
// the 2,000-event limit and keeps a short, varied history.
#include "fuzz/support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& service = kedja::fuzz::Service::instance();
  static std::string case_id = service.new_case();
  static int appended = 0;
  if (++appended % 200 == 0) case_id = service.new_case();
  std::string body(reinterpret_cast<const char*>(data), size);
  kedja::fuzz::expect_no_server_error(service.call("POST", "/v1/cases/" + case_id + "/events", body),
                                      "POST /v1/cases/{id}/events");
  return 0;
}
