#include "server/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>

namespace kedja::server {
namespace {

// Copied as they are: printable ASCII but the two characters JSON escapes
// (a table: a list answer is mostly such bytes).
constexpr auto plain_bytes = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
  return plain;
}();

bool plain(char byte) { return plain_bytes[static_cast<unsigned char>(byte)]; }

// The short escapes where JSON has them, \u00XX for the other control
// characters (lower-case hex, as nlohmann writes them).
void append_escape(StringRoom& out, unsigned char c) {
  switch (c) {
    case '"': out.put("\\\"", 2); return;
    case '\\': out.put("\\\\", 2); return;
    case '\b': out.put("\\b", 2); return;
    case '\f': out.put("\\f", 2); return;
    case '\n': out.put("\\n", 2); return;
    case '\r': out.put("\\r", 2); return;
    case '\t': out.put("\\t", 2); return;
    default: break;
  }
  static constexpr char hex[] = "0123456789abcdef";
  const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
  out.put(escape, sizeof escape);
}

struct Utf8Sequence {
  std::size_t length;  // bytes taken
  bool valid;
};

// The code point starting at a non-ASCII byte, checked as Unicode's table
// 3-7 does (no overlong forms, no surrogates, nothing past U+10FFFF). An
// ill-formed start is taken as far as it looked right — one U+FFFD for it —
// and the byte that broke it is read again, as nlohmann's replace does.
Utf8Sequence utf8_sequence(std::string_view text) {
  const auto lead = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return {1, false};
  }
  for (std::size_t i = 1; i < length; ++i) {
    if (i == text.size()) return {i, false};
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < (i == 1 ? low : 0x80) || c > (i == 1 ? high : 0xBF)) return {i, false};
  }
  return {length, true};
}

}  // namespace

void JsonWriter::before_value() {
  if (after_value_) out_.put(',');
  after_value_ = true;
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_.put('{');
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_.put('}');
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_.put('[');
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_.put(']');
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::key(const JsonName& name) {
  before_value();
  out_.put(name.member_text());
  after_value_ = false;
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view text) {
  before_value();
  append_escaped(text);
  return *this;
}

JsonWriter& JsonWriter::string_or_null(const std::optional<std::string>& text) {
  return text ? string(*text) : null();
}

JsonWriter& JsonWriter::integer(std::int64_t number) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out_.put(digits, static_cast<std::size_t>(end - digits));
  return *this;
}

JsonWriter& JsonWriter::number(double number) {
  if (!std::isfinite(number)) return null();
  before_value();
  char digits[32];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  const std::string_view text(digits, static_cast<std::size_t>(end - digits));
  out_.put(text);
  if (text.find_first_of(".e") == std::string_view::npos) out_.put(".0", 2);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  before_value();
  if (value) out_.put("true", 4);
  else out_.put("false", 5);
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_.put("null", 4);
  return *this;
}

JsonWriter& JsonWriter::date(Date day) {
  const auto chars = date_chars(day);
  // Outside four digits is never a case's date; format_date says how it looks.
  if (!chars) return string(format_date(day));
  before_value();
  out_.put('"');
  out_.put(chars->data(), chars->size());
  out_.put('"');
  return *this;
}

void JsonWriter::append_escaped(std::string_view text) {
  out_.put('"');
  const char* at = text.data();
  const char* const end = at + text.size();
  while (at != end) {
    const char* const run = at;
    while (at != end && plain(*at)) ++at;
    out_.put(run, static_cast<std::size_t>(at - run));
    if (at == end) break;
    const auto c = static_cast<unsigned char>(*at);
    if (c < 0x80) {
      append_escape(out_, c);
      ++at;
      continue;
    }
    const Utf8Sequence sequence = utf8_sequence({at, static_cast<std::size_t>(end - at)});
    if (sequence.valid)
      out_.put(at, sequence.length);
    else
      out_.put("\xEF\xBF\xBD", 3);  // U+FFFD
    at += sequence.length;
  }
  out_.put('"');
}

}  // namespace kedja::server
