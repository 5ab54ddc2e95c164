// The two encodings a spreadsheet file comes in: UTF-8 (what Kedja writes,
// with a BOM) and Windows-1252 (what Swedish Excel writes when a file is
// saved as "CSV (semikolonavgränsad)").
#pragma once

#include <string>
#include <string_view>

namespace kedja::csv {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool is_utf8(std::string_view text);

// Windows-1252 bytes as UTF-8: 0x00–0x7F as they are, 0xA0–0xFF as Latin-1
// (Å = 0xC5), 0x80–0x9F as Windows-1252 defines them (€ = 0x80, – = 0x96);
// the five bytes it leaves undefined become U+0081, U+008D, U+008F,
// U+0090 and U+009D, as Windows reads them.
std::string windows1252_to_utf8(std::string_view bytes);

// `text` with every byte that is not part of well-formed UTF-8 replaced by
// U+FFFD, so a file Kedja writes is UTF-8 even when an old stored value is not.
std::string valid_utf8(std::string_view text);

}  // namespace kedja::csv
