#include "server/web/html_writer.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Where the run of plain ASCII that starts at text[i] ends: sixteen bytes
// at a time with SSE2 (every x86-64 has it), then a byte at a time.
std::size_t plain_run_end(std::string_view text, std::size_t i) {
#if defined(__SSE2__)
  const __m128i lt = _mm_set1_epi8('<'), gt = _mm_set1_epi8('>'), amp = _mm_set1_epi8('&'),
                quot = _mm_set1_epi8('"'), apos = _mm_set1_epi8('\'');
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, lt), _mm_cmpeq_epi8(v, gt)),
        _mm_or_si128(_mm_cmpeq_epi8(v, amp), _mm_or_si128(_mm_cmpeq_epi8(v, quot), _mm_cmpeq_epi8(v, apos))));
    // The top bit of each byte: a special character, or a byte ≥ 0x80.
    const int mask = _mm_movemask_epi8(_mm_or_si128(special, v));
    if (mask != 0) return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (i < text.size() && !ends_plain_run[static_cast<unsigned char>(text[i])]) ++i;
  return i;
}

// RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~".
constexpr std::array<bool, 256> unreserved = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 0x100; ++c)
    table[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
  return table;
}();

}  // namespace

namespace {

// The escaping of append_html_escaped, into any `put(const char*, size)`.
template <class Put>
void escape_into(std::string_view text, Put&& put) {
  // The page writer's hottest loop (issue 13): every text and attribute
  // goes through it. What needs no change — plain ASCII and valid UTF-8
  // (å, ä, ö) — is copied in runs, one put each.
  std::size_t start = 0;  // the first byte not yet put
  std::size_t i = 0;
  while (i < text.size()) {
    i = plain_run_end(text, i);
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      if (const std::size_t length = utf8_length(text, i)) {
        i += length;  // valid UTF-8: part of the run
        continue;
      }
      put(text.data() + start, i - start);
      put("\xEF\xBF\xBD", 3);  // U+FFFD
      start = ++i;
      continue;
    }
    put(text.data() + start, i - start);
    switch (c) {
      case '<': put("&lt;", 4); break;
      case '>': put("&gt;", 4); break;
      case '&': put("&amp;", 5); break;
      case '"': put("&quot;", 6); break;
      default: put("&#39;", 5); break;  // '\'', the last of ends_plain_run's five
    }
    start = ++i;
  }
  put(text.data() + start, text.size() - start);
}

}  // namespace

void append_html_escaped(std::string& out, std::string_view text) {
  escape_into(text, [&](const char* data, std::size_t size) { out.append(data, size); });
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
  for (std::size_t i = 0; i < text.size();) {
    // A run of unreserved characters (a case id is one) in one append.
    std::size_t run = i;
    while (run < text.size() && unreserved[static_cast<unsigned char>(text[run])]) ++run;
    out.append(text.data() + i, run - i);
    if (run == text.size()) return;
    const auto c = static_cast<unsigned char>(text[run]);
    const char encoded[3] = {'%', hex[c >> 4], hex[c & 0xF]};
    out.append(encoded, 3);
    i = run + 1;
  }
}

void append_path_segment(std::string& path, std::string_view value) {
  path += '/';
  // ':' may stand in a path segment after the first '/' (RFC 3986 §3.3,
  // pchar): an actor's feed is /v1/feeds/hc:are.ics, as the README writes
  // it, not hc%3Aare.ics. Everything else but unreserved is encoded.
  std::size_t start = 0;
  for (std::size_t colon; (colon = value.find(':', start)) != std::string_view::npos; start = colon + 1) {
    append_percent_encoded(path, value.substr(start, colon - start));
    path += ':';
  }
  append_percent_encoded(path, value.substr(start));
}

Url& Url::segment(std::string_view value) & {
  append_path_segment(path_, value);
  return *this;
}

Url& Url::param(std::string_view name, std::string_view value) & {
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

HtmlWriter::HtmlWriter(std::string& out) : out_(out) {}

void HtmlWriter::put_escaped(std::string_view text) {
  escape_into(text, [this](const char* data, std::size_t size) { put(data, size); });
}

void HtmlWriter::write_attrs(const Attr* begin, const Attr* end) {
  for (const Attr* a = begin; a != end; ++a) {
    put(' ');
    put(a->name);
    put("=\"", 2);
    put_escaped(a->value());
    put('"');
  }
}

void HtmlWriter::start_tag(std::string_view tag, const Attr* begin, const Attr* end) {
  put('<');
  put(tag);
  write_attrs(begin, end);
  put('>');
}

void HtmlWriter::end_tag(std::string_view tag) {
  put("</", 2);
  put(tag);
  put('>');
}

void HtmlWriter::opened([[maybe_unused]] std::string_view tag) {
  ++depth_;
#ifndef NDEBUG
  open_.push_back(tag);
#endif
}

void HtmlWriter::closing([[maybe_unused]] std::string_view tag) {
  assert(depth_ > 0 && "close() without an open()");
  --depth_;
#ifndef NDEBUG
  assert(open_.back() == tag && "close() must match the last open()");
  open_.pop_back();
#endif
}

HtmlWriter& HtmlWriter::open(std::string_view tag, std::initializer_list<Attr> attrs) {
  start_tag(tag, attrs.begin(), attrs.end());
  opened(tag);
  return *this;
}

HtmlWriter& HtmlWriter::open(std::string_view tag, const std::vector<Attr>& attrs) {
  start_tag(tag, attrs.data(), attrs.data() + attrs.size());
  opened(tag);
  return *this;
}

HtmlWriter& HtmlWriter::close(std::string_view tag) {
  closing(tag);
  end_tag(tag);
  return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag, std::initializer_list<Attr> attrs) {
  start_tag(tag, attrs.begin(), attrs.end());
  return *this;
}

HtmlWriter& HtmlWriter::empty(std::string_view tag, const std::vector<Attr>& attrs) {
  start_tag(tag, attrs.data(), attrs.data() + attrs.size());
  return *this;
}

HtmlWriter& HtmlWriter::text(std::string_view text) {
  put_escaped(text);
  return *this;
}

HtmlWriter& HtmlWriter::element(std::string_view tag, std::string_view text,
                                std::initializer_list<Attr> attrs) {
  start_tag(tag, attrs.begin(), attrs.end());
  put_escaped(text);
  end_tag(tag);
  return *this;
}

HtmlWriter& HtmlWriter::trusted_markup(std::string_view markup) {
  put(markup);
  return *this;
}

}  // namespace kedja::server::web
