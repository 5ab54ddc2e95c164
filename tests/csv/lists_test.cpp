// Kedja's lists as CSV: Swedish headers, titles and names; the coordinator's
// view hides identities exactly as JSON does.
#include "csv/lists.h"

#include "domain/json/config_json.h"

#include <gtest/gtest.h>

#include <sstream>

namespace kedja::csv {
namespace {

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(*result);
  }();
  return loaded;
}

const Vocabulary& words() {
  static const Vocabulary vocabulary(config().region, config().rule_sets);
  return vocabulary;
}

Date day(int y, int m, int d) { return Date{date::year{y} / m / d}; }

// The file's lines without the BOM and their CRLF; fails if one lacks it.
std::vector<std::string> lines_of(const std::string& file) {
  EXPECT_TRUE(file.starts_with("\xEF\xBB\xBF")) << "no BOM";
  std::vector<std::string> lines;
  std::string_view rest = std::string_view(file).substr(3);
  while (!rest.empty()) {
    const auto end = rest.find("\r\n");
    EXPECT_NE(end, std::string_view::npos) << "a line without CRLF: " << rest;
    if (end == std::string_view::npos) break;
    lines.emplace_back(rest.substr(0, end));
    rest.remove_prefix(end + 2);
  }
  return lines;
}

storage::StepItem overdue_item() {
  return {CaseId{"c-1"}, "=HYPERLINK(\"http://x\";\"Klicka\")", "Öberg", day(2016, 5, 5), "ostersund",
          StepKey{"book_health_talk"}, ActorId{"hc:ostersund"}, day(2026, 11, 2), day(2026, 11, 9), 12};
}

TEST(StepsCsv, OverdueHasSwedishHeadersTitlesAndNamesAndNeutralisedCells) {
  std::string out;
  const storage::StepItem items[] = {overdue_item()};
  write_steps(out, items, StepList::overdue, words(), false);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u) << out;
  EXPECT_EQ(lines[0],
            "Ärende;Förnamn;Efternamn;Födelsedatum;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
            "Arbetsdagar försenad");
  EXPECT_EQ(lines[1],
            "c-1;\"'=HYPERLINK(\"\"http://x\"\";\"\"Klicka\"\")\";Öberg;2016-05-05;Östersund;"
            "Boka hälsosamtal med smittskyddsprover;Hälsocentralen Östersund;2026-11-02;2026-11-09;12");
}

TEST(StepsCsv, DueHasNoOverdueColumn) {
  std::string out;
  const storage::StepItem items[] = {overdue_item()};
  write_steps(out, items, StepList::due, words(), false);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Ärende;Förnamn;Efternamn;Födelsedatum;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum");
  EXPECT_TRUE(lines[1].ends_with(";2026-11-02;2026-11-09")) << lines[1];
}

TEST(StepsCsv, TheCoordinatorSeesTheBirthYearAndNoNames) {
  std::string out;
  const storage::StepItem items[] = {overdue_item()};
  write_steps(out, items, StepList::overdue, words(), true);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Ärende;Födelseår;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;Arbetsdagar försenad");
  EXPECT_TRUE(lines[1].starts_with("c-1;2016;Östersund;")) << lines[1];
  EXPECT_EQ(out.find("Öberg"), std::string::npos);
  EXPECT_EQ(out.find("2016-05-05"), std::string::npos);
}

storage::CaseSummary a_case() {
  storage::CaseSummary summary;
  Case& c = summary.the_case;
  c.id = CaseId{"c-7"};
  c.external_ref = "MIG-1";
  c.given_name = "Åsa-Liv";
  c.family_name = "Öberg";
  c.birth_date = day(2016, 5, 5);
  c.sex = Sex::F;
  c.language = "arabiska";
  c.interpreter_needed = true;
  c.household = "H-1";
  c.municipality = "are";
  c.health_centre = ActorId{"hc:are"};
  summary.municipality = "ostersund";  // moved since
  summary.health_centre = ActorId{"hc:ostersund"};
  summary.rule_set = RuleSetId{"default-2018"};
  return summary;
}

TEST(CasesCsv, WritesTheCaseInSwedishAsNowMovedTo) {
  std::string out;
  const storage::CaseSummary cases[] = {a_case()};
  write_cases(out, cases, words(), false);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "Ärende;Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Tolkbehov;Hushåll;"
            "Ensamkommande;Kommun;Hälsocentral;Regelverk;Status");
  const std::string rule_set_title = config().rule_sets.all().front().title;
  EXPECT_EQ(lines[1], "c-7;MIG-1;Åsa-Liv;Öberg;2016-05-05;K;arabiska;ja;H-1;nej;Östersund;"
                      "Hälsocentralen Östersund;" + rule_set_title + ";öppet");
}

