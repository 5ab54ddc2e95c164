// The web pages' work list (Att göra): one actor's steps in four tabs, with
// the case facts a nurse or an officer needs on the row (language,
// interpreter, household), filtered, sorted and offset-paged. Scoped,
// identity-hidden and audited exactly as the other lists (queries.cpp).
#include "storage/impl.h"
#include "storage/rows.h"

#include <algorithm>

namespace kedja::storage {
namespace {

constexpr const char* work_columns =
    "s.case_id, s.given_name, s.family_name, s.birth_date, s.municipality, s.key, s.title, "
    "s.actor, s.opened_on, s.due_on, s.status, s.done_on, s.late, s.working_days_late, "
    "c.language, c.interpreter_needed, c.household, s.case_num";

// The dates that bound the tabs, worked out once per request.
struct Window {
  std::string overdue_before;  // due_on before the last working day on or before as_of
  std::string soon_until;      // the 10th working day after as_of
  std::string done_after;      // as_of − 30 days (exclusive)
  std::string as_of;
};

Window window_of(Date as_of, const Calendar& calendar) {
  // Overdue from the first working day after due_on (contract §3 v1.1), as
  // Store::overdue: due before the last working day on or before as_of.
  return {format_date(calendar.last_working_day_on_or_before(as_of)), format_date(calendar.working_days_after(as_of, 10)),
          format_date(add_days(as_of, -30)), format_date(as_of)};
}

const char* tab_sql(WorkTab tab) {
  switch (tab) {
    case WorkTab::overdue:
      return "s.status = 'open' AND s.due_on IS NOT NULL AND s.due_on < :overdue_before";
    case WorkTab::due_soon:
      return "s.status = 'open' AND s.due_on IS NOT NULL AND s.due_on >= :overdue_before "
             "AND s.due_on <= :soon_until";
    case WorkTab::undated: return "s.status = 'open' AND s.due_on IS NULL";
    case WorkTab::done:
      return "s.done_on IS NOT NULL AND s.done_on > :done_after AND s.done_on <= :as_of "
             "AND (s.status = 'done' OR s.status = 'declined')";
  }
  return "0";
}

std::string order_sql(const WorkQuery& q, bool hide_identity) {
  const char* direction = q.descending ? " DESC" : "";
  std::string primary;
  switch (q.sort) {
    case WorkSort::due:
      if (q.tab == WorkTab::undated) primary = std::string("s.opened_on") + direction;
      else if (q.tab == WorkTab::done) primary = std::string("s.done_on") + (q.descending ? "" : " DESC");
      else primary = std::string("s.due_on") + direction;
      break;
    case WorkSort::name:
      primary = hide_identity ? std::string("s.case_id") + direction
                              : std::string("s.family_name") + direction + ", s.given_name" + direction;
      break;
    // Youngest first is ascending age: the latest birth date first.
    case WorkSort::age: primary = std::string("s.birth_date") + (q.descending ? "" : " DESC"); break;
    case WorkSort::municipality: primary = std::string("s.municipality") + direction; break;
    case WorkSort::step: primary = std::string("s.title") + direction; break;
    case WorkSort::opened: primary = std::string("s.opened_on") + direction; break;
  }
  // A total order, so that a row never moves between pages of one view.
  return " ORDER BY " + primary + ", s.due_on, s.case_id, s.ord";
}

// The filters shared by the page and its counts, without the tab.
struct Filters {
  std::string sql;
  std::optional<std::string> born_by, born_after;
};

Filters filters_of(const WorkQuery& q, const ScopeFilter& scope) {
  Filters f;
  if (q.actor) f.sql += " AND s.actor = :actor";
  if (q.municipality) f.sql += " AND s.municipality = :m";
  if (q.step) f.sql += " AND s.key = :step";
  if (q.interpreter_needed) f.sql += " AND c.interpreter_needed = :interpreter";
  // Age on as_of in [min, max], as scope_filter counts birthdays.
  if (q.min_age) {
    f.sql += " AND s.birth_date <= :age_born_by";
    f.born_by = format_date(add_months(q.as_of, -12 * *q.min_age));
  }
  if (q.max_age) {
    f.sql += " AND s.birth_date > :age_born_after";
    f.born_after = format_date(add_months(q.as_of, -12 * (*q.max_age + 1)));
  }
  f.sql += scope.sql;
  return f;
}

void bind_filters(Prepared& s, const WorkQuery& q, const Filters& f, const ScopeFilter& scope) {
  if (q.actor) s.bind(":actor", q.actor->str());
  if (q.municipality) s.bind(":m", *q.municipality);
  if (q.step) s.bind(":step", q.step->str());
  if (q.interpreter_needed) s.bind(":interpreter", *q.interpreter_needed ? 1 : 0);
  if (f.born_by) s.bind(":age_born_by", *f.born_by);
  if (f.born_after) s.bind(":age_born_after", *f.born_after);
  bind_scope(s, scope);
}

void bind_window(Prepared& s, WorkTab tab, const Window& w) {
  switch (tab) {
    case WorkTab::overdue: s.bind(":overdue_before", w.overdue_before); break;
    case WorkTab::due_soon:
      s.bind(":overdue_before", w.overdue_before);
      s.bind(":soon_until", w.soon_until);
      break;
    case WorkTab::undated: break;
    case WorkTab::done:
      s.bind(":done_after", w.done_after);
      s.bind(":as_of", w.as_of);
      break;
  }
}

WorkItem read_work_item(const Row& r, Date as_of, const Calendar& calendar) {
  WorkItem item;
  item.case_id = CaseId(r.string(0));
  item.given_name = r.string(1);
  item.family_name = r.string(2);
  item.birth_date = r.date(3);
  item.municipality = r.string(4);
  item.step = StepKey(r.string(5));
  item.title = r.string(6);
  item.actor = ActorId(r.string(7));
  item.opened_on = r.date(8);
  item.due_on = r.optional_date(9);
  item.status = r.enumeration<StepStatus, 4>(10);
  item.done_on = r.optional_date(11);
  item.late = r.integer(12) != 0;
  item.working_days_late = static_cast<int>(r.integer(13));
  item.language = r.string(14);
  item.interpreter_needed = r.integer(15) != 0;
  item.household = r.optional_string(16);
  if (item.status == StepStatus::open && item.due_on) {
    item.working_days_overdue = calendar.working_days_between(*item.due_on, as_of);
    item.working_days_left = calendar.working_days_between(as_of, *item.due_on);
  }
  return item;
}

// The scope's SQL for one tab. An open step of the caller's own actor puts
// its case in scope whatever the person's age (contract v1.1 §4; in_scope's
// owns_open_step): on the open tabs of a list filtered to the caller's own
// actor every row is such a step, so the age terms (and their subquery per
// row) can only be true and are left out — the counts then read their
// covering index alone. The done tab keeps them: a closed step owns nothing.
ScopeFilter tab_scope(Scope scope, WorkTab tab, const WorkQuery& query, Date today) {
  static constexpr ScopeColumns columns{"s.municipality", "s.health_centre", "s.birth_date", "s.case_num"};
  if (tab != WorkTab::done && query.actor && scope.step_owner && *query.actor == *scope.step_owner) {
    scope.min_age.reset();
    scope.max_age.reset();
  }
  return scope_filter(scope, today, columns);
}

}  // namespace

WorkPage Store::work(const Caller& caller, const WorkQuery& query, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const Calendar& calendar = impl_->context_.calendar;
  const Window window = window_of(query.as_of, calendar);
  const std::string from = " FROM steps s JOIN cases c ON c.num = s.case_num WHERE ";
  // The counts read the cases table only when a filter needs it: a tab's
  // count may cover thousands of steps.
  const std::string count_from = query.interpreter_needed ? from : " FROM steps s WHERE ";

  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);  // the page and its counts from one snapshot
  WorkPage page;
  std::int64_t* counts[] = {&page.counts.overdue, &page.counts.due_soon, &page.counts.undated,
                            &page.counts.done};
  for (WorkTab tab : {WorkTab::overdue, WorkTab::due_soon, WorkTab::undated, WorkTab::done}) {
    const ScopeFilter scope_sql = tab_scope(scope, tab, query, today);
    const Filters filters = filters_of(query, scope_sql);
    auto s = c.prepare(std::string("SELECT count(*)") + count_from + tab_sql(tab) + filters.sql);
    bind_window(s, tab, window);
    bind_filters(s, query, filters, scope_sql);
    s.executeStep();
    *counts[static_cast<int>(tab)] = s.getColumn(0).getInt64();
  }

  const ScopeFilter scope_sql = tab_scope(scope, query.tab, query, today);
  const Filters filters = filters_of(query, scope_sql);
  auto s = c.prepare(std::string("SELECT ") + work_columns + from + tab_sql(query.tab) + filters.sql +
                     order_sql(query, scope.hide_identity) + " LIMIT :limit OFFSET :offset");
  bind_window(s, query.tab, window);
  bind_filters(s, query, filters, scope_sql);
  s.bind(":limit", clamp_limit(query.limit));
  s.bind(":offset", std::max(0, query.offset));
  std::vector<std::int64_t> case_nums;
  const Row row(s);
  while (s.executeStep()) {
    WorkItem item = read_work_item(row, query.as_of, calendar);
    case_nums.push_back(row.integer(17));
    if (scope.hide_identity) {
      hide_identity(item.given_name, item.family_name, item.birth_date);
      item.household.reset();
    }
    page.items.push_back(std::move(item));
  }
  s.tryReset();
  std::sort(case_nums.begin(), case_nums.end());
  case_nums.erase(std::unique(case_nums.begin(), case_nums.end()), case_nums.end());
  impl_->audit_read(caller, "list work", std::move(case_nums));
  return page;
}

}  // namespace kedja::storage
