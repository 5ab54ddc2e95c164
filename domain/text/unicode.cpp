#include "domain/text/unicode.h"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace kedja::text {
namespace {

// utf8proc_map with `options`; nullopt when the text is not valid UTF-8.
std::optional<std::string> map(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                   static_cast<utf8proc_ssize_t>(text.size()), &out, static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (length < 0) return std::nullopt;
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(length));
}

bool is_control(utf8proc_int32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// A space separator (Unicode category Zs: the space, the no-break space
// Excel and Word paste, the ideographic space …) at `text`'s front (or
// back): its length in bytes, or 0.
std::size_t space_at(std::string_view text, bool back) {
  // From the back: the one suffix of 1–4 bytes that is a whole code point.
  for (std::size_t length = 1; length <= 4 && length <= text.size(); ++length) {
    const std::string_view bytes = back ? text.substr(text.size() - length) : text;
    utf8proc_int32_t cp = -1;
    const auto read = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(bytes.data()),
                                       static_cast<utf8proc_ssize_t>(bytes.size()), &cp);
    if (!back) return read > 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ? static_cast<std::size_t>(read) : 0;
    if (read == static_cast<utf8proc_ssize_t>(length))
      return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ? length : 0;
  }
  return 0;
}

// Without the spaces at either end: "Sara " pasted from a spreadsheet is
// the name Sara (found as her, checked as a duplicate of her).
std::string trimmed(std::string text) {
  std::size_t front = 0, back = 0;
  std::string_view rest = text;
  while (const std::size_t n = space_at(rest, false)) { front += n; rest.remove_prefix(n); }
  while (const std::size_t n = space_at(rest, true)) { back += n; rest.remove_suffix(n); }
  return front + back == 0 ? text : std::string(rest);
}

void normalise_value(RawValue& value) {
  auto* text = std::get_if<std::string>(&value);
  if (!text) return;
  *text = normalised(*text);
}

}  // namespace

std::string normalised(std::string_view text) {
  if (auto nfc = to_nfc(text)) return trimmed(std::move(*nfc));
  return std::string(text);
}

std::optional<std::string> to_nfc(std::string_view utf8) {
  return map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string search_fold(std::string_view utf8) {
  return map(utf8, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD).value_or(std::string(utf8));
}

void normalise(RawFields& fields) {
  for (auto& [name, value] : fields) normalise_value(value);
}

void normalise(RawEvent& event) {
  for (auto& [name, value] : event.payload) normalise_value(value);
  if (event.event_id)
    if (auto nfc = to_nfc(*event.event_id)) event.event_id = std::move(*nfc);
}

std::string printable(std::string_view text) {
  static constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t at = 0;
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  while (at < size) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &cp);
    if (length <= 0) {  // not UTF-8: one byte at a time
      out += replacement;
      ++at;
      continue;
    }
    if (is_control(cp)) out += replacement;
    else out.append(text.substr(static_cast<std::size_t>(at), static_cast<std::size_t>(length)));
    at += length;
  }
  return out;
}

}  // namespace kedja::text
