// The scoped, audited, keyset-paged lists: cases, overdue and due steps, the
// overdue summary, and a case's audit log.
#include "storage/case_io.h"
#include "storage/impl.h"

#include <charconv>
#include <set>

namespace kedja::storage {
namespace {

std::int64_t cursor_number(const std::string& text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) throw BadCursor("cursor: not a cursor of this list");
  return value;
}

std::string cursor_date(const std::string& text) {
  if (!parse_date(text)) throw BadCursor("cursor: not a cursor of this list");
  return text;
}

std::vector<CaseId> distinct_cases(const std::vector<StepItem>& items) {
  std::set<CaseId> seen;
  std::vector<CaseId> ids;
  for (const auto& item : items)
    if (seen.insert(item.case_id).second) ids.push_back(item.case_id);
  return ids;
}

// Open steps with a due date in [from, to) (to exclusive) or [from, to]
// (inclusive), most overdue / soonest first, through the index that matches
// the narrowest filter so that a page reads only the rows it returns.
struct StepQuery {
  std::optional<ActorId> actor;
  std::optional<std::string> municipality;
  std::optional<std::string> due_from;  // inclusive
  std::string due_to;
  bool to_inclusive = false;
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

const char* index_for(const StepQuery& q, const ScopeFilter& scope) {
  if (q.actor) return "steps_open_by_actor";
  if (q.municipality || scope.municipality) return "steps_open_by_municipality";
  if (scope.health_centre) return "steps_open_by_health_centre";
  return "steps_open_by_due";
}

Page<StepItem> open_steps(Connection& c, const StepQuery& q, const ScopeFilter& scope) {
  std::string sql = std::string(
      "SELECT case_id, given_name, family_name, birth_date, municipality, key, actor, opened_on, "
      "due_on, ord FROM steps INDEXED BY ") + index_for(q, scope) +
      " WHERE status = 'open' AND due_on IS NOT NULL" +
      (q.to_inclusive ? " AND due_on <= :to" : " AND due_on < :to");
  if (q.due_from) sql += " AND due_on >= :from";
  if (q.actor) sql += " AND actor = :actor";
  if (q.municipality) sql += " AND municipality = :m";
  sql += scope.sql;
  if (q.cursor) sql += " AND (due_on, case_id, key, ord) > (:c_due, :c_case, :c_key, :c_ord)";
  sql += " ORDER BY due_on, case_id, key, ord LIMIT :limit";

  auto s = c.prepare(sql);
  s.bind(":to", q.due_to);
  if (q.due_from) s.bind(":from", *q.due_from);
  if (q.actor) s.bind(":actor", q.actor->str());
  if (q.municipality) s.bind(":m", *q.municipality);
  bind_scope(s, scope);
  if (q.cursor) {
    auto fields = decode_cursor(*q.cursor, 4);
    s.bind(":c_due", cursor_date(fields[0]));
    s.bind(":c_case", fields[1]);
    s.bind(":c_key", fields[2]);
    s.bind(":c_ord", cursor_number(fields[3]));
  }
  int limit = clamp_limit(q.limit);
  s.bind(":limit", limit + 1);

  Page<StepItem> page;
  std::string last_ord;
  while (s.executeStep()) {
    if (static_cast<int>(page.items.size()) == limit) {
      const StepItem& last = page.items.back();
      page.next_cursor = encode_cursor({format_date(last.due_on), last.case_id.str(), last.step.str(), last_ord});
      break;
    }
    StepItem item;
    item.case_id = CaseId(s.getColumn(0).getString());
    item.given_name = s.getColumn(1).getString();
    item.family_name = s.getColumn(2).getString();
    item.birth_date = date_column(s.getColumn(3));
    item.municipality = s.getColumn(4).getString();
    item.step = StepKey(s.getColumn(5).getString());
    item.actor = ActorId(s.getColumn(6).getString());
    item.opened_on = date_column(s.getColumn(7));
    item.due_on = date_column(s.getColumn(8));
    last_ord = s.getColumn(9).getString();
    page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace

Page<CaseSummary> Store::list_cases(const Caller& caller, const CaseQuery& query, Date today) {
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, "cur_municipality", "cur_health_centre", "birth_date");
  std::string sql = std::string("SELECT ") + case_columns + " FROM cases WHERE 1";
  if (query.municipality) sql += " AND cur_municipality = :m";
  if (query.closed) sql += " AND closed = :closed";
  if (query.external_ref) sql += " AND external_ref = :ref";
  if (query.household) sql += " AND household = :household";
  if (query.name_prefix)
    sql += " AND ((given_fold >= :q AND given_fold < :q_end) OR (family_fold >= :q AND family_fold < :q_end))";
  sql += filter.sql;
  if (query.cursor) sql += " AND id > :after";
  sql += " ORDER BY id LIMIT :limit";

  Connection& c = impl_->reader();
  auto s = c.prepare(sql);
  if (query.municipality) s.bind(":m", *query.municipality);
  if (query.closed) s.bind(":closed", *query.closed ? 1 : 0);
  if (query.external_ref) s.bind(":ref", *query.external_ref);
  if (query.household) s.bind(":household", *query.household);
  if (query.name_prefix) {
    std::string folded = fold_name(*query.name_prefix);
    s.bind(":q", folded);
    s.bind(":q_end", prefix_end(folded));
  }
  bind_scope(s, filter);
  if (query.cursor) s.bind(":after", decode_cursor(*query.cursor, 1)[0]);
  int limit = clamp_limit(query.limit);
  s.bind(":limit", limit + 1);

  Page<CaseSummary> page;
  while (s.executeStep()) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = encode_cursor({page.items.back().the_case.id.str()});
      break;
    }
    CaseRow row = read_case(s);
    if (scope.hide_identity) {
      hide_identity(row.the_case.given_name, row.the_case.family_name, row.the_case.birth_date);
      row.the_case.external_ref.reset();
      row.the_case.household.reset();
    }
    page.items.push_back({std::move(row.the_case), std::move(row.municipality),
                          std::move(row.health_centre), row.closed, std::move(row.rule_set)});
  }
  s.tryReset();  // ends the statement's read snapshot
  std::vector<CaseId> ids;
  for (const auto& item : page.items) ids.push_back(item.the_case.id);
  impl_->audit_read(caller, "list", std::move(ids));
  return page;
}

Page<StepItem> Store::overdue(const Caller& caller, const OverdueQuery& query, Date today) {
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, "municipality", "health_centre", "birth_date");
  StepQuery q{query.actor, query.municipality, std::nullopt, format_date(query.as_of), false,
              query.limit, query.cursor};
  Connection& c = impl_->reader();
  Page<StepItem> page = open_steps(c, q, filter);
  const Calendar& calendar = impl_->context_.calendar;
  for (auto& item : page.items) {
    item.working_days_overdue = calendar.working_days_between(item.due_on, query.as_of);
    if (scope.hide_identity) hide_identity(item.given_name, item.family_name, item.birth_date);
  }
  impl_->audit_read(caller, "list overdue", distinct_cases(page.items));
  return page;
}

