// The endpoint groups behind the handler (internal to the server target).
#pragma once

#include "domain/access.h"
#include "server/handler.h"
#include "server/query.h"

namespace kedja::server {

// One authenticated request, with what every endpoint needs.
struct Call {
  const Request& request;
  const Target& target;
  const Caller& caller;
  storage::Store& store;
  const EngineContext& context;
  Date today;
};

// case_endpoints.cpp
Response post_case(const Call& call);
Response post_households(const Call& call);  // issue 14 §1: a household, one write
Response get_case(const Call& call, const CaseId& id);
Response post_event(const Call& call, const CaseId& id);

// A `step_declined` naming a step no rule set has: an error naming `step`
// (after `prefix`) is added to `errors`. Shared with the web pages.
void check_step_key(const Event& event, const RuleSets& rule_sets, const std::string& prefix,
                    std::vector<FieldError>& errors);

// list_endpoints.cpp
Response get_actors(const Call& call);
Response list_cases(const Call& call);
Response get_overdue(const Call& call);
Response get_due(const Call& call);
Response get_overdue_summary(const Call& call);
Response get_audit(const Call& call);

// follow_up_endpoint.cpp (its query: server/follow_up_query.h)
Response get_follow_up(const Call& call);

// token_endpoints.cpp (admin only)
Response get_tokens(const Call& call);
Response post_token(const Call& call);
Response delete_token(const Call& call, const std::string& name);

// feed_endpoint.cpp: a calendar feed, read with a feed token (not a Call:
// the feed's own token is checked there, and no API token is accepted).
struct FeedCall {
  const Request& request;
  const Target& target;
  std::optional<std::string_view> bearer;  // an Authorization: Bearer token, if sent
  std::string actor;                       // from the path, %-decoded
  storage::Store& store;
  const EngineContext& context;
  Date today;
  const std::string& base_url;
};
Response get_feed(const FeedCall& call);

// calendar_endpoints.cpp
Response get_non_working_days(const Call& call);
Response get_add_working_days(const Call& call);

}  // namespace kedja::server
