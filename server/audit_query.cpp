#include "server/audit_query.h"

#include "server/today.h"

namespace kedja::server {

Result<storage::AuditQuery> audit_query(const Target& target) {
  Query query(target);
  query.allow_only({"case", "token", "from", "to", "limit", "cursor"});
  return audit_query(query);
}

Result<storage::AuditQuery> audit_query(Query& query) {
  storage::AuditQuery q;
  if (auto id = query.text("case")) q.case_id = CaseId{*id};
  q.token = query.text("token");
  const auto from = query.date("from");
  const auto to = query.date("to");
  if (!q.case_id && !q.token && !from && !to && !query.problem())
    query.add_error("case", "required: give case, token or a period (from, to)");
  if (from && to && *to < *from) query.add_error("to", "must not be before from");
  q.limit = query.limit();
  q.cursor = query.cursor();
  if (auto problem = query.problem()) return *problem;
  // Open ends stay open: a period from the first day, or up to the last.
  if (from) q.from_utc = stockholm_day_start_utc(*from);
  if (to) q.until_utc = stockholm_period(*to, *to).until_utc;
  return q;
}

}  // namespace kedja::server
