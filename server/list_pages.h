// The JSON text of the list pages of contract §4 — GET /v1/overdue, /v1/due,
// /v1/cases, /v1/overdue/summary and /v1/follow-up — with members in the contract's order, appended to `out`:
// a Response body, or what `kedja --format json` pretty-prints, so both
// show the same page.
#pragma once

#include "storage/store.h"

#include <string>

namespace kedja::server {

// {"as_of","items","next_cursor"}
void write_overdue_page(std::string& out, const storage::Page<storage::StepItem>& page, Date as_of,
                        bool hide_identity);
// {"from","to","items","next_cursor"}
void write_due_page(std::string& out, const storage::Page<storage::StepItem>& page, Date from,
                    Date to, bool hide_identity);
// {"items","next_cursor"}
void write_cases_page(std::string& out, const storage::Page<storage::CaseSummary>& page,
                      bool hide_identity);

// {"as_of","rows"}: each row {"municipality" or "actor","step","overdue",
// "oldest_due_on","buckets":{"1-5","6-10","11-20","21+"}}.
void write_summary(std::string& out, const std::vector<storage::SummaryRow>& rows, storage::SummaryBy by,
                   Date as_of);
// {"from","to","as_of","rows"}: each row {"municipality", "actor" or "month",
// "step","on_time","late","declined","pending","share_on_time",
// "median_working_days_late"} (the last two null when undefined).
void write_follow_up(std::string& out, const std::vector<storage::FollowUpRow>& rows,
                     const storage::FollowUpQuery& query);

}  // namespace kedja::server
