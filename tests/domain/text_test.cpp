// domain/text/unicode.h: NFC, the search fold and text for a terminal
// (issue 12 §3), on utf8proc.
#include "domain/text/unicode.h"

#include <gtest/gtest.h>

namespace kedja::text {
namespace {

const std::string nfc_a_ring = "\xC3\x85";   // Å, U+00C5
const std::string nfd_a_ring = "A\xCC\x8A";  // A + U+030A COMBINING RING ABOVE
const std::string replacement = "\xEF\xBF\xBD";

TEST(Text, NfcComposesADecomposedLetter) {
  EXPECT_EQ(to_nfc(nfd_a_ring + "ke"), nfc_a_ring + "ke");
  EXPECT_EQ(to_nfc(nfc_a_ring + "ke"), nfc_a_ring + "ke");
  EXPECT_EQ(to_nfc("O\xCC\x88" "berg"), "\xC3\x96" "berg");  // Ö
  EXPECT_FALSE(to_nfc("\xFF\xFE").has_value());
}

TEST(Text, SearchFoldIgnoresFormAndCaseButKeepsTheSwedishLetters) {
  static const struct {
    std::string a, b;
    bool same;
  } cases[] = {
      {nfd_a_ring + "ke", "\xC3\xA5ke", true},              // Åke (NFD) ~ åke
      {nfc_a_ring + "KE", "\xC3\xA5ke", true},              // ÅKE ~ åke
      {"A\xCC\x88" "ngel", "\xC3\xA4ngel", true},          // Ängel (NFD) ~ ängel
      {"\xC3\x85ke", "ake", false},                         // å is not a
      {"\xC3\x96" "berg", "oberg", false},                  // ö is not o
      {"Stra\xC3\x9F" "e", "strasse", true},                // ß folds to ss
      {"\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x99\xCE\x91", "\xCF\x83\xCE\xBF\xCF\x86\xCE\xB9\xCE\xB1", true},  // ΣΟΦΙΑ ~ σοφια
  };
  for (const auto& c : cases)
    EXPECT_EQ(search_fold(c.a) == search_fold(c.b), c.same) << c.a << " / " << c.b;
}

TEST(Text, NormaliseTurnsEveryStringValueToNfcAndLeavesTheRest) {
  RawFields fields{{"given_name", nfd_a_ring + "sa"}, {"interpreter_needed", true}, {"bad", std::string("\xFF")}};
  normalise(fields);
  EXPECT_EQ(std::get<std::string>(fields[0].second), nfc_a_ring + "sa");
  EXPECT_EQ(std::get<bool>(fields[1].second), true);
  EXPECT_EQ(std::get<std::string>(fields[2].second), "\xFF");  // for the parser to refuse

  RawEvent event{"case_closed", "2026-03-10", {{"reason", nfd_a_ring + "terflytt"}}, nfd_a_ring, false};
  normalise(event);
  EXPECT_EQ(std::get<std::string>(event.payload[0].second), nfc_a_ring + "terflytt");
  EXPECT_EQ(event.event_id, nfc_a_ring);
}

TEST(Text, NormaliseTakesTheSpacesAtEitherEndAway) {
  static const struct {
    std::string in, out;
  } cases[] = {
      {"Sara ", "Sara"},
      {"  Haddad", "Haddad"},
      {"\xC2\xA0\xC3\x85sa-Liv\xC2\xA0", "\xC3\x85sa-Liv"},  // no-break spaces, as Excel pastes them
      {"\xE3\x80\x80Li\xE3\x80\x80", "Li"},                   // ideographic space
      {"Anna Maria", "Anna Maria"},                              // a space inside stays
      {"   ", ""},                                               // for the parser to refuse as empty
      {"\tSara", "\tSara"},                                     // a tab is a control character: refused, not hidden
      {"A\xFF ", "A\xFF "},                                     // not UTF-8: left for the parser
  };
  for (const auto& c : cases) {
    RawFields fields{{"given_name", c.in}};
    normalise(fields);
    EXPECT_EQ(std::get<std::string>(fields[0].second), c.out) << c.in;
  }
  RawEvent event{"case_closed", "2026-03-10", {{"reason", std::string(" flyttat ")}}, std::string(" e-1"), false};
  normalise(event);
  EXPECT_EQ(std::get<std::string>(event.payload[0].second), "flyttat");
  EXPECT_EQ(event.event_id, " e-1");  // an idempotency key as sent
}

TEST(Text, PrintableShowsEveryControlCharacterAsTheReplacementCharacter) {
  static const struct {
    std::string in, out;
  } cases[] = {
      {"Amina", "Amina"},
      {"\xC3\x85sa-Liv \xC3\x96" "berg", "\xC3\x85sa-Liv \xC3\x96" "berg"},
      {"A\x1B[2JB", "A" + replacement + "[2JB"},          // ESC: clear the screen
      {std::string("A\0B", 3), "A" + replacement + "B"},  // NUL
      {"A\x07\x08\x7F", "A" + replacement + replacement + replacement},  // BEL, BS, DEL
      {"A\xC2\x9B" "31m", "A" + replacement + "31m"},      // C1 CSI
      {"A\tB\r\n", "A" + replacement + "B" + replacement + replacement},
      {"A\xFF", "A" + replacement},                         // not UTF-8
  };
  for (const auto& c : cases) EXPECT_EQ(printable(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace kedja::text
