// The overdue summary and the follow-up (contract v1.1 §4), read from the
// step histograms (storage/step_histograms.h) for the whole region — the
// coordinator's front page: one row per municipality × step, as many at 10k
// cases as at 1M — and from the step counts (storage/step_counts.h) for a
// unit's scope or a grouping by actor, whose rows grow with groups × due
// days, not with cases. Either way no step is read.
#include "domain/text/collation.h"
#include "storage/impl.h"
#include "storage/rows.h"
#include "storage/step_histograms.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

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

// A histogram value of an open step: its due day, as days since 1970-01-01.
Date epoch_day(std::int32_t value) { return Date{date::days{value}}; }
std::int32_t epoch_value(Date day) { return static_cast<std::int32_t>(day.time_since_epoch().count()); }

StepStatus counted_status(std::string_view text) {
  if (text == "open") return StepStatus::open;
  if (text == "done") return StepStatus::done;
  if (text == "declined") return StepStatus::declined;
  throw StorageError("corrupt row: step_counts.status '" + std::string(text) + "'");
}

// The first due day of each overdue bucket but the oldest, as histogram
// values: a step due on or after starts[b] and before overdue_before is in
// bucket b or a lower one (1–5 working days overdue before 6–10, …). The
// working days overdue only fall as the due day moves later, so each start
// is found once a request, walking back from as_of, and a histogram entry
// is then bucketed by comparing its value (at 1M demo cases the summary
// counted the working days of 2,600 entries a request).
std::array<std::int32_t, overdue_bucket_names.size() - 1> bucket_starts(Date as_of, const Calendar& calendar) {
  std::array<std::int32_t, overdue_bucket_names.size() - 1> starts{};
  Date day = as_of;
  for (std::size_t b = 0; b < starts.size(); ++b) {
    // The earliest day still in bucket b: the day before it is in a later one.
    while (overdue_bucket(calendar.working_days_between(day - date::days{1}, as_of)) <= b) day -= date::days{1};
    starts[b] = epoch_value(day);
  }
  return starts;
}

// The whole region's summary by municipality, from the open steps'
// histograms of due days.
std::vector<SummaryRow> region_summary(Connection& c, Date as_of, const Calendar& calendar) {
  const Date overdue_before = calendar.last_working_day_on_or_before(as_of);
  const auto starts = bucket_starts(as_of, calendar);
  auto s = c.prepare("SELECT municipality, key, counts FROM step_histograms WHERE status = 'open' AND due_month = ''");
  std::vector<SummaryRow> out;  // in (municipality, key) order, as the primary key gives them
  const Row row(s);
  while (s.executeStep()) {
    SummaryRow summary;
    // Only the due days before overdue_before: a prefix, the entries being
    // in order, the oldest (the last bucket) first.
    const auto overdue = histogram_below(row.blob(2), epoch_value(overdue_before));
    std::size_t bucket = starts.size();
    read_histogram(overdue, [&](std::int32_t value, std::uint32_t n) {
      if (summary.overdue == 0) summary.oldest_due_on = epoch_day(value);
      summary.overdue += n;
      while (bucket > 0 && value >= starts[bucket - 1]) --bucket;
      summary.buckets[bucket] += n;
    });
    if (summary.overdue == 0) continue;
    summary.group = row.string(0);
    summary.step = StepKey(row.string(1));
    out.push_back(std::move(summary));
  }
  return out;
}

