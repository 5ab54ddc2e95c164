// A rule set file (config/rules/*.json):
//   {"id", "title", "valid_from", "valid_to"?, "steps": [
//     {"key", "title", "actor": "hc" | [{"kind", "min_age", "max_age"}, …],
//      "opens_on": event type, "closes_on": [event type, …],
//      "due": null | {"unit": working_days|calendar_days|weeks|months, "amount",
//                     "roll_to_working_day"?, "payload_date"?},
//      "applies_to"?: [{"min_age"?, "max_age"?, "unaccompanied_only"?}, …],
//      "age_on"?: "opening_day" | "arrival_notice",       (v1.1)
//      "voluntary"?: bool,                                 (v1.1)
//      "unless_done"?: [step key of this set, …]}]}       (v1.1)
// The format is documented for rule-set authors in docs/rule-sets.md.
// Every problem is listed, each naming the file, the step and the field.
#include "domain/json/config_json.h"
#include "domain/json/json_reader.h"
#include "domain/json/strict_json.h"

#include <algorithm>
#include <set>

namespace kedja::json {
namespace {

using detail::Json;
using detail::ObjectReader;

std::optional<PeriodUnit> unit_from(std::string_view text) {
  if (text == "working_days") return PeriodUnit::working_days;
  if (text == "calendar_days") return PeriodUnit::calendar_days;
  if (text == "weeks") return PeriodUnit::weeks;
  if (text == "months") return PeriodUnit::months;
  return std::nullopt;
}

bool is_date_field(Field field) {
  return field == Field::latest_reception || field == Field::expected_arrival ||
         field == Field::appointment;
}

bool is_key(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

struct StepParser {
  std::string prefix;  // "file: steps[3] (key): "
  std::vector<FieldError>& errors;

  ObjectReader reader(const Json& value, std::string path) {
    return ObjectReader(value, prefix, std::move(path), errors);
  }

  std::optional<EventType> event_type(ObjectReader& r, std::string_view key, const Json& value) {
    if (!value.is_string()) return r.fail(key, "must be an event type name"), std::nullopt;
    auto type = event_type_from(value.get<std::string>());
    if (!type) r.fail(key, "unknown event type \"" + value.get<std::string>() + "\"");
    return type;
  }

  // min_age/max_age of an age band or owner, defaulting to 0 and 200.
  std::pair<int, int> ages(ObjectReader& r) {
    int min_age = r.integer("min_age", false).value_or(0);
    int max_age = r.integer("max_age", false).value_or(200);
    if (min_age < 0) r.fail("min_age", "must be ≥ 0");
    if (max_age < 0) r.fail("max_age", "must be ≥ 0");
    if (min_age > max_age)
      r.fail("min_age", "min_age " + std::to_string(min_age) + " is above max_age " +
                            std::to_string(max_age));
    return {min_age, max_age};
  }

  std::optional<ActorKind> kind(ObjectReader& r, std::string_view key, const Json& value) {
    if (!value.is_string()) return r.fail(key, "must be an actor kind"), std::nullopt;
    auto k = actor_kind_from(value.get<std::string>());
    if (!k) r.fail(key, "unknown actor kind \"" + value.get<std::string>() + "\"");
    return k;
  }

  void owners(ObjectReader& step, StepRule& rule) {
    const Json* actor = step.member("actor", true);
    if (!actor) return;
    if (actor->is_string()) {
      if (auto k = kind(step, "actor", *actor)) rule.owners.push_back({*k, 0, 200});
      return;
    }
    if (!actor->is_array() || actor->empty())
      return step.fail("actor", "must be an actor kind or a non-empty list of {kind, min_age, max_age}");
    for (std::size_t i = 0; i < actor->size(); ++i) {
      ObjectReader r = reader((*actor)[i], "actor[" + std::to_string(i) + "]");
      const Json* k = r.member("kind", true);
      auto [min_age, max_age] = ages(r);
      r.refuse_unknown();
      if (auto parsed = k ? kind(r, "kind", *k) : std::nullopt)
        rule.owners.push_back({*parsed, min_age, max_age});
    }
  }

  void due(ObjectReader& step, StepRule& rule) {
    const Json* value = step.member("due", false);
    if (!value) return;  // null or absent: no due date
    ObjectReader r = reader(*value, "due");
    auto payload = r.string("payload_date", false);
    auto unit = r.string("unit", false);
    auto amount = r.integer("amount", false);
    rule.due.roll_to_working_day = r.boolean("roll_to_working_day", false).value_or(false);
    r.refuse_unknown();
    if (!r.is_object()) return;
    if (payload) {
      const auto carried = payload_of(rule.opens_on);
      auto field = field_from(*payload);
      if (!field || !is_date_field(*field)) {
        r.fail("payload_date", "\"" + *payload + "\" is not a date field of any event");
      } else if (std::none_of(carried.begin(), carried.end(),
                              [&](const FieldSpec& s) { return s.field == *field; })) {
        r.fail("payload_date", "the opening event " + std::string(to_string(rule.opens_on)) +
                                   " does not carry \"" + *payload + "\"");
      } else {
        rule.due.on_payload_date = field;
      }
    }
    if (unit) {
      rule.due.unit = unit_from(*unit);
      if (!rule.due.unit)
        r.fail("unit", "unknown unit \"" + *unit + "\" (working_days, calendar_days, weeks, months)");
      if (!amount) r.fail("amount", "required with a unit");
    } else if (amount) {
      r.fail("unit", "required with an amount");
    } else if (!payload) {
      r.fail("", "must give a unit and amount, a payload_date, or both (null for no due date)");
    }
    if (amount && *amount < 0) r.fail("amount", "must be ≥ 0");
    if (amount) rule.due.amount = *amount;
    if (rule.due.roll_to_working_day && rule.due.unit == PeriodUnit::working_days)
      r.fail("roll_to_working_day", "only calendar days, weeks and months roll");
  }

  void applies_to(ObjectReader& step, StepRule& rule) {
    const Json* bands = step.member("applies_to", false);
    if (!bands) return;  // everyone
    if (!bands->is_array()) return step.fail("applies_to", "must be a list of age bands");
    for (std::size_t i = 0; i < bands->size(); ++i) {
      ObjectReader r = reader((*bands)[i], "applies_to[" + std::to_string(i) + "]");
      auto [min_age, max_age] = ages(r);
      bool unaccompanied = r.boolean("unaccompanied_only", false).value_or(false);
      r.refuse_unknown();
      rule.applies_to.push_back({min_age, max_age, unaccompanied});
    }
  }

  void age_on(ObjectReader& step, StepRule& rule) {
    auto text = step.string("age_on", false);
    if (!text) return;  // the opening day
    auto parsed = age_on_from(*text);
    if (!parsed) return step.fail("age_on", "unknown \"" + *text + "\" (opening_day, arrival_notice)");
    rule.age_on = *parsed;
  }

  // The keys' format here; that each names a step of the set, once the
  // whole set is read (check_unless_done).
  void unless_done(ObjectReader& step, StepRule& rule) {
    const Json* list = step.member("unless_done", false);
    if (!list) return;
    if (!list->is_array() || list->empty())
      return step.fail("unless_done", "must be a non-empty list of step keys");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string where = "unless_done[" + std::to_string(i) + "]";
      const Json& key = (*list)[i];
      if (!key.is_string() || key.get_ref<const std::string&>().empty() ||
          !is_key(key.get_ref<const std::string&>())) {
        step.fail(where, "must be a step key (lower-case a-z, 0-9 or '_')");
        continue;
      }
      StepKey parsed{key.get<std::string>()};
      if (std::find(rule.unless_done.begin(), rule.unless_done.end(), parsed) != rule.unless_done.end())
        step.fail(where, "\"" + parsed.str() + "\" is listed twice");
      else
        rule.unless_done.push_back(std::move(parsed));
    }
  }

  void closes_on(ObjectReader& step, StepRule& rule) {
    const Json* list = step.member("closes_on", true);
    if (!list) return;
    if (!list->is_array() || list->empty())
      return step.fail("closes_on", "must be a non-empty list of event types");
    for (std::size_t i = 0; i < list->size(); ++i)
      if (auto type = event_type(step, "closes_on[" + std::to_string(i) + "]", (*list)[i]))
        rule.closes_on.push_back(*type);
  }

  StepRule parse(const Json& value) {
    StepRule rule;
    ObjectReader step = reader(value, "");
    auto key = step.string("key", true);
    if (key && !is_key(*key)) step.fail("key", "must be lower-case a-z, 0-9 or '_'");
    if (key) rule.key = StepKey{*key};
    rule.title = step.string("title", true).value_or("");
    owners(step, rule);
    const Json* opens = step.member("opens_on", true);
    bool opens_ok = false;
    if (opens)
      if (auto type = event_type(step, "opens_on", *opens)) rule.opens_on = *type, opens_ok = true;
    closes_on(step, rule);
    if (opens_ok) due(step, rule);
    else step.member("due", false);  // cannot check a payload date without the opening event
    applies_to(step, rule);
    age_on(step, rule);
    rule.voluntary = step.boolean("voluntary", false).value_or(false);
    unless_done(step, rule);
    step.refuse_unknown();
    return rule;
  }
};

std::string step_prefix(const std::string& file, std::size_t index, const Json& value) {
  std::string prefix = file + ": steps[" + std::to_string(index) + "]";
  if (value.is_object()) {
    auto key = value.find("key");
    if (key != value.end() && key->is_string()) prefix += " (" + key->get<std::string>() + ")";
  }
  return prefix + ": ";
}

// Every key a rule's unless_done names is a step of the set.
void check_unless_done(const RuleSet& set, const std::vector<std::string>& prefixes,
                       std::vector<FieldError>& errors) {
  for (std::size_t i = 0; i < set.steps.size(); ++i) {
    const auto& keys = set.steps[i].unless_done;
    for (std::size_t k = 0; k < keys.size(); ++k)
      if (!set.find(keys[k]))
        errors.push_back({prefixes[i] + "unless_done[" + std::to_string(k) + "]",
                          "\"" + keys[k].str() + "\" is not a step of this rule set"});
  }
}

}  // namespace

Result<RuleSet> parse_rule_set(std::string_view text, const std::string& file_name) {
  auto parsed = parse_strict_json(text);
  if (!parsed) {
    const FieldError& where = parsed.problem().errors.front();
    return Problem::invalid(where.field == "body" ? file_name : file_name + ": " + where.field,
                            "not valid JSON: " + where.message);
  }
  const Json& doc = *parsed;
  std::vector<FieldError> errors;
  ObjectReader top(doc, file_name + ": ", "", errors);
  RuleSet set;
  auto id = top.string("id", true);
  if (id && !std::all_of(id->begin(), id->end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      }))
    top.fail("id", "must be lower-case a-z, 0-9, '-' or '_'");
  if (id) set.id = RuleSetId{*id};
  set.title = top.string("title", false).value_or(id.value_or(""));
  auto from = top.date("valid_from", true);
  set.valid_from = from.value_or(Date{});
  set.valid_to = top.date("valid_to", false);
  if (from && set.valid_to && *set.valid_to < *from) top.fail("valid_to", "is before valid_from");

  const Json* steps = top.member("steps", true);
  if (steps && !steps->is_array()) top.fail("steps", "must be a list of steps");
  std::set<std::string> keys;
  std::vector<std::string> prefixes;  // of each step, for check_unless_done
  for (std::size_t i = 0; steps && steps->is_array() && i < steps->size(); ++i) {
    const Json& value = (*steps)[i];
    StepParser parser{step_prefix(file_name, i, value), errors};
    StepRule rule = parser.parse(value);
    if (!rule.key.empty() && !keys.insert(rule.key.str()).second)
      errors.push_back({parser.prefix + "key", "duplicate step key \"" + rule.key.str() + "\""});
    set.steps.push_back(std::move(rule));
    prefixes.push_back(parser.prefix);
  }
  check_unless_done(set, prefixes, errors);
  top.refuse_unknown();
  if (!errors.empty()) return detail::config_problem(std::move(errors));
  return set;
}

}  // namespace kedja::json
