// The encodings a spreadsheet file comes in.
#include "csv/encoding.h"

#include <gtest/gtest.h>

namespace kedja::csv {
namespace {

TEST(IsUtf8, AcceptsWellFormedAndRefusesTheRest) {
  static const struct {
    const char* bytes;
    bool utf8;
  } cases[] = {
      {"Östersund", true},
      {"", true},
      {"\xD6stersund", false},       // Windows-1252 Ö
      {"\xC0\xAF", false},           // overlong '/'
      {"\xED\xA0\x80", false},       // a surrogate
      {"\xF4\x90\x80\x80", false},   // above U+10FFFF
      {"\xE2\x82", false},           // cut short
      {"\xF0\x9F\x98\x80", true},    // U+1F600
  };
  for (const auto& c : cases) EXPECT_EQ(is_utf8(c.bytes), c.utf8) << c.bytes;
}

TEST(Windows1252, BecomesUtf8WithSwedishLettersAndTheHighPunctuation) {
  static const struct {
    const char* bytes;
    const char* utf8;
  } cases[] = {
      {"\xC5sa-Liv \xD6" "berg", "Åsa-Liv Öberg"},
      {"\xE5\xE4\xF6\xC5\xC4\xD6", "åäöÅÄÖ"},
      {"\x80 \x96 \x93x\x94", "€ – “x”"},
      {"\xE9lise", "élise"},
      {"plain", "plain"},
      {"\x81", "\xC2\x81"},  // undefined in 1252: U+0081, as Windows reads it
  };
  for (const auto& c : cases) EXPECT_EQ(windows1252_to_utf8(c.bytes), c.utf8) << c.bytes;
}

TEST(ValidUtf8, ReplacesEachBadByteWithTheReplacementCharacter) {
  EXPECT_EQ(valid_utf8("a\xFF" "b\xC3"), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD");
  EXPECT_EQ(valid_utf8("Åsa"), "Åsa");
}

}  // namespace
}  // namespace kedja::csv
