// kedja demo: a synthetic region, valid under the domain's rules and the
// same for the same seed.
#include "cli_runner.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

namespace kedja::tools::testing {
namespace {

// What a demo database holds, without the server-assigned case ids.
std::string dump(const CliSandbox& sandbox) {
  auto summary = sandbox.run("summary --format csv --by actor");
  auto cases = sandbox.run("cases --format csv");
  auto overdue = sandbox.run("overdue --format csv");
  EXPECT_EQ(summary.exit_code + cases.exit_code + overdue.exit_code, 0) << summary.err << cases.err << overdue.err;
  // Lists are ordered by case id, which is random: compare them as sorted lines.
  auto sorted = [](const std::string& text) {
    auto lines = lines_of(text);
    std::sort(lines.begin(), lines.end());
    std::string joined;
    for (const auto& line : lines) joined += line + '\n';
    return joined;
  };
  return summary.out + sorted(without_first_column(cases.out)) + sorted(without_first_column(overdue.out));
}

TEST(Demo, PrintsCasesEventsAndSeconds) {
  CliSandbox sandbox;
  auto result = sandbox.run("demo --cases 300 --seed 7");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::regex_match(result.out, std::regex("demo: 300 cases, [0-9]+ events in [0-9.]+ seconds \\(seed 7\\)\n")))
      << result.out;
}

TEST(Demo, EveryEventPassesTheDomainRules) {
  CliSandbox sandbox;
  auto result = sandbox.run("demo --cases 1500 --seed 3 --check");
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

// How many rows the work counts (storage/work_counts.h) and a GROUP BY of
// the steps do not share; and how many counts there are.
std::pair<int, int> work_counts_against_steps(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  const std::string counts = "SELECT actor, open, day, key, municipality, health_centre, n FROM work_counts";
  const std::string steps =
      "SELECT actor, status = 'open', CASE WHEN status = 'open' THEN coalesce(due_on, '') ELSE done_on END, key, "
      "municipality, health_centre, count(*) FROM steps WHERE status = 'open' OR (done_on IS NOT NULL AND "
      "status IN ('done', 'declined')) GROUP BY 1, 2, 3, 4, 5, 6";
  return {db.execAndGet("SELECT (SELECT count(*) FROM (" + counts + " EXCEPT " + steps + ")) + (SELECT count(*) FROM (" +
                        steps + " EXCEPT " + counts + "))").getInt(),
          db.execAndGet("SELECT count(*) FROM work_counts").getInt()};
}

// The demo bulk-loads into an empty database, tallying the work counts as it
// inserts (no triggers); kedja reproject rewrites the steps through them.
// Every kind of step the tabs count is there: undated, declined, done, open.
TEST(Demo, WorkCountsEqualTheStepsAfterTheLoadAndAfterReproject) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("demo --cases 1500 --seed 3").exit_code, 0);
  {
    SQLite::Database db(sandbox.db(), SQLite::OPEN_READONLY);
    for (const char* kind : {"status = 'open' AND due_on IS NULL", "status = 'declined' AND done_on IS NOT NULL",
                             "status = 'done'", "status = 'open' AND due_on IS NOT NULL"})
      EXPECT_GT(db.execAndGet(std::string("SELECT count(*) FROM steps WHERE ") + kind).getInt(), 0) << kind;
  }
  const auto [loaded_differ, loaded] = work_counts_against_steps(sandbox.db());
  EXPECT_EQ(loaded_differ, 0);
  EXPECT_GT(loaded, 100);
  ASSERT_EQ(sandbox.run("reproject").exit_code, 0);
  const auto [reprojected_differ, reprojected] = work_counts_against_steps(sandbox.db());
  EXPECT_EQ(reprojected_differ, 0);
  EXPECT_EQ(reprojected, loaded);
}

TEST(Demo, SameSeedGivesTheSameRegion) {
  CliSandbox first, second;
  ASSERT_EQ(first.run("demo --cases 400 --seed 11").exit_code, 0);
  ASSERT_EQ(second.run("demo --cases 400 --seed 11").exit_code, 0);
  auto a = dump(first), b = dump(second);
  EXPECT_GT(lines_of(a).size(), 400u);
  EXPECT_EQ(a, b);
  EXPECT_EQ(first.run("summary --format csv").out, second.run("summary --format csv").out);
}

TEST(Demo, AnotherSeedGivesAnotherRegion) {
  CliSandbox first, second;
  ASSERT_EQ(first.run("demo --cases 400 --seed 11").exit_code, 0);
  ASSERT_EQ(second.run("demo --cases 400 --seed 12").exit_code, 0);
  EXPECT_NE(dump(first), dump(second));
}

TEST(Demo, CoversTheRegionAndTheChain) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("demo --cases 3000 --seed 1").exit_code, 0);
  auto cases = nlohmann::json::parse(sandbox.run("cases --format json").out).at("items");
  ASSERT_EQ(cases.size(), 3000u);
  std::map<std::string, int> per_municipality;
  int unaccompanied = 0, children = 0;
  for (const auto& c : cases) {
    ++per_municipality[c.at("municipality")];
    unaccompanied += c.at("unaccompanied").get<bool>();
    children += c.at("birth_date").get<std::string>() > "2008-11-25";
  }
  EXPECT_EQ(per_municipality.size(), 8u) << "every municipality gets referrals";
  EXPECT_GT(per_municipality["ostersund"], 3 * per_municipality["krokom"]) << "in proportion to population";
  EXPECT_GT(per_municipality["krokom"], per_municipality["ragunda"]);
  EXPECT_GT(unaccompanied, 0);
  EXPECT_GT(children, 500);
  auto summary = nlohmann::json::parse(sandbox.run("summary --format json").out).at("rows");
  std::set<std::string> overdue_steps;
  for (const auto& row : summary) overdue_steps.insert(row.at("step").get<std::string>());
  // Most steps are done on time (demo_region_test.cpp measures how many), so
  // today's lists are short, but they hold steps from across the chain.
  EXPECT_GE(overdue_steps.size(), 4u) << "steps of several kinds are overdue somewhere";
}

TEST(Demo, DryRunGeneratesButWritesNothing) {
  CliSandbox sandbox;
  auto result = sandbox.run("demo --cases 200 --seed 2 --dry-run");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("demo: 200 cases"), std::string::npos) << result.out;
  EXPECT_EQ(lines_of(sandbox.run("cases --format csv").out).size(), 1u) << "only the header row";
}

TEST(Demo, SameSeedTwiceIntoOneDatabaseIsRefused) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("demo --cases 50 --seed 5").exit_code, 0);
  auto again = sandbox.run("demo --cases 50 --seed 5");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("seed 5"), std::string::npos) << again.err;
  EXPECT_EQ(sandbox.run("demo --cases 50 --seed 6").exit_code, 0);
}

}  // namespace
}  // namespace kedja::tools::testing
