// The domain's and the request parsers' English messages in Swedish, for
// every web page that shows a refusal at a field (Ny ankomst, Hushåll, a
// case's event forms, Importera). The JSON API keeps the English.
//
// One table (messages.cpp) for every message the parsers can give a field
// the pages post: tests/server/web_messages_test.cpp makes each of them
// through the parsers themselves and fails on any left in English.
#pragma once

#include <string>
#include <string_view>

namespace kedja::server::web {

// A field's message in Swedish, after the field's name ("måste fyllas i",
// "måste ligga mellan 1990-01-01 och 2199-12-31"), the values the message
// names kept; the message itself when the table has no translation for it.
std::string swedish_message(std::string_view message);

// A rule refusal's detail (409) in Swedish, as a sentence; the detail
// itself when the table has no translation for it.
std::string swedish_conflict(std::string_view detail);

}  // namespace kedja::server::web
