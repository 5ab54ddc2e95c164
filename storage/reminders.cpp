// The reminders' reads and records (issue 16): a unit's calendar feed, the
// steps its morning digest counts, and the digests sent.
#include "storage/impl.h"
#include "storage/rows.h"

namespace kedja::storage {
namespace {

EventType event_type_column(const SQLite::Column& column) {
  auto type = event_type_from(column.getText());
  if (!type) throw StorageError(std::string("corrupt row: events.type ") + column.getText());
  return *type;
}

}  // namespace

Feed Store::feed(const Caller& caller, Date today) {
  // A feed token always has an actor (migration 8's CHECK); a caller without
  // one is a bug of the caller's.
  if (!caller.actor) throw StorageError("a feed is read for an actor");
  // No case leaves without its audit row (contract §4 v1.1): as every read.
  impl_->require_audit();
  const FeedWindow window = feed_window(today);
  Connection& c = impl_->reader();
  // The step's actor is the feed's owner: owning an open step puts its case
  // in the owner's scope (contract §4 v1.1), so no scope filter is needed.
  auto s = c.prepare(
      "SELECT s.case_id, s.key, s.title, s.due_on, e.type, s.case_num "
      "FROM steps s INDEXED BY steps_open_by_actor "
      "JOIN events e ON e.case_num = s.case_num AND e.seq = s.opened_by_seq "
      "WHERE s.status = 'open' AND s.due_on IS NOT NULL AND s.actor = ?1 "
      "AND s.due_on >= ?2 AND s.due_on <= ?3");
  s.bind(1, caller.actor->str());
  s.bind(2, format_date(window.first));
  s.bind(3, format_date(window.last));
  std::vector<FeedStep> steps;
  std::vector<std::int64_t> case_nums;
  while (s.executeStep()) {
    steps.push_back({CaseId(s.getColumn(0).getString()), StepKey(s.getColumn(1).getString()),
                     s.getColumn(2).getString(), date_column(s.getColumn(3)), event_type_column(s.getColumn(4))});
    case_nums.push_back(s.getColumn(5).getInt64());
  }
  s.tryReset();  // ends the statement's read snapshot
  Feed feed{*caller.actor, feed_entries(steps, today)};
  impl_->audit_read(caller, "feed", std::move(case_nums));
  return feed;
}

std::vector<DueStep> Store::due_steps(const ActorId& actor, Date through) {
  Connection& c = impl_->reader();
  auto s = c.prepare(
      "SELECT key, title, due_on FROM steps INDEXED BY steps_open_by_actor "
      "WHERE status = 'open' AND due_on IS NOT NULL AND actor = ?1 AND due_on <= ?2");
  s.bind(1, actor.str());
  s.bind(2, format_date(through));
  std::vector<DueStep> steps;
  while (s.executeStep())
    steps.push_back({StepKey(s.getColumn(0).getString()), s.getColumn(1).getString(), date_column(s.getColumn(2))});
  return steps;
}

bool Store::claim_digest(const ActorId& actor, Date day, const std::string& address) {
  bool claimed = false;
  impl_->writer_->run([&](Connection& c) {
    // The writer's transaction holds the write lock: two runs at once cannot
    // both claim the day.
    auto s = c.prepare(
        "INSERT OR IGNORE INTO digests_sent (actor, day, address, sent_at) VALUES (?1, ?2, ?3, ?4)");
    s.bind(1, actor.str());
    s.bind(2, format_date(day));
    s.bind(3, address);
    s.bind(4, utc_now_seconds());
    claimed = s.exec() == 1;
    return claimed;
  });
  return claimed;
}

void Store::release_digest(const ActorId& actor, Date day) {
  impl_->writer_->run([&](Connection& c) {
    auto s = c.prepare("DELETE FROM digests_sent WHERE actor = ?1 AND day = ?2");
    s.bind(1, actor.str());
    s.bind(2, format_date(day));
    s.exec();
    return true;
  });
}

}  // namespace kedja::storage
