// kedja calendar: holidays of a year and working days on, without a database.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace kedja::tools::testing {
namespace {

TEST(Calendar, YearPrintsSixteenDateNameLinesFor2027) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("calendar --year 2027");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 16u);
  EXPECT_EQ(lines.front(), "2027-01-01;nyårsdagen");
  EXPECT_EQ(lines.back(), "2027-12-31;nyårsafton");
  EXPECT_TRUE(std::is_sorted(lines.begin(), lines.end()));
}

TEST(Calendar, YearAsJsonHasYearAndItems) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("calendar --year 2027 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json.at("year"), 2027);
  ASSERT_EQ(json.at("items").size(), 16u);
  EXPECT_EQ(json.at("items")[0].at("date"), "2027-01-01");
  EXPECT_EQ(json.at("items")[0].at("name"), "nyårsdagen");
}

TEST(Calendar, FiveWorkingDaysAfter22December2026IsThe4thOfJanuary) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("calendar --from 2026-12-22 --add-working-days 5");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "2027-01-04\n");
  EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "data")) << "calendar needs no database";
}

TEST(Calendar, AddWorkingDaysAsJson) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("calendar --from 2026-12-22 --add-working-days 5 --format json");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(nlohmann::json::parse(result.out).at("date"), "2027-01-04");
}

TEST(Calendar, BadInputExitsTwoNamingTheValue) {
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"calendar --from 2026-02-30 --add-working-days 1", "2026-02-30"},
      {"calendar --from 2026-13-01 --add-working-days 1", "2026-13-01"},
      {"calendar --from tomorrow --add-working-days 1", "tomorrow"},
      {"calendar --from 2026-12-22 --add-working-days -5", "-5"},
      {"calendar --from 2026-12-22 --add-working-days=-1", "-1"},
      {"calendar --from 2026-12-22 --add-working-days five", "five"},
      {"calendar --year 1989", "1989"},
      {"calendar --year 2200", "2200"},
      {"calendar --year twenty", "twenty"},
      {"calendar --from 1989-12-31 --add-working-days 1", "1989-12-31"},
      {"calendar --from 2199-12-20 --add-working-days 400", "400"},
      {"calendar --from 2199-12-31 --add-working-days 0", "2199-12-31"},  // 2200-01-02
      {"calendar --from 2199-12-30 --add-working-days 1", "2199-12-31"},
      {"calendar", "--year"},
  };
  CliSandbox sandbox;
  for (const auto& c : cases) {
    auto result = sandbox.run_bare(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
    EXPECT_TRUE(result.out.empty()) << c.args << ": " << result.out;
  }
}

}  // namespace
}  // namespace kedja::tools::testing
