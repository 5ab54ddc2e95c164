// The Swedish words people see, and the names read in place of ids.
#include "domain/swedish.h"
#include "domain/vocabulary.h"
#include "domain_fixture.h"

#include <fstream>
#include <set>
#include <sstream>

namespace kedja::testing {
namespace {

TEST(SwedishLabel, EveryEventTypeHasTheContractsLabel) {
  // Contract §2 (v1.1), "Swedish labels", verbatim.
  static const struct {
    const char* type;
    const char* label;
  } cases[] = {
      {"asylum_registered", "Asylsökan registrerad"},
      {"housing_changed", "Boende ändrat"},
      {"permit_granted", "Uppehållstillstånd beviljat"},
      {"permit_refused", "Uppehållstillstånd avslaget"},
      {"municipality_assigned", "Anvisad till kommun"},
      {"arrival_notice_received", "Avisering mottagen"},
      {"arrival_date_changed", "Ankomstdatum ändrat"},
      {"arrived", "Ankommit"},
      {"health_centre_notified", "Hälsocentralen informerad"},
      {"school_notified", "Skolan informerad"},
      {"health_talk_booked", "Hälsosamtal bokat"},
      {"health_talk_held", "Hälsosamtal genomfört"},
      {"test_results_received", "Provsvar mottagna"},
      {"newcomer_informed", "Den nyanlände informerad om provsvar"},
      {"reception_informed", "Mottagningsenheten informerad"},
      {"health_exam_booked", "Hälsoundersökning bokad"},
      {"health_exam_held", "Hälsoundersökning genomförd"},
      {"vaccination_plan_made", "Vaccinationsplan upprättad"},
      {"introduction_plan_made", "Inskolningsplan upprättad"},
      {"school_started", "Skolstart"},
      {"preschool_started", "Förskolestart"},
      {"establishment_talk_held", "Etableringssamtal genomfört"},
      {"establishment_plan_started", "Etableringsplan startad"},
      {"establishment_plan_ended", "Etableringsplan avslutad"},
      {"sfi_registered", "Anmäld till SFI"},
      {"sfi_started", "SFI påbörjad"},
      {"civic_orientation_started", "Samhällsorientering påbörjad"},
      {"civic_orientation_completed", "Samhällsorientering avslutad"},
      {"step_declined", "Avböjt"},
      {"health_centre_changed", "Hälsocentral ändrad"},
      {"moved", "Flyttat"},
      {"event_voided", "Makulerad"},
      {"case_closed", "Ärendet avslutat"},
  };
  std::set<std::string> covered;
  for (const auto& c : cases) {
    const auto type = event_type_from(c.type);
    ASSERT_TRUE(type) << c.type;
    EXPECT_EQ(swedish_label(*type), c.label) << c.type;
    covered.insert(c.type);
  }
  EXPECT_EQ(covered.size(), static_cast<std::size_t>(event_type_count)) << "a type without a label";
}

TEST(Vocabulary, NamesMunicipalitiesActorsAndStepsFromTheConfig) {
  const Vocabulary words(shipped_config().region, shipped_config().rule_sets);
  EXPECT_EQ(words.municipality_name("ostersund"), "Östersund");
  EXPECT_EQ(words.municipality_name("atlantis"), "atlantis");
  EXPECT_EQ(words.actor_name(ActorId{"hc:krokom"}), "Hälsocentralen Krokom");
  EXPECT_EQ(words.actor_name(ActorId{"hc:nowhere"}), "hc:nowhere");
  EXPECT_EQ(words.step_title(StepKey{"book_health_talk"}, day("2026-11-02")),
            "Boka hälsosamtal med smittskyddsprover");
  // Opened before any set was in force: still the title a set gives it.
  EXPECT_EQ(words.step_title(StepKey{"book_health_talk"}, day("2001-01-01")),
            "Boka hälsosamtal med smittskyddsprover");
  EXPECT_EQ(words.step_title(StepKey{"no_such_step"}, day("2026-11-02")), "no_such_step");
  EXPECT_TRUE(joined(words.municipality_names()).starts_with("Berg, Bräcke, Härjedalen"));
}

// Contract §4 / issue 12 §8: an unknown event type, step or municipality is
// refused with the valid values listed.
TEST(Refusal, ListsTheValidValues) {
  std::string type_message, municipality_message, step_message;
  {
    RawEvent raw{"health_tlak_held", "2026-03-02", {}, std::nullopt, false};
    auto parsed = parse_event(raw);
    ASSERT_FALSE(parsed.ok());
    type_message = parsed.problem().errors.at(0).message;
  }
  {
    RawFields fields{{"given_name", std::string("Amina")}, {"family_name", std::string("Haddad")},
                     {"birth_date", std::string("2016-03-01")}, {"sex", std::string("F")},
                     {"language", std::string("arabiska")}, {"municipality", std::string("ostersnd")}};
    auto parsed = parse_case(fields, shipped_config().region);
    ASSERT_FALSE(parsed.ok());
    municipality_message = parsed.problem().errors.at(0).message;
  }
  {
    History history(make_case("2016-03-01"));
    history.add("arrival_notice_received", "2026-03-02", {{"expected_arrival", std::string("2026-03-09")}},
                "reception:ostersund");
    auto refused = history.check("step_declined", "2026-03-03", {{"step", std::string("fly_to_moon")}});
    ASSERT_TRUE(refused.has_value());
    step_message = refused->detail;
  }
  static const struct {
    const std::string* message;
    const char* refused;
    const char* lists;
  } cases[] = {
      {&type_message, "\"health_tlak_held\"", "— one of: asylum_registered, housing_changed,"},
      {&type_message, "", ", event_voided, case_closed"},
      {&municipality_message, "\"ostersnd\"", "— one of: berg, bracke, harjedalen,"},
      {&step_message, "\"fly_to_moon\"", "— one of: notify_health_centre, notify_school,"},
      {&step_message, "", "complete_civic_orientation"},
  };
  for (const auto& c : cases) {
    EXPECT_NE(c.message->find(c.refused), std::string::npos) << *c.message;
    EXPECT_NE(c.message->find(c.lists), std::string::npos) << *c.message;
  }
}

std::string read_doc(const char* name) {
  std::ifstream in(std::string(KEDJA_SOURCE_DIR) + "/docs/" + name);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The table row of docs/vocabulary.md that starts with `name` in backticks.
std::string row_of(const std::string& doc, const std::string& name) {
  const auto start = doc.find("\n| `" + name + "` |");
  if (start == std::string::npos) return "";
  return doc.substr(start + 1, doc.find('\n', start + 1) - start - 1);
}

TEST(Docs, EveryEventTypeIsDocumentedWithItsPayloadAndSwedishLabel) {
  const std::string doc = read_doc("vocabulary.md");
  ASSERT_FALSE(doc.empty()) << "docs/vocabulary.md";
  for (int i = 0; i < event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    const std::string row = row_of(doc, std::string(to_string(type)));
    ASSERT_FALSE(row.empty()) << to_string(type) << " has no row in docs/vocabulary.md";
    EXPECT_NE(row.find("| " + std::string(swedish_label(type)) + " |"), std::string::npos) << row;
    for (const FieldSpec& spec : payload_of(type))
      EXPECT_NE(row.find("`" + std::string(to_string(spec.field)) + "`" + (spec.required ? "\\*" : "")),
                std::string::npos)
          << to_string(type) << ": " << to_string(spec.field) << " in " << row;
  }
}

TEST(Docs, EveryStepOfTheShippedRuleSetsIsDocumentedWithItsTitle) {
  const std::string doc = read_doc("vocabulary.md");
  for (const RuleSet& set : shipped_config().rule_sets.all())
    for (const StepRule& rule : set.steps) {
      const std::string row = row_of(doc, rule.key.str());
      ASSERT_FALSE(row.empty()) << rule.key.str() << " has no row in docs/vocabulary.md";
      EXPECT_NE(row.find("| " + rule.title + " |"), std::string::npos) << row;
      EXPECT_NE(row.find("`" + std::string(to_string(rule.opens_on)) + "`"), std::string::npos) << row;
      for (EventType closer : rule.closes_on)
        EXPECT_NE(row.find("`" + std::string(to_string(closer)) + "`"), std::string::npos) << row;
    }
}

TEST(Docs, EveryEndpointHasASectionWithAnExample) {
  const std::string doc = read_doc("api.md");
  ASSERT_FALSE(doc.empty()) << "docs/api.md";
  static const char* const endpoints[] = {
      "GET /v1/health", "GET /v1/openapi.json", "GET /v1/actors", "POST /v1/cases",
      "GET /v1/cases/{id}", "GET /v1/cases",
      "POST /v1/cases/{id}/events", "GET /v1/overdue", "GET /v1/due", "GET /v1/overdue/summary",
      "GET /v1/calendar/non-working-days", "GET /v1/calendar/add-working-days", "GET /v1/audit",
  };
  for (const char* endpoint : endpoints) {
    const auto section = doc.find(std::string("\n### `") + endpoint + "`\n");
    ASSERT_NE(section, std::string::npos) << endpoint << " has no section in docs/api.md";
    const auto next = doc.find("\n### ", section + 1);
    const std::string body = doc.substr(section, next == std::string::npos ? std::string::npos : next - section);
    EXPECT_NE(body.find("```http\n"), std::string::npos) << endpoint << ": no request example";
    EXPECT_NE(body.find("HTTP/1.1 2"), std::string::npos) << endpoint << ": no answer example";
  }
}

}  // namespace
}  // namespace kedja::testing
