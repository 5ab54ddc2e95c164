#include "server/web/multipart.h"

#include <algorithm>
#include <cctype>

namespace kedja::server::web {
namespace {

constexpr std::size_t max_header_lines = 8;  // a browser sends two

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 2046 bchars, without the space that may not end it.
bool boundary_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::string_view("'()+_,-./:=? ").find(c) != std::string_view::npos;
}

// `; name=value` parameters after a header's first token; quoted values
// with \" and \\ escapes. nullopt when malformed.
std::optional<std::vector<std::pair<std::string, std::string>>> parameters(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!(text = trimmed(text)).empty()) {
    if (text.front() != ';') return std::nullopt;
    text = trimmed(text.substr(1));
    const auto equals = text.find('=');
    if (equals == std::string_view::npos || equals == 0) return std::nullopt;
    std::string name = lower(trimmed(text.substr(0, equals)));
    text = trimmed(text.substr(equals + 1));
    std::string value;
    if (!text.empty() && text.front() == '"') {
      std::size_t i = 1;
      for (; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) ++i;
        value += text[i];
      }
      if (i >= text.size()) return std::nullopt;  // not closed
      text.remove_prefix(i + 1);
    } else {
      const auto end = text.find(';');
      value = std::string(trimmed(text.substr(0, end)));
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end);
      if (value.empty()) return std::nullopt;
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

// One part's headers (without the blank line) into `part`.
bool read_headers(std::string_view headers, FormPart& part) {
  bool disposition = false;
  std::size_t lines = 0;
  while (!headers.empty()) {
    if (++lines > max_header_lines) return false;
    const auto end = headers.find("\r\n");
    const std::string_view line = headers.substr(0, end);
    headers = end == std::string_view::npos ? std::string_view{} : headers.substr(end + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    const std::string name = lower(line.substr(0, colon));
    const std::string_view value = trimmed(line.substr(colon + 1));
    if (name == "content-disposition") {
      if (disposition) return false;
      disposition = true;
      const auto semicolon = value.find(';');
      if (lower(trimmed(value.substr(0, semicolon))) != "form-data" || semicolon == std::string_view::npos)
        return false;
      const auto params = parameters(value.substr(semicolon));
      if (!params) return false;
      bool named = false;
      for (const auto& [key, text] : *params) {
        if (key == "name" && !named) {
          part.name = text;
          named = true;
        } else if (key == "filename" && !part.filename) {
          part.filename = text;
        } else if (key == "name" || key == "filename") {
          return false;  // given twice
        }
      }
      if (!named || part.name.empty()) return false;
    } else if (name == "content-type") {
      part.content_type = std::string(value);
    }
    // Other headers (Content-Transfer-Encoding is deprecated by RFC 7578) are ignored.
  }
  return disposition;
}

}  // namespace

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (lower(trimmed(content_type.substr(0, semicolon))) != "multipart/form-data" ||
      semicolon == std::string_view::npos)
    return std::nullopt;
  const auto params = parameters(content_type.substr(semicolon));
  if (!params) return std::nullopt;
  std::optional<std::string> boundary;
  for (const auto& [name, value] : *params)
    if (name == "boundary") {
      if (boundary) return std::nullopt;
      boundary = value;
    }
  if (!boundary || boundary->empty() || boundary->size() > 70 || boundary->back() == ' ' ||
      !std::all_of(boundary->begin(), boundary->end(), boundary_char))
    return std::nullopt;
  return boundary;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view boundary, std::string_view body) {
  const std::string first = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + first;
  if (!body.starts_with(first)) return std::nullopt;
  std::string_view rest = body.substr(first.size());
  std::vector<FormPart> parts;
  for (;;) {
    // After a delimiter: "--" closes the body, CRLF begins a part.
    if (rest.starts_with("--")) {
      rest.remove_prefix(2);
      if (!rest.empty() && rest != "\r\n") return std::nullopt;  // nothing but a CRLF after the close
      break;
    }
    if (!rest.starts_with("\r\n")) return std::nullopt;
    rest.remove_prefix(2);
    if (parts.size() == max_form_parts) return std::nullopt;
    const auto blank = rest.find("\r\n\r\n");
    if (blank == std::string_view::npos) return std::nullopt;
    FormPart part;
    if (!read_headers(rest.substr(0, blank), part)) return std::nullopt;
    rest.remove_prefix(blank + 4);
    const auto end = rest.find(delimiter);
    if (end == std::string_view::npos) return std::nullopt;
    part.data = std::string(rest.substr(0, end));
    rest.remove_prefix(end + delimiter.size());
    parts.push_back(std::move(part));
  }
  return parts;
}

}  // namespace kedja::server::web
