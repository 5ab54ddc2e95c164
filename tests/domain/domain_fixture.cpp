#include "domain_fixture.h"

namespace kedja::testing {

const json::Config& shipped_config() {
  static const json::Config config = [] {
    auto loaded = json::load_config(std::string(KEDJA_SOURCE_DIR) + "/config");
    if (!loaded) {
      ADD_FAILURE() << "shipped config: " << loaded.problem().detail;
      return json::Config{};
    }
    return std::move(*loaded);
  }();
  return config;
}

EngineContext shipped_context() {
  return {shipped_config().rule_sets, shipped_config().region, Calendar::swedish()};
}

Date day(const std::string& text) {
  auto parsed = parse_date(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(Date{});
}

Case make_case(const std::string& birth_date, const std::string& municipality, bool unaccompanied) {
  Case c;
  c.id = CaseId{"c1"};
  c.given_name = "Amina";
  c.family_name = "Yusuf";
  c.birth_date = day(birth_date);
  c.language = "so";
  c.municipality = municipality;
  c.health_centre = shipped_config().region.find_municipality(municipality)->default_health_centre;
  c.unaccompanied = unaccompanied;
  return c;
}

RecordedEvent History::make(const std::string& type, const std::string& date,
                            std::vector<std::pair<std::string, RawValue>> payload) const {
  RawEvent raw{type, date, std::move(payload), std::nullopt, false};
  auto parsed = parse_event(raw);
  EXPECT_TRUE(parsed.ok()) << type << " " << date << ": "
                           << (parsed ? "" : parsed.problem().detail);
  RecordedEvent recorded;
  recorded.seq = last_seq() + 1;
  if (parsed) recorded.event = *parsed;
  recorded.recorded_at = "2026-01-01T00:00:00Z";
  return recorded;
}

History& History::add(const std::string& type, const std::string& date,
                      std::vector<std::pair<std::string, RawValue>> payload,
                      const std::string& recorded_by) {
  RecordedEvent recorded = make(type, date, std::move(payload));
  recorded.recorded_by = ActorId{recorded_by};
  auto problem = check_append(case_, events_, recorded, shipped_context());
  EXPECT_FALSE(problem.has_value()) << type << " " << date << " refused: "
                                    << (problem ? problem->detail : "");
  events_.push_back(std::move(recorded));
  return *this;
}

std::optional<Problem> History::check(const std::string& type, const std::string& date,
                                      std::vector<std::pair<std::string, RawValue>> payload) const {
  return check_append(case_, events_, make(type, date, std::move(payload)), shipped_context());
}

CaseState History::project() const { return kedja::project(case_, events_, shipped_context()); }

bool History::has_step(const std::string& key) const {
  for (const Step& s : project().steps)
    if (s.key.str() == key) return true;
  return false;
}

Step History::step(const std::string& key) const {
  CaseState state = project();
  for (auto it = state.steps.rbegin(); it != state.steps.rend(); ++it)
    if (it->key.str() == key) return *it;
  ADD_FAILURE() << "no step " << key;
  return {};
}

}  // namespace kedja::testing
