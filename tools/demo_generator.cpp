#include "tools/demo_generator.h"

#include <array>
#include <cstdio>
#include <map>

namespace kedja::tools {
namespace {

// Inhabitants in thousands (SCB, rounded): referrals follow population.
int population_weight(const std::string& slug) {
  static const std::map<std::string, int, std::less<>> thousands{
      {"ostersund", 64}, {"krokom", 15}, {"are", 12}, {"stromsund", 11},
      {"harjedalen", 10}, {"berg", 7},   {"bracke", 6}, {"ragunda", 5}};
  auto it = thousands.find(slug);
  return it == thousands.end() ? 5 : it->second;
}

constexpr std::array<int, 5> household_weights{40, 12, 10, 28, 10};  // HouseholdKind order
constexpr std::array<int, 5> children_weights{25, 30, 22, 13, 10};   // 1–5 children

Date birth_date_for(int age, Date anchor, DemoRandom& r) {
  return add_days(anchor, -(age * 365 + age / 4 + r.between(1, 364)));
}

}  // namespace

DemoGenerator::DemoGenerator(const Region& region, DemoOptions options)
    : region_(region), options_(options), random_(options.seed) {
  const Actor* mv = region.unit(ActorKind::mv, "");
  const Actor* af = region.unit(ActorKind::af, "");
  units_.mv = mv ? mv->id : ActorId{"mv:region"};
  units_.af = af ? af->id : ActorId{"af:region"};
  units_.region = &region;
  for (const auto& municipality : region.municipalities())
    municipality_weights_.push_back(population_weight(municipality.slug));
}

std::string DemoGenerator::first_external_ref() const {
  char text[48];
  std::snprintf(text, sizeof text, "MIG-%llu-%07d", static_cast<unsigned long long>(options_.seed), 1);
  return text;
}

bool DemoGenerator::next(storage::Store::BulkCase& out) {
  if (made_ >= options_.cases) return false;
  while (pending_next_ == pending_.size()) {
    pending_.clear();
    pending_next_ = 0;
    add_household();
  }
  out = std::move(pending_[pending_next_++]);
  events_ += static_cast<std::int64_t>(out.events.size());
  ++made_;
  return true;
}

std::vector<Member> DemoGenerator::members_of(HouseholdKind kind) {
  auto& r = random_;
  auto sex = [&](double female) { return r.chance(0.002) ? Sex::X : r.chance(female) ? Sex::F : Sex::M; };
  std::vector<Member> members;
  switch (kind) {
    case HouseholdKind::unaccompanied_minor: members.push_back({r.between(15, 17), sex(0.15)}); break;
    case HouseholdKind::single_adult: {
      static constexpr std::array<int, 4> bands{50, 35, 12, 3};
      static constexpr std::array<std::pair<int, int>, 4> ages{{{20, 29}, {30, 44}, {45, 64}, {65, 80}}};
      auto [low, high] = ages[r.weighted(bands)];
      members.push_back({r.between(low, high), sex(0.35)});
      break;
    }
    case HouseholdKind::couple: {
      int age = r.between(20, 45);
      members.push_back({age, Sex::F});
      members.push_back({std::max(18, age + r.between(-5, 5)), Sex::M});
      break;
    }
    case HouseholdKind::family:
    case HouseholdKind::single_parent: {
      int children = static_cast<int>(r.weighted(children_weights)) + 1;
      int eldest = r.between(0, 17);
      int parent = std::min(58, eldest + r.between(20, 32));
      if (kind == HouseholdKind::family) {
        members.push_back({parent, Sex::F});
        members.push_back({std::min(64, parent + r.between(-2, 6)), Sex::M});
      } else {
        members.push_back({parent, sex(0.85)});
      }
      if (r.chance(0.15)) members.push_back({r.between(60, 78), sex(0.6)});  // a grandparent
      for (int age = eldest, i = 0; i < children && age >= 0; ++i, age -= r.between(1, 4))
        members.push_back({age, sex(0.49)});
      break;
    }
  }
  return members;
}

const Actor& DemoGenerator::pick_health_centre(const std::string& municipality) {
  const Municipality* m = region_.find_municipality(municipality);
  std::vector<const Actor*> centres;
  std::vector<int> weights;
  for (const auto& actor : region_.actors()) {
    if (actor.kind != ActorKind::hc || actor.municipality != municipality) continue;
    centres.push_back(&actor);
    weights.push_back(m && actor.id == m->default_health_centre ? 4 : 1);
  }
  if (centres.empty()) return *region_.find_actor(m->default_health_centre);
  return *centres[random_.weighted(weights)];
}

void DemoGenerator::add_household() {
  auto& r = random_;
  ++households_;
  auto kind = static_cast<HouseholdKind>(r.weighted(household_weights));
  const auto& municipalities = region_.municipalities();
  const std::string& municipality = municipalities[r.weighted(municipality_weights_)].slug;
  Timeline timeline = plan_timeline(kind, options_.today, r);
  if (timeline.moved_on) {
    const std::string* to = &municipality;
    while (*to == municipality && municipalities.size() > 1) to = &municipalities[r.weighted(municipality_weights_)].slug;
    if (*to == municipality) timeline.moved_on.reset();
    timeline.moved_to = *to;
  }
  static const auto groups = language_groups();
  static const std::vector<int> language_weights = [] {
    std::vector<int> weights;
    for (const auto& g : groups) weights.push_back(g.weight);
    return weights;
  }();
  const LanguageGroup& group = groups[r.weighted(language_weights)];
  std::string family_name(group.family[r.below(group.family.size())]);
  bool shared = kind == HouseholdKind::family || kind == HouseholdKind::single_parent || kind == HouseholdKind::couple;
  char household[48];
  std::snprintf(household, sizeof household, "demo-%llu-h%07lld", static_cast<unsigned long long>(options_.seed),
                static_cast<long long>(households_));
  const ActorId health_centre = pick_health_centre(municipality).id;
  Date anchor = timeline.notice.value_or(timeline.asylum);
  Date last_day = timeline.closed_on ? std::min(*timeline.closed_on, options_.today) : options_.today;

  for (const auto& member : members_of(kind)) {
    storage::Store::BulkCase bulk;
    Case& c = bulk.the_case;
    char ref[48];
    std::snprintf(ref, sizeof ref, "MIG-%llu-%07lld", static_cast<unsigned long long>(options_.seed),
                  static_cast<long long>(made_ + static_cast<std::int64_t>(pending_.size()) + 1));
    c.external_ref = ref;
    auto names = member.sex == Sex::M ? group.male : member.sex == Sex::F ? group.female
                 : (r.chance(0.5) ? group.male : group.female);
    c.given_name = std::string(names[r.below(names.size())]);
    c.family_name = family_name;
    // Born before the asylum registration: every event is on or after birth.
    c.birth_date = std::min(birth_date_for(member.age, anchor, r), add_days(timeline.asylum, -r.between(1, 120)));
    c.sex = member.sex;
    c.language = std::string(group.language);
    int age = age_on(c.birth_date, anchor);
    c.interpreter_needed = age >= 18 ? r.chance(group.language == "ukrainska" ? 0.7 : 0.88) : age >= 6 && r.chance(0.5);
    if (shared) c.household = household;
    c.unaccompanied = kind == HouseholdKind::unaccompanied_minor;
    c.municipality = municipality;
    c.health_centre = health_centre;
    CaseLog log;
    plan_person(PersonFacts{c, timeline, units_, options_.today}, log, r);
    bulk.events = log.finish(last_day, r);
    pending_.push_back(std::move(bulk));
  }
}

}  // namespace kedja::tools
