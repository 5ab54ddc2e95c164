// The domain's edge (domain/json/config_json.h): rule sets, the region file,
// and a config directory.
#include "domain_fixture.h"

#include <filesystem>
#include <fstream>

namespace kedja::testing {
namespace {

const std::string base_rules = R"({"id": "t-2020", "title": "T", "valid_from": "2020-01-01", "steps": [
 {"key": "book_health_talk", "title": "Boka", "actor": "hc", "opens_on": "health_centre_notified",
  "closes_on": ["health_talk_booked"], "due": {"unit": "working_days", "amount": 5},
  "applies_to": [{"min_age": 0, "max_age": 17}]},
 {"key": "hold_health_talk", "title": "Håll", "actor": "hc", "opens_on": "health_talk_booked",
  "closes_on": ["health_talk_held"], "due": {"payload_date": "appointment"}}]})";

// The first step's age band, after which the v1.1 fields are put.
const std::string band = "\"applies_to\": [{\"min_age\": 0, \"max_age\": 17}]";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(RuleSetJson, ParsesAWellFormedSet) {
  auto set = json::parse_rule_set(base_rules, "t.json");
  ASSERT_TRUE(set.ok()) << set.problem().detail;
  ASSERT_EQ(set->steps.size(), 2u);
  EXPECT_EQ(set->steps[0].due.unit, PeriodUnit::working_days);
  EXPECT_EQ(set->steps[0].due.amount, 5);
  EXPECT_EQ(set->steps[1].due.on_payload_date, Field::appointment);
  EXPECT_TRUE(set->steps[1].applies_to.empty());
}

TEST(RuleSetJson, ParsesAgeOnVoluntaryAndUnlessDone) {
  std::string text = replaced(base_rules, band,
                              band + ", \"age_on\": \"arrival_notice\", \"voluntary\": true, "
                                     "\"unless_done\": [\"hold_health_talk\"]");
  auto set = json::parse_rule_set(text, "t.json");
  ASSERT_TRUE(set.ok()) << set.problem().detail;
  EXPECT_EQ(set->steps[0].age_on, AgeOn::arrival_notice);
  EXPECT_TRUE(set->steps[0].voluntary);
  EXPECT_EQ(set->steps[0].unless_done, std::vector<StepKey>{StepKey{"hold_health_talk"}});
  // Left out: the opening day, not voluntary, nothing that keeps it shut.
  EXPECT_EQ(set->steps[1].age_on, AgeOn::opening_day);
  EXPECT_FALSE(set->steps[1].voluntary);
  EXPECT_TRUE(set->steps[1].unless_done.empty());
}

