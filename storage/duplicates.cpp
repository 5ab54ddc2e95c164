// Possible duplicates (issue 14 §3): before a person is registered, the
// cases in the caller's scope with the same folded name and birth date, or
// the same external_ref. Two index lookups (migration 13's cases_person and
// the unique cases_external_ref), scoped and audited like list_cases.
#include "storage/audit.h"
#include "storage/case_io.h"
#include "storage/impl.h"

#include "domain/text/unicode.h"

#include <algorithm>

namespace kedja::storage {

namespace {

// The cases in a scope that may be `person`: the same folded name and birth
// date, or the same external_ref. Shared by the list shown to the caller
// and the check the writer repeats inside a create's transaction.
class MatchQuery {
 public:
  MatchQuery(const Scope& scope, const Case& person, Date today)
      : filter_(scope_filter(scope, today, case_scope_columns)),
        given_(fold_name(person.given_name)),
        family_(fold_name(person.family_name)),
        birth_date_(format_date(person.birth_date)) {
    if (person.external_ref) ref_ = text::to_nfc(*person.external_ref).value_or(*person.external_ref);
  }

  // The matches first, through their two indexes, then each case's row by
  // its key (CROSS JOIN keeps that order): with the scope's terms beside
  // the OR, SQLite would rather walk the municipality's index.
  std::string sql(std::string_view columns) const {
    return std::string("SELECT ") + std::string(columns) +
           " FROM (SELECT num AS match_num FROM cases"
           " WHERE family_fold = :family AND given_fold = :given AND birth_date = :born" +
           (ref_ ? " UNION SELECT num FROM cases WHERE external_ref = :ref" : "") +
           ") AS found CROSS JOIN cases ON cases.num = found.match_num WHERE 1" + filter_.sql + " LIMIT :limit";
  }

  void bind(SQLite::Statement& s, int limit) const {
    s.bind(":family", family_);
    s.bind(":given", given_);
    s.bind(":born", birth_date_);
    if (ref_) s.bind(":ref", *ref_);
    bind_scope(s, filter_);
    s.bind(":limit", limit);
  }

  const std::string& given() const { return given_; }
  const std::string& family() const { return family_; }
  const std::optional<std::string>& ref() const { return ref_; }

 private:
  ScopeFilter filter_;
  std::string given_, family_, birth_date_;
  std::optional<std::string> ref_;
};

}  // namespace

bool has_possible_duplicate(Connection& c, const Scope& scope, const Case& person, Date today) {
  const MatchQuery query(scope, person, today);
  auto s = c.prepare(query.sql("1"));
  query.bind(s, 1);
  return s.executeStep();
}

std::vector<PossibleDuplicate> Store::possible_duplicates(const Caller& caller, const Case& person, Date today,
                                                          int limit) {
  impl_->require_audit();
  const Scope scope = scope_of(caller, impl_->context_.region);
  const MatchQuery query(scope, person, today);
  const std::string& given = query.given();
  const std::string& family = query.family();
  const std::optional<std::string>& ref = query.ref();
  Connection& c = impl_->reader();
  auto s = c.prepare(query.sql(case_columns));
  query.bind(s, clamp_limit(limit));

  std::vector<PossibleDuplicate> found;
  std::vector<std::int64_t> case_nums;
  while (s.executeStep()) {
    CaseRow row = read_case(s);
    case_nums.push_back(row.num);
    PossibleDuplicate match;
    match.same_name_and_birth_date = fold_name(row.the_case.given_name) == given &&
                                     fold_name(row.the_case.family_name) == family &&
                                     row.the_case.birth_date == person.birth_date;
    match.same_external_ref = ref && row.the_case.external_ref == ref;
    if (scope.hide_identity) {
      hide_identity(row.the_case.given_name, row.the_case.family_name, row.the_case.birth_date);
      row.the_case.external_ref.reset();
      row.the_case.household.reset();
    }
    match.summary = {std::move(row.the_case), std::move(row.municipality), std::move(row.health_centre),
                     row.closed, std::move(row.rule_set)};
    found.push_back(std::move(match));
  }
  s.tryReset();  // ends the statement's read snapshot
  std::sort(found.begin(), found.end(), [](const PossibleDuplicate& a, const PossibleDuplicate& b) {
    return a.summary.the_case.id.str() < b.summary.the_case.id.str();
  });
  if (!case_nums.empty()) impl_->audit_read(caller, "duplicate check", std::move(case_nums));
  return found;
}

}  // namespace kedja::storage
