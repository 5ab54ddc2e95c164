// Opening the store, the per-thread read connections, and reading one case.
#include "storage/audit.h"
#include "storage/case_io.h"
#include "storage/impl.h"
#include "storage/private_files.h"
#include "storage/schema.h"

#include <openssl/crypto.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <set>

namespace kedja::storage {
namespace {

// Which stores are alive, so that a thread drops its connections to stores
// that are gone (a connection is never shared between threads, and each
// thread keeps its own in a thread_local map).
struct LiveStores {
  std::mutex mutex;
  std::set<std::uint64_t> serials;
  std::uint64_t next_serial = 1;
  std::atomic<std::uint64_t> generation{0};  // bumped when a store closes
};
LiveStores& live_stores() {
  // Never destroyed: stores held in statics may close after it otherwise.
  static auto* stores = new LiveStores;
  return *stores;
}

struct ThreadConnections {
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> by_store;
  std::uint64_t generation_seen = 0;
};
thread_local ThreadConnections thread_connections;

}  // namespace

Store::Impl::Impl(Options options, EngineContext context)
    : options_(std::move(options)), context_(context) {
  if (options_.path.empty() || options_.path == ":memory:")
    throw StorageError("the store needs a database file, not '" + options_.path + "'");
  if (options_.missing == MissingDatabase::refuse) {
    // A path that cannot be looked at (EACCES) goes on to fail as it would.
    std::error_code error;
    if (!std::filesystem::exists(options_.path, error) && !error) throw NoDatabase(options_.path);
  }
  // The writer thread hashes (audit read sets, tokens) with OpenSSL, whose
  // clean-up at exit (atexit) frees its locks. Initialised here, before the
  // writer starts, OpenSSL registers that clean-up before this store can
  // register its destructor, so it runs after it: a store of static
  // duration (the fuzz harness's) drains and joins its writer before
  // OpenSSL goes, instead of hashing into freed locks at exit (a SEGV in
  // CRYPTO_THREAD_read_lock, one fuzz_query_string run in 10–20; none in
  // 40 since). Not OPENSSL_init_crypto(0, …): with no option asked it
  // returns at once and registers nothing.
  OPENSSL_init_crypto(OPENSSL_INIT_ADD_ALL_DIGESTS, nullptr);
  try {
    prepare_private_database(options_.path);  // 0600, and so are its WAL and SHM
    Writer::Log log = options_.log;
    if (!log) log = [](const std::string& line) { std::cerr << "kedja: " << line << '\n'; };
    writer_ = std::make_unique<Writer>(options_.path, options_.durable, std::move(log));
  } catch (const StorageError&) {
    throw;
  } catch (const std::exception& e) {
    throw StorageError("cannot open database " + options_.path + ": " + e.what());
  }
  auto& stores = live_stores();
  std::lock_guard lock(stores.mutex);
  serial_ = stores.next_serial++;
  stores.serials.insert(serial_);
}

Store::Impl::~Impl() {
  writer_.reset();
  auto& stores = live_stores();
  {
    std::lock_guard lock(stores.mutex);
    stores.serials.erase(serial_);
  }
  // Each thread drops its connection to this store on its next read (this
  // thread's thread_local map may already be gone if we run at exit).
  stores.generation.fetch_add(1);
}

Connection& Store::Impl::reader() {
  auto& mine = thread_connections;
  auto& stores = live_stores();
  if (auto generation = stores.generation.load(); generation != mine.generation_seen) {
    std::lock_guard lock(stores.mutex);
    std::erase_if(mine.by_store, [&](const auto& entry) { return !stores.serials.contains(entry.first); });
    mine.generation_seen = generation;
  }
  auto& connection = mine.by_store[serial_];
  if (!connection) connection = std::make_unique<Connection>(options_.path, OpenMode::read, options_.durable);
  return *connection;
}

void Store::Impl::close_reader() { thread_connections.by_store.erase(serial_); }

void Store::Impl::require_audit() const {
  if (auto refusal = writer_->audit_refusal()) throw Unavailable(*refusal);
}

void Store::Impl::audit_read(const Caller& caller, const std::string& action,
                             std::vector<std::int64_t> case_nums) {
  if (case_nums.empty()) return;
  // Not awaited: the rows go in with a later group commit (Writer::post).
  const bool queued = writer_->post([caller, action, case_nums = std::move(case_nums)](Connection& c) {
    write_audit(c, caller, action, case_nums);
    return true;
  });
  if (!queued)
    throw Unavailable("the audit log is behind (" + std::to_string(Writer::max_posted) +
                      " reads wait for their audit rows); no case is shown until there is room");
}

Store::Store(Options options, EngineContext context)
    : impl_(std::make_unique<Impl>(std::move(options), context)) {}

Store::~Store() = default;

int Store::schema_version() { return latest_schema_version(); }

Result<StoredCase> Store::find_case(const Caller& caller, const CaseId& id, Date today) {
  impl_->require_audit();
  Connection& c = impl_->reader();
  Scope scope = scope_of(caller, impl_->context_.region);
  std::optional<CaseRow> row;
  std::vector<RecordedEvent> events;
  bool owns_step = false;
  {
    ReadTransaction snapshot(c);  // the case, its events and steps from one commit
    row = load_case(c, id);
    if (row) events = load_events(c, row->num);
    if (row) owns_step = owns_open_step(c, row->num, scope);
  }
  Problem not_found{ProblemKind::not_found, "no case " + id.str(), {}};
  if (!row) return not_found;
  if (!in_scope(scope, row->municipality, row->health_centre, row->the_case.birth_date, today, owns_step))
    return not_found;  // out of scope: as if it did not exist
  StoredCase stored{row->the_case, std::move(events), {}};
  stored.state = project(stored.the_case, stored.events, impl_->context_);
  if (scope.hide_identity) {
    // Pseudonymised here, where the case is read, so that no answer or
    // format built on it can show who the person is (contract §4).
    hide_identity(stored.the_case.given_name, stored.the_case.family_name, stored.the_case.birth_date);
    stored.the_case.external_ref.reset();
    stored.the_case.household.reset();
    hide_free_text(stored.events);
    stored.identity_hidden = true;
  }
  impl_->audit_read(caller, "read", {row->num});
  return stored;
}

StoreStats Store::stats() const {
  StoreStats stats;
  stats.writer = impl_->writer_->stats();
  const auto size_of = [](const std::string& file) -> std::uintmax_t {
    std::error_code error;
    const std::uintmax_t bytes = std::filesystem::file_size(file, error);
    return error ? 0 : bytes;
  };
  stats.database_bytes = size_of(impl_->options_.path);
  stats.wal_bytes = size_of(impl_->options_.path + "-wal");
  return stats;
}

void Store::simulate_write_fault(WriteFault fault) {
  impl_->writer_->run_alone([this, fault](Connection& c) {
    // The size limit as it was before the first `full`, to lift it again.
    if (!impl_->max_page_count_) impl_->max_page_count_ = c.db().execAndGet("PRAGMA max_page_count").getInt64();
    c.exec(fault == WriteFault::read_only ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0");
    // max_page_count is never set below the database's size: 1 means "as it is now".
    const std::int64_t pages = fault == WriteFault::full ? 1 : *impl_->max_page_count_;
    c.db().execAndGet("PRAGMA max_page_count = " + std::to_string(pages));
    return true;
  });
}

}  // namespace kedja::storage
