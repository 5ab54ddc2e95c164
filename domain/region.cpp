#include "domain/region.h"
#include "domain/raw_value.h"

#include <algorithm>
#include <array>

namespace kedja {
namespace {

constexpr std::array<std::pair<ActorKind, std::string_view>, 10> kind_names{{
    {ActorKind::reception, "reception"},
    {ActorKind::school, "school"},
    {ActorKind::preschool, "preschool"},
    {ActorKind::school_health, "school_health"},
    {ActorKind::child_health, "child_health"},
    {ActorKind::sfi, "sfi"},
    {ActorKind::hc, "hc"},
    {ActorKind::af, "af"},
    {ActorKind::mv, "mv"},
    {ActorKind::lst, "lst"},
}};

constexpr std::array<ActorKind, 6> municipal_kinds{ActorKind::reception, ActorKind::school,
                                                   ActorKind::preschool, ActorKind::school_health,
                                                   ActorKind::child_health, ActorKind::sfi};

// "kind:slug" with the kind matching the actor's and a well-formed slug.
std::optional<std::string> id_problem(const Actor& actor) {
  const std::string& id = actor.id.str();
  auto colon = id.find(':');
  if (colon == std::string::npos) return "must be of the form kind:slug";
  if (id.substr(0, colon) != to_string(actor.kind))
    return "must start with \"" + std::string(to_string(actor.kind)) + ":\"";
  if (!detail::is_slug(std::string_view(id).substr(colon + 1)))
    return "the part after ':' must be lower-case a-z, 0-9 or '-'";
  return std::nullopt;
}

bool is_local_char(char c) {
  static constexpr std::string_view specials = "!#$%&'*+/=?^_`{|}~-";
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         specials.find(c) != std::string_view::npos;
}

bool is_label(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

}  // namespace

bool is_mailbox_address(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || text.size() > 254) return false;
  const std::string_view local = text.substr(0, at), domain = text.substr(at + 1);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  if (!std::all_of(local.begin(), local.end(), [](char c) { return c == '.' || is_local_char(c); })) return false;
  int labels = 0;
  for (std::size_t start = 0;; ++labels) {
    const auto dot = domain.find('.', start);
    if (!is_label(domain.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 1;  // at least two labels: one dot
}

std::string_view to_string(ActorKind kind) {
  for (const auto& [k, name] : kind_names)
    if (k == kind) return name;
  return "?";
}

std::optional<ActorKind> actor_kind_from(std::string_view text) {
  for (const auto& [k, name] : kind_names)
    if (name == text) return k;
  return std::nullopt;
}

bool is_municipal_kind(ActorKind kind) {
  return std::find(municipal_kinds.begin(), municipal_kinds.end(), kind) != municipal_kinds.end();
}

Result<Region> Region::make(std::string name, std::vector<Municipality> municipalities,
                            std::vector<Actor> actors) {
  std::vector<FieldError> errors;
  auto fail = [&](std::string field, std::string message) {
    errors.push_back({std::move(field), std::move(message)});
  };
  if (name.empty()) fail("name", "must not be empty");

  Region region;
  region.name_ = std::move(name);
  std::sort(actors.begin(), actors.end(),
            [](const Actor& a, const Actor& b) { return a.id < b.id; });
  region.actors_ = std::move(actors);
  region.municipalities_ = std::move(municipalities);

  for (std::size_t i = 0; i < region.municipalities_.size(); ++i) {
    const auto& m = region.municipalities_[i];
    if (!detail::is_slug(m.slug)) fail("municipality " + m.slug, "slug must be lower-case a-z, 0-9 or '-'");
    if (!region.municipality_index_.emplace(m.slug, i).second)
      fail("municipality " + m.slug, "listed twice");
  }
  for (std::size_t i = 0; i < region.actors_.size(); ++i) {
    const Actor& actor = region.actors_[i];
    const std::string field = "actor " + actor.id.str();
    if (auto problem = id_problem(actor)) fail(field, *problem);
    if (!region.actor_index_.emplace(actor.id.str(), i).second) fail(field, "listed twice");
    bool regional = actor.kind == ActorKind::af || actor.kind == ActorKind::mv ||
                    actor.kind == ActorKind::lst;
    if (regional) {
      if (actor.municipality) fail(field, "a regional office belongs to no municipality");
      region.unit_index_.emplace(std::pair{actor.kind, std::string{}}, i);  // the first office
      continue;
    }
    if (!actor.municipality || !region.municipality_index_.count(*actor.municipality)) {
      fail(field, "must belong to a listed municipality");
      continue;
    }
    if (actor.kind == ActorKind::hc) continue;  // several per municipality; see the default below
    if (!region.unit_index_.emplace(std::pair{actor.kind, *actor.municipality}, i).second)
      fail(field, "a second " + std::string(to_string(actor.kind)) + " unit in " +
                      *actor.municipality);
  }
  for (const auto& m : region.municipalities_) {
    const std::string field = "municipality " + m.slug;
    for (ActorKind kind : municipal_kinds)
      if (!region.unit_index_.count({kind, m.slug}))
        fail(field, "has no " + std::string(to_string(kind)) + " unit");
    const Actor* hc = region.find_actor(m.default_health_centre);
    if (!hc || hc->kind != ActorKind::hc || hc->municipality != m.slug)
      fail(field, "default health centre \"" + m.default_health_centre.str() +
                      "\" is not a health centre listed in it");
    else
      region.unit_index_.emplace(std::pair{ActorKind::hc, m.slug},
                                 region.actor_index_.at(hc->id.str()));
  }
  if (!errors.empty()) {
    Problem problem{ProblemKind::invalid, "the region is inconsistent: " + errors.front().field +
                                              ": " + errors.front().message,
                    std::move(errors)};
    return problem;
  }
  return region;
}

const Actor* Region::find_actor(const ActorId& id) const {
  auto it = actor_index_.find(id.str());
  return it == actor_index_.end() ? nullptr : &actors_[it->second];
}

const Municipality* Region::find_municipality(std::string_view slug) const {
  auto it = municipality_index_.find(slug);
  return it == municipality_index_.end() ? nullptr : &municipalities_[it->second];
}

const Actor* Region::unit(ActorKind kind, std::string_view municipality) const {
  bool regional = kind == ActorKind::af || kind == ActorKind::mv || kind == ActorKind::lst;
  auto it = unit_index_.find({kind, regional ? std::string{} : std::string{municipality}});
  return it == unit_index_.end() ? nullptr : &actors_[it->second];
}

}  // namespace kedja
