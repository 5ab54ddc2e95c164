// The parameters of GET /v1/audit (contract §4, v1.1), read once for the
// API and for the page Loggkontroll, so both default and refuse alike.
#pragma once

#include "server/query.h"
#include "storage/store.h"

namespace kedja::server {

// `case` (a case id), `token` (a token's name), `from` and `to` (civil
// dates in Europe/Stockholm, both included: the period runs from 00:00
// local time on `from` to 24:00 on `to`, whatever the clocks do between),
// `limit` (1..1000, default 100) and `cursor`. Any combination of case,
// token and period narrows the search; at least one must be given (a 400
// naming `case`). An absent `from` or `to` leaves that end open; `to`
// before `from` is a 400 naming `to`. Reads them from `query`, whose caller
// has allowed their names; every error `query` holds so far is in the
// Problem.
Result<storage::AuditQuery> audit_query(Query& query);
// The same, with these six names the only ones allowed.
Result<storage::AuditQuery> audit_query(const Target& target);

}  // namespace kedja::server
