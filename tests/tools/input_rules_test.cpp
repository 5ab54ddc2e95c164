// Issue 12 on the command line: the same input rules as the API (contract
// §2 v1.1) for `kedja import` and `kedja event add`, NFC storage and
// search, and a table output that never prints a control character (§5).
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace kedja::tools::testing {
namespace {

const std::string header =
    "external_ref;given_name;family_name;birth_date;sex;language;interpreter_needed;household;unaccompanied;"
    "municipality;arrival_notice_date;expected_arrival\n";

std::string import_one(const CliSandbox& sandbox, const std::string& row) {
  auto file = sandbox.write_file("arrivals.csv", header + row);
  auto result = sandbox.run("import --file " + shell_word(file));
  return std::to_string(result.exit_code) + "\n" + result.err;
}

TEST(CliInputRules, ImportRefusesWhatTheApiRefusesNamingLineAndColumn) {
  static const struct {
    const char* row;
    const char* expected;  // in stderr
  } cases[] = {
      {"M1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;berg;2026-12-05;2026-12-20\n",
       "line 2: arrival_notice_date: lies after today"},
      {"M1;Sa\x1b[2Jra;Haddad;2016-05-05;F;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n",
       "line 2: given_name: holds a control character (U+001B)"},
      {"M1;Sara;Haddad\x07;2016-05-05;F;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n",
       "line 2: family_name: holds a control character (U+0007)"},
      {"M1;Sara;Haddad;2016-05-05;F;arabiskaarabiskaarabiskaarabiskaarabiska;ja;;nej;berg;2026-11-20;2026-12-01\n",
       "line 2: language: must be at most 35 characters"},
  };
  for (const auto& c : cases) {
    CliSandbox sandbox;
    const std::string result = import_one(sandbox, c.row);
    EXPECT_EQ(result.substr(0, 2), "2\n") << c.row << result;
    EXPECT_NE(result.find(c.expected), std::string::npos) << result;
    EXPECT_EQ(result.find('\x1b'), std::string::npos);
  }
}

TEST(CliInputRules, ImportStoresNfcAndSearchIgnoresFormAndCase) {
  CliSandbox sandbox;
  ASSERT_EQ(import_one(sandbox, "M1;A\xCC\x8Ake;O\xCC\x88" "berg;2016-05-05;M;svenska;nej;;nej;berg;2026-11-20;"
                                "2026-12-01\n").substr(0, 2), "0\n");
  for (const char* q : {"\xC3\xA5ke", "\xC3\x85KE", "a\xCC\x8A", "\xC3\xB6" "BERG"}) {
    auto result = sandbox.run("cases --format json --q " + shell_word(q));
    ASSERT_EQ(result.exit_code, 0) << result.err;
    auto items = nlohmann::json::parse(result.out).at("items");
    ASSERT_EQ(items.size(), 1u) << q;
    EXPECT_EQ(items[0].at("given_name"), "\xC3\x85ke");
    EXPECT_EQ(items[0].at("family_name"), "\xC3\x96" "berg");
  }
}

TEST(CliInputRules, EventAddRefusesADateAfterTodayAndAnEarlierAppointment) {
  CliSandbox sandbox;
  ASSERT_EQ(import_one(sandbox, "M1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n")
                .substr(0, 2), "0\n");
  auto cases = nlohmann::json::parse(sandbox.run("cases --format json").out).at("items");
  const std::string id = cases.at(0).at("id");
  auto tomorrow = sandbox.run("event add " + id + " --type health_talk_held --date 2026-11-26");
  EXPECT_EQ(tomorrow.exit_code, 2);
  EXPECT_NE(tomorrow.err.find("date: lies after today"), std::string::npos) << tomorrow.err;
  auto earlier = sandbox.run("event add " + id +
                             " --type health_talk_booked --date 2026-11-24 --set appointment=2026-11-23");
  EXPECT_EQ(earlier.exit_code, 2);
  EXPECT_NE(earlier.err.find("appointment: lies before"), std::string::npos) << earlier.err;
  auto voided = sandbox.run("event add " + id + " --type event_voided --date 2026-11-25 --set voided_seq=1 "
                            "--set reason=fel");
  ASSERT_EQ(voided.exit_code, 0) << voided.err;
  auto event = nlohmann::json::parse(voided.out).at("event");
  EXPECT_EQ(event.at("seq"), 2);
  EXPECT_EQ(event.at("voided_seq"), 1);
}

// A value stored before input refused control characters (here written
// straight into the database) still never reaches the terminal as itself.
TEST(CliInputRules, TheTableShowsAControlCharacterAsTheReplacementCharacter) {
  CliSandbox sandbox;
  ASSERT_EQ(import_one(sandbox, "M1;Sara;Haddad;2016-05-05;F;arabiska;ja;;nej;berg;2026-11-20;2026-12-01\n")
                .substr(0, 2), "0\n");
  const std::string sql = "UPDATE cases SET given_name = 'Sa' || char(27) || '[2J' || char(7) || 'ra'";
  ASSERT_EQ(std::system(("sqlite3 " + shell_word(sandbox.db()) + " " + shell_word(sql)).c_str()), 0);
  auto table = sandbox.run("cases");
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_EQ(table.out.find('\x1b'), std::string::npos) << table.out;
  EXPECT_EQ(table.out.find('\x07'), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("Sa\xEF\xBF\xBD[2J\xEF\xBF\xBDra"), std::string::npos) << table.out;
  auto id = nlohmann::json::parse(sandbox.run("cases --format json").out).at("items").at(0).at("id");
  auto show = sandbox.run("case show " + id.get<std::string>());
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find('\x1b'), std::string::npos) << show.out;
}

}  // namespace
}  // namespace kedja::tools::testing
