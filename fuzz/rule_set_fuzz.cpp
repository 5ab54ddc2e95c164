// A rule-set file (config/rules/*.json) with any bytes: the loader must
// refuse it naming the field, or accept it; an accepted set must then drive
// the step engine over two whole chains without crashing (odd due amounts,
// owners, age bands and unless_done lists included).
#include "fuzz/support.h"

#include "domain/calendar.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto set = kedja::json::parse_rule_set(text, "fuzz.json");
  if (!set) return 0;
  const kedja::RuleSets sets({*set});
  const auto& shipped = kedja::fuzz::shipped_context();
  const kedja::EngineContext context{sets, shipped.region, shipped.calendar};
  for (const char* municipality : {"ostersund", "are"})
    kedja::fuzz::run_chains(context, municipality, sets.find(set->id));
  return 0;
}
