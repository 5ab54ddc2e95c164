// Identifiers get their own small types: a function that takes a CaseId
// cannot be handed an ActorId.
#pragma once

#include <compare>
#include <functional>
#include <string>
#include <utility>

namespace kedja {

template <typename Tag>
class Id {
 public:
  Id() = default;
  explicit Id(std::string value) : value_(std::move(value)) {}
  const std::string& str() const { return value_; }
  bool empty() const { return value_.empty(); }
  auto operator<=>(const Id&) const = default;

 private:
  std::string value_;
};

using CaseId = Id<struct CaseIdTag>;        // server-assigned, opaque
using ActorId = Id<struct ActorIdTag>;      // "<kind>:<slug>", e.g. "hc:lit"
using StepKey = Id<struct StepKeyTag>;      // e.g. "book_health_talk"
using RuleSetId = Id<struct RuleSetIdTag>;  // e.g. "default-2018"

}  // namespace kedja

template <typename Tag>
struct std::hash<kedja::Id<Tag>> {
  std::size_t operator()(const kedja::Id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
