// Names and languages for the synthetic region of `kedja demo`: the larger
// language groups of recent arrivals to Sweden, with common given and
// family names (romanised as Swedish authorities write them).
#pragma once

#include <span>
#include <string_view>

namespace kedja::tools {

struct LanguageGroup {
  std::string_view language;  // in Swedish, as case files write it
  int weight;                 // share of arrivals
  std::span<const std::string_view> female;
  std::span<const std::string_view> male;
  std::span<const std::string_view> family;
};

std::span<const LanguageGroup> language_groups();

}  // namespace kedja::tools
