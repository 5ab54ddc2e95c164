// One real run of each command over a small database, in each format.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <regex>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;

class Commands : public ::testing::Test {
 protected:
  void SetUp() override {
    auto file = sandbox_.write_file("arrivals.csv",
        "external_ref;given_name;family_name;birth_date;sex;language;municipality;arrival_notice_date;expected_arrival\n"
        "MIG-1;Åsa;Öberg;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n"
        "MIG-2;Ali;Haddad;1990-01-01;M;arabiska;berg;2026-11-20;2026-12-01\n");
    ASSERT_EQ(sandbox_.run("import --file " + shell_word(file)).exit_code, 0);
    auto cases = json::parse(sandbox_.run("cases --format json --external-ref MIG-1").out).at("items");
    ASSERT_EQ(cases.size(), 1u);
    child_id_ = cases[0].at("id");
  }
  CliSandbox sandbox_;
  std::string child_id_;
};

TEST_F(Commands, InitCreatesTheDatabase) {
  CliSandbox fresh;
  auto result = fresh.run("init");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("database ready"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(fresh.db()));
}

TEST_F(Commands, DemoCreatesTheDatabase) {
  CliSandbox fresh(CliSandbox::Database::absent);
  auto result = fresh.run("demo --cases 20 --seed 4");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(std::filesystem::exists(fresh.db()));
  auto listed = fresh.run("cases --format json");
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out).at("items").size(), 20u);
}

TEST_F(Commands, TokenCreatePrintsOnlyTheToken) {
  auto admin = sandbox_.run("token create --role admin");
  EXPECT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_EQ(lines_of(admin.out).size(), 1u);
  auto hc = sandbox_.run("token create --role hc --actor hc:are --name nurse");
  EXPECT_EQ(hc.exit_code, 0) << hc.err;
  ASSERT_EQ(lines_of(hc.out).size(), 1u);
  EXPECT_GE(lines_of(hc.out)[0].size(), 16u);
  EXPECT_NE(admin.out, hc.out);
}

TEST_F(Commands, TokenCreateRefusesAMismatchedActorOrRole) {
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"token create --role hc --actor school:are", "school:are"},
      {"token create --role hc --actor hc:nowhere", "hc:nowhere"},
      {"token create --role wizard --actor hc:are", "wizard"},
      {"token create --role admin --actor hc:are", "--actor"},
      {"token create --role coordinator", "--actor"},
  };
  for (const auto& c : cases) {
    auto result = sandbox_.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_TRUE(result.out.empty()) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
  }
  EXPECT_EQ(sandbox_.run("token create --role coordinator --actor lst:jamtland").exit_code, 0);
}

TEST_F(Commands, ActorsInEachFormat) {
  auto table = sandbox_.run("actors");
  EXPECT_EQ(table.exit_code, 0);
  EXPECT_NE(table.out.find("hc:ostersund-lugnvik"), std::string::npos);
  auto csv = sandbox_.run("actors --format csv");
  EXPECT_EQ(csv_lines(csv.out).at(0), "Id;Typ;Namn;Kommun");
  EXPECT_NE(csv.out.find("child_health:are;BVC;BVC Åre;Åre\r\n"), std::string::npos) << csv.out;
  auto items = json::parse(sandbox_.run("actors --format json").out).at("items");
  EXPECT_GT(items.size(), 48u);
  EXPECT_EQ(csv_lines(csv.out).size(), items.size() + 1);
}

TEST_F(Commands, TableColumnsAlignWithSwedishLetters) {
  auto table = sandbox_.run("actors");
  auto lines = lines_of(table.out);
  // "municipality" is the last column: it starts at the same character in every row.
  auto column_of = [](const std::string& line, std::size_t byte) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < byte; ++i) chars += (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    return chars;
  };
  std::size_t header_column = column_of(lines[0], lines[0].find("municipality"));
  int checked = 0;
  for (const auto& line : lines) {
    if (line.find("child_health:are ") != 0) continue;  // "BVC Åre", with an Å
    EXPECT_EQ(column_of(line, line.rfind("are")), header_column) << line;
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

TEST_F(Commands, OverdueInEachFormat) {
  auto table = sandbox_.run("overdue");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("notify_health_centre"), std::string::npos);
  auto csv = sandbox_.run("overdue --format csv --actor reception:are");
  EXPECT_EQ(csv_lines(csv.out).at(0),
            "Ärende;Förnamn;Efternamn;Födelsedatum;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;Arbetsdagar försenad");
  EXPECT_EQ(csv_lines(csv.out).size(), 3u) << csv.out;  // notify_health_centre, notify_school
  EXPECT_NE(csv.out.find(";Åre;Informera hälsocentralen;Mottagningsenheten Åre;"), std::string::npos) << csv.out;
  auto out = json::parse(sandbox_.run("overdue --format json --municipality are --as-of 2026-11-24").out);
  EXPECT_EQ(out.at("as_of"), "2026-11-24");
  EXPECT_EQ(out.at("items").size(), 2u);
  EXPECT_TRUE(out.at("next_cursor").is_null());
  EXPECT_EQ(out.at("items")[0].at("working_days_overdue"), 2);
}

