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

TEST(RulesCheck, BadV11FieldsExitTwoNamingFileStepAndField) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("v11.json", R"({"id": "v11", "title": "x", "valid_from": "2030-01-01", "steps": [
    {"key": "book_health_talk", "title": "Boka", "actor": "hc", "opens_on": "health_centre_notified",
     "closes_on": ["health_talk_booked"], "due": {"unit": "working_days", "amount": 5},
     "unless_done": ["hold_health_tlak"], "age_on": "birthday", "voluntary": "ja"}]})");
  auto result = sandbox.run_bare("rules check " + shell_word(file));
  EXPECT_EQ(result.exit_code, 2);
  for (const char* field : {"steps[0] (book_health_talk): unless_done[0]", "steps[0] (book_health_talk): age_on",
                            "steps[0] (book_health_talk): voluntary"})
    EXPECT_NE(result.err.find(std::string("v11.json: ") + field), std::string::npos) << field << "\n" << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST(RulesCheck, V11FieldsThatAreRightPass) {
  CliSandbox sandbox;
  auto file = sandbox.write_file("v11.json", R"({"id": "v11", "title": "x", "valid_from": "2030-01-01", "steps": [
    {"key": "book_health_talk", "title": "Boka", "actor": "hc", "opens_on": "health_centre_notified",
     "closes_on": ["health_talk_booked"], "due": {"unit": "working_days", "amount": 5},
     "unless_done": ["hold_health_talk"], "age_on": "arrival_notice", "voluntary": true},
    {"key": "hold_health_talk", "title": "Håll", "actor": "hc", "opens_on": "health_talk_booked",
     "closes_on": ["health_talk_held"], "due": {"payload_date": "appointment"}}]})");
  auto result = sandbox.run_bare("rules check " + shell_word(file));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "ok: v11 (2 steps)\n");
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
