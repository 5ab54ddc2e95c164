// GET /v1/follow-up (contract v1.1 §4): the on-time follow-up per step and
// municipality, actor or due month, as JSON or (?format=csv, Accept:
// text/csv) the CSV file of csv/lists.h. No case in it: not audited.
#include "server/csv_answers.h"
#include "server/endpoints.h"
#include "server/follow_up_query.h"
#include "server/json_mapping.h"
#include "server/list_pages.h"
#include "server/problem.h"

namespace kedja::server {
namespace {

bool known_step(const RuleSets& rule_sets, const StepKey& key) {
  for (const RuleSet& set : rule_sets.all())
    if (set.find(key)) return true;
  return false;
}

}  // namespace

Result<storage::FollowUpQuery> follow_up_query(const Target& target, const EngineContext& context, Date today) {
  Query query(target);
  query.allow_only({"from", "to", "by", "step", "actor", "as_of"});
  return follow_up_query(query, context, today);
}

Result<storage::FollowUpQuery> follow_up_query(Query& query, const EngineContext& context, Date today) {
  storage::FollowUpQuery q;
  q.as_of = query.date("as_of").value_or(today);
  const auto from = query.date("from");
  const auto to = query.date("to");
  // Neither: the last 12 full months before as_of's month. One of them: a
  // year up to `to`, or from `from` up to as_of.
  const FollowUpPeriod period = last_twelve_full_months(q.as_of);
  q.to = to ? *to : from ? q.as_of : period.to;
  q.from = from ? *from : to ? add_days(add_months(*to, -12), 1) : period.from;
  if (from && q.to < q.from) query.add_error(to ? "to" : "from", to ? "must not be before from"
                                                                     : "must not be after as_of when to is not given");
  const auto by = query.choice("by", {"municipality", "actor", "month"}).value_or("municipality");
  q.by = by == "actor" ? storage::FollowUpBy::actor
       : by == "month" ? storage::FollowUpBy::month
                       : storage::FollowUpBy::municipality;
  if (const auto step = query.text("step")) {
    if (known_step(context.rule_sets, StepKey(*step))) q.step = StepKey(*step);
    else query.add_error("step", "unknown step '" + *step + "'");
  }
  q.actor = query.actor("actor", context.region);
  if (auto problem = query.problem()) return *problem;
  return q;
}

Response get_follow_up(const Call& call) {
  Query params(call.target);
  params.allow_only({"from", "to", "by", "step", "actor", "as_of", "format"});
  const Answer answer = answer_of(call, params);
  auto query = follow_up_query(params, call.context, call.today);
  if (!query) return problem_response(query.problem());
  if (answer == Answer::csv) return follow_up_csv(call, *query);
  const auto rows = call.store.follow_up(call.caller, *query, call.today);
  Response response;
  write_follow_up(response.body, rows, *query);
  return response;
}

}  // namespace kedja::server
