// kedja case create (contract §5 v1.1), kedja event add --help's list of
// event types, and refusals that list the valid values (issue 12 §8).
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;

const std::string person =
    "case create --given-name Åsa-Liv --family-name Öberg --birth-date 2016-05-05 --sex F "
    "--language arabiska --municipality ostersund";

TEST(CaseCreate, RegistersOnePersonAndPrintsOnlyTheCaseId) {
  CliSandbox sandbox;
  auto result = sandbox.run(person + " --household H1 --external-ref MIG-77 --interpreter-needed");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 1u) << result.out;
  auto shown = json::parse(sandbox.run("case show " + shell_word(lines[0]) + " --format json").out);
  EXPECT_EQ(shown.at("id"), lines[0]);
  EXPECT_EQ(shown.at("given_name"), "Åsa-Liv");
  EXPECT_EQ(shown.at("external_ref"), "MIG-77");
  EXPECT_EQ(shown.at("household"), "H1");
  EXPECT_EQ(shown.at("interpreter_needed"), true);
  EXPECT_EQ(shown.at("unaccompanied"), false);
  EXPECT_EQ(shown.at("health_centre"), "hc:ostersund");
  EXPECT_TRUE(shown.at("events").empty());
}

TEST(CaseCreate, WithAnArrivalNoticeOpensTheReceptionsSteps) {
  CliSandbox sandbox;
  auto result = sandbox.run(person + " --arrival-notice 2026-11-20 --expected-arrival 2026-12-01");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string id = lines_of(result.out).at(0);
  auto shown = json::parse(sandbox.run("case show " + shell_word(id) + " --format json").out);
  ASSERT_EQ(shown.at("events").size(), 1u);
  EXPECT_EQ(shown.at("events")[0].at("type"), "arrival_notice_received");
  EXPECT_EQ(shown.at("events")[0].at("recorded_by"), "admin");
  std::set<std::string> steps;
  for (const auto& step : shown.at("steps")) steps.insert(step.at("key").get<std::string>());
  EXPECT_TRUE(steps.count("notify_health_centre") && steps.count("notify_school")) << shown.dump();
}

TEST(CaseCreate, BadInputIsNamedAndWritesNothing) {
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"case create --given-name A --family-name B --birth-date 2016-02-30 --sex F --language x --municipality berg",
       "birth_date"},
      {"case create --given-name A --family-name B --birth-date 2016-02-03 --sex Q --language x --municipality berg",
       "sex"},
      {"case create --given-name A --family-name B --birth-date 2016-02-03 --sex F --language x --municipality uppsala",
       "unknown municipality \"uppsala\" — one of: berg, bracke"},
      {"case create --given-name A --family-name B --birth-date 2016-02-03 --sex F --language x",
       "municipality"},
      {"case create --given-name A --family-name B --birth-date 2016-02-03 --sex F --language x --municipality berg "
       "--arrival-notice 2026-11-20",
       "--expected-arrival"},
      {"case create --given-name A --family-name B --birth-date 2016-02-03 --sex F --language x --municipality berg "
       "--arrival-notice 2026-11-31 --expected-arrival 2026-12-01",
       "date"},
  };
  for (const auto& c : cases) {
    CliSandbox sandbox;
    auto result = sandbox.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_TRUE(result.out.empty()) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
    EXPECT_TRUE(json::parse(sandbox.run("cases --format json").out).at("items").empty()) << c.args;
  }
}

TEST(EventAddHelp, ListsEveryEventTypeWithItsFieldsAndSwedishLabel) {
  CliSandbox sandbox;
  auto help = sandbox.run_bare("event add --help");
  ASSERT_EQ(help.exit_code, 0) << help.err;
  static const char* const lines[] = {
      R"(  asylum_registered +housing\*  \(Asylsökan registrerad\))",
      R"(  health_talk_booked +appointment\*  \(Hälsosamtal bokat\))",
      R"(  municipality_assigned +municipality\* latest_reception  \(Anvisad till kommun\))",
      R"(  arrived +—  \(Ankommit\))",
      R"(  step_declined +step\*  \(Avböjt\))",
      R"(  case_closed +reason\*  \(Ärendet avslutat\))",
  };
  for (const char* line : lines)
    EXPECT_TRUE(std::regex_search(help.out, std::regex(line))) << line << "\n" << help.out;
}

TEST(EventAdd, AnUnknownTypeOrStepIsRefusedWithTheValidValues) {
  CliSandbox sandbox;
  const std::string id = lines_of(sandbox.run(person + " --arrival-notice 2026-11-20 --expected-arrival 2026-12-01").out).at(0);
  auto type = sandbox.run("event add " + shell_word(id) + " --type health_tlak_held --date 2026-11-24");
  EXPECT_EQ(type.exit_code, 2);
  EXPECT_NE(type.err.find("unknown event type \"health_tlak_held\" — one of: asylum_registered,"), std::string::npos)
      << type.err;
  auto step = sandbox.run("event add " + shell_word(id) + " --type step_declined --date 2026-11-24 --set step=fly");
  EXPECT_EQ(step.exit_code, 2);
  EXPECT_NE(step.err.find("\"fly\""), std::string::npos) << step.err;
  EXPECT_NE(step.err.find("one of: notify_health_centre, notify_school,"), std::string::npos) << step.err;
}

TEST(CaseCreate, APossibleDuplicateIsRefusedUntilConfirmedNew) {
  CliSandbox sandbox;
  auto first = sandbox.run(person + " --external-ref MIG-5");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string id = lines_of(first.out).at(0);
  // The same person in another case and form: refused, naming the case.
  const std::string again =
      "case create --given-name ÅSA-LIV --family-name öberg --birth-date 2016-05-05 --sex F "
      "--language arabiska --municipality krokom";
  auto refused = sandbox.run(again);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("possible duplicate: case " + id), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--confirmed-new"), std::string::npos) << refused.err;
  EXPECT_TRUE(refused.out.empty()) << refused.out;
  // Another name with the same external_ref: refused too.
  auto by_ref = sandbox.run("case create --given-name Sara --family-name Nasser --birth-date 2012-01-01 --sex F "
                            "--language arabiska --municipality krokom --external-ref MIG-5");
  EXPECT_EQ(by_ref.exit_code, 2);
  EXPECT_NE(by_ref.err.find("the same external_ref"), std::string::npos) << by_ref.err;
  // The same name pasted with spaces around it (trimmed, as by the API).
  auto spaced = sandbox.run("case create --given-name ' Åsa-Liv' --family-name 'Öberg ' --birth-date 2016-05-05 "
                            "--sex F --language arabiska --municipality krokom");
  EXPECT_EQ(spaced.exit_code, 2) << spaced.out;
  EXPECT_NE(spaced.err.find("possible duplicate: case " + id), std::string::npos) << spaced.err;
  auto confirmed = sandbox.run(again + " --confirmed-new");
  EXPECT_EQ(confirmed.exit_code, 0) << confirmed.err;
  EXPECT_EQ(lines_of(confirmed.out).size(), 1u);
}

}  // namespace
}  // namespace kedja::tools::testing
