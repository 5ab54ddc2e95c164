// The page Uppföljning's address: its Swedish parameters read through the
// API's own follow-up query (server/follow_up_query.h), so the page defaults
// and refuses exactly as GET /v1/follow-up does; only the words differ.
#include "server/follow_up_query.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"

#include <charconv>

namespace kedja::server::web {
namespace {

// The page's parameter and the API's name for it.
constexpr std::pair<std::string_view, std::string_view> api_names[] = {
    {"fran", "from"}, {"till", "to"}, {"steg", "step"}, {"datum", "as_of"}, {"per", "by"}, {"enhet", "actor"}};

std::string unknown_parameter(std::string_view name) {
  if (name.empty()) return "Adressen har en parameter utan namn";
  return "Okänd parameter i adressen (" + std::string(name) + ")";
}

// The unit whose steps the page is about by default: the caller's own
// actor, unless it is the coordinator (all the region) or admin.
std::optional<ActorId> own_unit(const Caller& caller) {
  if (caller.role == Role::coordinator || caller.role == Role::admin) return std::nullopt;
  return caller.actor;
}

std::string_view page_name(std::string_view api_name) {
  for (const auto& [page, api] : api_names)
    if (api == api_name) return page;
  return api_name;
}

// The refusal of an API field in the page's words, linked to its field.
FormError page_error(std::string_view api_field) {
  const std::string_view field = page_name(api_field);
  if (field == "fran") return {"fran", "Från och med ska vara ett datum ÅÅÅÅ-MM-DD, inte efter Till och med"};
  if (field == "till") return {"till", "Till och med ska vara ett datum ÅÅÅÅ-MM-DD, inte före Från och med"};
  if (field == "datum") return {"datum", "Bedömt per ska vara ett datum ÅÅÅÅ-MM-DD"};
  if (field == "steg") return {"steg", "Steget finns inte i regelverken – välj ett steg i listan"};
  if (field == "per") return {"per", "Välj kommun eller enhet"};
  if (field == "enhet") return {"enhet", "Enheten finns inte i regionen – välj en i listan"};
  return {"", unknown_parameter(field)};
}

}  // namespace

FollowUpView parse_follow_up(const PageCall& call) {
  FollowUpView view;
  view.by_municipality = scope_of(call.caller, call.context.region).all_cases;
  view.own_actor = own_unit(call.caller);
  Target api{"/v1/follow-up", {}};
  if (view.own_actor) api.params["actor"] = view.own_actor->str();
  for (const auto& [name, value] : call.target.params) {
    if (value.empty()) continue;  // an empty field of the form is not given
    view.given[name] = value;
    if (name == "mal") continue;
    if (name == "enhet" && value == "alla") {  // every step in the cases the caller sees
      api.params.erase("actor");
      continue;
    }
    if (name == "per") {
      if (value == "kommun" || value == "enhet") view.by_municipality = value == "kommun";
      else view.errors.push_back(page_error("by"));
      continue;
    }
    // Its dates checked here, each fault in the pages' words; the query
    // below then refuses only an order (from after to) or a limit.
    if (name == "fran" || name == "till" || name == "datum") {
      Date day{};
      if (auto problem = swedish_date_problem(value, day)) {
        const char* label = name == "fran" ? "Från och med" : name == "till" ? "Till och med" : "Bedömt per";
        view.errors.push_back({name, std::string(label) + " " + *problem});
        continue;
      }
    }
    bool known = false;
    for (const auto& [page, api_name] : api_names)
      if (page == name) {
        api.params[std::string(api_name)] = value;
        known = true;
      }
    if (!known) view.errors.push_back({"", unknown_parameter(name)});
  }
  api.params["by"] = view.by_municipality ? "municipality" : "actor";
  if (const auto mal = view.given.find("mal"); mal != view.given.end()) {
    int percent = 0;
    const auto [end, error] = std::from_chars(mal->second.data(), mal->second.data() + mal->second.size(), percent);
    if (error != std::errc() || end != mal->second.data() + mal->second.size() || percent < 1 || percent > 100)
      view.errors.push_back({"mal", "Målet ska vara ett heltal från 1 till 100 (procent)"});
    else view.target = percent / 100.0;
  }
  auto query = follow_up_query(api, call.context, call.today);
  if (!query) {
    for (const FieldError& error : query.problem().errors) {
      if (error.field == "from" && !view.given.contains("till"))  // the period then ends on as_of
        view.errors.push_back({"fran", "Från och med får inte vara efter Bedömt per när Till och med är tomt"});
      else view.errors.push_back(page_error(error.field));
    }
    return view;
  }
  view.query = *query;
  return view;
}

Url follow_up_url(const FollowUpView& view, std::string_view path) {
  Url url(path);
  for (const char* name : {"fran", "till", "per", "steg", "enhet", "mal", "datum"})
    if (const auto given = view.given.find(name); given != view.given.end()) url.param(name, given->second);
  return url;
}

}  // namespace kedja::server::web
