// The JSON text of the list pages of contract §4 — GET /v1/overdue, /v1/due
// and /v1/cases — with members in the contract's order, appended to `out`:
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

}  // namespace kedja::server
