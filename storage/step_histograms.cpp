#include "storage/step_histograms.h"

#include "storage/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <limits>
#include <map>
#include <string>

namespace kedja::storage {

namespace detail {
void throw_bad_histogram(std::size_t size) {
  throw StorageError("corrupt row: a step histogram of " + std::to_string(size) + " bytes");
}
}  // namespace detail

namespace {

void store_u32(std::string& out, std::uint32_t v) {
  for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((v >> shift) & 0xFF);
}

std::string encode(const std::vector<HistogramEntry>& entries) {
  std::string out;
  out.reserve(entries.size() * 8);
  for (const HistogramEntry& e : entries) {
    store_u32(out, static_cast<std::uint32_t>(e.value));
    store_u32(out, e.count);
  }
  return out;
}

// kedja_histogram(counts, value, delta): see the header.
void histogram_function(sqlite3_context* context, int, sqlite3_value** argv) {
  std::vector<HistogramEntry> entries;
  if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
    const auto* data = static_cast<const unsigned char*>(sqlite3_value_blob(argv[0]));
    const auto size = static_cast<std::size_t>(sqlite3_value_bytes(argv[0]));
    if (size % 8 != 0 || (size > 0 && !data)) {
      sqlite3_result_error(context, "kedja_histogram: not a histogram", -1);
      return;
    }
    entries = histogram_entries({data, size});
  }
  const sqlite3_int64 value = sqlite3_value_int64(argv[1]);
  const sqlite3_int64 delta = sqlite3_value_int64(argv[2]);
  if (value < std::numeric_limits<std::int32_t>::min() || value > std::numeric_limits<std::int32_t>::max()) {
    sqlite3_result_error(context, "kedja_histogram: value outside int32", -1);
    return;
  }
  const auto v = static_cast<std::int32_t>(value);
  auto at = std::lower_bound(entries.begin(), entries.end(), v,
                             [](const HistogramEntry& e, std::int32_t x) { return e.value < x; });
  const sqlite3_int64 before = at != entries.end() && at->value == v ? at->count : 0;
  const sqlite3_int64 after = before + delta;
  if (after < 0 || after > std::numeric_limits<std::uint32_t>::max()) {
    sqlite3_result_error(context, "kedja_histogram: a count below 0 or above 2^32 (histogram and steps disagree)",
                         -1);
    return;
  }
  if (before == 0 && after > 0) entries.insert(at, {v, static_cast<std::uint32_t>(after)});
  else if (before > 0 && after == 0) entries.erase(at);
  else if (before > 0) at->count = static_cast<std::uint32_t>(after);
  if (entries.empty()) {
    sqlite3_result_null(context);
    return;
  }
  const std::string blob = encode(entries);
  sqlite3_result_blob(context, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
}

constexpr const char* table_sql = R"sql(
CREATE TABLE step_histograms (
  status TEXT NOT NULL CHECK (status = 'open' OR status = 'done' OR status = 'declined'),
  due_month TEXT NOT NULL CHECK ((status = 'open' AND due_month = '') OR (status <> 'open' AND length(due_month) = 7)),
  municipality TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  counts BLOB NOT NULL CHECK (length(counts) >= 8 AND length(counts) % 8 = 0),
  PRIMARY KEY (status, due_month, municipality, key)
) WITHOUT ROWID;
)sql";

// A steps row's month and histogram value (ROW is NEW or OLD in a trigger,
// the table's name in a SELECT); see the header.
std::string month_of_row(const std::string& row) {
  return "CASE WHEN " + row + ".status = 'open' THEN '' ELSE substr(" + row + ".due_on, 1, 7) END";
}
std::string value_of_row(const std::string& row) {
  return "CASE " + row + ".status WHEN 'open' THEN CAST(julianday(" + row +
         ".due_on) - 2440587.5 AS INTEGER) WHEN 'done' THEN CASE WHEN " + row + ".late AND " + row +
         ".working_days_late > 0 THEN " + row + ".working_days_late ELSE 0 END ELSE 0 END";
}
std::string counted(const std::string& row) {
  return row + ".due_on IS NOT NULL AND " + row + ".status <> 'cancelled'";
}

std::string count_in() {
  return "INSERT INTO step_histograms (status, due_month, municipality, key, n, counts) SELECT NEW.status, " +
         month_of_row("NEW") + ", NEW.municipality, NEW.key, 1, kedja_histogram(NULL, " + value_of_row("NEW") +
         ", 1) WHERE true ON CONFLICT DO UPDATE SET n = n + 1, counts = kedja_histogram(counts, " +
         value_of_row("NEW") + ", 1);\n";
}
std::string count_out() {
  const std::string match = "status = OLD.status AND due_month = " + month_of_row("OLD") +
                            " AND municipality = OLD.municipality AND key = OLD.key";
  // The last one is deleted first, then any other counted down: the other
  // order would delete a row just brought down to 1.
  return "DELETE FROM step_histograms WHERE " + match + " AND n = 1;\n"
         "UPDATE step_histograms SET n = n - 1, counts = kedja_histogram(counts, " + value_of_row("OLD") +
         ", -1) WHERE " + match + ";\n";
}

// The names match step_count_trigger_pattern, so bulk_load drops them with
// the step counts' own.
std::string triggers_sql() {
  return "CREATE TRIGGER steps_count_histogram_insert AFTER INSERT ON steps WHEN " + counted("NEW") +
         " BEGIN\n" + count_in() + "END;\n"
         "CREATE TRIGGER steps_count_histogram_delete AFTER DELETE ON steps WHEN " + counted("OLD") +
         " BEGIN\n" + count_out() + "END;\n"
         "CREATE TRIGGER steps_count_histogram_update_out AFTER UPDATE ON steps WHEN " + counted("OLD") +
         " BEGIN\n" + count_out() + "END;\n"
         "CREATE TRIGGER steps_count_histogram_update_in AFTER UPDATE ON steps WHEN " + counted("NEW") +
         " BEGIN\n" + count_in() + "END;\n";
}

// --- by birth month --------------------------------------------------------

constexpr const char* birth_table_sql = R"sql(
CREATE TABLE step_histograms_by_birth_month (
  municipality TEXT NOT NULL,
  due_month TEXT NOT NULL CHECK (length(due_month) = 7),
  birth_month TEXT NOT NULL CHECK (length(birth_month) = 7),
  status TEXT NOT NULL CHECK (status = 'done' OR status = 'declined'),
  actor TEXT NOT NULL,
  key TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 1),
  counts BLOB NOT NULL CHECK (length(counts) >= 8 AND length(counts) % 8 = 0),
  PRIMARY KEY (municipality, due_month, birth_month, status, actor, key)
) WITHOUT ROWID;
CREATE INDEX cases_municipality_birth ON cases(cur_municipality, birth_date);
)sql";

