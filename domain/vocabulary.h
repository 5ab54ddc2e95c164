// The names people read in place of ids, from the region file and the rule
// sets: "Östersund" for `ostersund`, "Hälsocentralen Krokom" for
// `hc:krokom`, "Boka hälsosamtal med smittskyddsprover" for
// `book_health_talk`. Used by the CSV files and the web pages.
#pragma once

#include "domain/dates.h"
#include "domain/ids.h"
#include "domain/region.h"
#include "domain/rules.h"

#include <string>
#include <string_view>
#include <vector>

namespace kedja {

class Vocabulary {
 public:
  // Refers to both; they must outlive it.
  Vocabulary(const Region& region, const RuleSets& rule_sets) : region_(region), rule_sets_(rule_sets) {}

  // The region file's name; the slug itself when the region has none.
  std::string_view municipality_name(std::string_view slug) const;
  // The region file's name; the id itself when the region has none.
  std::string_view actor_name(const ActorId& id) const;
  // The title the rule set in force on `opened_on` gives the step (a step
  // is opened under that set); else the first set that has the key; else
  // the key itself.
  std::string_view step_title(const StepKey& key, Date opened_on) const;
  // The rule set's title; the id itself when no loaded set has it.
  std::string_view rule_set_title(const RuleSetId& id) const;

  // The municipalities' names in the region file's order, for messages
  // that list the valid values ("one of: Berg, Bräcke, …").
  std::vector<std::string_view> municipality_names() const;

 private:
  const Region& region_;
  const RuleSets& rule_sets_;
};

// "a, b, c" — the valid values a message lists.
std::string joined(const std::vector<std::string_view>& values, std::string_view separator = ", ");

}  // namespace kedja
