// Swedish alphabetical order (issue: a new-user trial of the web pages).
//
// A Swede looks for Åre, Älvdalen and Örebro after Z, in that order, and for
// "Starta förskola" before "Starta SFI": not the order of slugs ("are"
// before "berg") nor of UTF-8 bytes (Ä before Å, capitals before small
// letters). The order is ICU's collation for the locale sv_SE (the Unicode
// Collation Algorithm with CLDR's Swedish tailoring), which knows this and
// the rest (v and w apart, ü as y, digits before letters); writing those
// rules here would be writing them wrong. It sits in domain/text, the
// domain's edge for Unicode, so the pure core still links only `date`.
#pragma once

#include "domain/region.h"

#include <string_view>
#include <vector>

namespace kedja::text {

// Negative, 0 or positive as `a` comes before, with or after `b` in Swedish
// alphabetical order. Both UTF-8 (invalid bytes compare as U+FFFD). Safe
// from any thread. Throws std::runtime_error if ICU has no Swedish data,
// which a Debian libicu always has.
int swedish_compare(std::string_view a, std::string_view b);
inline bool swedish_less(std::string_view a, std::string_view b) { return swedish_compare(a, b) < 0; }

// The region's municipalities in Swedish order of their names, whatever
// the order of the region file.
std::vector<Municipality> municipalities_by_name(const Region& region);

}  // namespace kedja::text