TEST(RuleSetJson, RefusesMalformedSetsNamingFileStepAndField) {
  const std::string step0 = "t.json: steps[0] (book_health_talk): ";
  const std::string step1 = "t.json: steps[1] (hold_health_talk): ";
  static const struct {
    std::string what, from, to, field;
  } cases[] = {
      {"unknown opening event", "\"opens_on\": \"health_centre_notified\"", "\"opens_on\": \"hc_notified\"", step0 + "opens_on"},
      {"unknown closing event", "[\"health_talk_booked\"]", "[\"talk_booked\"]", step0 + "closes_on[0]"},
      {"no closing event", "[\"health_talk_booked\"]", "[]", step0 + "closes_on"},
      {"unknown actor kind", "\"actor\": \"hc\", \"opens_on\": \"health_centre", "\"actor\": \"doctor\", \"opens_on\": \"health_centre", step0 + "actor"},
      {"unknown owner kind by age", "\"actor\": \"hc\", \"opens_on\": \"health_centre",
       "\"actor\": [{\"kind\": \"nurse\", \"max_age\": 5}], \"opens_on\": \"health_centre", step0 + "actor[0].kind"},
      {"unknown unit", "\"unit\": \"working_days\"", "\"unit\": \"fortnights\"", step0 + "due.unit"},
      {"negative amount", "\"amount\": 5", "\"amount\": -5", step0 + "due.amount"},
      {"amount without unit", "\"unit\": \"working_days\", ", "", step0 + "due.unit"},
      {"min_age above max_age", "\"min_age\": 0, \"max_age\": 17", "\"min_age\": 18, \"max_age\": 17", step0 + "applies_to[0].min_age"},
      {"negative age", "\"min_age\": 0", "\"min_age\": -1", step0 + "applies_to[0].min_age"},
      {"payload date the opening event lacks", "\"payload_date\": \"appointment\"", "\"payload_date\": \"latest_reception\"", step1 + "due.payload_date"},
      {"payload date that is no date", "\"payload_date\": \"appointment\"", "\"payload_date\": \"housing\"", step1 + "due.payload_date"},
      {"duplicate step key", "\"key\": \"hold_health_talk\"", "\"key\": \"book_health_talk\"",
       "t.json: steps[1] (book_health_talk): key"},
      {"unknown step field", "\"title\": \"Håll\"", "\"title\": \"Håll\", \"colour\": \"red\"", step1 + "colour"},
      {"missing title", "\"title\": \"Håll\", ", "", step1 + "title"},
      {"bad id", "\"id\": \"t-2020\"", "\"id\": \"T 2020\"", "t.json: id"},
      {"missing id", "\"id\": \"t-2020\", ", "", "t.json: id"},
      {"bad valid_from", "\"valid_from\": \"2020-01-01\"", "\"valid_from\": \"2020-02-30\"", "t.json: valid_from"},
      {"valid_to before valid_from", "\"valid_from\": \"2020-01-01\"",
       "\"valid_from\": \"2020-01-01\", \"valid_to\": \"2019-12-31\"", "t.json: valid_to"},
      {"steps not a list", "\"steps\": [", "\"steps\": 3, \"x\": [", "t.json: steps"},
      // v1.1: age_on, voluntary, unless_done.
      {"unknown age_on", band, band + ", \"age_on\": \"birthday\"", step0 + "age_on"},
      {"age_on not a string", band, band + ", \"age_on\": 17", step0 + "age_on"},
      {"voluntary not a boolean", band, band + ", \"voluntary\": \"ja\"", step0 + "voluntary"},
      {"unless_done not a list", band, band + ", \"unless_done\": \"hold_health_talk\"", step0 + "unless_done"},
      {"unless_done empty", band, band + ", \"unless_done\": []", step0 + "unless_done"},
      {"unless_done naming no step of the set", band, band + ", \"unless_done\": [\"hold_health_tlak\"]",
       step0 + "unless_done[0]"},
      {"unless_done not a key", band, band + ", \"unless_done\": [\"Hold talk\"]", step0 + "unless_done[0]"},
      {"unless_done naming a step twice", band,
       band + ", \"unless_done\": [\"hold_health_talk\", \"hold_health_talk\"]", step0 + "unless_done[1]"},
  };
  for (const auto& c : cases) {
    auto set = json::parse_rule_set(replaced(base_rules, c.from, c.to), "t.json");
    ASSERT_FALSE(set.ok()) << c.what;
    EXPECT_EQ(set.problem().kind, ProblemKind::invalid) << c.what;
    ASSERT_FALSE(set.problem().errors.empty()) << c.what;
    EXPECT_EQ(set.problem().errors.front().field, c.field) << c.what << "\n" << set.problem().detail;
  }
}

TEST(RuleSetJson, ListsEveryProblemFound) {
  std::string text = replaced(replaced(base_rules, "\"amount\": 5", "\"amount\": -5"),
                              "\"opens_on\": \"health_talk_booked\"", "\"opens_on\": \"talk\"");
  auto set = json::parse_rule_set(text, "t.json");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.problem().errors.size(), 2u) << set.problem().detail;
  EXPECT_NE(set.problem().detail.find("due.amount: must be ≥ 0"), std::string::npos);
  EXPECT_NE(set.problem().detail.find("opens_on: unknown event type \"talk\""), std::string::npos);
}

TEST(RuleSetJson, RefusesTextThatIsNotJson) {
  auto set = json::parse_rule_set("{\"id\": ", "broken.json");
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.problem().errors.front().field, "broken.json");
}

