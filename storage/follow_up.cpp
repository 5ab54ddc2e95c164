// The overdue summary and the follow-up (contract v1.1 §4), read from the
// step counts (storage/step_counts.h) rather than from the steps: the rows
// read grow with groups × due days, not with cases.
#include "storage/impl.h"
#include "storage/rows.h"

#include <map>
#include <utility>

namespace kedja::storage {

std::size_t overdue_bucket(int working_days_overdue) {
  if (working_days_overdue <= 5) return 0;
  if (working_days_overdue <= 10) return 1;
  if (working_days_overdue <= 20) return 2;
  return 3;
}

namespace {

// The caller's scope as a filter on the counts' columns (see store.h), or
// nullopt when the counts cannot apply it: a scope with an age range today
// (school, preschool, school and child health, sfi) depends on each case's
// birth date, which the counts do not keep. Those read the steps instead.
struct CountScope {
  std::string sql;
  std::optional<std::string> municipality, health_centre;
};

std::optional<CountScope> count_scope(const Scope& scope) {
  CountScope filter;
  if (scope.all_cases) return filter;
  if (scope.min_age || scope.max_age || scope.step_owner) return std::nullopt;
  if (!scope.municipality && !scope.health_centre) {
    filter.sql = " AND 0";  // a scope that names nothing sees nothing
    return filter;
  }
  if (scope.municipality) {
    filter.sql += " AND municipality = :scope_m";
    filter.municipality = scope.municipality;
  }
  if (scope.health_centre) {
    filter.sql += " AND health_centre = :scope_hc";
    filter.health_centre = scope.health_centre->str();
  }
  return filter;
}

void bind_count_scope(Prepared& s, const CountScope& filter) {
  if (filter.municipality) s.bind(":scope_m", *filter.municipality);
  if (filter.health_centre) s.bind(":scope_hc", *filter.health_centre);
}

// Due dates repeat row after row (the counts are ordered by due day): parse
// each once.
class DueDates {
 public:
  Date parse(const Row& row, int column) {
    const std::string_view text = row.text(column);
    if (text != last_text_) {
      last_ = row.date(column);
      last_text_.assign(text);
    }
    return last_;
  }

