// The web pages' work list (Att göra): one actor's steps in four tabs, with
// the case facts a nurse or an officer needs on the row (language,
// interpreter, household), filtered, sorted and offset-paged. Scoped,
// identity-hidden and audited exactly as the other lists (queries.cpp).
#include "domain/text/collation.h"
#include "storage/impl.h"
#include "storage/rows.h"
#include "storage/work_sql.h"

#include <algorithm>
#include <cassert>

namespace kedja::storage {

namespace detail {
namespace {

// A row's columns (read_work_item), with `done_on` as given.
std::string work_columns(std::string_view done_on) {
  return "s.case_id, s.given_name, s.family_name, s.birth_date, s.municipality, s.key, s.title, "
         "s.actor, s.opened_on, s.due_on, s.status, " + std::string(done_on) + ", s.late, s.working_days_late, "
         "c.language, c.interpreter_needed, c.household, s.case_num";
}

}  // namespace

const std::string& work_columns_sql(WorkTab tab) {
  static const std::string all = work_columns("s.done_on");
  // Försenade and Förfaller snart read steps_open_by_actor's columns alone
  // (migration 18): done_on is NULL on an open step (a CHECK), so the rows
  // need no lookup in the steps table.
  static const std::string open_dated = work_columns("NULL");
  return tab == WorkTab::overdue || tab == WorkTab::due_soon ? open_dated : all;
}

const char* work_tab_sql(WorkTab tab) {
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

std::string work_order_sql(const WorkQuery& q, bool hide_identity) {
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
    // By the names the page shows, in Swedish order: a rank in the bound
    // list of slugs (keys) in that order (municipality_order, step_order).
    case WorkSort::municipality:
      primary = std::string("instr(:municipality_order, ',' || s.municipality || ',')") + direction;
      break;
    case WorkSort::step:
      primary = std::string("instr(:step_order, ',' || s.key || ',')") + direction + ", s.title" + direction;
      break;
    case WorkSort::opened: primary = std::string("s.opened_on") + direction; break;
  }
  // A total order, so that a row never moves between pages of one view:
  // (case_id, ord) is unique. The tail follows the index the lists read
  // (steps_open_by_actor: actor, due_on, case_id, key, ord), so that by due
  // date, either way, SQLite reads the first rows of the index in order
  // instead of sorting each due day's rows in a temporary b-tree ("USE
  // TEMP B-TREE FOR RIGHT PART OF ORDER BY": a repeated due_on, or a tail
  // in another direction than the primary, or without key, each forced it).
  if (q.sort == WorkSort::due && (q.tab == WorkTab::overdue || q.tab == WorkTab::due_soon))
    return std::string(" ORDER BY ") + "s.due_on" + direction + ", s.case_id" + direction + ", s.key" + direction +
           ", s.ord" + direction;
  return " ORDER BY " + primary + ", s.due_on, s.case_id, s.key, s.ord";
}

}  // namespace detail

namespace {

using detail::work_columns_sql;
using detail::work_order_sql;
using detail::work_tab_sql;

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

// ",berg,bracke,…,are,ostersund,": the region's municipalities in Swedish
// order of their names (slugs hold no comma: [a-z0-9-]+).
std::string municipality_order(const Region& region) {
  std::string out = ",";
  for (const Municipality& m : text::municipalities_by_name(region)) out += m.slug + ",";
  return out;
}

// The step keys in Swedish order of their titles (a key's title in the
// latest rule set that has it).
std::string step_order(const RuleSets& sets) {
  std::map<std::string, std::string> titles;  // key → title
  for (const auto& set : sets.all())
    for (const auto& rule : set.steps) titles[rule.key.str()] = rule.title;
  std::vector<std::pair<std::string, std::string>> steps(titles.begin(), titles.end());
  std::stable_sort(steps.begin(), steps.end(),
                   [](const auto& a, const auto& b) { return text::swedish_less(a.second, b.second); });
  std::string out = ",";
  for (const auto& [key, title] : steps) out += key + ",";
  return out;
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

// The scope for one tab. An open step of the caller's own actor puts its
// case in scope whatever the person's age (contract v1.1 §4; in_scope's
// owns_open_step): on the open tabs of a list filtered to the caller's own
// actor every row is such a step, so the age terms (and their subquery per
// row) can only be true and are left out — the counts then read their
// covering index, or the kept counts, alone. The done tab keeps them: a
// closed step owns nothing.
Scope tab_scope(Scope scope, WorkTab tab, const WorkQuery& query) {
  if (tab != WorkTab::done && query.actor && scope.step_owner && *query.actor == *scope.step_owner) {
    scope.min_age.reset();
    scope.max_age.reset();
  }
  return scope;
}

ScopeFilter tab_scope_filter(const Scope& scope, WorkTab tab, const WorkQuery& query, Date today) {
  static constexpr ScopeColumns columns{"s.municipality", "s.health_centre", "s.birth_date", "s.case_num"};
  return scope_filter(tab_scope(scope, tab, query), today, columns);
}

// A tab's count from the steps: the reference the kept counts equal, and
// what a query they cannot answer reads.
std::int64_t count_from_steps(Connection& c, WorkTab tab, const Scope& scope, const WorkQuery& query,
                              const Window& window, Date today) {
  // The cases table only when a filter needs it: a tab may cover thousands of steps.
  const char* from = query.interpreter_needed ? " FROM steps s JOIN cases c ON c.num = s.case_num WHERE "
                                              : " FROM steps s WHERE ";
  const ScopeFilter scope_sql = tab_scope_filter(scope, tab, query, today);
  const Filters filters = filters_of(query, scope_sql);
  auto s = c.prepare(std::string("SELECT count(*)") + from + work_tab_sql(tab) + filters.sql);
  bind_window(s, tab, window);
  bind_filters(s, query, filters, scope_sql);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

// A tab's days in the kept counts (storage/work_counts.h), as tab_sql.
const char* kept_tab_sql(WorkTab tab) {
  switch (tab) {
    case WorkTab::overdue: return "open = 1 AND day > '' AND day < :overdue_before";
    case WorkTab::due_soon: return "open = 1 AND day >= :overdue_before AND day <= :soon_until";
    case WorkTab::undated: return "open = 1 AND day = ''";
    case WorkTab::done: return "open = 0 AND day > :done_after AND day <= :as_of";
  }
  return "0";
}

// A tab's count from the kept counts: one actor's rows of the tab's days,
// a few hundred at most. Nullopt when they cannot apply the query: no
// actor (the coordinator's and the admin's lists), a filter on the person
// (age, interpreter) or a scope by age — the counts keep no birth dates,
// as follow_up.cpp's count_scope.
std::optional<std::int64_t> kept_count(Connection& c, WorkTab tab, const Scope& scope, const WorkQuery& query,
                                       const Window& window, Date today) {
  const Scope applied = tab_scope(scope, tab, query);
  if (!query.actor || query.interpreter_needed || query.min_age || query.max_age || applied.min_age ||
      applied.max_age)
    return std::nullopt;
  static constexpr ScopeColumns columns{"municipality", "health_centre", "birth_date", "case_num"};
  const ScopeFilter scope_sql = scope_filter(applied, today, columns);  // no age terms: columns of the counts
  // Without a step chosen, the counts by day and place (migration 19): a
  // quarter of the rows.
  std::string sql = std::string("SELECT coalesce(sum(n), 0) FROM ") +
                    (query.step ? "work_counts" : "work_day_counts") + " WHERE actor = :actor AND " + kept_tab_sql(tab);
  if (query.municipality) sql += " AND municipality = :m";
  if (query.step) sql += " AND key = :step";
  auto s = c.prepare(sql + scope_sql.sql);
  s.bind(":actor", query.actor->str());
  if (query.municipality) s.bind(":m", *query.municipality);
  if (query.step) s.bind(":step", query.step->str());
  bind_scope(s, scope_sql);
  bind_window(s, tab, window);
  s.executeStep();
  return s.getColumn(0).getInt64();
}

constexpr WorkTab every_tab[] = {WorkTab::overdue, WorkTab::due_soon, WorkTab::undated, WorkTab::done};

std::int64_t& count_of(WorkCounts& counts, WorkTab tab) {
  switch (tab) {
    case WorkTab::overdue: return counts.overdue;
    case WorkTab::due_soon: return counts.due_soon;
    case WorkTab::undated: return counts.undated;
    case WorkTab::done: return counts.done;
  }
  assert(false && "a tab without a count");
  return counts.done;
}

}  // namespace

WorkPage Store::work(const Caller& caller, const WorkQuery& query, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const Calendar& calendar = impl_->context_.calendar;
  const Window window = window_of(query.as_of, calendar);
  const std::string from = " FROM steps s JOIN cases c ON c.num = s.case_num WHERE ";

  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);  // the page and its counts from one snapshot
  WorkPage page;
  for (WorkTab tab : every_tab) {
    const auto kept = kept_count(c, tab, scope, query, window, today);
    count_of(page.counts, tab) = kept ? *kept : count_from_steps(c, tab, scope, query, window, today);
  }

  const ScopeFilter scope_sql = tab_scope_filter(scope, query.tab, query, today);
  const Filters filters = filters_of(query, scope_sql);
  auto s = c.prepare(std::string("SELECT ") + work_columns_sql(query.tab) + from + work_tab_sql(query.tab) +
                     filters.sql +
                     work_order_sql(query, scope.hide_identity) + " LIMIT :limit OFFSET :offset");
  bind_window(s, query.tab, window);
  bind_filters(s, query, filters, scope_sql);
  if (query.sort == WorkSort::municipality) s.bind(":municipality_order", municipality_order(impl_->context_.region));
  if (query.sort == WorkSort::step) s.bind(":step_order", step_order(impl_->context_.rule_sets));
  s.bind(":limit", clamp_limit(query.limit));
  s.bind(":offset", std::max(0, query.offset));
  std::vector<std::int64_t> case_nums;
  case_nums.reserve(static_cast<std::size_t>(clamp_limit(query.limit)));
  page.items.reserve(case_nums.capacity());
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

WorkCounts Store::work_counts_from_steps(const Caller& caller, const WorkQuery& query, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const Window window = window_of(query.as_of, impl_->context_.calendar);
  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);
  WorkCounts counts;
  for (WorkTab tab : every_tab) count_of(counts, tab) = count_from_steps(c, tab, scope, query, window, today);
  return counts;
}

}  // namespace kedja::storage