TEST(RuleSetJson, RefusesAMemberGivenTwiceNamingIt) {
  // I-JSON (RFC 7493): which of the two was meant cannot be known.
  auto set = json::parse_rule_set(replaced(base_rules, R"("amount": 5})", R"("amount": 5, "amount": 10})"),
                                  "t.json");
  ASSERT_FALSE(set.ok());
  ASSERT_EQ(set.problem().errors.size(), 1u);
  EXPECT_EQ(set.problem().errors[0].field, "t.json: steps[0].due.amount");
  EXPECT_NE(set.problem().errors[0].message.find("duplicate member"), std::string::npos)
      << set.problem().errors[0].message;
}

TEST(RegionJson, TheShippedRegionHasItsUnitsAndOffices) {
  const Region& region = shipped_config().region;
  EXPECT_EQ(region.name(), "Jämtland Härjedalen");
  EXPECT_EQ(region.municipalities().size(), 8u);
  EXPECT_EQ(region.actors().size(), 8u * 7 + 2 + 3);
  static const struct {
    ActorKind kind;
    const char* municipality;
    const char* id;
    const char* name;
  } cases[] = {
      {ActorKind::reception, "berg", "reception:berg", "Mottagningsenheten Berg"},
      {ActorKind::school, "ostersund", "school:ostersund", "Grundskolan Östersund"},
      {ActorKind::child_health, "are", "child_health:are", "BVC Åre"},
      {ActorKind::hc, "harjedalen", "hc:harjedalen", "Hälsocentralen Härjedalen"},
      {ActorKind::af, "", "af:jamtland", "Arbetsförmedlingen Jämtland"},
      {ActorKind::mv, "berg", "mv:jamtland", "Migrationsverket Östersund"},
      {ActorKind::lst, "", "lst:jamtland", "Länsstyrelsen Jämtlands län"},
  };
  for (const auto& c : cases) {
    const Actor* unit = region.unit(c.kind, c.municipality);
    ASSERT_NE(unit, nullptr) << c.id;
    EXPECT_EQ(unit->id.str(), c.id);
    EXPECT_EQ(unit->name, c.name);
  }
  EXPECT_NE(region.find_actor(ActorId{"hc:ostersund-lugnvik"}), nullptr);
  EXPECT_EQ(region.find_actor(ActorId{"hc:are-jarpen"})->municipality, "are");
}

const std::string small_region = R"({"name": "R", "municipalities": [
 {"slug": "by", "name": "By", "default_health_centre": "hc:by",
  "units": {"reception": {"id": "reception:by-centrum", "name": "Integrationsservice By"}},
  "health_centres": [{"id": "hc:by", "name": "HC By"}]}],
 "offices": [{"id": "af:r", "kind": "af", "name": "AF R"}]})";

TEST(RegionJson, NamesUnitsAsTheFileSaysAndDefaultsTheRest) {
  auto region = json::parse_region(small_region, "r.json");
  ASSERT_TRUE(region.ok()) << region.problem().detail;
  EXPECT_EQ(region->unit(ActorKind::reception, "by")->id.str(), "reception:by-centrum");
  EXPECT_EQ(region->unit(ActorKind::reception, "by")->name, "Integrationsservice By");
  EXPECT_EQ(region->unit(ActorKind::sfi, "by")->name, "SFI By");
}

TEST(RegionJson, RefusesAnInconsistentRegionNamingWhat) {
  static const struct {
    std::string what, from, to, field;
  } cases[] = {
      {"default hc not listed", "\"default_health_centre\": \"hc:by\"", "\"default_health_centre\": \"hc:elsewhere\"",
       "r.json: municipality by"},
      {"unit id of the wrong kind", "\"id\": \"reception:by-centrum\"", "\"id\": \"school:by-centrum\"",
       "r.json: actor school:by-centrum"},
      {"office of a municipal kind", "\"kind\": \"af\"", "\"kind\": \"school\"", "r.json: offices[0].kind"},
      {"unknown unit kind", "\"units\": {\"reception\"", "\"units\": {\"dentist\"", "r.json: municipalities[0].units.dentist"},
      {"missing slug", "\"slug\": \"by\", ", "", "r.json: municipalities[0].slug"},
  };
  for (const auto& c : cases) {
    auto region = json::parse_region(replaced(small_region, c.from, c.to), "r.json");
    ASSERT_FALSE(region.ok()) << c.what;
    EXPECT_EQ(region.problem().errors.front().field, c.field) << c.what << "\n" << region.problem().detail;
  }
}