std::string birth_counted(const std::string& row) {
  return row + ".due_on IS NOT NULL AND " + row + ".status IN ('done', 'declined')";
}

std::string birth_count_in() {
  return "INSERT INTO step_histograms_by_birth_month (municipality, due_month, birth_month, status, actor, key, n, "
         "counts) SELECT NEW.municipality, substr(NEW.due_on, 1, 7), substr(NEW.birth_date, 1, 7), NEW.status, "
         "NEW.actor, NEW.key, 1, kedja_histogram(NULL, " + value_of_row("NEW") + ", 1) WHERE true "
         "ON CONFLICT DO UPDATE SET n = n + 1, counts = kedja_histogram(counts, " + value_of_row("NEW") + ", 1);\n";
}
std::string birth_count_out() {
  const std::string match = "municipality = OLD.municipality AND due_month = substr(OLD.due_on, 1, 7) AND "
                            "birth_month = substr(OLD.birth_date, 1, 7) AND status = OLD.status AND "
                            "actor = OLD.actor AND key = OLD.key";
  return "DELETE FROM step_histograms_by_birth_month WHERE " + match + " AND n = 1;\n"
         "UPDATE step_histograms_by_birth_month SET n = n - 1, counts = kedja_histogram(counts, " +
         value_of_row("OLD") + ", -1) WHERE " + match + ";\n";
}

// Named as step_count_trigger_pattern, so bulk_load drops them too.
std::string birth_triggers_sql() {
  return "CREATE TRIGGER steps_count_birth_insert AFTER INSERT ON steps WHEN " + birth_counted("NEW") +
         " BEGIN\n" + birth_count_in() + "END;\n"
         "CREATE TRIGGER steps_count_birth_delete AFTER DELETE ON steps WHEN " + birth_counted("OLD") +
         " BEGIN\n" + birth_count_out() + "END;\n"
         "CREATE TRIGGER steps_count_birth_update_out AFTER UPDATE ON steps WHEN " + birth_counted("OLD") +
         " BEGIN\n" + birth_count_out() + "END;\n"
         "CREATE TRIGGER steps_count_birth_update_in AFTER UPDATE ON steps WHEN " + birth_counted("NEW") +
         " BEGIN\n" + birth_count_in() + "END;\n";
}