 private:
  std::string last_text_;
  Date last_{};
};

StepStatus counted_status(std::string_view text) {
  if (text == "open") return StepStatus::open;
  if (text == "done") return StepStatus::done;
  if (text == "declined") return StepStatus::declined;
  throw StorageError("corrupt row: step_counts.status '" + std::string(text) + "'");
}

}  // namespace

std::vector<SummaryRow> Store::summary(const Caller& caller, SummaryBy by, Date as_of, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const auto counts = count_scope(scope);
  const char* group = by == SummaryBy::municipality ? "municipality" : "actor";
  const Calendar& calendar = impl_->context_.calendar;
  Connection& c = impl_->reader();
  // Either query gives (due_on, group, step, n), due before the last
  // working day on or before as_of, as the overdue list counts.
  std::string sql;
  ScopeFilter filter;
  if (counts) {
    sql = std::string("SELECT due_on, ") + group +
          ", key, n FROM step_counts WHERE status = 'open' AND due_on < :overdue_before" + counts->sql;
  } else {
    // An age-ranged scope, applied as the overdue list applies it: the open
    // steps of the unit's municipality, counted per due day.
    filter = scope_filter(scope, today, step_scope_columns);
    sql = std::string("SELECT due_on, ") + group +
          ", key, count(*) FROM steps WHERE status = 'open' AND due_on IS NOT NULL AND due_on < :overdue_before" +
          filter.sql + " GROUP BY 1, 2, 3";
  }
  auto s = c.prepare(sql);
  if (counts) bind_count_scope(s, *counts);
  else bind_scope(s, filter);
  s.bind(":overdue_before", format_date(calendar.last_working_day_on_or_before(as_of)));
  std::map<std::pair<std::string, std::string>, SummaryRow> rows;
  DueDates dates;
  const Row row(s);
  while (s.executeStep()) {
    const Date due_on = dates.parse(row, 0);
    auto [at, added] = rows.try_emplace({row.string(1), row.string(2)});
    SummaryRow& summary = at->second;
    if (added) {
      summary.group = at->first.first;
      summary.step = StepKey(at->first.second);
      summary.oldest_due_on = due_on;
    }
    const std::int64_t n = row.integer(3);
    summary.overdue += n;
    summary.oldest_due_on = std::min(summary.oldest_due_on, due_on);
    summary.buckets[overdue_bucket(calendar.working_days_between(due_on, as_of))] += n;
  }
  std::vector<SummaryRow> out;
  out.reserve(rows.size());
  for (auto& [key, summary] : rows) out.push_back(std::move(summary));
  return out;
}

namespace {

// One range of counts: the daily table's days or the monthly table's months.
struct CountRange {
  const char* table;   // step_counts or step_counts_monthly
  const char* column;  // due_on or due_month
  const char* statuses;
  std::string first, last;  // inclusive
};

// [from, to] as ranges of counts: open steps by day (their outcome depends
// on as_of); done and declined ones by month for the whole months inside
// the period, by day for the part months at its ends.
std::vector<CountRange> count_ranges(Date from, Date to) {
  std::vector<CountRange> ranges;
  auto days = [&](const char* statuses, Date a, Date b) {
    if (a <= b) ranges.push_back({"step_counts", "due_on", statuses, format_date(a), format_date(b)});
  };
  const char* closed = "('done', 'declined')";
  days("('open')", from, to);
  const date::year_month_day f{from}, t{to};
  const Date first_whole = f.day() == date::day{1} ? from : Date{(f.year() / f.month() + date::months{1}) / 1};
  const Date after_last = Date{(t.year() / t.month() + date::months{1}) / 1};
  const Date last_whole_end = to == after_last - date::days{1} ? to : Date{t.year() / t.month() / 1} - date::days{1};
  if (first_whole > last_whole_end) {
    days(closed, from, to);
    return ranges;
  }
  days(closed, from, first_whole - date::days{1});
  ranges.push_back({"step_counts_monthly", "due_month", closed, month_of(first_whole), month_of(last_whole_end)});
  days(closed, last_whole_end + date::days{1}, to);
  return ranges;
}

}  // namespace

std::vector<FollowUpRow> Store::follow_up(const Caller& caller, const FollowUpQuery& query, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const auto counts = count_scope(scope);
  const Calendar& calendar = impl_->context_.calendar;
  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);  // every range from one snapshot
  std::map<std::pair<std::string, std::string>, FollowUpFigures> rows;
  if (query.from > query.to) return {};
  // Each range's query gives (due_on or due_month, municipality, actor, key,
  // status, late, working_days_late, n).
  auto add_rows = [&](Prepared& s) {
    DueDates dates;
    const Row row(s);
    while (s.executeStep()) {
      const StepStatus status = counted_status(row.text(4));
      // Done and declined steps count the same whatever the day (monthly
      // rows carry no day): only an open step's outcome needs its due_on.
      const Date due_on = status == StepStatus::open ? dates.parse(row, 0) : query.as_of;
      const auto counted = follow_up_outcome(status, due_on, row.integer(5) != 0,
                                             static_cast<int>(row.integer(6)), query.as_of, calendar);
      if (!counted) continue;
      std::string group;
      switch (query.by) {
        case FollowUpBy::municipality: group = row.string(1); break;
        case FollowUpBy::actor: group = row.string(2); break;
        case FollowUpBy::month: group = std::string(row.text(0).substr(0, 7)); break;
      }
      rows[{std::move(group), row.string(3)}].add(*counted, row.integer(7));
    }
  };
  if (counts) {
    for (const CountRange& range : count_ranges(query.from, query.to)) {
      std::string sql = std::string("SELECT ") + range.column + ", municipality, actor, key, status, late, " +
          "working_days_late, n FROM " + range.table + " WHERE status IN " + range.statuses + " AND " +
          range.column + " BETWEEN :first AND :last" + counts->sql;
      if (query.step) sql += " AND key = :step";
      auto s = c.prepare(sql);
      s.bind(":first", range.first);
      s.bind(":last", range.last);
      if (query.step) s.bind(":step", query.step->str());
      bind_count_scope(s, *counts);
      add_rows(s);
    }
  } else {
    // An age-ranged scope, applied as the lists apply it (age today, or an
    // open step the unit owns): the steps of its municipality in the period.
    const ScopeFilter filter = scope_filter(scope, today, step_scope_columns);
    std::string sql =
        "SELECT due_on, municipality, actor, key, status, late, working_days_late, count(*) FROM steps "
        "WHERE due_on BETWEEN :first AND :last AND status <> 'cancelled'" + filter.sql;
    if (query.step) sql += " AND key = :step";
    sql += " GROUP BY 1, 2, 3, 4, 5, 6, 7";
    auto s = c.prepare(sql);
    s.bind(":first", format_date(query.from));
    s.bind(":last", format_date(query.to));
    if (query.step) s.bind(":step", query.step->str());
    bind_scope(s, filter);
    add_rows(s);
  }
  std::vector<FollowUpRow> out;
  out.reserve(rows.size());
  for (auto& [key, figures] : rows) out.push_back({key.first, StepKey(key.second), std::move(figures)});
  return out;
}

}  // namespace kedja::storage