// The rows of the summary and the follow-up by their group's Swedish name:
// municipalities and units as a Swede looks for them (Åre and Östersund
// after Strömsund), not by slug or id (contract §4 is silent; README); two
// groups of one name by their slug or id. Within a group the rows keep the
// order they came in: the steps in key order; due months (by=month) are
// not sorted by this at all.
//
// The callers' rows come grouped (from the histograms' primary key or a
// map keyed by group and step), so a group is looked up only where it
// changes and only the few distinct groups are compared by name; each row
// is then moved once, by its group's rank. At 1M demo cases the summary's
// 131 rows had cost more to order than to read (callgrind).
template <typename Rows>
void in_swedish_order(Rows& rows, bool by_municipality, const Region& region) {
  struct Group {
    std::string_view id;
    std::string_view name;
    std::size_t rows = 0;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string_view, std::size_t> index;  // group id → its place in groups
  std::vector<std::size_t> group_of(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string_view id = rows[i].group;
    if (i > 0 && id == groups[group_of[i - 1]].id) {
      group_of[i] = group_of[i - 1];
    } else {
      auto [found, added] = index.try_emplace(id, groups.size());
      if (added) {
        std::string_view name = id;
        if (by_municipality) {
          if (const Municipality* m = region.find_municipality(id)) name = m->name;
        } else if (const Actor* a = region.find_actor(ActorId{std::string(id)})) {
          name = a->name;
        }
        groups.push_back({id, name});
      }
      group_of[i] = found->second;
    }
    ++groups[group_of[i]].rows;
  }
  std::vector<std::size_t> by_name(groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) by_name[g] = g;
  std::sort(by_name.begin(), by_name.end(), [&](std::size_t a, std::size_t b) {
    const int names = text::swedish_compare(groups[a].name, groups[b].name);
    return names != 0 ? names < 0 : groups[a].id < groups[b].id;
  });
  // Each group's first place in the ordered rows, then each row to its place.
  std::vector<std::size_t> next(groups.size());
  std::size_t place = 0;
  for (const std::size_t g : by_name) {
    next[g] = place;
    place += groups[g].rows;
  }
  Rows sorted(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) sorted[next[group_of[i]]++] = std::move(rows[i]);
  rows = std::move(sorted);
}

}  // namespace

std::vector<SummaryRow> Store::summary(const Caller& caller, SummaryBy by, Date as_of, Date today,
                                       const std::optional<ActorId>& actor) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const Calendar& calendar = impl_->context_.calendar;
  Connection& c = impl_->reader();
  if (scope.all_cases && by == SummaryBy::municipality && !actor) {  // the histograms keep no actor
    auto rows = region_summary(c, as_of, calendar);
    in_swedish_order(rows, true, impl_->context_.region);
    return rows;
  }
  const auto counts = count_scope(scope);
  const char* group = by == SummaryBy::municipality ? "municipality" : "actor";
  // Either query gives (due_on, group, step, n), due before the last
  // working day on or before as_of, as the overdue list counts.
  std::string sql;
  ScopeFilter filter;
  if (counts) {
    sql = std::string("SELECT due_on, ") + group +
          ", key, n FROM step_counts WHERE status = 'open' AND due_on < :overdue_before" + counts->sql +
          (actor ? " AND actor = :actor" : "");
  } else {
    // An age-ranged scope, applied as the overdue list applies it: the open
    // steps of the unit's municipality, counted per due day.
    filter = scope_filter(scope, today, step_scope_columns);
    sql = std::string("SELECT due_on, ") + group +
          ", key, count(*) FROM steps WHERE status = 'open' AND due_on IS NOT NULL AND due_on < :overdue_before" +
          filter.sql + (actor ? " AND actor = :actor" : "") + " GROUP BY 1, 2, 3";
  }
  auto s = c.prepare(sql);
  if (counts) bind_count_scope(s, *counts);
  else bind_scope(s, filter);
  if (actor) s.bind(":actor", actor->str());
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
  in_swedish_order(out, by == SummaryBy::municipality, impl_->context_.region);
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

