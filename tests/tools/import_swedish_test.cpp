// kedja import takes what Swedish offices save (issue 12 §6, contract §5
// v1.1): each example that blocked a whole import is a case here.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;

// The Swedish header as Excel would save it from a list someone typed.
const std::string swedish_header =
    "Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Tolkbehov;Hushåll;Ensamkommande;Kommun;"
    "Aviseringsdatum;Förväntat ankomstdatum";

json cases_of(const CliSandbox& sandbox) {
  auto result = sandbox.run("cases --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out).at("items");
}

TEST(ImportSwedish, AnExcelSemicolonFileInWindows1252WithSwedishNamesImports) {
  CliSandbox sandbox;
  // "CSV (semikolonavgränsad)" from Swedish Excel: Windows-1252, CRLF, a
  // trailing ';' on the header, K for kvinna, the municipality by name.
  const std::string bytes =
      "Dossiernummer;F\xF6rnamn;Efternamn;F\xF6" "delsedatum;K\xF6n;Spr\xE5k;Tolkbehov;Hush\xE5ll;"
      "Ensamkommande;Kommun;Aviseringsdatum;F\xF6rv\xE4ntat ankomstdatum;\r\n"
      "MIG-1;\xC5sa-Liv;\xD6" "berg;2016-05-05;K;arabiska;ja;H1;nej;\xD6stersund;2026-11-20;2026-12-01;\r\n";
  auto result = sandbox.run("import --file " + shell_word(sandbox.write_file("excel.csv", bytes)));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("imported 1 cases"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("(read as Windows-1252)"), std::string::npos) << result.out;
  const auto items = cases_of(sandbox);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("given_name"), "Åsa-Liv");
  EXPECT_EQ(items[0].at("family_name"), "Öberg");
  EXPECT_EQ(items[0].at("sex"), "F");
  EXPECT_EQ(items[0].at("municipality"), "ostersund");
  EXPECT_EQ(items[0].at("household"), "H1");
  EXPECT_EQ(items[0].at("interpreter_needed"), true);
}

TEST(ImportSwedish, EachThingExcelWritesIsAccepted) {
  const std::string row = "MIG-1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;ostersund;2026-11-20;2026-12-01";
  static const struct {
    const char* name;
    std::string file;
    const char* warning;  // on stderr, or ""
  } cases[] = {
      {"a cleared row", swedish_header + "\n;;;;;;;;;;;\n" + row + "\n;;;;;;;;;;;\n", ""},
      {"a header padded with ';'", swedish_header + ";;\n" + row + ";;\n", ""},
      {"an extra column kommentar", swedish_header + ";kommentar\n" + row + ";ring först\n",
       "warning: line 1: kommentar: unknown column; ignored"},
      {"K for kvinna", swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;K;arabiska;ja;;nej;ostersund;2026-11-20;2026-12-01\n", ""},
      {"k in lower case", swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;k;arabiska;ja;;nej;ostersund;2026-11-20;2026-12-01\n", ""},
      {"Östersund by name", swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;Östersund;2026-11-20;2026-12-01\n", ""},
      {"ÖSTERSUND in capitals", swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;F;arabiska;JA;;NEJ;ÖSTERSUND;2026-11-20;2026-12-01\n", ""},
      {"column names in capitals with '_'",
       "DOSSIERNUMMER;FÖRNAMN;EFTERNAMN;FÖDELSEDATUM;KÖN;SPRÅK;TOLKBEHOV;HUSHÅLL;ENSAMKOMMANDE;KOMMUN;"
       "AVISERINGSDATUM;FÖRVÄNTAT_ANKOMSTDATUM\n" + row + "\n", ""},
      {"contract names mixed with Swedish ones",
       "external_ref;förnamn;Family_Name;birth date;kön;language;tolkbehov;household;unaccompanied;Kommun;"
       "arrival_notice_date;expected_arrival\n" + row + "\n", ""},
      {"cells with spaces around them", swedish_header + "\n MIG-1 ; Sara ;Haddad; 2016-05-05 ; F ;arabiska; ja ;; nej ; Östersund ;2026-11-20; 2026-12-01 \n", ""},
  };
  for (const auto& c : cases) {
    CliSandbox sandbox;
    auto result = sandbox.run("import --file " + shell_word(sandbox.write_file("a.csv", c.file)));
    ASSERT_EQ(result.exit_code, 0) << c.name << ": " << result.err;
    EXPECT_NE(result.out.find("imported 1 cases"), std::string::npos) << c.name << ": " << result.out;
    if (*c.warning) EXPECT_NE(result.err.find(c.warning), std::string::npos) << c.name << ": " << result.err;
    else EXPECT_EQ(result.err, "") << c.name;
    const auto items = cases_of(sandbox);
    ASSERT_EQ(items.size(), 1u) << c.name;
    EXPECT_EQ(items[0].at("municipality"), "ostersund") << c.name;
    EXPECT_EQ(items[0].at("given_name"), "Sara") << c.name;
  }
}

TEST(ImportSwedish, RefusalsNameTheLineTheColumnAndTheValidValues) {
  static const struct {
    const char* name;
    std::string file;
    const char* message;
  } cases[] = {
      {"a near miss of household", 
       "external_ref;given_name;family_name;birth_date;sex;language;houshold;municipality;"
       "arrival_notice_date;expected_arrival\n"
       "MIG-1;Sara;Haddad;2016-05-05;F;arabiska;H1;ostersund;2026-11-20;2026-12-01\n",
       "line 1: houshold: unknown column; did you mean household?"},
      {"a near miss of a Swedish name", swedish_header + ";Hushål\n",
       "line 1: Hushål: unknown column; did you mean hushåll?"},
      {"a misspelt municipality",
       swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;Östersnd;2026-11-20;2026-12-01\n",
       "line 2: Kommun: unknown municipality \"Östersnd\" — one of: Berg, Bräcke, Härjedalen, Krokom, Ragunda, "
       "Strömsund, Åre, Östersund"},
      {"an unknown sex",
       swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;Q;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n",
       "line 2: Kön: \"Q\" is not one of: K, F, M, X"},
      {"a boolean that is neither",
       swedish_header + "\nMIG-1;Sara;Haddad;2016-05-05;F;arabiska;kanske;;nej;berg;2026-11-20;2026-12-01\n",
       "line 2: Tolkbehov: \"kanske\" is not one of: ja, nej, true, false"},
      {"a column given twice", "förnamn;given_name\n", "line 1: given_name: the column given_name appears twice"},
  };
  for (const auto& c : cases) {
    CliSandbox sandbox;
    auto result = sandbox.run("import --file " + shell_word(sandbox.write_file("a.csv", c.file)));
    EXPECT_EQ(result.exit_code, 2) << c.name;
    EXPECT_NE(result.err.find(c.message), std::string::npos) << c.name << ": " << result.err;
    EXPECT_TRUE(cases_of(sandbox).empty()) << c.name << ": nothing written";
  }
}

}  // namespace
}  // namespace kedja::tools::testing
