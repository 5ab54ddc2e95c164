// parse_case: the fields of a new case (contract §2), checked against the
// region, every problem named by field.
#include "domain/case.h"
#include "domain/raw_value.h"

#include <set>

namespace kedja {
namespace {

// The region's municipality slugs, for a message that refuses one.
std::string municipality_slug_list(const Region& region) {
  std::string text;
  for (const Municipality& m : region.municipalities()) text += (text.empty() ? "" : ", ") + m.slug;
  return text;
}

using detail::Read;

struct CaseParser {
  const Region& region;
  bool lenient;
  std::string prefix;
  std::vector<FieldError> errors;
  std::set<std::string> given;

  void fail(std::string_view field, std::string message) {
    errors.push_back({prefix + std::string(field), std::move(message)});
  }
  template <typename T>
  std::optional<T> take(std::string_view field, Read<T> read) {
    if (!read.value) fail(field, read.error);
    return read.value;
  }
  // Contract §2 input rules: no control characters, and at most this many
  // characters (an id or code has no limit of its own; 200 keeps the
  // messages that quote an unknown one short).
  std::optional<std::string> text(std::string_view field, const RawValue& value,
                                  std::size_t max_characters = 200) {
    return take(field, detail::read_text(value, max_characters));
  }
  void field(Case& c, const std::string& name, const RawValue& value);
  void finish(Case& c);
};

void CaseParser::field(Case& c, const std::string& name, const RawValue& value) {
  if (name == "external_ref") c.external_ref = text(name, value, max_external_ref);
  else if (name == "household") c.household = text(name, value, max_household);
  else if (name == "given_name") c.given_name = text(name, value, max_name).value_or("");
  else if (name == "family_name") c.family_name = text(name, value, max_name).value_or("");
  else if (name == "language") c.language = text(name, value, max_language).value_or("");
  else if (name == "birth_date") c.birth_date = take(name, detail::read_birth_date(value)).value_or(Date{});
  else if (name == "interpreter_needed")
    c.interpreter_needed = take(name, detail::read_bool(value, lenient)).value_or(false);
  else if (name == "unaccompanied")
    c.unaccompanied = take(name, detail::read_bool(value, lenient)).value_or(false);
  else if (name == "sex") {
    auto code = text(name, value);
    if (code == "F") c.sex = Sex::F;
    else if (code == "M") c.sex = Sex::M;
    else if (code == "X") c.sex = Sex::X;
    else if (code) fail(name, "must be one of F|M|X, not \"" + *code + "\"");
  } else if (name == "municipality") {
    auto slug = text(name, value);
    if (slug && !region.find_municipality(*slug))
      fail(name, "unknown municipality \"" + *slug + "\" — one of: " + municipality_slug_list(region));
    else if (slug) c.municipality = *slug;
  } else if (name == "health_centre") {
    auto id = text(name, value);
    const Actor* actor = id ? region.find_actor(ActorId{*id}) : nullptr;
    if (id && (!actor || actor->kind != ActorKind::hc))
      fail(name, "unknown health centre \"" + *id + "\"");
    else if (id) c.health_centre = ActorId{*id};
  } else if (name == "rule_set") {
    if (auto id = text(name, value)) c.rule_set = RuleSetId{*id};  // the caller checks it exists
  }
}

void CaseParser::finish(Case& c) {
  for (const char* name : {"given_name", "family_name", "birth_date", "sex", "language", "municipality"})
    if (!given.count(name)) fail(name, "required");
  if (c.health_centre.empty() && !c.municipality.empty())
    if (const Municipality* m = region.find_municipality(c.municipality))
      c.health_centre = m->default_health_centre;
}

const std::set<std::string, std::less<>> case_fields{
    "external_ref", "given_name", "family_name", "birth_date", "sex", "language",
    "interpreter_needed", "household", "unaccompanied", "municipality", "health_centre", "rule_set"};

}  // namespace

std::string_view to_string(Sex sex) {
  switch (sex) {
    case Sex::F: return "F";
    case Sex::M: return "M";
    case Sex::X: return "X";
  }
  return "?";
}

Result<Case> parse_case(const RawFields& fields, const Region& region, bool lenient_types,
                        std::string_view prefix) {
  CaseParser parser{region, lenient_types, std::string(prefix), {}, {}};
  Case c;
  c.sex = Sex::X;
  for (const auto& [name, value] : fields) {
    if (name == "id" || name == "events") continue;  // the caller's
    if (!case_fields.count(name)) {
      parser.fail(name, "unknown field");
      continue;
    }
    if (parser.given.count(name)) {
      parser.fail(name, "given twice");
      continue;
    }
    if (detail::is_absent(value, lenient_types)) continue;
    parser.given.insert(name);
    parser.field(c, name, value);
  }
  parser.finish(c);
  if (!parser.errors.empty()) {
    auto& errors = parser.errors;
    std::string detail = errors.front().field + ": " + errors.front().message;
    if (errors.size() > 1) detail += " (and " + std::to_string(errors.size() - 1) + " more)";
    return Problem{ProblemKind::invalid, std::move(detail), std::move(errors)};
  }
  return c;
}

}  // namespace kedja