namespace {

// The figures of one group × step while rows are added: counts in place,
// the late ones' working days in an array (a map insertion per histogram
// entry cost more than reading the entry), made FollowUpFigures at the end.
class Tally {
 public:
  void add(const FollowUpCount& count, std::int64_t n) {
    if (count.outcome != FollowUpOutcome::late || count.working_days_late < 0 ||
        count.working_days_late >= dense_limit) {
      figures_.add(count, n);
      return;
    }
    const auto days = static_cast<std::size_t>(count.working_days_late);
    if (days >= late_by_days_.size()) late_by_days_.resize(days + 1);
    late_by_days_[days] += n;
  }
  FollowUpFigures figures() && {
    for (std::size_t days = 0; days < late_by_days_.size(); ++days)
      if (late_by_days_[days] > 0)
        figures_.add({FollowUpOutcome::late, static_cast<int>(days)}, late_by_days_[days]);
    return std::move(figures_);
  }

 private:
  static constexpr int dense_limit = 1024;  // working days late kept in the array; rarer ones in the map
  FollowUpFigures figures_;
  std::vector<std::int64_t> late_by_days_;
};

// (group, step) → tally, found by string_views without making the key's
// strings for every row read.
struct GroupLess {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    const std::string_view a1 = a.first, b1 = b.first;
    if (a1 != b1) return a1 < b1;
    return std::string_view(a.second) < std::string_view(b.second);
  }
};

class Tallies {
 public:
  Tally& operator[](std::pair<std::string_view, std::string_view> key) {
    auto found = map_.find(key);
    if (found == map_.end())
      found = map_.emplace(std::pair<std::string, std::string>(key.first, key.second), Tally{}).first;
    return found->second;
  }
  auto begin() { return map_.begin(); }
  auto end() { return map_.end(); }
  std::size_t size() const { return map_.size(); }

 private:
  std::map<std::pair<std::string, std::string>, Tally, GroupLess> map_;
};

std::string follow_up_group(FollowUpBy by, std::string_view municipality, std::string_view actor, Date due_on) {
  switch (by) {
    case FollowUpBy::municipality: return std::string(municipality);
    case FollowUpBy::actor: return std::string(actor);
    case FollowUpBy::month: return month_of(due_on);
  }
  return {};
}

// A histogram of done or declined steps (step_histograms.h: by working
// days late, 0 on time and for every declined one) added to a tally.
void add_closed(Tally& tally, std::string_view status, std::span<const unsigned char> counts) {
  const bool declined = counted_status(status) == StepStatus::declined;
  read_histogram(counts, [&](std::int32_t value, std::uint32_t n) {
    if (declined) tally.add({FollowUpOutcome::declined, 0}, n);
    else if (value > 0) tally.add({FollowUpOutcome::late, value}, n);
    else tally.add({FollowUpOutcome::on_time, 0}, n);
  });
}

// The query's own filters, a step and a unit, as SQL on the columns key
// and actor (named through `table.` when given), and their values bound.
std::string query_filter(const FollowUpQuery& q, std::string_view table = "") {
  std::string sql;
  if (q.step) sql.append(" AND ").append(table).append("key = :step");
  if (q.actor) sql.append(" AND ").append(table).append("actor = :actor");
  return sql;
}

void bind_query_filter(Prepared& s, const FollowUpQuery& q) {
  if (q.step) s.bind(":step", q.step->str());
  if (q.actor) s.bind(":actor", q.actor->str());
}

