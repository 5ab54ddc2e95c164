#include "storage/audit.h"

#include "storage/impl.h"
#include "storage/rows.h"

#include <algorithm>

namespace kedja::storage {
namespace {

// The audit log's actor for the admin role, which acts for no actor.
const std::string admin_actor = "admin";

// The id of the read set of exactly these cases (sorted, distinct), made
// with its links if it is new. Sets are found by the SHA-256 of their case
// numbers: two different sets never share a row.
std::int64_t read_set_of(Connection& c, const std::vector<std::int64_t>& case_nums) {
  std::string bytes;
  bytes.reserve(case_nums.size() * 8);
  for (std::int64_t num : case_nums)
    for (int shift = 0; shift < 64; shift += 8) bytes += static_cast<char>((num >> shift) & 0xFF);
  const std::string digest = sha256(bytes);
  {
    auto find = c.prepare("SELECT id FROM audit_read_sets WHERE digest = ?1");
    find.bind(1, digest.data(), static_cast<int>(digest.size()));
    if (find.executeStep()) return find.getColumn(0).getInt64();
  }
  auto make = c.prepare("INSERT INTO audit_read_sets (digest) VALUES (?1)");
  make.bind(1, digest.data(), static_cast<int>(digest.size()));
  make.exec();
  const std::int64_t set = c.db().getLastInsertRowid();
  // The case numbers as a JSON array, in one statement (measured a little
  // faster than a statement per case).
  std::string nums = "[";
  for (std::int64_t num : case_nums) {
    if (nums.size() > 1) nums += ',';
    nums += std::to_string(num);
  }
  nums += ']';
  auto links = c.prepare(
      "INSERT INTO audit_read_set_cases (case_num, read_set) SELECT value, ?2 FROM json_each(?1)");
  links.bind(1, nums);
  links.bind(2, set);
  links.exec();
  return set;
}

// Up to `count` ids that `select` (binding ?1 and ?2, and ?3 = count) gives,
// merged into `ids`, which keeps only the `count` smallest.
void merge_ids(Connection& c, const char* select, std::int64_t key, std::int64_t after,
               std::size_t count, std::vector<std::int64_t>& ids) {
  auto s = c.prepare(select);
  s.bind(1, key);
  s.bind(2, after);
  s.bind(3, static_cast<std::int64_t>(count));
  const auto old_size = ids.size();
  while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  std::inplace_merge(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(old_size), ids.end());
  if (ids.size() > count) ids.resize(count);
}

}  // namespace

std::int64_t write_audit(Connection& c, const Caller& caller, const std::string& action,
                         std::vector<std::int64_t> case_nums) {
  std::sort(case_nums.begin(), case_nums.end());
  case_nums.erase(std::unique(case_nums.begin(), case_nums.end()), case_nums.end());
  auto row = c.prepare("INSERT INTO audit (at, actor, token, action, read_set) VALUES (?1, ?2, ?3, ?4, ?5)");
  row.bind(1, utc_now_millis());
  row.bind(2, caller.actor ? caller.actor->str() : admin_actor);
  row.bind(3, caller.token_name);
  row.bind(4, action);
  if (case_nums.size() > 1) row.bind(5, read_set_of(c, case_nums)); else row.bind(5);
  row.exec();
  const std::int64_t audit_id = c.db().getLastInsertRowid();
  if (case_nums.size() == 1) {
    auto link = c.prepare("INSERT INTO audit_links (case_num, audit_id) VALUES (?1, ?2)");
    link.bind(1, case_nums[0]);
    link.bind(2, audit_id);
    link.exec();
  }
  return audit_id;
}

Page<AuditEntry> read_audit(Connection& c, const CaseId& id, int limit,
                            const std::optional<std::string>& cursor) {
  const std::int64_t after = cursor ? cursor_number(decode_cursor(*cursor, 1)[0]) : 0;
  const int page_size = clamp_limit(limit);
  const auto wanted = static_cast<std::size_t>(page_size) + 1;  // one more tells if a page follows
  ReadTransaction snapshot(c);
  Page<AuditEntry> page;
  std::int64_t case_num = 0;
  {
    auto find = c.prepare("SELECT num FROM cases WHERE id = ?1");
    find.bind(1, id.str());
    if (!find.executeStep()) return page;
    case_num = find.getColumn(0).getInt64();
  }
  // The rows linked to the case itself, those its appended events name,
  // then those of each read set the case is in: each source is in id
  // order, so a page needs at most `wanted` ids from each.
  std::vector<std::int64_t> ids;
  merge_ids(c, "SELECT audit_id FROM audit_links WHERE case_num = ?1 AND audit_id > ?2 "
               "ORDER BY audit_id LIMIT ?3",
            case_num, after, wanted, ids);
  merge_ids(c, "SELECT audit_id FROM events WHERE case_num = ?1 AND audit_id > ?2 "
               "ORDER BY audit_id LIMIT ?3",
            case_num, after, wanted, ids);
  std::vector<std::int64_t> sets;
  {
    auto s = c.prepare("SELECT read_set FROM audit_read_set_cases WHERE case_num = ?1");
    s.bind(1, case_num);
    while (s.executeStep()) sets.push_back(s.getColumn(0).getInt64());
  }
  for (std::int64_t set : sets)
    merge_ids(c, "SELECT id FROM audit WHERE read_set = ?1 AND id > ?2 ORDER BY id LIMIT ?3", set, after,
              wanted, ids);

  if (ids.size() == wanted) {
    ids.pop_back();
    page.next_cursor = encode_cursor({std::to_string(ids.back())});
  }
  auto row = c.prepare("SELECT at, actor, token, action FROM audit WHERE id = ?1");
  for (std::int64_t audit_id : ids) {
    row.tryReset();
    row.bind(1, audit_id);
    if (!row.executeStep()) throw StorageError("audit row " + std::to_string(audit_id) + " is missing");
    page.items.push_back({row.getColumn(0).getString(), row.getColumn(1).getString(),
                          row.getColumn(2).getString(), row.getColumn(3).getString()});
  }
  return page;
}

}  // namespace kedja::storage
