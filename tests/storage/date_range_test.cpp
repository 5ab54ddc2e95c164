// Issue 12 §2: the database and the domain agree on the range of dates. The
// domain (DateRange, domain/dates.h) refuses, as a 400 naming `date`, every
// event from which a date past DateRange::last() would follow; the schema's
// CHECKs are the backstop behind it and must end on the same day, or a
// date the domain accepts would be refused inside a write (a 500). The
// schema may start earlier (1800) than DateRange (1990): birth dates do.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <regex>
#include <string>
#include <vector>

namespace kedja::storage::testing {
namespace {

// Each "column BETWEEN 'from' AND 'to'" of the tables' CHECKs.
struct DateCheck {
  std::string table, column, from, to;
};

std::vector<DateCheck> date_checks(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  SQLite::Statement tables(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'");
  const std::regex check(R"((\w+) BETWEEN '(\d{4}-\d\d-\d\d)' AND '(\d{4}-\d\d-\d\d)')");
  std::vector<DateCheck> checks;
  while (tables.executeStep()) {
    const std::string name = tables.getColumn(0).getString(), sql = tables.getColumn(1).getString();
    for (std::sregex_iterator it(sql.begin(), sql.end(), check), end; it != end; ++it)
      checks.push_back({name, (*it)[1], (*it)[2], (*it)[3]});
  }
  return checks;
}

TEST(DateRangeSchema, EveryDateCheckEndsOnTheDomainsLastDay) {
  TempDir dir;
  { Store store(Options{dir.file("k.db"), false}, context()); }
  const auto checks = date_checks(dir.file("k.db"));
  ASSERT_GE(checks.size(), 9u);  // cases, events and steps: every date the domain writes
  for (const DateCheck& c : checks) {
    SCOPED_TRACE(c.table + "." + c.column);
    EXPECT_EQ(c.to, format_date(DateRange::last()));
    // Not later than the domain's first day: nothing the domain accepts is refused.
    EXPECT_LE(c.from, format_date(DateRange::first()));
  }
}

}  // namespace
}  // namespace kedja::storage::testing
