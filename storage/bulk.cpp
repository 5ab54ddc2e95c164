// Bulk loading, reprojection and online backup.
#include "storage/case_io.h"
#include "storage/impl.h"

#include <SQLiteCpp/Backup.h>

namespace kedja::storage {
namespace {

constexpr int reproject_batch = 10000;  // cases per transaction

// Loading into an empty database is much faster with the secondary indexes
// built once at the end (a sort) than kept up row by row (measured: about
// twice the events per second). Drops them, returns the SQL to recreate.
// The unique indexes stay, so duplicates still fail where they occur.
std::vector<std::string> drop_secondary_indexes(Connection& c) {
  std::vector<std::pair<std::string, std::string>> objects;
  {
    auto s = c.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('cases', 'steps') AND sql NOT LIKE 'CREATE UNIQUE%') OR "
        "(type = 'trigger' AND name = 'events_seq_contiguous'))");
    while (s.executeStep())
      objects.emplace_back("DROP " + std::string(s.getColumn(0).getText()) + " " +
                               s.getColumn(1).getString(),
                           s.getColumn(2).getString());
  }
  std::vector<std::string> recreate;
  for (const auto& [drop, create] : objects) {
    c.exec(drop.c_str());  // names from sqlite_master, not input
    recreate.push_back(create);
  }
  return recreate;
}

bool has_cases(Connection& c) {
  auto s = c.prepare("SELECT EXISTS (SELECT 1 FROM cases)");
  s.executeStep();
  return s.getColumn(0).getInt() != 0;
}

}  // namespace

std::int64_t Store::bulk_load(const std::function<bool(BulkCase&)>& next) {
  const EngineContext& context = impl_->context_;
  std::int64_t loaded = 0;
  // One transaction on the writer thread; the writer rolls it back if
  // anything throws, so either every case is loaded or none is.
  impl_->writer_->run_alone([&](Connection& c) {
    c.exec("BEGIN IMMEDIATE");
    std::vector<std::string> recreate;
    if (!has_cases(c)) recreate = drop_secondary_indexes(c);
    BulkCase bulk;
    while (next(bulk)) {
      if (bulk.the_case.health_centre.empty())
        if (const auto* m = context.region.find_municipality(bulk.the_case.municipality))
          bulk.the_case.health_centre = m->default_health_centre;
      for (std::size_t i = 0; i < bulk.events.size(); ++i)
        bulk.events[i].seq = static_cast<std::int64_t>(i) + 1;
      // Project first, so the case row goes in once, already derived.
      CaseState state = project(bulk.the_case, bulk.events, context);
      bulk.the_case.id = CaseId();
      CaseRow row = insert_case(c, bulk.the_case, &state);
      for (const RecordedEvent& event : bulk.events) insert_event(c, row.num, event);
      insert_projection(c, row, state);
      ++loaded;
      bulk = BulkCase{};
    }
    for (const std::string& create : recreate) c.exec(create.c_str());
    c.exec("COMMIT");
    return true;
  });
  return loaded;
}

void Store::reproject(const std::function<void(std::int64_t, std::int64_t)>& progress) {
  const EngineContext& context = impl_->context_;
  std::int64_t total = 0;
  {
    Connection& c = impl_->reader();
    auto s = c.prepare("SELECT count(*) FROM cases");
    s.executeStep();
    total = s.getColumn(0).getInt64();
  }
  std::int64_t done = 0, last_num = 0;
  for (;;) {
    std::int64_t in_batch = 0;
    // Batches keep each transaction (and the writer's pause for others) short.
    impl_->writer_->run_alone([&](Connection& c) {
      c.exec("BEGIN IMMEDIATE");
      std::vector<CaseRow> rows;
      {
        auto s = c.prepare(std::string("SELECT ") + case_columns +
                           " FROM cases WHERE num > ?1 ORDER BY num LIMIT ?2");
        s.bind(1, last_num);
        s.bind(2, reproject_batch);
        while (s.executeStep()) rows.push_back(read_case(s));
      }
      for (const CaseRow& row : rows) {
        auto events = load_events(c, row.num);
        CaseState state = project(row.the_case, events, context);
        save_projection(c, row, state);
      }
      c.exec("COMMIT");
      in_batch = static_cast<std::int64_t>(rows.size());
      if (!rows.empty()) last_num = rows.back().num;
      return true;
    });
    if (in_batch == 0) break;
    done += in_batch;
    if (progress) progress(done, std::max(total, done));
  }
}

void Store::backup(const std::string& to_path) {
  // A fresh connection of this thread: the copy is one consistent snapshot,
  // taken while the writer goes on writing (WAL).
  SQLite::Database source(impl_->options_.path, SQLite::OPEN_READONLY);
  SQLite::Database destination(to_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup copy(destination, source);
  copy.executeStep(-1);
}

}  // namespace kedja::storage
