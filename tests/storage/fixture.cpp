#include "fixture.h"

#include <cstdlib>
#include <stdexcept>

namespace kedja::storage::testing {

const json::Config& shipped_config() {
  static const json::Config config = [] {
    auto loaded = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!loaded) throw std::runtime_error("config: " + loaded.problem().detail);
    return std::move(loaded.value());
  }();
  return config;
}

EngineContext context() {
  const auto& config = shipped_config();
  return EngineContext{config.rule_sets, config.region, Calendar::swedish()};
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kedja-storage-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

Date day(const char* text) {
  auto parsed = parse_date(text);
  if (!parsed) throw std::invalid_argument(std::string("not a date: ") + text);
  return *parsed;
}

Caller admin() { return Caller{Role::admin, std::nullopt, "admin-1"}; }

Caller caller(Role role, const std::string& actor, const std::string& token) {
  return Caller{role, ActorId(actor), token};
}

Event event(EventType type, const char* date) {
  Event e;
  e.type = type;
  e.date = day(date);
  return e;
}

Case person(const std::string& given, const std::string& family, const char* birth,
            const std::string& municipality) {
  Case c;
  c.given_name = given;
  c.family_name = family;
  c.birth_date = day(birth);
  c.sex = Sex::F;
  c.language = "ar";
  c.municipality = municipality;
  return c;
}

void StoreFixture::SetUp() {
  store = std::make_unique<Store>(Options{path(), false}, context());
}

StoredCase StoreFixture::create(Case the_case, std::vector<Event> events) {
  auto created = store->create_case(admin(), std::move(the_case), std::move(events), today());
  if (!created) throw std::runtime_error("create_case refused: " + created.problem().detail);
  return std::move(created.value());
}

}  // namespace kedja::storage::testing
