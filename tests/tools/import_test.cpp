// kedja import: CSV arrivals, validated row by row, loaded all or nothing.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace kedja::tools::testing {
namespace {

const std::string header =
    "external_ref;given_name;family_name;birth_date;sex;language;interpreter_needed;household;unaccompanied;"
    "municipality;arrival_notice_date;expected_arrival\n";

nlohmann::json cases_json(const CliSandbox& sandbox) {
  auto result = sandbox.run("cases --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return nlohmann::json::parse(result.out).at("items");
}

TEST(Import, SemicolonsBomQuotesAndSwedishLetters) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      "\xEF\xBB\xBF" + header +
      "MIG-1;Åsa;\"Öberg; \"\"Ärlig\"\"\";2015-03-04;F;arabiska;ja;h1;nej;ostersund;2026-11-20;2026-12-01\r\n"
      "MIG-2;Jörgen;Öberg;1990-07-01;M;arabiska;nej;h1;false;ostersund;2026-11-20;2026-12-01\r\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "imported 2 cases from " + file + " (read as UTF-8)\n");
  auto items = cases_json(sandbox);
  ASSERT_EQ(items.size(), 2u);
  std::set<std::string> family_names{items[0].at("family_name").get<std::string>(), items[1].at("family_name").get<std::string>()};
  EXPECT_TRUE(family_names.count("Öberg; \"Ärlig\"")) << items.dump();
  std::set<std::string> given_names{items[0].at("given_name").get<std::string>(), items[1].at("given_name").get<std::string>()};
  EXPECT_TRUE(given_names.count("Åsa") && given_names.count("Jörgen")) << items.dump();
}

TEST(Import, CommasAnyColumnOrderAndQuotedCommas) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      "municipality,arrival_notice_date,expected_arrival,given_name,family_name,birth_date,sex,language\n"
      "krokom,2026-11-23,2026-11-30,\"Mari, Anne\",Säll,2012-01-02,F,tigrinja\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto items = cases_json(sandbox);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("given_name"), "Mari, Anne");
  EXPECT_EQ(items[0].at("municipality"), "krokom");
}

TEST(Import, EachRowOpensItsStepsFromTheArrivalNotice) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      header + "MIG-9;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n");
  ASSERT_EQ(sandbox.run("import --file " + shell_word(file)).exit_code, 0);
  auto result = sandbox.run("overdue --format json --as-of 2026-11-25");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::set<std::string> steps;
  auto items = nlohmann::json::parse(result.out).at("items");
  for (const auto& item : items) steps.insert(item.at("step").get<std::string>());
  EXPECT_TRUE(steps.count("notify_health_centre")) << result.out;
  EXPECT_TRUE(steps.count("notify_school")) << result.out;
}

TEST(Import, BadRowsAreEachReportedAndNothingIsWritten) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      header +
      "MIG-1;Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"      // line 2: fine
      "MIG-2;Zahra;Karimi;2010-02-30;F;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"   // line 3
      "MIG-3;Reza;Karimi;2012-01-01;M;dari;ja;;nej;stockholm;2026-11-20;2026-12-01\n"    // line 4
      "MIG-4;Mina;Karimi;2013-01-01;Q;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"    // line 5
      "MIG-5;Hamid;Karimi;2014-01-01;M;dari;kanske;;nej;ostersund;2026-11-20;2026-12-01\n"  // line 6
      "MIG-6;Nasir;Karimi;2014-01-01;M;dari;ja;;nej;ostersund;2026-11-31;2026-12-01\n"   // line 7
      "MIG-7;Lida;Karimi;2014-01-01;F;dari;ja;;nej;ostersund;2026-11-20;\n"              // line 8
      "MIG-8;Roya;Karimi;2026-11-24;F;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"    // line 9
      "MIG-9;Farid;Karimi;2011-01-01;M;dari;ja;;nej;ostersund\n");                        // line 10
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  static const char* const expected[] = {
      "line 3: birth_date", "line 4: municipality", "line 5: sex", "line 6: interpreter_needed",
      "line 7: arrival_notice_date", "line 8: expected_arrival", "line 9: ", "line 10: ", "nothing imported"};
  for (const char* text : expected) EXPECT_NE(result.err.find(text), std::string::npos) << text << "\n" << result.err;
  EXPECT_EQ(result.err.find("line 2:"), std::string::npos) << result.err;
  EXPECT_EQ(lines_of(result.err).at(0).rfind("line 3: birth_date: ", 0), 0u) << "each as `line N: FIELD: message`";
  EXPECT_TRUE(cases_json(sandbox).empty()) << "nothing from the file is written";
}

// Rows are checked while the ones before them are being loaded: a bad row
// late in a long file rolls back what was loaded, and the rows after it are
// still checked.
TEST(Import, BadRowAfterThousandsOfGoodOnesWritesNothingAndTheRestIsStillChecked) {
  CliSandbox sandbox;
  std::string text = header;
  for (int i = 0; i < 3000; ++i)
    text += "MIG-" + std::to_string(i) + ";Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n";
  text += "MIG-X;Zahra;Karimi;2010-02-30;F;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n";  // line 3002
  text += "MIG-Y;Reza;Karimi;2012-01-01;Q;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n";   // line 3003
  auto result = sandbox.run("import --file " + shell_word(sandbox.write_file("arrivals.csv", text)));
  EXPECT_EQ(result.exit_code, 2);
  auto lines = lines_of(result.err);
  ASSERT_GE(lines.size(), 3u) << result.err;
  EXPECT_EQ(lines[0].rfind("line 3002: birth_date: ", 0), 0u) << result.err;
  EXPECT_EQ(lines[1].rfind("line 3003: sex: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find("2 bad row(s)"), std::string::npos) << result.err;
  EXPECT_TRUE(cases_json(sandbox).empty()) << "nothing from the file is written";
}

TEST(Import, DuplicateExternalRefInTheFileIsABadRow) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      header + "MIG-1;Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"
               "MIG-1;Zahra;Karimi;2015-03-04;F;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 3: external_ref"), std::string::npos) << result.err;
  EXPECT_TRUE(cases_json(sandbox).empty());
}

TEST(Import, ExternalRefAlreadyInTheDatabaseIsABadRow) {
  CliSandbox sandbox;
  auto first = sandbox.write_file("first.csv",
      header + "MIG-1;Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n");
  ASSERT_EQ(sandbox.run("import --file " + shell_word(first)).exit_code, 0);
  auto second = sandbox.write_file("second.csv",
      header + "MIG-2;Zahra;Karimi;2015-03-04;F;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n"
               "MIG-1;Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(second));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 3: external_ref"), std::string::npos) << result.err;
  EXPECT_EQ(cases_json(sandbox).size(), 1u) << "the second file wrote nothing";
}

TEST(Import, MissingAndUnknownColumnsAreNamed) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      "given_name;birth_date;shoe_size;municipality;arrival_notice_date;expected_arrival\n"
      "Ali;2015-03-04;38;ostersund;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 1: shoe_size: unknown column; ignored"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("line 1: family_name: missing column"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("line 1: sex: missing column (named sex or kön)"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find("line 2"), std::string::npos) << "the header is refused before any row";
  EXPECT_TRUE(cases_json(sandbox).empty());
}

TEST(Import, UnclosedQuoteIsReportedWithItsLine) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("arrivals.csv",
      header + "MIG-1;\"Ali;Karimi;2015-03-04;M;dari;ja;;nej;ostersund;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 2"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace kedja::tools::testing
