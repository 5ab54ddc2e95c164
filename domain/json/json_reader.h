// Internal to domain/json: reading one JSON object of a config file, naming
// each problem by its place ("config/rules/x.json: steps[3] (key): due.amount")
// and refusing keys the format does not have, so a typo is not silently
// ignored.
#pragma once

#include "domain/dates.h"
#include "domain/result.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::json::detail {

using Json = nlohmann::json;

class ObjectReader {
 public:
  // `prefix` names the file and step ("x.json: steps[3] (key): "), `path`
  // the object inside it ("due"; "" at the top).
  ObjectReader(const Json& value, std::string prefix, std::string path,
               std::vector<FieldError>& errors);
  // It keeps a pointer to the value: never a temporary.
  ObjectReader(const Json&& value, std::string, std::string, std::vector<FieldError>&) = delete;

  bool is_object() const { return object_ != nullptr; }
  // The name of a member (or of the object itself for key "").
  std::string name(std::string_view key) const;
  // The same without the prefix, for a nested reader's path ("due.x").
  std::string path(std::string_view key) const;
  void fail(std::string_view key, std::string message) const;

  // Each returns nullopt, with an error if it was required or of the wrong type.
  const Json* member(std::string_view key, bool required);
  std::optional<std::string> string(std::string_view key, bool required);
  std::optional<int> integer(std::string_view key, bool required);
  std::optional<bool> boolean(std::string_view key, bool required);
  std::optional<Date> date(std::string_view key, bool required);

  // Call last: an error for every key no getter asked for.
  void refuse_unknown() const;

 private:
  const Json* object_ = nullptr;
  std::string prefix_, path_;
  std::vector<FieldError>& errors_;
  std::set<std::string, std::less<>> known_;
};

// An invalid Problem listing every error ("N problems: first; second; …");
// the fields already name the file.
Problem config_problem(std::vector<FieldError> errors);

}  // namespace kedja::json::detail