TEST(RegionJson, ReadsTheAccessibilityContactAndRefusesABadOne) {
  EXPECT_EQ(shipped_config().region.accessibility_contact(), "tillganglighet@region.example");
  auto without = json::parse_region(small_region, "r.json");
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->accessibility_contact());
  auto with = json::parse_region(replaced(small_region, "{\"name\": \"R\",",
                                          "{\"name\": \"R\", \"accessibility_contact\": \"a11y@r.se\","),
                                 "r.json");
  ASSERT_TRUE(with.ok()) << with.problem().detail;
  EXPECT_EQ(with->accessibility_contact(), "a11y@r.se");
  auto bad = json::parse_region(replaced(small_region, "{\"name\": \"R\",",
                                         "{\"name\": \"R\", \"accessibility_contact\": \"Support <a@r.se>\","),
                                "r.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problem().errors.front().field, "r.json: accessibility_contact");
}

class ConfigDir : public ::testing::Test {
 protected:
  std::filesystem::path dir_ = std::filesystem::path(KEDJA_BINARY_DIR) / "test-config" /
                               ::testing::UnitTest::GetInstance()->current_test_info()->name();
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "rules");
    write("region.json", small_region);
  }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string rules(const std::string& id, const std::string& from, const std::string& to) {
    std::string text = replaced(base_rules, "\"t-2020\"", "\"" + id + "\"");
    return replaced(text, "\"valid_from\": \"2020-01-01\"",
                    "\"valid_from\": \"" + from + "\"" + (to.empty() ? "" : ", \"valid_to\": \"" + to + "\""));
  }
};

TEST_F(ConfigDir, LoadsRegionAndRuleSetsOfConsecutivePeriods) {
  write("rules/a.json", rules("a", "2018-01-01", "2019-12-31"));
  write("rules/b.json", rules("b", "2020-01-01", ""));
  auto config = json::load_config(dir_);
  ASSERT_TRUE(config.ok()) << config.problem().detail;
  EXPECT_EQ(config->rule_sets.all().size(), 2u);
  EXPECT_EQ(config->rule_sets.in_force_on(day("2019-06-01"))->id.str(), "a");
  EXPECT_EQ(config->rule_sets.in_force_on(day("2030-06-01"))->id.str(), "b");
  EXPECT_EQ(config->rule_sets.in_force_on(day("2017-06-01")), nullptr);
}

TEST_F(ConfigDir, RefusesOverlappingPeriods) {
  write("rules/a.json", rules("a", "2018-01-01", "2020-01-01"));
  write("rules/b.json", rules("b", "2020-01-01", ""));
  auto config = json::load_config(dir_);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.problem().detail.find("overlaps"), std::string::npos) << config.problem().detail;
  EXPECT_NE(config.problem().errors.front().field.find("b.json"), std::string::npos);
}

TEST_F(ConfigDir, RefusesDuplicateIds) {
  write("rules/a.json", rules("same", "2018-01-01", "2018-12-31"));
  write("rules/b.json", rules("same", "2019-01-01", ""));
  auto config = json::load_config(dir_);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.problem().detail.find("also used by"), std::string::npos) << config.problem().detail;
}

TEST_F(ConfigDir, NamesAMissingRegionFile) {
  std::filesystem::remove(dir_ / "region.json");
  auto config = json::load_config(dir_);
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.problem().errors.front().field.find("region.json"), std::string::npos);
}

}  // namespace
}  // namespace kedja::testing