// The whole region by municipality or month, from the step histograms:
// open steps by due day, done and declined ones by whole month; the part
// months at the period's ends from the daily step counts (`add_days`).
void region_follow_up(Connection& c, const FollowUpQuery& q, const Calendar& calendar, Tallies& tallies,
                      const std::function<void(const CountRange&)>& add_days) {
  const std::string step_filter = q.step ? " AND key = :step" : "";
  {
    auto s = c.prepare("SELECT municipality, key, counts FROM step_histograms WHERE status = 'open' AND "
                       "due_month = ''" + step_filter);
    if (q.step) s.bind(":step", q.step->str());
    const Row row(s);
    while (s.executeStep()) {
      const std::string_view municipality = row.text(0);
      Tally* by_municipality = nullptr;  // one group for the whole row
      read_histogram(row.blob(2), [&](std::int32_t value, std::uint32_t n) {
        const Date due_on = epoch_day(value);
        if (due_on < q.from || due_on > q.to) return;
        const auto counted = follow_up_outcome(StepStatus::open, due_on, false, 0, q.as_of, calendar);
        if (q.by == FollowUpBy::month) {
          tallies[{month_of(due_on), row.text(1)}].add(*counted, n);
        } else {
          if (!by_municipality) by_municipality = &tallies[{municipality, row.text(1)}];
          by_municipality->add(*counted, n);
        }
      });
    }
  }
  for (const CountRange& range : count_ranges(q.from, q.to)) {
    if (std::string_view(range.statuses) == "('open')") continue;  // read above
    if (std::string_view(range.table) == "step_counts") {
      add_days(range);
      continue;
    }
    auto s = c.prepare("SELECT due_month, municipality, key, status, counts FROM step_histograms WHERE "
                       "status IN ('done', 'declined') AND due_month BETWEEN :first AND :last" + step_filter);
    s.bind(":first", range.first);
    s.bind(":last", range.last);
    if (q.step) s.bind(":step", q.step->str());
    const Row row(s);
    while (s.executeStep()) {
      add_closed(tallies[{q.by == FollowUpBy::month ? row.text(0) : row.text(1), row.text(2)}], row.text(3),
                 row.blob(4));
    }
  }
}

// A scope's birth range (born_after, born_on_or_before] — either end may be
// open — as the whole months inside it and the part ranges at its ends.
struct BirthMonths {
  std::string first_whole, last_whole;                     // 'YYYY-MM', inclusive; none when first > last
  std::vector<std::pair<std::string, std::string>> parts;  // inclusive birth_date ranges
};

BirthMonths birth_months(const ScopeFilter& filter) {
  const Date start = filter.born_after ? *parse_date(*filter.born_after) + date::days{1} : Date{date::year{1} / 1 / 1};
  const Date until = filter.born_on_or_before ? *parse_date(*filter.born_on_or_before)
                                              : Date{date::year{9999} / 12 / 31};
  const date::year_month_day s{start}, u{until};
  const Date whole_start = s.day() == date::day{1} ? start : Date{(s.year() / s.month() + date::months{1}) / 1};
  const Date whole_end =
      Date{u.year() / u.month() / date::last} == until ? until : Date{u.year() / u.month() / 1} - date::days{1};
  BirthMonths out;
  if (whole_start > whole_end) {  // inside one month, or across the end of one
    out.first_whole = "9999-99", out.last_whole = "0000-00";
    out.parts.emplace_back(format_date(start), format_date(until));
    return out;
  }
  out.first_whole = month_of(whole_start), out.last_whole = month_of(whole_end);
  if (whole_start > start) out.parts.emplace_back(format_date(start), format_date(whole_start - date::days{1}));
  if (whole_end < until) out.parts.emplace_back(format_date(whole_end + date::days{1}), format_date(until));
  return out;
}

