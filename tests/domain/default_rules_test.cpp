// One test per row of contract §3's default rule set, read from the shipped
// config/rules/default-2018.json: the step opens on its event with its owner
// and due date, closes on its closing event, and does not open outside its ages.
#include "domain_fixture.h"

namespace kedja::testing {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

struct Row {
  const char* key;
  const char* born_in;    // an age inside the band on 2026-03-10 (or the row's opening date)
  const char* born_out;   // an age outside it; "" when the step applies to everyone
  const char* opens_on;
  const char* opened;     // the opening event's date
  Payload opening_payload;
  const char* actor;
  const char* due;        // "" for no due date
  const char* closes_on;
  Payload closing_payload;
  Payload::value_type setup;  // an earlier event, when the closing event needs one ("" type: none)
};

std::ostream& operator<<(std::ostream& out, const Row& row) { return out << row.key; }

const char* const child9 = "2016-06-01";   // 9 on 2026-03-10
const char* const child4 = "2021-06-01";   // 4
const char* const baby = "2025-09-01";     // 0
const char* const adult = "1996-01-01";    // 30
const char* const teen = "2010-06-01";     // 15
const char* const senior = "1950-01-01";   // 76
const Payload::value_type none{"", RawValue{}};

const Row rows[] = {
    {"notify_health_centre", child9, adult, "arrival_notice_received", "2026-03-10",
     {{"expected_arrival", "2026-03-20"}}, "reception:ostersund", "2026-03-10", "health_centre_notified", {}, none},
    {"notify_school", child9, baby, "arrival_notice_received", "2026-03-10",
     {{"expected_arrival", "2026-03-20"}}, "reception:ostersund", "2026-03-10", "school_notified", {}, none},
    {"pass_on_arrival_change", child9, adult, "arrival_date_changed", "2026-03-10",
     {{"expected_arrival", "2026-03-27"}}, "reception:ostersund", "2026-03-10", "health_centre_notified", {}, none},
    {"pass_on_arrival_change_to_school", child9, baby, "arrival_date_changed", "2026-03-10",
     {{"expected_arrival", "2026-03-27"}}, "reception:ostersund", "2026-03-10", "school_notified", {}, none},
    {"book_health_talk", child9, adult, "health_centre_notified", "2026-03-10", {}, "hc:ostersund",
     "2026-03-17", "health_talk_booked", {{"appointment", "2026-03-19"}}, none},
    {"hold_health_talk", child9, adult, "health_talk_booked", "2026-03-10", {{"appointment", "2026-03-19"}},
     "hc:ostersund", "2026-03-19", "health_talk_held", {}, none},
    {"receive_test_results", child9, adult, "health_talk_held", "2026-03-10", {}, "hc:ostersund",
     "2026-03-24", "test_results_received", {}, none},
    {"inform_newcomer_of_results", child9, adult, "test_results_received", "2026-03-10", {}, "hc:ostersund",
     "2026-03-11", "newcomer_informed", {}, none},
    {"inform_reception", child9, adult, "test_results_received", "2026-03-10", {}, "hc:ostersund",
     "2026-03-11", "reception_informed", {{"school_start_obstacle", false}}, none},
    {"book_health_exam", child9, adult, "test_results_received", "2026-03-10", {}, "hc:ostersund",
     "2026-03-17", "health_exam_booked", {{"appointment", "2026-04-01"}}, none},
    {"hold_health_exam", child9, adult, "health_exam_booked", "2026-03-10", {{"appointment", "2026-04-01"}},
     "hc:ostersund", "2026-04-01", "health_exam_held", {}, none},
    {"vaccination_plan", child4, adult, "health_talk_held", "2026-03-10", {}, "child_health:ostersund", "",
     "vaccination_plan_made", {}, none},
    {"vaccination_plan", child9, adult, "health_talk_held", "2026-03-10", {}, "school_health:ostersund", "",
     "vaccination_plan_made", {}, none},
    {"plan_school_start", child9, child4, "school_notified", "2026-03-10", {}, "school:ostersund",
     "2026-03-24", "introduction_plan_made", {}, none},
    {"start_school", child9, child4, "arrived", "2026-03-10", {}, "school:ostersund", "2026-04-10",
     "school_started", {}, none},
    {"start_preschool", child4, child9, "arrived", "2026-03-10", {}, "preschool:ostersund", "",
     "preschool_started", {}, {"test_results_received", RawValue{"2026-03-02"}}},
    // 2026-05-10 is a Sunday: rolled to Monday.
    {"receive_in_municipality", adult, "", "municipality_assigned", "2026-03-10",
     {{"municipality", "ostersund"}}, "reception:ostersund", "2026-05-11", "arrived", {}, none},
    {"establishment_plan", adult, teen, "establishment_talk_held", "2026-03-10", {}, "af:jamtland", "",
     "establishment_plan_started", {}, none},
    {"end_establishment_plan", adult, teen, "establishment_plan_started", "2026-03-10", {}, "af:jamtland",
     "2028-03-10", "establishment_plan_ended", {{"outcome", "work"}}, none},
    // 2026-06-06 is a Saturday and nationaldagen: rolled to Monday 8 June.
    {"start_sfi", adult, teen, "sfi_registered", "2026-03-06", {}, "sfi:ostersund", "2026-06-08",
     "sfi_started", {}, none},
    {"complete_civic_orientation", adult, senior, "civic_orientation_started", "2026-03-10", {},
     "reception:ostersund", "2027-03-10", "civic_orientation_completed", {}, none},
};

class DefaultRuleSet : public ::testing::TestWithParam<Row> {
 protected:
  History opened(const char* born) const {
    const Row& row = GetParam();
    History history(make_case(born));
    if (!row.setup.first.empty())
      history.add(row.setup.first, std::get<std::string>(row.setup.second));
    history.add(row.opens_on, row.opened, row.opening_payload);
    return history;
  }
};

TEST_P(DefaultRuleSet, OpensWithItsOwnerAndDueDate) {
  const Row& row = GetParam();
  Step step = opened(row.born_in).step(row.key);
  EXPECT_EQ(step.status, StepStatus::open) << row;
  EXPECT_EQ(step.actor.str(), row.actor) << row;
  EXPECT_EQ(step.opened_on, day(row.opened)) << row;
  if (*row.due) EXPECT_EQ(step.due_on, day(row.due)) << row;
  else EXPECT_FALSE(step.due_on.has_value()) << row;
}

TEST_P(DefaultRuleSet, ClosesOnItsClosingEvent) {
  const Row& row = GetParam();
  History history = opened(row.born_in);
  history.add(row.closes_on, row.opened, row.closing_payload);
  Step step = history.step(row.key);
  EXPECT_EQ(step.status, StepStatus::done) << row;
  EXPECT_EQ(step.done_on, day(row.opened)) << row;
  EXPECT_FALSE(step.late) << row;
}

TEST_P(DefaultRuleSet, OpensOnlyWithinItsAges) {
  const Row& row = GetParam();
  if (*row.born_out) {
    EXPECT_FALSE(opened(row.born_out).has_step(row.key)) << row;
  } else {  // applies to everyone
    EXPECT_TRUE(opened(baby).has_step(row.key)) << row;
    EXPECT_TRUE(opened(senior).has_step(row.key)) << row;
  }
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
  return std::string(info.param.key) + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Rows, DefaultRuleSet, ::testing::ValuesIn(rows), row_name);

TEST(DefaultRuleSet, HasExactlyTheContractsSteps) {
  const RuleSet* set = shipped_config().rule_sets.find(RuleSetId{"default-2018"});
  ASSERT_NE(set, nullptr);
  std::vector<std::string> keys;
  for (const StepRule& rule : set->steps) keys.push_back(rule.key.str());
  std::vector<std::string> expected{
      "notify_health_centre", "notify_school", "pass_on_arrival_change",
      "pass_on_arrival_change_to_school", "book_health_talk",
      "hold_health_talk", "receive_test_results", "inform_newcomer_of_results", "inform_reception",
      "book_health_exam", "hold_health_exam", "vaccination_plan", "plan_school_start", "start_school",
      "start_preschool", "receive_in_municipality", "establishment_plan", "end_establishment_plan",
      "start_sfi", "complete_civic_orientation"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(set->valid_from, day("2018-01-01"));
  EXPECT_FALSE(set->valid_to.has_value());
}

TEST(DefaultRuleSet, ReceiveInMunicipalityIsDueOnTheLatestReceptionDateWhenGiven) {
  History history(make_case(adult));
  history.add("municipality_assigned", "2026-03-10",
              {{"municipality", "krokom"}, {"latest_reception", "2026-04-30"}});
  Step step = history.step("receive_in_municipality");
  EXPECT_EQ(step.due_on, day("2026-04-30"));
  EXPECT_EQ(step.actor.str(), "reception:krokom");
}

TEST(DefaultRuleSet, EstablishmentPlanAppliesAt18OnlyToUnaccompanied) {
  History alone(make_case("2007-06-01", "ostersund", true));
  alone.add("establishment_talk_held", "2026-03-10");
  EXPECT_TRUE(alone.has_step("establishment_plan"));
  History with_family(make_case("2007-06-01", "ostersund", false));
  with_family.add("establishment_talk_held", "2026-03-10");
  EXPECT_FALSE(with_family.has_step("establishment_plan"));
}

}  // namespace
}  // namespace kedja::testing
