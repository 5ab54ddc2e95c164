// Contract §5 read to the letter: what a conformance review of the command
// line found and what was fixed.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <sys/wait.h>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;

const std::string header =
    "external_ref;given_name;family_name;birth_date;sex;language;municipality;arrival_notice_date;expected_arrival\n";

std::size_t case_count(const CliSandbox& sandbox) {
  auto result = sandbox.run("cases --format json");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return json::parse(result.out).at("items").size();
}

TEST(Conformance, CalendarCsvHasAHeaderRowLikeEveryCsvList) {
  CliSandbox sandbox;
  auto csv = sandbox.run_bare("calendar --year 2027 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  auto lines = csv_lines(csv.out);
  ASSERT_EQ(lines.size(), 17u);
  EXPECT_EQ(lines[0], "Datum;Namn");
  EXPECT_EQ(lines[1], "2027-01-01;nyårsdagen");
  auto table = sandbox.run_bare("calendar --year 2027 --format table");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  auto rows = lines_of(table.out);
  ASSERT_EQ(rows.size(), 18u);  // header, rule, 16 days
  EXPECT_EQ(rows[0].rfind("date", 0), 0u) << rows[0];
  EXPECT_EQ(rows[2].rfind("2027-01-01  nyårsdagen", 0), 0u) << rows[2];
  auto bare = sandbox.run_bare("calendar --year 2027");
  EXPECT_EQ(lines_of(bare.out).front(), "2027-01-01;nyårsdagen") << "no --format: bare date;name lines";
}

TEST(Conformance, DueAndOverdueJsonCarryTheirPeriodAsTheApiDoes) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("a.csv", header + "MIG-1;Åsa;Öberg;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n");
  ASSERT_EQ(sandbox.run("import --file " + shell_word(file)).exit_code, 0);
  auto due = sandbox.run("due --actor reception:are --from 2026-11-20 --to 2026-11-30 --format json");
  ASSERT_EQ(due.exit_code, 0) << due.err;
  auto due_json = json::parse(due.out);
  EXPECT_EQ(due_json.value("from", ""), "2026-11-20");
  EXPECT_EQ(due_json.value("to", ""), "2026-11-30");
  EXPECT_FALSE(due_json.at("items").empty());
  auto defaulted = json::parse(sandbox.run("due --actor reception:are --format json").out);
  EXPECT_EQ(defaulted.value("from", ""), fixed_today);
  EXPECT_EQ(defaulted.value("to", ""), "2026-12-09");
  auto overdue = json::parse(sandbox.run("overdue --format json").out);
  EXPECT_EQ(overdue.value("as_of", ""), fixed_today);
}

// Contract §5 (v1.1): a file that is not valid UTF-8 is read as
// Windows-1252, as Swedish Excel saves it, and the output says so.
TEST(Conformance, ImportReadsTextThatIsNotUtf8AsWindows1252) {
  static const struct {
    const char* name;
    std::string given_name;
    std::string read_as;
  } cases[] = {
      {"Latin-1 'Å' from an old spreadsheet", "\xc5sa", "Åsa"},
      {"a lone 0xFF", "\xff", "ÿ"},
      {"a cut two-byte sequence", "Ali\xc3", "AliÃ"},
      {"an overlong '/'", "\xc0\xaf", "À¯"},
      {"Windows-1252's own dash and quotes", "\x93" "Ali\x94 \x96 Sara", "“Ali” – Sara"},
  };
  for (const auto& c : cases) {
    CliSandbox sandbox;
    auto file = sandbox.write_file("a.csv", header +
        "MIG-1;Sara;Haddad;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n"
        "MIG-2;" + c.given_name + ";Haddad;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n");
    auto result = sandbox.run("import --file " + shell_word(file));
    ASSERT_EQ(result.exit_code, 0) << c.name << ": " << result.err;
    EXPECT_NE(result.out.find("(read as Windows-1252)"), std::string::npos) << c.name << ": " << result.out;
    auto found = json::parse(sandbox.run("cases --format json --external-ref MIG-2").out).at("items");
    ASSERT_EQ(found.size(), 1u) << c.name;
    EXPECT_EQ(found[0].at("given_name"), c.read_as) << c.name;
  }
}

TEST(Conformance, ImportTakesSwedishAndOtherWellFormedUtf8) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("a.csv", header +
      "MIG-1;Åsa Émilie;Øster-Ñúñez;2016-05-05;F;تigrinja ትግርኛ;are;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(case_count(sandbox), 1u);
}

TEST(Conformance, ImportRefusesABirthDateAfterToday) {
  CliSandbox sandbox;  // today is fixed_today, 2026-11-25
  auto file = sandbox.write_file("a.csv", header +
      "MIG-1;Sara;Haddad;2026-11-26;F;arabiska;are;2026-11-20;2026-12-01\n");
  auto result = sandbox.run("import --file " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("line 2: birth_date: lies after today"), std::string::npos) << result.err;
  EXPECT_EQ(case_count(sandbox), 0u);
}

TEST(Conformance, EventAddRefusesASetValueThatIsNotUtf8) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("a.csv", header + "MIG-1;Sara;Haddad;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n");
  ASSERT_EQ(sandbox.run("import --file " + shell_word(file)).exit_code, 0);
  auto id = json::parse(sandbox.run("cases --format json").out).at("items").at(0).at("id").get<std::string>();
  auto result = sandbox.run("event add " + id + " --type case_closed --date 2026-11-24 --set " +
                            shell_word("reason=\xff\xfe"));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("reason"), std::string::npos) << result.err;
  auto shown = json::parse(sandbox.run("case show " + id + " --format json").out);
  EXPECT_EQ(shown.at("events").size(), 1u) << "nothing written";
}

TEST(Conformance, ServeRefusesABadKedjaTodayAtStart) {
  CliSandbox sandbox;  // bounded: were the check gone, serve would run; timeout ends it (124)
  const std::string command = "cd " + shell_word(sandbox.dir().string()) +
                              " && KEDJA_TODAY=2026-13-01 timeout 10 " + shell_word(KEDJA_BINARY) +
                              " --db data/kedja.db --config " + shell_word(CliSandbox::config()) +
                              " serve --listen 127.0.0.1:0 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  const int status = pclose(pipe);
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_EQ(WEXITSTATUS(status), 2) << output;
  EXPECT_NE(output.find("KEDJA_TODAY"), std::string::npos) << output;
}

}  // namespace
}  // namespace kedja::tools::testing
