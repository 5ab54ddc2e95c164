// The scoped, audited, keyset-paged lists: cases, overdue and due steps, and
// a case's audit log. (The summary and the follow-up: follow_up.cpp.)
#include "storage/audit.h"
#include "storage/case_io.h"
#include "storage/impl.h"

#include "domain/text/unicode.h"

#include <algorithm>
#include <charconv>

namespace kedja::storage {
namespace {

std::string cursor_date(const std::string& text) {
  if (!parse_date(text)) throw BadCursor("cursor: not a cursor of this list");
  return text;
}

// The cases a page shows, each once (a case listed twice is one read).
std::vector<std::int64_t> distinct(std::vector<std::int64_t> case_nums) {
  std::sort(case_nums.begin(), case_nums.end());
  case_nums.erase(std::unique(case_nums.begin(), case_nums.end()), case_nums.end());
  return case_nums;
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

// A page of open steps, and the cases it shows for the audit log.
struct StepPage {
  Page<StepItem> page;
  std::vector<std::int64_t> case_nums;
};

StepPage open_steps(Connection& c, const StepQuery& q, const ScopeFilter& scope) {
  std::string sql = std::string("SELECT ") + step_item_columns + ", ord, case_num FROM steps INDEXED BY " +
      index_for(q, scope) + " WHERE status = 'open' AND due_on IS NOT NULL" +
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

  StepPage result;
  auto& items = result.page.items;
  items.reserve(static_cast<std::size_t>(limit));
  result.case_nums.reserve(static_cast<std::size_t>(limit));
  const Row row(s);
  std::int64_t last_ord = 0;
  while (s.executeStep()) {
    if (static_cast<int>(items.size()) == limit) {
      const StepItem& last = items.back();
      result.page.next_cursor =
          encode_cursor({format_date(last.due_on), last.case_id.str(), last.step.str(), std::to_string(last_ord)});
      break;
    }
    items.push_back(read_step_item(row));
    last_ord = row.integer(step_item_column_count);
    result.case_nums.push_back(row.integer(step_item_column_count + 1));
  }
  result.case_nums = distinct(std::move(result.case_nums));
  return result;
}

}  // namespace

Page<CaseSummary> Store::list_cases(const Caller& caller, const CaseQuery& query, Date today) {
  impl_->require_audit();
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, case_scope_columns);
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
  // Stored in NFC: a filter typed in another form finds the same cases.
  if (query.external_ref) s.bind(":ref", text::to_nfc(*query.external_ref).value_or(*query.external_ref));
  if (query.household) s.bind(":household", text::to_nfc(*query.household).value_or(*query.household));
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
  std::vector<std::int64_t> case_nums;
  while (s.executeStep()) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.next_cursor = encode_cursor({page.items.back().the_case.id.str()});
      break;
    }
    CaseRow row = read_case(s);
    case_nums.push_back(row.num);
    if (scope.hide_identity) {
      hide_identity(row.the_case.given_name, row.the_case.family_name, row.the_case.birth_date);
      row.the_case.external_ref.reset();
      row.the_case.household.reset();
    }
    page.items.push_back({std::move(row.the_case), std::move(row.municipality),
                          std::move(row.health_centre), row.closed, std::move(row.rule_set)});
  }
  s.tryReset();  // ends the statement's read snapshot
  impl_->audit_read(caller, "list", std::move(case_nums));
  return page;
}

Page<StepItem> Store::overdue(const Caller& caller, const OverdueQuery& query, Date today) {
  impl_->require_audit();
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, step_scope_columns);
  // Overdue from the first working day after due_on (contract §3 v1.1):
  // due before the last working day on or before as_of, never "0 working
  // days overdue".
  const Calendar& calendar = impl_->context_.calendar;
  StepQuery q{query.actor, query.municipality, std::nullopt,
              format_date(calendar.last_working_day_on_or_before(query.as_of)), false, query.limit,
              query.cursor};
  Connection& c = impl_->reader();
  auto [page, case_nums] = open_steps(c, q, filter);
  for (auto& item : page.items) {
    item.working_days_overdue = calendar.working_days_between(item.due_on, query.as_of);
    if (scope.hide_identity) hide_identity(item.given_name, item.family_name, item.birth_date);
  }
  impl_->audit_read(caller, "list overdue", std::move(case_nums));
  return page;
}

Page<StepItem> Store::due(const Caller& caller, const DueQuery& query, Date today) {
  impl_->require_audit();
  Scope scope = scope_of(caller, impl_->context_.region);
  ScopeFilter filter = scope_filter(scope, today, step_scope_columns);
  StepQuery q{query.actor, std::nullopt, format_date(query.from), format_date(query.to), true,
              query.limit, query.cursor};
  Connection& c = impl_->reader();
  auto [page, case_nums] = open_steps(c, q, filter);
  for (auto& item : page.items)
    if (scope.hide_identity) hide_identity(item.given_name, item.family_name, item.birth_date);
  impl_->audit_read(caller, "list due", std::move(case_nums));
  return page;
}

Page<AuditEntry> Store::audit(const CaseId& id, int limit, const std::optional<std::string>& cursor) {
  // Reads' audit rows are posted, not awaited: commit those made so far, so
  // that the log shows every read that happened before this call.
  impl_->writer_->flush();  // throws Unavailable while reads' audit rows cannot be committed
  return read_audit(impl_->reader(), id, limit, cursor);
}

bool Store::case_known(const CaseId& id) { return load_case(impl_->reader(), id).has_value(); }

Page<AuditRow> Store::audit_log(const AuditQuery& query) {
  impl_->writer_->flush();  // the rows of the reads made so far; Unavailable while they cannot be committed
  return read_audit_log(impl_->reader(), query);
}

std::vector<AuditRow> Store::audit_sample(const std::string& from_utc, const std::string& until_utc,
                                          std::uint64_t seed, int count) {
  impl_->writer_->flush();
  return read_audit_sample(impl_->reader(), from_utc, until_utc, seed, count);
}

}  // namespace kedja::storage