// The follow-up of a unit whose scope is an age range today (school,
// preschool, school and child health, sfi), for a period of whole months,
// in four disjoint parts whose union is the steps the scope's filter
// (scope_filter) keeps — of its municipality, born inside the range, or of
// a case on which the unit owns an open step:
//   1. done and declined steps of the birth months wholly inside the range,
//      from step_histograms_by_birth_month, one index range a due month;
//   2. done and declined steps of the part months at the range's ends,
//      from the cases born then (cases_municipality_birth) and their steps;
//   3. done and declined steps of the cases outside the range on which the
//      unit owns an open step;
//   4. open steps, whose outcome depends on as_of, from the open steps of
//      the municipality (steps_open_by_municipality), filtered as the lists.
// Returns false, having read nothing, when the period has a part month (the
// caller then reads the steps, as it did for every period before).
bool age_ranged_follow_up(Connection& c, const FollowUpQuery& q, const ScopeFilter& filter, Tallies& tallies,
                          const std::function<void(Prepared&)>& add_rows) {
  const date::year_month_day from{q.from}, to{q.to};
  const date::year_month last_month{to.year(), to.month()};
  if (from.day() != date::day{1} || Date{last_month / date::last} != q.to || !filter.municipality) return false;
  const std::string step = query_filter(q);
  const std::string first = format_date(q.from), last = format_date(q.to);

  const BirthMonths births = birth_months(filter);
  const std::optional<std::string>& after = filter.born_after;
  const std::optional<std::string>& until = filter.born_on_or_before;

  // 1. The whole birth months.
  if (births.first_whole <= births.last_whole) {
    auto s = c.prepare("SELECT municipality, actor, key, status, counts FROM step_histograms_by_birth_month WHERE "
                       "municipality = :m AND due_month = :month AND birth_month BETWEEN :b1 AND :b2" + step);
    const Row row(s);
    // (group, step) → its tally, by hash: 49,000 rows for a school at 1M
    // demo cases, a map lookup each cost more than the reading.
    std::unordered_map<std::string, Tally*> found;
    std::string lookup;
    for (date::year_month month{from.year(), from.month()}; month <= last_month; month += date::months{1}) {
      const std::string due_month = month_of(Date{month / 1});
      s.tryReset();
      s.bind(":m", *filter.municipality);
      s.bind(":month", due_month);
      s.bind(":b1", births.first_whole);
      s.bind(":b2", births.last_whole);
      bind_query_filter(s, q);
      while (s.executeStep()) {
        const std::string_view group = q.by == FollowUpBy::month        ? std::string_view(due_month)
                                       : q.by == FollowUpBy::municipality ? row.text(0)
                                                                          : row.text(1);
        lookup.assign(group).append(1, '\x1f').append(row.text(2));
        auto [at, added] = found.try_emplace(lookup, nullptr);
        if (added) at->second = &tallies[{group, row.text(2)}];
        add_closed(*at->second, row.text(3), row.blob(4));
      }
    }
  }
  const std::string columns = "s.due_on, s.municipality, s.actor, s.key, s.status, s.late, s.working_days_late, count(*)";
  const std::string closed_in_period = " AND s.status IN ('done', 'declined') AND s.due_on BETWEEN :first AND :last" +
                                       query_filter(q, "s.");
  auto bind_period = [&](Prepared& s) {
    s.bind(":first", first);
    s.bind(":last", last);
    bind_query_filter(s, q);
  };
  // 2. The part months at the birth range's ends.
  for (const auto& [born_first, born_last] : births.parts) {
    auto s = c.prepare("SELECT " + columns + " FROM cases AS c JOIN steps AS s ON s.case_num = c.num WHERE "
                       "c.cur_municipality = :m AND c.birth_date BETWEEN :p1 AND :p2 AND s.municipality = :m AND "
                       "s.birth_date BETWEEN :p1 AND :p2" + closed_in_period + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
    s.bind(":m", *filter.municipality);
    s.bind(":p1", born_first);
    s.bind(":p2", born_last);
    bind_period(s);
    add_rows(s);
  }
  // 3. The cases outside the birth range on which the unit owns an open step.
  if (filter.step_owner && (after || until)) {
    std::string outside;
    if (after) outside += "s.birth_date <= :born_after";
    if (until) outside += std::string(outside.empty() ? "" : " OR ") + "s.birth_date > :born_by";
    // The owned open steps' cases outside the range first (both indexes of
    // open steps by actor hold the birth date): at 1M demo cases a school
    // owns open steps on 5,400 cases, nearly all inside its range.
    auto s = c.prepare("SELECT " + columns + " FROM steps AS s WHERE s.case_num IN (SELECT case_num FROM steps AS s "
                       "WHERE actor = :owner AND status = 'open' AND due_on IS NOT NULL AND s.municipality = :m AND (" +
                       outside + ") UNION SELECT case_num FROM steps AS s WHERE actor = :owner AND status = 'open' "
                       "AND due_on IS NULL AND s.municipality = :m AND (" + outside + ")) AND s.municipality = :m "
                       "AND (" + outside + ")" + closed_in_period + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
    s.bind(":owner", *filter.step_owner);
    s.bind(":m", *filter.municipality);
    if (after) s.bind(":born_after", *after);
    if (until) s.bind(":born_by", *until);
    bind_period(s);
    add_rows(s);
  }
  // 4. The open steps, filtered as the lists are.
  {
    auto s = c.prepare("SELECT due_on, municipality, actor, key, status, late, working_days_late, count(*) FROM "
                       "steps WHERE status = 'open' AND due_on IS NOT NULL AND due_on BETWEEN :first AND :last" +
                       filter.sql + step + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
    bind_period(s);
    bind_scope(s, filter);
    add_rows(s);
  }
  return true;
}

}  // namespace

std::vector<FollowUpRow> Store::follow_up(const Caller& caller, const FollowUpQuery& query, Date today) {
  const Scope scope = scope_of(caller, impl_->context_.region);
  const auto counts = count_scope(scope);
  const Calendar& calendar = impl_->context_.calendar;
  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);  // every range from one snapshot
  Tallies tallies;
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
      std::string group = query.by == FollowUpBy::month ? std::string(row.text(0).substr(0, 7))
                                                         : follow_up_group(query.by, row.text(1), row.text(2), due_on);
      tallies[{group, row.text(3)}].add(*counted, row.integer(7));
    }
  };
  auto add_count_range = [&](const CountRange& range) {
    std::string sql = std::string("SELECT ") + range.column + ", municipality, actor, key, status, late, " +
        "working_days_late, n FROM " + range.table + " WHERE status IN " + range.statuses + " AND " +
        range.column + " BETWEEN :first AND :last" + counts->sql;
    sql += query_filter(query);
    auto s = c.prepare(sql);
    s.bind(":first", range.first);
    s.bind(":last", range.last);
    bind_query_filter(s, query);
    bind_count_scope(s, *counts);
    add_rows(s);
  };
  // The region's histograms keep no actor: one unit's steps, or the steps
  // by unit, are read from the step counts.
  if (scope.all_cases && query.by != FollowUpBy::actor && !query.actor) {
    region_follow_up(c, query, calendar, tallies, add_count_range);
  } else if (counts) {
    for (const CountRange& range : count_ranges(query.from, query.to)) add_count_range(range);
  } else {
    // An age-ranged scope, applied as the lists apply it (age today, or an
    // open step the unit owns): from the counts by birth month for a period
    // of whole months, else the steps of its municipality in the period.
    const ScopeFilter filter = scope_filter(scope, today, step_scope_columns);
    if (!age_ranged_follow_up(c, query, filter, tallies, add_rows)) {
      std::string sql =
          "SELECT due_on, municipality, actor, key, status, late, working_days_late, count(*) FROM steps "
          "WHERE due_on BETWEEN :first AND :last AND status <> 'cancelled'" + filter.sql;
      sql += query_filter(query);
      sql += " GROUP BY 1, 2, 3, 4, 5, 6, 7";
      auto s = c.prepare(sql);
      s.bind(":first", format_date(query.from));
      s.bind(":last", format_date(query.to));
      bind_query_filter(s, query);
      bind_scope(s, filter);
      add_rows(s);
    }
  }
  std::vector<FollowUpRow> out;
  out.reserve(tallies.size());
  for (auto& [key, tally] : tallies) out.push_back({key.first, StepKey(key.second), std::move(tally).figures()});
  if (query.by != FollowUpBy::month) in_swedish_order(out, query.by == FollowUpBy::municipality, impl_->context_.region);
  return out;
}

}  // namespace kedja::storage
