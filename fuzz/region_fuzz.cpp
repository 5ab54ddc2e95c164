// A region file (config/region.json) with any bytes: the loader must refuse
// it naming the field, or accept a consistent region; an accepted region
// must then carry a whole chain in each of its municipalities without a
// crash in the engine (owners looked up, moves between municipalities).
#include "fuzz/support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto region = kedja::json::parse_region(text, "fuzz.json");
  if (!region) return 0;
  const auto& shipped = kedja::fuzz::shipped_context();
  const kedja::EngineContext context{shipped.rule_sets, *region, shipped.calendar};
  int chains = 0;
  for (const auto& municipality : region->municipalities()) {
    if (++chains > 4) break;  // bounded work per input
    kedja::fuzz::run_chains(context, municipality.slug);
  }
  return 0;
}
