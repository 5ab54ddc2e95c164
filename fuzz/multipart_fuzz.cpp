// A multipart/form-data upload (the web pages' Importera) with any bytes:
// the first line is the Content-Type header's value, the rest the body.
// Beyond crashes, leaks and hangs, a parsed body must keep the parser's
// promises: at most max_form_parts parts, each named, none larger than the
// body.
#include "server/web/multipart.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const auto boundary = kedja::server::web::multipart_boundary(input.substr(0, newline));
  if (!boundary) return 0;
  const std::string_view body = input.substr(newline + 1);
  const auto parts = kedja::server::web::parse_multipart(*boundary, body);
  if (!parts) return 0;
  if (parts->size() > kedja::server::web::max_form_parts) std::abort();
  for (const auto& part : *parts)
    if (part.name.empty() || part.data.size() > body.size()) std::abort();
  return 0;
}
