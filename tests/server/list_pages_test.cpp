// The list items and pages as JsonWriter writes them: exactly the members
// and values of contract §4, in its order, with and without the
// coordinator's hidden identities.
#include "server/json_mapping.h"
#include "server/list_pages.h"

#include <gtest/gtest.h>

namespace kedja::server {
namespace {

// Compares member order too: ordered_json's equality is its member list's.
using Ordered = nlohmann::ordered_json;

Date day(const char* text) { return *parse_date(text); }

storage::StepItem overdue_item() {
  storage::StepItem item;
  item.case_id = CaseId{"c-0001"};
  item.given_name = "Åsa \"Lilla\"";
  item.family_name = "Haddad";
  item.birth_date = day("2016-03-01");
  item.municipality = "ostersund";
  item.step = StepKey{"notify_health_centre"};
  item.actor = ActorId{"reception:ostersund"};
  item.opened_on = day("2026-11-02");
  item.due_on = day("2026-11-02");
  item.working_days_overdue = 17;
  return item;
}

storage::CaseSummary case_summary() {
  storage::CaseSummary summary;
  Case& c = summary.the_case;
  c.id = CaseId{"c-0002"};
  c.external_ref = "MIG-1";
  c.given_name = "Omar";
  c.family_name = "Ali";
  c.birth_date = day("2010-07-15");
  c.sex = Sex::M;
  c.language = "dari";
  c.interpreter_needed = true;
  c.unaccompanied = true;
  c.municipality = "berg";  // where it began; the summary says where it is now
  c.health_centre = ActorId{"hc:berg"};
  summary.municipality = "krokom";
  summary.health_centre = ActorId{"hc:krokom"};
  summary.rule_set = RuleSetId{"default-2018"};
  return summary;
}

template <typename T>
Ordered written(const T& value, bool hide_identity) {
  std::string text;
  {
    JsonWriter writer(text);
    write_json(writer, value, hide_identity);
  }
  return Ordered::parse(text);
}

TEST(ListPages, OverdueItemShowsTheContractsMembers) {
  static const struct {
    bool hide_identity;
    Ordered expected;
  } cases[] = {
      {false, Ordered::parse(R"({"case_id":"c-0001","given_name":"Åsa \"Lilla\"",
          "family_name":"Haddad","birth_date":"2016-03-01","municipality":"ostersund",
          "step":"notify_health_centre","actor":"reception:ostersund","opened_on":"2026-11-02",
          "due_on":"2026-11-02","working_days_overdue":17})")},
      {true, Ordered::parse(R"({"case_id":"c-0001","birth_year":2016,"municipality":"ostersund",
          "step":"notify_health_centre","actor":"reception:ostersund","opened_on":"2026-11-02",
          "due_on":"2026-11-02","working_days_overdue":17})")},
  };
  for (const auto& c : cases)
    EXPECT_EQ(written(overdue_item(), c.hide_identity), c.expected) << "hide " << c.hide_identity;
}

TEST(ListPages, CaseSummaryShowsTheCasesFieldsAndStatus) {
  static const struct {
    bool hide_identity;
    Ordered expected;
  } cases[] = {
      {false, Ordered::parse(R"({"id":"c-0002","external_ref":"MIG-1","given_name":"Omar",
          "family_name":"Ali","birth_date":"2010-07-15","sex":"M","language":"dari",
          "interpreter_needed":true,"household":null,"unaccompanied":true,"municipality":"krokom",
          "health_centre":"hc:krokom","rule_set":"default-2018","status":"open"})")},
      {true, Ordered::parse(R"({"id":"c-0002","birth_year":2010,"sex":"M","language":"dari",
          "interpreter_needed":true,"unaccompanied":true,"municipality":"krokom",
          "health_centre":"hc:krokom","rule_set":"default-2018","status":"open"})")},
  };
  for (const auto& c : cases)
    EXPECT_EQ(written(case_summary(), c.hide_identity), c.expected) << "hide " << c.hide_identity;
}

TEST(ListPages, CaseSummaryFallsBackToTheCasesOwnFields) {
  storage::CaseSummary summary = case_summary();
  summary.municipality.clear();
  summary.health_centre = ActorId{""};
  summary.rule_set.reset();
  summary.closed = true;
  const Ordered json = written(summary, false);
  EXPECT_EQ(json["municipality"], "berg");
  EXPECT_EQ(json["health_centre"], "hc:berg");
  EXPECT_TRUE(json["rule_set"].is_null());
  EXPECT_EQ(json["status"], "closed");
}

TEST(ListPages, SingleCaseShowsTheSameFieldsAsItsListItem) {
  const storage::CaseSummary summary = case_summary();
  storage::StoredCase stored;
  stored.the_case = summary.the_case;
  stored.the_case.rule_set = summary.rule_set;
  stored.state.municipality = summary.municipality;
  stored.state.health_centre = summary.health_centre;
  EXPECT_EQ(case_to_json(stored, false), Json::parse(written(summary, false).dump()));
}

TEST(ListPages, InvalidUtf8InANameStillGivesJson) {
  storage::StepItem item = overdue_item();
  item.family_name = "Had\xff" "dad";
  EXPECT_EQ(written(item, false)["family_name"], "Had\uFFFDdad");
}

TEST(ListPages, OverduePageShowsAsOfItemsAndCursor) {
  storage::Page<storage::StepItem> page{{overdue_item(), overdue_item()}, "next-1"};
  std::string text;
  write_overdue_page(text, page, day("2026-11-25"), true);
  const Ordered json = Ordered::parse(text);
  ASSERT_EQ(json.size(), 3u);
  auto member = json.begin();
  EXPECT_EQ(member.key(), "as_of");
  EXPECT_EQ(member.value(), "2026-11-25");
  EXPECT_EQ((++member).key(), "items");
  ASSERT_EQ(member.value().size(), 2u);
  EXPECT_EQ(member.value()[1], written(overdue_item(), true));
  EXPECT_EQ((++member).key(), "next_cursor");
  EXPECT_EQ(member.value(), "next-1");
}

TEST(ListPages, DuePageShowsFromAndToFirst) {
  storage::Page<storage::StepItem> page{{overdue_item()}, std::nullopt};
  std::string text;
  write_due_page(text, page, day("2026-11-25"), day("2026-12-09"), false);
  const Ordered expected = {{"from", "2026-11-25"},
                            {"to", "2026-12-09"},
                            {"items", Ordered::array({written(overdue_item(), false)})},
                            {"next_cursor", nullptr}};
  EXPECT_EQ(Ordered::parse(text), expected);
}

TEST(ListPages, EmptyCasesPageHasNoNextCursor) {
  std::string text;
  write_cases_page(text, storage::Page<storage::CaseSummary>{}, false);
  EXPECT_EQ(text, R"({"items":[],"next_cursor":null})");
}

}  // namespace
}  // namespace kedja::server
