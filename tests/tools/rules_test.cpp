// kedja rules check: validates a rule-set file, without a database.
#include "cli_runner.h"

#include <gtest/gtest.h>

#include <regex>

namespace kedja::tools::testing {
namespace {

TEST(RulesCheck, ShippedDefaultSetIsValid) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("rules check " + shell_word(CliSandbox::config() + "/rules/default-2018.json"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::regex_match(result.out, std::regex("ok: default-2018 \\([0-9]+ steps\\)\n"))) << result.out;
  EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "data")) << "rules check needs no database";
}

TEST(RulesCheck, MalformedSetExitsTwoNamingTheFile) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("broken.json", R"({"id": "broken", "title": "x", "valid_from": "2018-13-01", "steps": 7})");
  auto result = sandbox.run_bare("rules check " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("broken.json"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST(RulesCheck, NotJsonExitsTwo) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("nonsense.json", "this is { not json");
  auto result = sandbox.run_bare("rules check " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("nonsense.json"), std::string::npos) << result.err;
}

TEST(RulesCheck, MissingFileExitsTwoNamingIt) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("rules check no-such-file.json");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such-file.json"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace kedja::tools::testing
