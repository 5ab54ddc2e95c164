// GET /v1/feeds/{actor}.ics (issue 16): a unit's calendar feed, read with a
// feed token of that unit — as ?token= (calendar programs cannot send an
// Authorization header; the log never shows query values) or as a Bearer
// header. Any other token, another unit's feed token, a revoked or expired
// one: 401. The feed's content is the store's (Store::feed, audited).
#include "server/endpoints.h"
#include "server/ical_feed.h"
#include "server/log.h"
#include "server/problem.h"

#include <ctime>

namespace kedja::server {

Response get_feed(const FeedCall& call) {
  Query query(call.target);
  query.allow_only({"token"});
  auto token = query.text("token");
  if (!token && call.bearer) token = std::string(*call.bearer);
  if (!token) {
    log_refused_authentication(call.request, "no feed token");
    return unauthorized_response("a feed is read with its feed token: ?token=<feed token>");
  }
  const ActorId actor{call.actor};
  const auto caller = call.store.authenticate_feed(*token, actor, call.today);
  if (!caller) {
    log_refused_authentication(call.request, "not a feed token of this feed in force");
    return unauthorized_response("the token is not a valid feed token for this feed");
  }
  if (auto problem = query.problem()) return problem_response(*problem);
  const Actor* unit = call.context.region.find_actor(actor);
  const std::string unit_name = unit ? unit->name : actor.str();
  const auto feed = call.store.feed(*caller, call.today);
  Response response;
  response.notes.token_name = caller->token_name;
  response.content_type = "text/calendar; charset=utf-8";
  response.body = to_icalendar(feed, {"Kedja – " + unit_name, unit_name, call.base_url}, std::time(nullptr));
  return response;
}

}  // namespace kedja::server
