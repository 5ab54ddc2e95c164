// Scope as SQL filters, identity hiding, cursors and page limits: the small
// pieces every list shares.
#include "storage/impl.h"

#include <algorithm>
#include <charconv>

namespace kedja::storage {

ScopeFilter scope_filter(const Scope& scope, Date today, const ScopeColumns& columns) {
  ScopeFilter filter;
  if (scope.all_cases) return filter;
  if (!scope.municipality && !scope.health_centre) {
    filter.sql = " AND 0";  // a scope that names nothing sees nothing
    return filter;
  }
  if (scope.municipality) {
    filter.sql += std::string(" AND ") + columns.municipality + " = :scope_m";
    filter.municipality = scope.municipality;
  }
  if (scope.health_centre) {
    filter.sql += std::string(" AND ") + columns.health_centre + " = :scope_hc";
    filter.health_centre = scope.health_centre->str();
  }
  // Age today in [min, max] ⇔ born on or before today − min years, and
  // after today − (max + 1) years (birthdays as age_on counts them).
  std::string ages;
  if (scope.min_age) {
    ages += std::string(columns.birth_date) + " <= :born_by";
    filter.born_on_or_before = format_date(add_months(today, -12 * *scope.min_age));
  }
  if (scope.max_age) {
    ages += std::string(ages.empty() ? "" : " AND ") + columns.birth_date + " > :born_after";
    filter.born_after = format_date(add_months(today, -12 * (*scope.max_age + 1)));
  }
  if (ages.empty()) return filter;
  if (!scope.step_owner) {
    filter.sql += " AND " + ages;
    return filter;
  }
  // (v1.1) Or the caller owns an open step of the case, whatever the age
  // (domain/access.h in_scope: the same rule for single reads and appends).
  // Through the steps' primary key: a case's own few rows.
  filter.sql += " AND ((" + ages + ") OR EXISTS (SELECT 1 FROM steps AS owned WHERE owned.case_num = " +
                columns.case_num + " AND owned.actor = :scope_owner AND owned.status = 'open'))";
  filter.step_owner = scope.step_owner->str();
  return filter;
}

void bind_scope(SQLite::Statement& s, const ScopeFilter& filter) {
  if (filter.municipality) s.bind(":scope_m", *filter.municipality);
  if (filter.health_centre) s.bind(":scope_hc", *filter.health_centre);
  if (filter.born_on_or_before) s.bind(":born_by", *filter.born_on_or_before);
  if (filter.born_after) s.bind(":born_after", *filter.born_after);
  if (filter.step_owner) s.bind(":scope_owner", *filter.step_owner);
}

bool owns_open_step(Connection& c, std::int64_t case_num, const Scope& scope) {
  if (!scope.step_owner) return false;
  auto s = c.prepare("SELECT 1 FROM steps WHERE case_num = ?1 AND actor = ?2 AND status = 'open' LIMIT 1");
  s.bind(1, case_num);
  s.bind(2, scope.step_owner->str());
  return s.executeStep();
}

void hide_identity(std::string& given_name, std::string& family_name, Date& birth_date) {
  given_name.clear();
  family_name.clear();
  birth_date = Date{date::year_month_day{date::year_month_day{birth_date}.year(), date::January, date::day{1}}};
}

void hide_free_text(std::vector<RecordedEvent>& events) {
  for (RecordedEvent& recorded : events) {
    if (recorded.event.reason) recorded.event.reason = std::string(hidden_reason);
    recorded.event.event_id.reset();
  }
}

namespace {
constexpr char separator = '\x1f';
constexpr const char* hex_digits = "0123456789abcdef";

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}
}  // namespace

std::string encode_cursor(const std::vector<std::string>& fields) {
  std::string joined;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) joined += separator;
    joined += fields[i];
  }
  std::string out;
  for (unsigned char c : joined) {
    out += hex_digits[c >> 4];
    out += hex_digits[c & 0xF];
  }
  return out;
}

std::vector<std::string> decode_cursor(const std::string& cursor, std::size_t count) {
  if (cursor.empty() || cursor.size() % 2 != 0 || cursor.size() > 2000) throw BadCursor("cursor: not a cursor of this list");
  std::string joined;
  for (std::size_t i = 0; i < cursor.size(); i += 2) {
    int high = hex_value(cursor[i]), low = hex_value(cursor[i + 1]);
    if (high < 0 || low < 0) throw BadCursor("cursor: not a cursor of this list");
    joined += static_cast<char>(high * 16 + low);
  }
  std::vector<std::string> fields(1);
  for (char c : joined) {
    if (c == separator) fields.emplace_back();
    else fields.back() += c;
  }
  if (fields.size() != count) throw BadCursor("cursor: not a cursor of this list");
  return fields;
}

std::int64_t cursor_number(const std::string& field) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc{} || end != field.data() + field.size()) throw BadCursor("cursor: not a cursor of this list");
  return value;
}

int clamp_limit(int limit) {
  if (limit <= 0) return default_page_size;
  return std::min(limit, max_page_size);
}

}  // namespace kedja::storage