TEST_F(Commands, OverdueRefusesUnknownActorAndBadDate) {
  auto actor = sandbox_.run("overdue --actor hc:atlantis");
  EXPECT_EQ(actor.exit_code, 2);
  EXPECT_NE(actor.err.find("hc:atlantis"), std::string::npos);
  auto day = sandbox_.run("overdue --as-of 2026-02-30");
  EXPECT_EQ(day.exit_code, 2);
  EXPECT_NE(day.err.find("2026-02-30"), std::string::npos);
}

TEST_F(Commands, DueListsOpenStepsInThePeriod) {
  ASSERT_EQ(sandbox_.run("event add " + child_id_ + " --type health_centre_notified --date 2026-11-23").exit_code, 0);
  auto out = json::parse(sandbox_.run("due --actor hc:are --from 2026-11-23 --to 2026-12-31 --format json").out);
  ASSERT_EQ(out.at("items").size(), 1u) << out.dump();
  EXPECT_EQ(out.at("items")[0].at("step"), "book_health_talk");
  EXPECT_EQ(out.at("items")[0].at("due_on"), "2026-11-30");
  auto csv = sandbox_.run("due --actor hc:are --from 2026-11-23 --to 2026-12-31 --format csv");
  EXPECT_EQ(csv_lines(csv.out).size(), 2u);
  EXPECT_EQ(sandbox_.run("due").exit_code, 2) << "--actor is required";
}

TEST_F(Commands, SummaryInEachFormat) {
  auto csv = sandbox_.run("summary --format csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv_lines(csv.out).at(0),
            "Kommun;Steg;Försenade;Äldsta förfallodatum;Försenade 1–5 arbetsdagar;Försenade 6–10 arbetsdagar;"
            "Försenade 11–20 arbetsdagar;Försenade 21+ arbetsdagar");
  // 3 working days overdue on 25 November: the 1–5 bucket.
  EXPECT_NE(csv.out.find("\r\nÅre;Informera hälsocentralen;1;2026-11-20;1;0;0;0\r\n"), std::string::npos) << csv.out;
  auto by_actor = json::parse(sandbox_.run("summary --by actor --format json").out);
  EXPECT_EQ(by_actor.at("as_of"), fixed_today);
  EXPECT_TRUE(by_actor.at("rows")[0].contains("actor"));
  EXPECT_EQ(sandbox_.run("summary --by weather").exit_code, 2);
}

TEST_F(Commands, FollowUpInEachFormat) {
  // Åre's notify steps fell due on Friday 20 November and are still open:
  // late by 3 working days as of Wednesday 25 November.
  auto out = json::parse(sandbox_.run("follow-up --from 2026-11-01 --to 2026-11-30 --format json").out);
  EXPECT_EQ(out.at("from"), "2026-11-01");
  EXPECT_EQ(out.at("as_of"), fixed_today);
  ASSERT_EQ(out.at("rows").size(), 2u) << out.dump();
  EXPECT_EQ(out.at("rows")[0].at("municipality"), "are");
  EXPECT_EQ(out.at("rows")[0].at("late"), 1);
  EXPECT_EQ(out.at("rows")[0].at("median_working_days_late"), 3.0);
  auto table = sandbox_.run("follow-up --from 2026-11-01 --to 2026-11-30 --by actor --step notify_school");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  // The header, the rule under it, and Åre's reception's one row.
  EXPECT_EQ(lines_of(table.out).size(), 3u) << table.out;
  EXPECT_NE(table.out.find("reception:are"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("0.000"), std::string::npos) << table.out;
  auto csv = sandbox_.run("follow-up --from 2026-11-01 --to 2026-11-30 --by month --format csv");
  EXPECT_EQ(csv.exit_code, 0) << csv.err;
  // The API's file: Swedish headers and titles, the share in per cent.
  EXPECT_EQ(csv_lines(csv.out).at(0),
            "Månad;Steg;I tid;Försenade;Avböjda;Pågående;Andel i tid (%);Median arbetsdagar sen") << csv.out;
  EXPECT_NE(csv.out.find("\r\n2026-11;Informera hälsocentralen;0;1;0;0;0,0;3\r\n"), std::string::npos) << csv.out;
  static const struct {
    const char* args;
    const char* named;
  } bad[] = {{"follow-up --by weather", "--by"},
             {"follow-up --from 2026-02-30", "--from"},
             {"follow-up --as-of 2026-1-1", "--as-of"},
             {"follow-up --from 2026-12-01 --to 2026-11-01", "--to"},
             {"follow-up --step book_a_taxi", "--step"}};
  for (const auto& c : bad) {
    auto result = sandbox_.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
  }
}

TEST_F(Commands, CaseShowInEachFormat) {
  auto table = sandbox_.run("case show " + child_id_);
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Åsa Öberg"), std::string::npos);
  EXPECT_NE(table.out.find("arrival_notice_received"), std::string::npos);
  EXPECT_NE(table.out.find("notify_health_centre"), std::string::npos);
  auto out = json::parse(sandbox_.run("case show " + child_id_ + " --format json").out);
  EXPECT_EQ(out.at("id"), child_id_);
  EXPECT_EQ(out.at("events").size(), 1u);
  EXPECT_GE(out.at("steps").size(), 2u);
  auto csv = sandbox_.run("case show " + child_id_ + " --format csv");
  EXPECT_EQ(csv_lines(csv.out).at(0), "Steg;Ansvarig;Öppnad;Förfallodatum;Status;Avslutad;Arbetsdagar sen")
      << csv.out;
  EXPECT_NE(csv.out.find("\r\nInformera hälsocentralen;Mottagningsenheten Åre;"), std::string::npos) << csv.out;
  auto missing = sandbox_.run("case show c-none");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("c-none"), std::string::npos) << missing.err;
}

