// The SQL of the work list (Store::work, storage/work.cpp) that decides its
// query plan, exposed so that a test can hold the plan to an index read in
// order (tests/storage/lists_test.cpp): a plan that sorts each due day's
// rows in a temporary b-tree costs the page Att göra a third of its speed
// at 1M cases (issue 13, README "The web page Att göra").
#pragma once

#include "storage/store.h"

#include <string>

namespace kedja::storage::detail {

// The row's columns for the tab (read by read_work_item): on Försenade and
// Förfaller snart from steps_open_by_actor alone (migration 18).
const std::string& work_columns_sql(WorkTab tab);
// The tab's WHERE terms on `steps s`, with :overdue_before, :soon_until,
// :done_after and :as_of for the tab's dates.
const char* work_tab_sql(WorkTab tab);
// " ORDER BY …": the view's sort, then a tail that makes it a total order
// ((case_id, ord) is unique), in the index's column order.
std::string work_order_sql(const WorkQuery& q, bool hide_identity);

}  // namespace kedja::storage::detail
