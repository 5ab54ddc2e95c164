// Scope as SQL filters, identity hiding, cursors and page limits: the small
// pieces every list shares.
#include "storage/impl.h"

#include <algorithm>
#include <charconv>

namespace kedja::storage {

ScopeFilter scope_filter(const Scope& scope, Date today, const char* municipality_column,
                         const char* health_centre_column, const char* birth_date_column) {
  ScopeFilter filter;
  if (scope.all_cases) return filter;
  if (!scope.municipality && !scope.health_centre) {
    filter.sql = " AND 0";  // a scope that names nothing sees nothing
    return filter;
  }
  if (scope.municipality) {
    filter.sql += std::string(" AND ") + municipality_column + " = :scope_m";
    filter.municipality = scope.municipality;
  }
  if (scope.health_centre) {
    filter.sql += std::string(" AND ") + health_centre_column + " = :scope_hc";
    filter.health_centre = scope.health_centre->str();
  }
  // Age today in [min, max] ⇔ born on or before today − min years, and
  // after today − (max + 1) years (birthdays as age_on counts them).
  if (scope.min_age) {
    filter.sql += std::string(" AND ") + birth_date_column + " <= :born_by";
    filter.born_on_or_before = format_date(add_months(today, -12 * *scope.min_age));
  }
  if (scope.max_age) {
    filter.sql += std::string(" AND ") + birth_date_column + " > :born_after";
    filter.born_after = format_date(add_months(today, -12 * (*scope.max_age + 1)));
  }
  return filter;
}

void bind_scope(SQLite::Statement& s, const ScopeFilter& filter) {
  if (filter.municipality) s.bind(":scope_m", *filter.municipality);
  if (filter.health_centre) s.bind(":scope_hc", *filter.health_centre);
  if (filter.born_on_or_before) s.bind(":born_by", *filter.born_on_or_before);
  if (filter.born_after) s.bind(":born_after", *filter.born_after);
}

void hide_identity(std::string& given_name, std::string& family_name, Date& birth_date) {
  given_name.clear();
  family_name.clear();
  birth_date = Date{date::year_month_day{date::year_month_day{birth_date}.year(), date::January, date::day{1}}};
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
