// Bulk loading, reprojection and online backup.
#include "storage/audit.h"
#include "storage/bulk_insert.h"
#include "storage/case_io.h"
#include "storage/impl.h"
#include "storage/private_files.h"
#include "storage/ready_queue.h"
#include "storage/step_counts.h"
#include "storage/step_histograms.h"
#include "storage/work_counts.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Exception.h>

#include <chrono>
#include <optional>
#include <thread>

namespace kedja::storage {
namespace {

constexpr int reproject_batch = 10000;  // cases per transaction

// Loading into an empty database is much faster with the secondary indexes
// built once at the end (a sort) than kept up row by row (measured: about
// twice the events per second). Drops them, returns the SQL to recreate.
// The unique indexes stay, so duplicates still fail where they occur. The
// triggers that keep the step counts and the work counts go too: the counts
// are made once, from the steps (recount_steps) or as they are inserted
// (WorkCountTally).
std::vector<std::string> drop_secondary_indexes(Connection& c) {
  std::vector<std::pair<std::string, std::string>> objects;
  {
    auto s = c.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "(type = 'index' AND tbl_name IN ('cases', 'steps') AND sql NOT LIKE 'CREATE UNIQUE%') OR "
        "(type = 'trigger' AND (name = 'events_seq_contiguous' OR name LIKE ?1 OR name LIKE ?2)))");
    s.bind(1, step_count_trigger_pattern);
    s.bind(2, work_count_trigger_pattern);
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

// The bulk page cache for one task, then the writer's own again.
class BulkCache {
 public:
  explicit BulkCache(Connection& c) : c_(c) { c_.exec(bulk_cache_size_sql); }
  ~BulkCache() { c_.db().tryExec(writer_cache_size_sql); }
  BulkCache(const BulkCache&) = delete;
  BulkCache& operator=(const BulkCache&) = delete;

 private:
  Connection& c_;
};

// Foreign keys are not looked up while bulk_load inserts: every row it
// writes refers to a case row it has just inserted itself, or names an
// event type by the domain's own EventType (the event_types table lists
// every one: a test checks). The lookups were about a tenth of the inserts'
// time (measured: storage/README.md). CHECK and UNIQUE constraints stay.
// Set around the transaction (the pragma is a no-op inside one), and back
// on however the load ends.
class ForeignKeysOff {
 public:
  explicit ForeignKeysOff(Connection& c) : c_(c) { c_.exec("PRAGMA foreign_keys = OFF"); }
  ~ForeignKeysOff() {
    c_.db().tryExec("ROLLBACK");  // unwinding a failed load; a no-op after COMMIT
    c_.db().tryExec("PRAGMA foreign_keys = ON");
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Connection& c_;
};

// Loading into an empty database goes faster through a rollback journal
// than through the WAL: the pages are written once, into the file, instead
// of into the WAL and then copied back (and a new page has nothing to
// journal). Still one transaction, all or nothing, synchronous as the store
// is; a crash leaves a hot journal that the next open rolls back. Only when
// no other connection has the file open (leaving WAL mode needs the file to
// itself), else the load goes through the WAL. While it runs the file is
// locked: a reader that comes meanwhile waits (busy timeout) instead of
// seeing the empty database. Back in WAL mode at the end, however it ends.
class RollbackJournal {
 public:
  explicit RollbackJournal(Connection& c) : c_(c) {
    try {
      active_ = c_.db().execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
    } catch (const SQLite::Exception&) {
      active_ = false;  // busy: another connection has the file open
    }
    // Durable: EXTRA also fsyncs the directory after the journal is deleted
    // (the commit), so that a power cut cannot bring the journal back and
    // roll the load back after bulk_load returned.
    full_ = active_ && c_.db().execAndGet("PRAGMA synchronous").getInt() == 2;
    if (full_) c_.exec("PRAGMA synchronous = EXTRA");
  }
  ~RollbackJournal() {
    if (!active_) return;
    c_.db().tryExec("ROLLBACK");  // unwinding a failed load; a no-op after COMMIT
    try {
      back_to_wal();
    } catch (const std::exception&) {
      // The next Store to open the file sets WAL mode again.
    }
  }
  RollbackJournal(const RollbackJournal&) = delete;
  RollbackJournal& operator=(const RollbackJournal&) = delete;

  // After the commit: returns to WAL, waiting out a reader that came
  // meanwhile (a no-op if the load went through the WAL).
  void back_to_wal() {
    for (int attempt = 0; active_; ++attempt) {
      try {
        if (c_.db().execAndGet("PRAGMA journal_mode = WAL").getString() == "wal") active_ = false;
        if (!active_ && full_) c_.exec("PRAGMA synchronous = FULL");
      } catch (const SQLite::Exception&) {
        if (attempt == 100) throw;
      }
      if (active_ && attempt == 100) throw StorageError("cannot set WAL mode again after bulk_load");
      if (active_) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

 private:
  Connection& c_;
  bool active_ = false;
  bool full_ = false;  // synchronous was FULL: EXTRA while active
};

bool has_cases(Connection& c) {
  auto s = c.prepare("SELECT EXISTS (SELECT 1 FROM cases)");
  s.executeStep();
  return s.getColumn(0).getInt() != 0;
}

}  // namespace

std::int64_t Store::bulk_load(const std::function<bool(BulkCase&)>& next, BulkAudit* audit) {
  const EngineContext& context = impl_->context_;
  // The cases come from `next` and are projected on a thread of their own
  // while the writer inserts (ReadyQueue); `next` is called from that one
  // thread only, in order.
  ReadyQueue ready(1024);
  std::thread producer([&] {
    try {
      BulkCase bulk;
      while (next(bulk)) {
        if (bulk.the_case.health_centre.empty())
          if (const auto* m = context.region.find_municipality(bulk.the_case.municipality))
            bulk.the_case.health_centre = m->default_health_centre;
        for (std::size_t i = 0; i < bulk.events.size(); ++i)
          bulk.events[i].seq = static_cast<std::int64_t>(i) + 1;
        // Projected first, so the case row goes in once, already derived.
        CaseState state = project(bulk.the_case, bulk.events, context);
        if (!ready.push(ready_case(std::move(bulk.the_case), std::move(bulk.events), std::move(state)))) return;
        bulk = BulkCase{};
      }
      ready.finish();
    } catch (...) {
      ready.finish(std::current_exception());  // the writer rethrows it: nothing is kept
    }
  });
  std::int64_t loaded = 0;
  impl_->close_reader();  // so that it does not keep the file from the load
  try {
    // One transaction on the writer thread; the writer rolls it back if
    // anything throws, so either every case is loaded or none is.
    impl_->writer_->run_alone([&](Connection& c) {
      BulkCache cache(c);
      bool empty = !has_cases(c);
      std::optional<RollbackJournal> journal;
      if (empty) journal.emplace(c);
      ForeignKeysOff foreign_keys(c);
      c.exec("BEGIN IMMEDIATE");
      empty = empty && !has_cases(c);  // still, now that we hold the write lock
      std::vector<std::string> recreate;
      if (empty) recreate = drop_secondary_indexes(c);
      std::optional<WorkCountTally> tally;  // the work counts of an empty database, made as it loads
      if (empty) tally.emplace();
      BulkInserter inserter(c, tally ? &*tally : nullptr);
      std::vector<ReadyCase> batch;
      std::vector<std::int64_t> nums;  // for the audit row
      std::vector<CaseId> ids;
      while (ready.pop(batch)) {
        for (ReadyCase& one : batch) {
          const std::int64_t num = inserter.add(std::move(one));
          if (audit) {
            nums.push_back(num);
            ids.push_back(inserter.last_id());
          }
          ++loaded;
        }
      }
      inserter.flush();
      if (audit && !nums.empty()) write_audit(c, audit->by, "import", std::move(nums));
      if (empty) {  // the count triggers were dropped with the indexes
        recount_steps(c.db());
        recount_step_histograms(c.db());
        recount_step_birth_histograms(c.db());
        tally->write(c.db());
      }
      for (const std::string& create : recreate) c.exec(create.c_str());
      c.exec("COMMIT");
      if (audit) audit->ids = std::move(ids);
      if (journal) journal->back_to_wal();
      return true;
    });
  } catch (...) {
    ready.cancel();
    producer.join();
    throw;
  }
  producer.join();
  return loaded;
}

std::vector<std::string> Store::taken_external_refs(const std::vector<std::string>& refs) {
  std::vector<std::string> taken;
  Connection& c = impl_->reader();
  ReadTransaction snapshot(c);
  auto s = c.prepare("SELECT 1 FROM cases WHERE external_ref = ?1");
  for (const std::string& ref : refs) {
    s.bind(1, ref);
    if (s.executeStep()) taken.push_back(ref);
    s.tryReset();
  }
  return taken;
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
      BulkCache cache(c);
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
      impl_->projection_epoch_.fetch_add(1);
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
  prepare_private_database(to_path);  // a copy of personal data: 0600, its journal too
  SQLite::Database destination(to_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  SQLite::Backup copy(destination, source);
  copy.executeStep(-1);
  // The copy carries the source's WAL mode in its header; a backup is one
  // self-contained file instead, so that opening it (to check or restore
  // it) leaves no -wal and -shm beside it. Kedja puts a database it opens
  // back in WAL mode.
  destination.exec("PRAGMA journal_mode = DELETE");
}

}  // namespace kedja::storage
