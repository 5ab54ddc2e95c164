// The parameters of GET /v1/follow-up (contract v1.1 §4), read once for the
// API and for `kedja follow-up`, so both default and refuse alike.
#pragma once

#include "domain/steps.h"
#include "server/query.h"
#include "storage/store.h"

namespace kedja::server {

// from, to, by (municipality|actor|month), step, actor, as_of; every bad
// one a Problem naming it. Defaults: as_of `today` (Europe/Stockholm); neither
// from nor to: the last 12 full months before as_of's month; only to: the
// year ending on it; only from: up to as_of; by municipality. A `step` is a
// key of some loaded rule set; an `actor` (one unit's steps only, an
// extension of contract §4 as the lists' own `actor`) one of the region's.
// Reads them from `query`, whose caller has allowed their names (and any
// of its own, such as `format`); every error `query` holds so far is in
// the Problem.
Result<storage::FollowUpQuery> follow_up_query(Query& query, const EngineContext& context, Date today);
// The same, with these six names the only ones allowed.
Result<storage::FollowUpQuery> follow_up_query(const Target& target, const EngineContext& context, Date today);

}  // namespace kedja::server