TEST(CasesCsv, TheCoordinatorSeesNoNameBirthDateDossierOrHousehold) {
  std::string out;
  const storage::CaseSummary cases[] = {a_case()};
  write_cases(out, cases, words(), true);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "Ärende;Födelseår;Kön;Språk;Tolkbehov;Ensamkommande;Kommun;Hälsocentral;Regelverk;Status");
  for (const char* hidden : {"MIG-1", "Åsa-Liv", "Öberg", "2016-05-05", "H-1"})
    EXPECT_EQ(out.find(hidden), std::string::npos) << hidden;
  EXPECT_TRUE(lines[1].starts_with("c-7;2016;K;arabiska;ja;nej;Östersund;")) << lines[1];
}

TEST(SummaryCsv, GroupsByMunicipalityNameOrActorNameWithTheBuckets) {
  const storage::SummaryRow rows[] = {{"bracke", StepKey{"notify_school"}, 3, day(2026, 11, 2), {1, 0, 2, 0}}};
  std::string by_municipality;
  write_summary(by_municipality, rows, storage::SummaryBy::municipality, words());
  EXPECT_EQ(lines_of(by_municipality),
            (std::vector<std::string>{"Kommun;Steg;Försenade;Äldsta förfallodatum;Försenade 1–5 arbetsdagar;"
                                      "Försenade 6–10 arbetsdagar;Försenade 11–20 arbetsdagar;"
                                      "Försenade 21+ arbetsdagar",
                                      "Bräcke;Informera skolan och förskolekön;3;2026-11-02;1;0;2;0"}));
  const storage::SummaryRow by_actor_rows[] = {
      {"reception:bracke", StepKey{"notify_school"}, 3, day(2026, 11, 2), {0, 0, 0, 3}}};
  std::string by_actor;
  write_summary(by_actor, by_actor_rows, storage::SummaryBy::actor, words());
  EXPECT_EQ(lines_of(by_actor).at(1),
            "Mottagningsenheten Bräcke;Informera skolan och förskolekön;3;2026-11-02;0;0;0;3");
}

TEST(FollowUpCsv, SharesInPerCentWithADecimalCommaAndEmptyWhereNothingDivides) {
  FollowUpFigures figures;
  for (int i = 0; i < 7; ++i) figures.add({FollowUpOutcome::on_time, 0});
  figures.add({FollowUpOutcome::late, 2});
  figures.add({FollowUpOutcome::late, 3});
  figures.add({FollowUpOutcome::declined, 0});
  FollowUpFigures pending_only;
  pending_only.add({FollowUpOutcome::pending, 0});
  const storage::FollowUpRow rows[] = {{"bracke", StepKey{"book_health_talk"}, figures},
                                       {"berg", StepKey{"book_health_talk"}, pending_only}};
  storage::FollowUpQuery query;
  query.to = day(2026, 10, 31);
  std::string out;
  write_follow_up(out, rows, query, words());
  EXPECT_EQ(lines_of(out),
            (std::vector<std::string>{
                "Kommun;Steg;I tid;Försenade;Avböjda;Pågående;Andel i tid (%);Median arbetsdagar sen",
                "Bräcke;Boka hälsosamtal med smittskyddsprover;7;2;1;0;77,8;2,5",
                "Berg;Boka hälsosamtal med smittskyddsprover;0;0;0;1;;"}));
  query.by = storage::FollowUpBy::month;
  const storage::FollowUpRow months[] = {{"2026-10", StepKey{"book_health_talk"}, figures}};
  std::string by_month;
  write_follow_up(by_month, months, query, words());
  EXPECT_TRUE(lines_of(by_month).at(0).starts_with("Månad;Steg;")) << by_month;
  EXPECT_TRUE(lines_of(by_month).at(1).starts_with("2026-10;Boka hälsosamtal")) << by_month;
}

TEST(FollowUpCsv, SwedishDecimals) {
  static const struct {
    double share;
    const char* percent;
  } shares[] = {{0.0, "0,0"}, {1.0, "100,0"}, {0.875, "87,5"}, {2.0 / 3, "66,7"}, {7.0 / 9, "77,8"}};
  for (const auto& c : shares) EXPECT_EQ(swedish_percent(c.share), c.percent) << c.share;
  static const struct {
    double median;
    const char* text;
  } medians[] = {{0.0, "0"}, {1.0, "1"}, {2.5, "2,5"}, {17.0, "17"}};
  for (const auto& c : medians) EXPECT_EQ(swedish_median(c.median), c.text) << c.median;
}