TEST_F(Commands, EventAddPrintsTheEventAndSteps) {
  auto result = sandbox_.run("event add " + child_id_ + " --type health_centre_notified --date 2026-11-20");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto out = json::parse(result.out);
  EXPECT_EQ(out.at("event").at("seq"), 2);
  EXPECT_EQ(out.at("event").at("recorded_by"), "admin");
  bool booked_step = false;
  for (const auto& step : out.at("steps")) booked_step |= step.at("key") == "book_health_talk";
  EXPECT_TRUE(booked_step);
  auto table = sandbox_.run("event add " + child_id_ +
                            " --type health_talk_booked --date 2026-11-23 --set appointment=2026-11-27 --format table");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("appointment=2026-11-27"), std::string::npos) << table.out;
}

TEST_F(Commands, EventAddRefusesBadInputNamingTheField) {
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {" --type health_talk_booked --date 2026-11-23", "appointment"},
      {" --type health_talk_booked --date 2026-11-23 --set appointment=2026-11-31", "appointment"},
      {" --type teleported --date 2026-11-23", "teleported"},
      {" --type arrived --date 2026-11-23 --set colour=blue", "colour"},
      {" --type preschool_started --date 2026-11-23", "test_results_received"},
      {" --type arrived --date 2026-11-23 --set nonsense", "nonsense"},
  };
  for (const auto& c : cases) {
    auto result = sandbox_.run("event add " + child_id_ + c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
  }
  auto shown = json::parse(sandbox_.run("case show " + child_id_ + " --format json").out);
  EXPECT_EQ(shown.at("events").size(), 1u) << "nothing written";
}

TEST_F(Commands, ReprojectShowsProgressAndCount) {
  auto result = sandbox_.run("reproject");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "reprojected 2 cases\n");
  EXPECT_NE(result.err.find("2 / 2"), std::string::npos) << result.err;
}

TEST_F(Commands, BackupWritesAUsableCopy) {
  auto result = sandbox_.run("backup --to copy.db");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  ASSERT_TRUE(std::filesystem::exists(sandbox_.dir() / "copy.db"));
  auto from_copy = sandbox_.run_bare("--db copy.db --config " + shell_word(CliSandbox::config()) + " cases --format csv");
  EXPECT_EQ(from_copy.out, sandbox_.run("cases --format csv").out);
}

TEST_F(Commands, CasesFiltersAndPages) {
  auto csv = sandbox_.run("cases --format csv --municipality berg");
  EXPECT_EQ(csv_lines(csv.out).size(), 2u);
  auto first = json::parse(sandbox_.run("cases --format json --limit 1").out);
  EXPECT_EQ(first.at("items").size(), 1u);
  ASSERT_TRUE(first.at("next_cursor").is_string());
  auto rest = json::parse(sandbox_.run("cases --format json --limit 1 --cursor " +
                                       shell_word(first.at("next_cursor"))).out);
  ASSERT_EQ(rest.at("items").size(), 1u);
  EXPECT_NE(rest.at("items")[0].at("id"), first.at("items")[0].at("id"));
  auto found = json::parse(sandbox_.run("cases --format json --q åsa").out).at("items");
  EXPECT_EQ(found.size(), 1u);
}

}  // namespace
}  // namespace kedja::tools::testing
