#include "domain/vocabulary.h"

namespace kedja {

std::string_view Vocabulary::municipality_name(std::string_view slug) const {
  const Municipality* municipality = region_.find_municipality(slug);
  return municipality && !municipality->name.empty() ? std::string_view(municipality->name) : slug;
}

std::string_view Vocabulary::actor_name(const ActorId& id) const {
  const Actor* actor = region_.find_actor(id);
  return actor && !actor->name.empty() ? std::string_view(actor->name) : std::string_view(id.str());
}

std::string_view Vocabulary::step_title(const StepKey& key, Date opened_on) const {
  if (const RuleSet* in_force = rule_sets_.in_force_on(opened_on))
    if (const StepRule* rule = in_force->find(key)) return rule->title;
  for (const RuleSet& set : rule_sets_.all())
    if (const StepRule* rule = set.find(key)) return rule->title;
  return key.str();
}

std::string_view Vocabulary::rule_set_title(const RuleSetId& id) const {
  const RuleSet* set = rule_sets_.find(id);
  return set && !set->title.empty() ? std::string_view(set->title) : std::string_view(id.str());
}

std::vector<std::string_view> Vocabulary::municipality_names() const {
  std::vector<std::string_view> names;
  for (const Municipality& municipality : region_.municipalities()) names.push_back(municipality.name);
  return names;
}

std::string joined(const std::vector<std::string_view>& values, std::string_view separator) {
  std::string text;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) text += separator;
    text += values[i];
  }
  return text;
}

}  // namespace kedja
