// multipart/form-data (RFC 7578), the way a browser sends a form with a file
// input: strict, so that anything a browser would not send is refused
// rather than guessed at. Bounded by the request body (max_body_bytes, 1
// MiB) and by max_form_parts. Used by the Importera page's upload; every
// other form is application/x-www-form-urlencoded.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::server::web {

inline constexpr std::size_t max_form_parts = 16;

struct FormPart {
  std::string name;                     // Content-Disposition's name
  std::optional<std::string> filename;  // set for a file input (maybe empty: no file chosen)
  std::string content_type;             // the part's Content-Type, "" when absent
  std::string data;                     // the bytes as sent
};

// The boundary of a `multipart/form-data; boundary=…` Content-Type (the
// type in any case, the boundary quoted or not, 1–70 characters of RFC
// 2046's set), or nullopt for any other type.
std::optional<std::string> multipart_boundary(std::string_view content_type);

// The parts of `body`, in order, or nullopt when it is not well-formed:
// it must begin with the first delimiter (no preamble) and end with the
// close delimiter (an optional CRLF after it); each part has a
// `Content-Disposition: form-data` header with a name; header lines end in
// CRLF; no more than max_form_parts parts.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view boundary, std::string_view body);

}  // namespace kedja::server::web
