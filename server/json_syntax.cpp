#include "server/json_syntax.h"

#include "domain/json/strict_json.h"

namespace kedja::server {

Result<nlohmann::json> parse_json_body(const std::string& text) {
  auto parsed = json::parse_strict_json(text);
  if (parsed && !parsed->is_object()) return Problem::invalid("body", "must be a JSON object");
  return parsed;
}

FieldError json_syntax_error(const std::string& text) {
  auto parsed = json::parse_strict_json(text);
  if (parsed || parsed.problem().errors.empty()) return {"body", "malformed JSON"};
  return parsed.problem().errors.front();
}

}  // namespace kedja::server
