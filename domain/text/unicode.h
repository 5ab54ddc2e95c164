// Text is Unicode, not bytes (contract §2 input rules, v1.1; issue 12 §3).
//
// Kedja stores text in NFC, so that "Å" typed as one code point (Windows) and
// as A + U+030A (macOS, PDFs) is the same name, and searches names by their
// folded form (NFC and Unicode case folding), so that neither the form nor
// the case of a letter matters: `q=åke` finds "Åke" typed either way. Å, Ä
// and Ö stay letters of their own: folding never strips a diacritic.
//
// The shells (the JSON API, the command line, the import) put every text
// value they read through normalise() before the domain's parsers see it;
// the parsers then refuse invalid UTF-8 and control characters and count
// lengths in characters (code points of the NFC form).
#pragma once

#include "domain/case.h"
#include "domain/event.h"

#include <optional>
#include <string>
#include <string_view>

namespace kedja::text {

// The NFC form of `utf8`; nullopt when it is not valid UTF-8.
std::optional<std::string> to_nfc(std::string_view utf8);

// The form names are compared in for search: NFC, case-folded. Not valid
// UTF-8 (never stored: input refuses it): the bytes as they are.
std::string search_fold(std::string_view utf8);

// Every string value in NFC and without the spaces at either end (Unicode
// category Zs: a name pasted as "Sara " is "Sara"; contract §2 is silent,
// README), in place. Values that are not valid UTF-8 are left as they are,
// for the parsers to refuse naming the field; an event_id is only made NFC.
void normalise(RawFields& fields);
// One value so: NFC without the spaces at either end; not valid UTF-8: as it is.
std::string normalised(std::string_view text);
void normalise(RawEvent& event);  // payload strings and event_id

// Text for a terminal: every control character (C0 U+0000–U+001F, DEL
// U+007F, C1 U+0080–U+009F) and every byte that is not UTF-8 becomes
// U+FFFD "�", so no stored value can move a cursor, clear a screen or
// retitle a window (contract §5).
std::string printable(std::string_view text);

}  // namespace kedja::text
