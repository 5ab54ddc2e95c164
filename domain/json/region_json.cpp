// The region file (config/region.json):
//   {"name", "accessibility_contact"?, "municipalities": [{"slug", "name", "default_health_centre",
//      "units"?: {"reception": {"id"?, "name"?, "email"?}, …},
//      "health_centres": [{"id", "name", "email"?}, …]}, …],
//    "offices": [{"id", "kind": af|mv|lst, "name", "email"?}, …]}
// "email" is the unit's functional mailbox for the morning digest
// (`kedja remind`, docs/region-file.md): a plain address, is_mailbox_address.
// A municipal unit the file does not name is "<kind>:<slug>", called e.g.
// "Mottagningsenheten Berg" (contract §1: "unless the region file names them
// otherwise").
#include "domain/json/config_json.h"
#include "domain/json/json_reader.h"
#include "domain/json/strict_json.h"

#include <array>

namespace kedja::json {
namespace {

using detail::Json;
using detail::ObjectReader;

constexpr std::array<std::pair<ActorKind, std::string_view>, 6> unit_prefixes{{
    {ActorKind::reception, "Mottagningsenheten"},
    {ActorKind::school, "Grundskolan"},
    {ActorKind::preschool, "Förskolan"},
    {ActorKind::school_health, "Elevhälsan"},
    {ActorKind::child_health, "BVC"},
    {ActorKind::sfi, "SFI"},
}};

// The optional "email" member, checked; a bad one is named.
std::optional<std::string> email_of(ObjectReader& r) {
  auto email = r.string("email", false);
  if (email && !is_mailbox_address(*email)) {
    r.fail("email", "\"" + *email + "\" is not a plain address like mottagningen@kommun.se");
    return std::nullopt;
  }
  return email;
}

struct RegionParser {
  std::string file;
  std::vector<FieldError>& errors;
  std::vector<Municipality> municipalities;
  std::vector<Actor> actors;

  void units(ObjectReader& m, const std::string& slug, const std::string& name) {
    static const Json no_units = Json::object();
    const Json* given = m.member("units", false);
    ObjectReader units(given ? *given : no_units, file + ": ", m.path("units"), errors);
    for (const auto& [kind, prefix] : unit_prefixes) {
      std::string key(to_string(kind));
      Actor actor{ActorId{key + ":" + slug}, kind, std::string(prefix) + " " + name, slug, std::nullopt};
      if (const Json* unit = units.member(key, false)) {
        ObjectReader r(*unit, file + ": ", units.path(key), errors);
        if (auto id = r.string("id", false)) actor.id = ActorId{*id};
        if (auto unit_name = r.string("name", false)) actor.name = *unit_name;
        actor.email = email_of(r);
        r.refuse_unknown();
      }
      actors.push_back(std::move(actor));
    }
    units.refuse_unknown();
  }

  void health_centres(ObjectReader& m, const std::string& slug) {
    const Json* list = m.member("health_centres", true);
    if (!list) return;
    if (!list->is_array() || list->empty())
      return m.fail("health_centres", "must be a non-empty list of {id, name}");
    for (std::size_t i = 0; i < list->size(); ++i) {
      ObjectReader r((*list)[i], file + ": ", m.path("health_centres") + "[" + std::to_string(i) + "]",
                     errors);
      auto id = r.string("id", true);
      auto name = r.string("name", true);
      auto email = email_of(r);
      r.refuse_unknown();
      if (id && name) actors.push_back({ActorId{*id}, ActorKind::hc, *name, slug, email});
    }
  }

  void municipality(const Json& value, std::size_t index) {
    ObjectReader m(value, file + ": ", "municipalities[" + std::to_string(index) + "]", errors);
    auto slug = m.string("slug", true);
    auto name = m.string("name", true);
    auto hc = m.string("default_health_centre", true);
    if (slug && name) units(m, *slug, *name);
    else m.member("units", false);
    health_centres(m, slug.value_or(""));
    m.refuse_unknown();
    if (slug && name && hc) municipalities.push_back({*slug, *name, ActorId{*hc}});
  }

  void office(const Json& value, std::size_t index) {
    ObjectReader r(value, file + ": ", "offices[" + std::to_string(index) + "]", errors);
    auto id = r.string("id", true);
    auto kind_name = r.string("kind", true);
    auto name = r.string("name", true);
    auto email = email_of(r);
    r.refuse_unknown();
    auto kind = kind_name ? actor_kind_from(*kind_name) : std::nullopt;
    if (kind_name && (!kind || is_municipal_kind(*kind) || *kind == ActorKind::hc))
      r.fail("kind", "must be af, mv or lst, not \"" + *kind_name + "\"");
    else if (id && kind && name)
      actors.push_back({ActorId{*id}, *kind, *name, std::nullopt, email});
  }
};

void each(ObjectReader& top, std::string_view key, bool required, auto&& parse) {
  const Json* list = top.member(key, required);
  if (!list) return;
  if (!list->is_array()) return top.fail(key, "must be a list");
  for (std::size_t i = 0; i < list->size(); ++i) parse((*list)[i], i);
}

}  // namespace

Result<Region> parse_region(std::string_view text, const std::string& file_name) {
  auto parsed = parse_strict_json(text);
  if (!parsed) {
    const FieldError& where = parsed.problem().errors.front();
    return Problem::invalid(where.field == "body" ? file_name : file_name + ": " + where.field,
                            "not valid JSON: " + where.message);
  }
  const Json& doc = *parsed;
  std::vector<FieldError> errors;
  ObjectReader top(doc, file_name + ": ", "", errors);
  RegionParser parser{file_name, errors, {}, {}};
  auto name = top.string("name", true);
  auto accessibility_contact = top.string("accessibility_contact", false);
  if (accessibility_contact && !is_mailbox_address(*accessibility_contact))
    top.fail("accessibility_contact",
             "\"" + *accessibility_contact + "\" is not a plain address like tillganglighet@region.se");
  each(top, "municipalities", true, [&](const Json& m, std::size_t i) { parser.municipality(m, i); });
  each(top, "offices", false, [&](const Json& o, std::size_t i) { parser.office(o, i); });
  top.refuse_unknown();
  if (!errors.empty()) return detail::config_problem(std::move(errors));

  auto region = Region::make(*name, std::move(parser.municipalities), std::move(parser.actors));
  if (!region) {
    for (const FieldError& e : region.problem().errors)
      errors.push_back({file_name + ": " + e.field, e.message});
    return detail::config_problem(std::move(errors));
  }
  region->set_accessibility_contact(std::move(accessibility_contact));
  return region;
}

}  // namespace kedja::json
