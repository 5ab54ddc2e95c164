// csv::Writer: the rules of contract §4 "CSV for spreadsheets", one example each.
#include "csv/writer.h"

#include <gtest/gtest.h>

namespace kedja::csv {
namespace {

TEST(SpreadsheetCell, NeutralisesEveryFormulaStartAndQuotesWhatMustBe) {
  static const struct {
    const char* text;
    const char* written;
  } cases[] = {
      {"Åsa-Liv Öberg", "Åsa-Liv Öberg"},
      {"=HYPERLINK(\"http://x\";\"Klicka\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"Klicka\"\")\""},
      {"=1+1", "'=1+1"},
      {"+46701234567", "'+46701234567"},
      {"-5", "'-5"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      {"\rcmd", "\"'\rcmd\""},  // neutralised, then quoted for the CR
      {"a;b", "\"a;b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"a=b", "a=b"},            // only the first character counts
      {"Anna-Karin", "Anna-Karin"},
      {"", ""},
      {"bad \xC3 byte", "bad \xEF\xBF\xBD byte"},  // U+FFFD
  };
  for (const auto& c : cases) EXPECT_EQ(spreadsheet_cell(c.text), c.written) << c.text;
}

TEST(Writer, StartsWithTheBomAndEndsRowsWithCrlf) {
  std::string out;
  Writer csv(out);
  csv.row({"Förnamn", "Efternamn"});
  csv.cell("Åsa-Liv").cell("Öberg").end_row();
  EXPECT_EQ(out, "\xEF\xBB\xBF" "Förnamn;Efternamn\r\nÅsa-Liv;Öberg\r\n");
}

TEST(Writer, WritesNumbersDatesAndAbsentDates) {
  std::string out;
  Writer csv(out);
  csv.cell(17).cell(-3).cell(Date{date::year{2026} / 12 / 22}).cell(std::optional<Date>{}).end_row();
  EXPECT_EQ(out, "\xEF\xBB\xBF" "17;'-3;2026-12-22;\r\n");
}

}  // namespace
}  // namespace kedja::csv
