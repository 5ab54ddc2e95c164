// The synthetic region of `kedja demo`: households of adults and children,
// unaccompanied minors, ABO and EBO, permits and refusals, referrals to the
// municipalities in proportion to their population, arrivals over the 18
// months before today, and every step of the chain at every stage — some
// late, some declined, some voided. Deterministic for a seed and a today.
#pragma once

#include "domain/region.h"
#include "storage/store.h"
#include "tools/demo_random.h"
#include "tools/demo_timeline.h"

#include <cstdint>
#include <vector>

namespace kedja::tools {

struct DemoOptions {
  std::int64_t cases = 1000;
  std::uint64_t seed = 1;
  Date today{};
};

class DemoGenerator {
 public:
  DemoGenerator(const Region& region, DemoOptions options);

  // The next case with its events; false once `options.cases` were made.
  bool next(storage::Store::BulkCase& out);

  std::int64_t events() const { return events_; }
  // The first case's external_ref: tells whether this seed is already loaded.
  std::string first_external_ref() const;

 private:
  void add_household();
  std::vector<Member> members_of(HouseholdKind kind);
  const Actor& pick_health_centre(const std::string& municipality);

  const Region& region_;
  DemoOptions options_;
  DemoRandom random_;
  RegionUnits units_;
  std::vector<int> municipality_weights_;
  std::vector<storage::Store::BulkCase> pending_;
  std::size_t pending_next_ = 0;
  std::int64_t made_ = 0, events_ = 0, households_ = 0;
};

}  // namespace kedja::tools
