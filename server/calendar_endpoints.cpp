// GET /v1/calendar/non-working-days and /v1/calendar/add-working-days.
#include "domain/calendar.h"
#include "server/endpoints.h"
#include "server/json_mapping.h"
#include "server/problem.h"

namespace kedja::server {

Response get_non_working_days(const Call& call) {
  Query query(call.target);
  query.allow_only({"year"});
  const auto year = query.integer("year", Calendar::first_year, Calendar::last_year);
  if (!query.text("year")) query.add_error("year", "required");
  if (auto problem = query.problem()) return problem_response(*problem);

  Json items = Json::array();
  for (const auto& day : non_working_days_of(*year))
    items.push_back({{"date", format_date(day.date)}, {"name", std::string(day.name)}});
  return json_response(200, {{"year", *year}, {"items", std::move(items)}});
}

Response get_add_working_days(const Call& call) {
  constexpr int max_days = 10000;  // some forty years of working days
  Query query(call.target);
  query.allow_only({"from", "days"});
  const auto from = query.date("from");
  const auto days = query.integer("days", 0, max_days);
  if (!query.text("from")) query.add_error("from", "required");
  if (!query.text("days")) query.add_error("days", "required");
  if (auto problem = query.problem()) return problem_response(*problem);

  // A result after DateRange is refused however it is reached: from
  // 2199-12-31 with 0 days lands on 2200-01-02 (nyårsafton is no working day).
  const auto result = call.context.calendar.working_days_after_in_range(*from, *days);
  if (!result)
    return invalid_response("days", "the result would lie after " + format_date(DateRange::last()) +
                                        " (dates lie in " + DateRange::text() + ")");
  return json_response(200, {{"date", format_date(*result)}});
}

}  // namespace kedja::server
