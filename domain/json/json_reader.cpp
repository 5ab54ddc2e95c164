#include "domain/json/json_reader.h"

#include "domain/calendar.h"

#include <limits>

namespace kedja::json::detail {

ObjectReader::ObjectReader(const Json& value, std::string prefix, std::string path,
                           std::vector<FieldError>& errors)
    : prefix_(std::move(prefix)), path_(std::move(path)), errors_(errors) {
  if (value.is_object()) object_ = &value;
  else fail("", "must be a JSON object");
}

std::string ObjectReader::path(std::string_view key) const {
  if (key.empty()) return path_.empty() ? "(top level)" : path_;
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

std::string ObjectReader::name(std::string_view key) const { return prefix_ + path(key); }

void ObjectReader::fail(std::string_view key, std::string message) const {
  errors_.push_back({name(key), std::move(message)});
}

const Json* ObjectReader::member(std::string_view key, bool required) {
  known_.emplace(key);
  if (!object_) return nullptr;
  auto it = object_->find(std::string(key));
  if (it == object_->end() || it->is_null()) {
    if (required) fail(key, "required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> ObjectReader::string(std::string_view key, bool required) {
  const Json* value = member(key, required);
  if (!value) return std::nullopt;
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    fail(key, "must be a non-empty string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

std::optional<int> ObjectReader::integer(std::string_view key, bool required) {
  const Json* value = member(key, required);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    fail(key, "must be a whole number");
    return std::nullopt;
  }
  auto number = value->get<std::int64_t>();
  if (number < -100000 || number > 100000) {
    fail(key, "must be between -100000 and 100000");
    return std::nullopt;
  }
  return static_cast<int>(number);
}

std::optional<bool> ObjectReader::boolean(std::string_view key, bool required) {
  const Json* value = member(key, required);
  if (!value) return std::nullopt;
  if (!value->is_boolean()) {
    fail(key, "must be true or false");
    return std::nullopt;
  }
  return value->get<bool>();
}

std::optional<Date> ObjectReader::date(std::string_view key, bool required) {
  auto text = string(key, required);
  if (!text) return std::nullopt;
  auto day = parse_date(*text);
  if (!day || !Calendar::supports(*day)) {
    fail(key, "not a date (YYYY-MM-DD, 1990–2199): \"" + *text + "\"");
    return std::nullopt;
  }
  return day;
}

void ObjectReader::refuse_unknown() const {
  if (!object_) return;
  for (const auto& [key, value] : object_->items())
    if (!known_.count(key)) fail(key, "unknown field");
}

Problem config_problem(std::vector<FieldError> errors) {
  std::string detail =
      errors.size() == 1 ? std::string{} : std::to_string(errors.size()) + " problems: ";
  for (std::size_t i = 0; i < errors.size(); ++i)
    detail += (i ? "; " : "") + errors[i].field + ": " + errors[i].message;
  return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
}

}  // namespace kedja::json::detail
