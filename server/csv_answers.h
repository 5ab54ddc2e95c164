// The API's CSV answers (contract §4 "CSV for spreadsheets"): GET
// /v1/overdue, /v1/due, /v1/cases, /v1/overdue/summary and /v1/follow-up
// answer a CSV file
// (csv/lists.h) with ?format=csv, or with an Accept header that prefers
// text/csv to application/json. The file holds every page of the list, up
// to csv::max_rows rows; a longer list is a 400 naming `format` (narrow
// the list) rather than a file cut short without a word. `limit` and
// `cursor` belong to JSON pages and are refused with format=csv.
// Internal to the server target.
#pragma once

#include "server/endpoints.h"

namespace kedja::server {

enum class Answer { json, csv };

// Reads `format` (json|csv) from the query, else the Accept header;
// with csv, names `limit` and `cursor` as errors if given.
Answer answer_of(const Call& call, Query& query);

// True when an Accept header value ranks text/csv above
// application/json (q-values; a type not listed counts as q=0).
bool accept_prefers_csv(std::string_view accept);

Response overdue_csv(const Call& call, storage::OverdueQuery filter, bool hide_identity);
Response due_csv(const Call& call, storage::DueQuery filter, bool hide_identity);
Response cases_csv(const Call& call, storage::CaseQuery filter, bool hide_identity);
Response summary_csv(const Call& call, storage::SummaryBy by, Date as_of);
// GET /v1/follow-up: a few rows per group and step, never near max_rows.
Response follow_up_csv(const Call& call, const storage::FollowUpQuery& query);

}  // namespace kedja::server