Page<StepItem> Store::due(const Caller& caller, const DueQuery& query, Date today) {
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, "municipality", "health_centre", "birth_date");
  StepQuery q{query.actor, std::nullopt, format_date(query.from), format_date(query.to), true,
              query.limit, query.cursor};
  Connection& c = impl_->reader();
  Page<StepItem> page = open_steps(c, q, filter);
  for (auto& item : page.items)
    if (scope.hide_identity) hide_identity(item.given_name, item.family_name, item.birth_date);
  impl_->audit_read(caller, "list due", distinct_cases(page.items));
  return page;
}

std::vector<SummaryRow> Store::summary(const Caller& caller, SummaryBy by, Date as_of, Date today) {
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, "municipality", "health_centre", "birth_date");
  const char* group = by == SummaryBy::municipality ? "municipality" : "actor";
  std::string sql = std::string("SELECT ") + group +
      ", key, count(*), min(due_on) FROM steps INDEXED BY steps_open_by_due "
      "WHERE status = 'open' AND due_on IS NOT NULL AND due_on < :as_of" + filter.sql +
      " GROUP BY 1, 2 ORDER BY 1, 2";
  Connection& c = impl_->reader();
  auto s = c.prepare(sql);
  s.bind(":as_of", format_date(as_of));
  bind_scope(s, filter);
  std::vector<SummaryRow> rows;
  while (s.executeStep())
    rows.push_back({s.getColumn(0).getString(), StepKey(s.getColumn(1).getString()),
                    s.getColumn(2).getInt64(), date_column(s.getColumn(3))});
  return rows;
}

Page<AuditEntry> Store::audit(const CaseId& id, int limit, const std::optional<std::string>& cursor) {
  // Reads' audit rows are posted, not awaited: commit those made so far, so
  // that the log shows every read that happened before this call.
  impl_->writer_->flush();
  std::string sql =
      "SELECT a.id, a.at, a.actor, a.token, a.action FROM audit_cases l "
      "JOIN audit a ON a.id = l.audit_id WHERE l.case_id = :case";
  if (cursor) sql += " AND l.audit_id > :after";
  sql += " ORDER BY l.audit_id LIMIT :limit";
  Connection& c = impl_->reader();
  auto s = c.prepare(sql);
  s.bind(":case", id.str());
  if (cursor) s.bind(":after", cursor_number(decode_cursor(*cursor, 1)[0]));
  int page_size = clamp_limit(limit);
  s.bind(":limit", page_size + 1);
  Page<AuditEntry> page;
  std::int64_t last_id = 0;
  while (s.executeStep()) {
    if (static_cast<int>(page.items.size()) == page_size) {
      page.next_cursor = encode_cursor({std::to_string(last_id)});
      break;
    }
    last_id = s.getColumn(0).getInt64();
    page.items.push_back({s.getColumn(1).getString(), s.getColumn(2).getString(),
                          s.getColumn(3).getString(), s.getColumn(4).getString()});
  }
  return page;
}

}  // namespace kedja::storage
