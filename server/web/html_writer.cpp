#include "server/web/html_writer.h"

#include <array>
#include <cassert>
#include <utility>

namespace kedja::server::web {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t length = 0;
  unsigned min = 0;
  unsigned code = 0;
  if ((c & 0xE0) == 0xC0) { length = 2; code = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { length = 3; code = c & 0x0F; min = 0x800; }
  else if ((c & 0xF8) == 0xF0) { length = 4; code = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// The bytes that end a run of plain ASCII: the five escaped characters and
// every byte of a multi-byte (or invalid) UTF-8 sequence.
constexpr std::array<bool, 256> ends_plain_run = [] {
  std::array<bool, 256> table{};
  for (int c = 0x80; c < 0x100; ++c) table[static_cast<std::size_t>(c)] = true;
  for (unsigned char c : {'<', '>', '&', '"', '\''}) table[c] = true;
  return table;
}();

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // A run of plain ASCII is copied in one append: the page writer's
    // hottest loop (issue 13), every text and attribute goes through it;
    // one table lookup a byte, not six comparisons.
    std::size_t run = i;
    while (run < text.size() && !ends_plain_run[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    switch (text[i]) {
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '&': out += "&amp;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      default: break;
    }
    const std::size_t length = utf8_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    out.append(text.data() + i, length);
    i += length;
  }
}

std::string html_escaped(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

std::string percent_encoded(std::string_view text) {
  std::string out;
  append_percent_encoded(out, text);
  return out;
}

void append_percent_encoded(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
}

Url& Url::segment(std::string_view value) {
  path_ += '/';
  // ':' may stand in a path segment after the first '/' (RFC 3986 §3.3,
  // pchar): an actor's feed is /v1/feeds/hc:are.ics, as the README writes
  // it, not hc%3Aare.ics. Everything else but unreserved is encoded.
  std::size_t start = 0;
  for (std::size_t colon; (colon = value.find(':', start)) != std::string_view::npos; start = colon + 1) {
    append_percent_encoded(path_, value.substr(start, colon - start));
    path_ += ':';
  }
  append_percent_encoded(path_, value.substr(start));
  return *this;
}

Url& Url::param(std::string_view name, std::string_view value) {
  if (!value.empty()) params_.emplace_back(std::string(name), std::string(value));
  return *this;
}

std::string Url::str() const& {
  std::string out = path_;
  char separator = '?';
  for (const auto& [name, value] : params_) {
    out += separator;
    append_percent_encoded(out, name);
    out += '=';
    append_percent_encoded(out, value);
    separator = '&';
  }
  return out;
}

std::string Url::str() && {
  if (params_.empty()) return std::move(path_);
  return std::as_const(*this).str();
}

void HtmlWriter::write_attrs(const Attr* begin, const Attr* end) {
  for (const Attr* a = begin; a != end; ++a) {
    out_ += ' ';
    out_ += a->name;
    out_ += "=\"";
    append_html_escaped(out_, a->value());
    out_ += '"';
  }
}

HtmlWriter& HtmlWriter::open(std::string_view tag, std::initializer_list<Attr> attrs) {
  out_ += '<';
  out_ += tag;
  write_attrs(attrs.begin(), attrs.end());
  out_ += '>';
  open_.push_back(tag);
  return *this;
}

HtmlWriter& HtmlWriter::open(std::string_view tag, const std::vector<Attr>& attrs) {
  out_ += '<';
  out_ += tag;
  write_attrs(attrs.data(), attrs.data() + attrs.size());
  out_ += '>';
  open_.push_back(tag);
  return *this;
}

HtmlWriter& HtmlWriter::close(std::string_view tag) {
  assert(!open_.empty() && open_.back() == tag && "close() must match the last open()");
  open_.pop_back();
  out_ += "</";
  out_ += tag;
  out_ += '>';
  return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag, std::initializer_list<Attr> attrs) {
  out_ += '<';
  out_ += tag;
  write_attrs(attrs.begin(), attrs.end());
  out_ += '>';
  return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag, const std::vector<Attr>& attrs) {
  out_ += '<';
  out_ += tag;
  write_attrs(attrs.data(), attrs.data() + attrs.size());
  out_ += '>';
  return *this;
}

HtmlWriter& HtmlWriter::text(std::string_view text) {
  append_html_escaped(out_, text);
  return *this;
}

HtmlWriter& HtmlWriter::element(std::string_view tag, std::string_view text,
                                std::initializer_list<Attr> attrs) {
  open(tag, attrs);
  append_html_escaped(out_, text);
  return close(tag);
}

HtmlWriter& HtmlWriter::trusted_markup(std::string_view markup) {
  out_ += markup;
  return *this;
}

}  // namespace kedja::server::web