// Rows of (group columns…, value, n) in group order written as histogram
// rows by `insert` (?1…?k the group, ?k+1 n, ?k+2 the BLOB).
void write_histogram_rows(SQLite::Statement& groups, int group_columns, SQLite::Statement& insert) {
  std::vector<std::string> current, group(static_cast<std::size_t>(group_columns));
  std::vector<HistogramEntry> entries;
  std::int64_t n = 0;
  auto flush = [&] {
    if (entries.empty()) return;
    const std::string blob = encode(entries);
    for (int i = 0; i < group_columns; ++i) insert.bind(i + 1, current[static_cast<std::size_t>(i)]);
    insert.bind(group_columns + 1, n);
    insert.bind(group_columns + 2, blob.data(), static_cast<int>(blob.size()));
    insert.exec();
    insert.reset();
    entries.clear();
    n = 0;
  };
  while (groups.executeStep()) {
    for (int i = 0; i < group_columns; ++i) group[static_cast<std::size_t>(i)] = groups.getColumn(i).getString();
    if (group != current) {
      flush();
      current = group;
    }
    const std::int64_t count = groups.getColumn(group_columns + 1).getInt64();
    entries.push_back({static_cast<std::int32_t>(groups.getColumn(group_columns).getInt64()),
                       static_cast<std::uint32_t>(count)});
    n += count;
  }
  flush();
}

}  // namespace

void create_step_birth_histograms(SQLite::Database& db) {
  register_histogram_function(db);
  db.exec(birth_table_sql);
  db.exec(birth_triggers_sql());
  recount_step_birth_histograms(db);
}

void recount_step_birth_histograms(SQLite::Database& db) {
  db.exec("DELETE FROM step_histograms_by_birth_month");
  // From the steps themselves: the step counts keep no birth dates.
  SQLite::Statement groups(db, "SELECT municipality, substr(due_on, 1, 7), substr(birth_date, 1, 7), status, actor, "
                               "key, " + value_of_row("steps") + ", count(*) FROM steps WHERE " +
                               birth_counted("steps") + " GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7");
  SQLite::Statement insert(db, "INSERT INTO step_histograms_by_birth_month (municipality, due_month, birth_month, "
                               "status, actor, key, n, counts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  write_histogram_rows(groups, 6, insert);
}

std::vector<HistogramEntry> histogram_entries(std::span<const unsigned char> blob) {
  std::vector<HistogramEntry> entries;
  entries.reserve(blob.size() / 8);
  read_histogram(blob, [&](std::int32_t value, std::uint32_t count) { entries.push_back({value, count}); });
  return entries;
}

std::span<const unsigned char> histogram_below(std::span<const unsigned char> blob, std::int32_t limit) {
  if (blob.size() % 8 != 0) detail::throw_bad_histogram(blob.size());
  std::size_t low = 0, high = blob.size() / 8;  // the answer is an entry count in [low, high]
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    if (static_cast<std::int32_t>(detail::load_u32(blob.data() + middle * 8)) < limit) low = middle + 1;
    else high = middle;
  }
  return blob.first(low * 8);
}

void register_histogram_function(SQLite::Database& db) {
  const int rc = sqlite3_create_function_v2(db.getHandle(), "kedja_histogram", 3,
                                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                            histogram_function, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw StorageError("cannot register kedja_histogram: " + std::string(sqlite3_errstr(rc)));
}

void create_step_histograms(SQLite::Database& db) {
  register_histogram_function(db);
  db.exec(table_sql);
  db.exec(triggers_sql());
  recount_step_histograms(db);
}

void recount_step_histograms(SQLite::Database& db) {
  db.exec("DELETE FROM step_histograms");
  // One pass over the steps' groups, in key order: each row is written
  // once, when the next group starts.
  // From the step counts, which hold the same steps already grouped finer
  // (the same rows counted; recount_steps runs first): at 1M cases about
  // 30 times fewer rows to group than the steps themselves.
  SQLite::Statement groups(db, "SELECT status, " + month_of_row("step_counts") + ", municipality, key, " +
                                   value_of_row("step_counts") + ", sum(n) FROM step_counts"
                                   " GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5");
  SQLite::Statement insert(db, "INSERT INTO step_histograms (status, due_month, municipality, key, n, counts) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  write_histogram_rows(groups, 4, insert);
}

}  // namespace kedja::storage
