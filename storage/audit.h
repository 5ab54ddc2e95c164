// The audit log: who read or wrote which case, when, with which token.
//
// An append is an audit row that its event names; a case's creation, or a
// read of one case, is an audit row with a link to its case.
// A list read is an audit row naming a *read set*: the set of cases the page
// showed, stored once with a link per case, and shared by every later read
// that showed exactly the same cases. A list polled again and again (a
// health centre's overdue page) then costs one audit row a read instead of
// one row and a hundred links (see storage/README.md for the figures).
#pragma once

#include "storage/connection.h"
#include "storage/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kedja::storage {

// One audit row about the cases with these `num`s (a case listed twice is
// one read); a row about no case when `case_nums` is empty, as for an
// append, whose event names the row (events.audit_id). Returns the row's id.
std::int64_t write_audit(Connection& c, const Caller& caller, const std::string& action,
                         std::vector<std::int64_t> case_nums);

// The audit rows about a case, oldest first, `limit` a page.
Page<AuditEntry> read_audit(Connection& c, const CaseId& id, int limit,
                            const std::optional<std::string>& cursor);

// Loggkontroll (issue 14 §6): the rows `query` finds, a page; the seeded
// sample of reads of a period. What they promise: Store::audit_log and
// Store::audit_sample (storage/store.h).
Page<AuditRow> read_audit_log(Connection& c, const AuditQuery& query);
std::vector<AuditRow> read_audit_sample(Connection& c, const std::string& from_utc, const std::string& until_utc,
                                        std::uint64_t seed, int count);

}  // namespace kedja::storage