storage::WorkItem work_item() {
  storage::WorkItem item;
  item.case_id = CaseId{"c-3"};
  item.given_name = "-1+Amal";
  item.family_name = "Öberg";
  item.birth_date = day(2016, 5, 5);
  item.municipality = "ostersund";
  item.step = StepKey{"book_health_talk"};
  item.title = "Boka hälsosamtal";
  item.actor = ActorId{"hc:ostersund"};
  item.opened_on = day(2026, 11, 2);
  item.due_on = day(2026, 11, 9);
  item.working_days_overdue = 12;
  item.working_days_left = 0;
  item.language = "arabiska";
  item.interpreter_needed = true;
  item.household = "H;1";
  return item;
}

TEST(WorkCsv, EachTabHasItsOwnDayColumnsBesideTheCaseFacts) {
  struct Case {
    storage::WorkTab tab;
    const char* header;
  };
  const Case cases[] = {
      {storage::WorkTab::overdue,
       "Ärende;Förnamn;Efternamn;Födelsedatum;Ålder;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
       "Arbetsdagar försenad;Språk;Tolkbehov;Hushåll"},
      {storage::WorkTab::due_soon,
       "Ärende;Förnamn;Efternamn;Födelsedatum;Ålder;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
       "Arbetsdagar kvar;Språk;Tolkbehov;Hushåll"},
      {storage::WorkTab::undated,
       "Ärende;Förnamn;Efternamn;Födelsedatum;Ålder;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
       "Språk;Tolkbehov;Hushåll"},
      {storage::WorkTab::done,
       "Ärende;Förnamn;Efternamn;Födelsedatum;Ålder;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;"
       "Avslutad;Status;Arbetsdagar sen;Språk;Tolkbehov;Hushåll"},
  };
  for (const auto& c : cases) {
    std::string out;
    const storage::WorkItem items[] = {work_item()};
    write_work(out, items, c.tab, day(2026, 11, 30), words(), false);
    const auto lines = lines_of(out);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], c.header);
  }
}

TEST(WorkCsv, WritesTheRowInSwedishWithFormulaCellsNeutralised) {
  std::string out;
  const storage::WorkItem items[] = {work_item()};
  write_work(out, items, storage::WorkTab::overdue, day(2026, 11, 30), words(), false);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1],
            "c-3;'-1+Amal;Öberg;2016-05-05;10;Östersund;Boka hälsosamtal;Hälsocentralen Östersund;"
            "2026-11-02;2026-11-09;12;arabiska;ja;\"H;1\"");
}

TEST(WorkCsv, TheCoordinatorSeesTheBirthYearAndNoNameOrHousehold) {
  std::string out;
  const storage::WorkItem items[] = {work_item()};
  write_work(out, items, storage::WorkTab::overdue, day(2026, 11, 30), words(), true);
  const auto lines = lines_of(out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0],
            "Ärende;Födelseår;Kommun;Steg;Ansvarig;Öppnad;Förfallodatum;Arbetsdagar försenad;Språk;Tolkbehov");
  EXPECT_TRUE(lines[1].starts_with("c-3;2016;Östersund;")) << lines[1];
  for (const char* hidden : {"Amal", "Öberg", "2016-05-05", "H;1"}) EXPECT_EQ(out.find(hidden), std::string::npos) << hidden;
}

TEST(CaseStepsCsv, ShowsStatusInSwedishAndLateWorkingDaysForDoneSteps) {
  Step done;
  done.key = StepKey{"notify_school"};
  done.title = "Informera skolan och förskolekön";
  done.actor = ActorId{"reception:berg"};
  done.opened_on = day(2026, 11, 2);
  done.due_on = day(2026, 11, 2);
  done.status = StepStatus::done;
  done.done_on = day(2026, 11, 4);
  done.late = true;
  done.working_days_late = 2;
  Step open = done;
  open.status = StepStatus::open;
  open.done_on.reset();
  open.due_on.reset();
  std::string out;
  const Step steps[] = {done, open};
  write_case_steps(out, steps, words());
  EXPECT_EQ(lines_of(out),
            (std::vector<std::string>{
                "Steg;Ansvarig;Öppnad;Förfallodatum;Status;Avslutad;Arbetsdagar sen",
                "Informera skolan och förskolekön;Mottagningsenheten Berg;2026-11-02;2026-11-02;klar;2026-11-04;2",
                "Informera skolan och förskolekön;Mottagningsenheten Berg;2026-11-02;;öppen;;"}));
}

}  // namespace
}  // namespace kedja::csv
