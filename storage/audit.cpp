#include "storage/audit.h"

#include "storage/audit_actions.h"
#include "storage/impl.h"
#include "storage/rows.h"

#include <algorithm>
#include <random>
#include <set>

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
  auto make = c.prepare("INSERT INTO audit_read_sets (digest, cases) VALUES (?1, ?2)");
  make.bind(1, digest.data(), static_cast<int>(digest.size()));
  make.bind(2, static_cast<std::int64_t>(case_nums.size()));
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

// The filters every source of a case's rows shares: ?4 ≤ at < ?5 and,
// when ?6 is not NULL, the token ?6.
struct RowFilter {
  std::string from, until;
  std::optional<std::string> token;
};

// Up to `count` ids that `select` (binding ?1 and ?2, ?3 = count, and the
// filter as ?4–?6) gives, merged into `ids`, which keeps only the `count`
// smallest.
void merge_ids(Connection& c, const char* select, std::int64_t key, std::int64_t after,
               std::size_t count, const RowFilter& filter, std::vector<std::int64_t>& ids) {
  auto s = c.prepare(select);
  s.bind(1, key);
  s.bind(2, after);
  s.bind(3, static_cast<std::int64_t>(count));
  s.bind(4, filter.from);
  s.bind(5, filter.until);
  if (filter.token) s.bind(6, *filter.token); else s.bind(6);
  const auto old_size = ids.size();
  while (s.executeStep()) ids.push_back(s.getColumn(0).getInt64());
  std::inplace_merge(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(old_size), ids.end());
  if (ids.size() > count) ids.resize(count);
}

// Above every stored `at` ("2026-…Z"): the end of an unbounded period.
const std::string no_end = "\x7f";

RowFilter filter_of(const AuditQuery& query) {
  return {query.from_utc, query.until_utc.empty() ? no_end : query.until_utc, query.token};
}

// The rows about a case, by id: those linked to it (its creation, single
// reads), those its appended events name, and those of each read set it is
// in. Each source is in id order, so a page needs at most `wanted` ids from
// each.
std::vector<std::int64_t> case_row_ids(Connection& c, std::int64_t case_num, std::int64_t after,
                                       std::size_t wanted, const RowFilter& filter) {
  std::vector<std::int64_t> ids;
  merge_ids(c, "SELECT l.audit_id FROM audit_links l JOIN audit a ON a.id = l.audit_id "
               "WHERE l.case_num = ?1 AND l.audit_id > ?2 AND a.at >= ?4 AND a.at < ?5 "
               "AND (?6 IS NULL OR a.token = ?6) ORDER BY l.audit_id LIMIT ?3",
            case_num, after, wanted, filter, ids);
  merge_ids(c, "SELECT e.audit_id FROM events e JOIN audit a ON a.id = e.audit_id "
               "WHERE e.case_num = ?1 AND e.audit_id > ?2 AND a.at >= ?4 AND a.at < ?5 "
               "AND (?6 IS NULL OR a.token = ?6) ORDER BY e.audit_id LIMIT ?3",
            case_num, after, wanted, filter, ids);
  std::vector<std::int64_t> sets;
  {
    auto s = c.prepare("SELECT read_set FROM audit_read_set_cases WHERE case_num = ?1");
    s.bind(1, case_num);
    while (s.executeStep()) sets.push_back(s.getColumn(0).getInt64());
  }
  for (std::int64_t set : sets)
    merge_ids(c, "SELECT id FROM audit WHERE read_set = ?1 AND id > ?2 AND at >= ?4 AND at < ?5 "
                 "AND (?6 IS NULL OR token = ?6) ORDER BY id LIMIT ?3",
              set, after, wanted, filter, ids);
  return ids;
}

// What a row is: the one statement of which rows are reads (AuditRow::read)
// — every row whose action is not one of storage/audit_actions.h's writes.
// The sample draws by it too. `column` is the action column as the query
// names it. The actions are constants of that list, never input.
std::string read_condition(std::string_view column) {
  std::string writes;
  for (const AuditAction& known : audit_actions) {
    if (!known.write) continue;
    if (!writes.empty()) writes += " OR ";
    writes += std::string(column) + (known.prefix ? " GLOB '" : " = '") + std::string(known.action) +
              (known.prefix ? "*'" : "'");
  }
  return "NOT (" + writes + ")";
}

// An audit row with what tells its case: its read set's count (a list
// read), the case it is linked to (a create, a single read), the event that
// names it and that event's case (an append), or the case id rows from
// before migration 4 carry. `indexed_by` follows the table's alias (an
// INDEXED BY clause, or empty); the caller adds WHERE and ORDER BY. Each
// join is a seek (migration 14's indexes for the link and the event), so a
// row costs the same in a range of thousands as alone.
std::string row_select(const char* indexed_by) {
  return std::string("SELECT a.id, a.at, a.actor, a.token, a.action, ") + read_condition("a.action") +
         ", a.read_set, rs.cases, lk.id, ek.id, e.type, a.case_id FROM audit a " + indexed_by +
         " LEFT JOIN audit_read_sets rs ON rs.id = a.read_set"
         " LEFT JOIN audit_links l ON l.audit_id = a.id LEFT JOIN cases lk ON lk.num = l.case_num"
         " LEFT JOIN events e ON e.audit_id = a.id LEFT JOIN cases ek ON ek.num = e.case_num";
}

// The row at the statement's cursor, from row_select's columns.
AuditRow row_of(const Prepared& s) {
  AuditRow out;
  out.id = s.getColumn(0).getInt64();
  out.entry = {s.getColumn(1).getString(), s.getColumn(2).getString(), s.getColumn(3).getString(),
               s.getColumn(4).getString()};
  out.read = s.getColumn(5).getInt() != 0;
  if (!s.getColumn(6).isNull()) {  // a list read of a read set (a set made before migration 14 may lack its count)
    out.cases = s.getColumn(7).isNull() ? 0 : s.getColumn(7).getInt64();
    return out;
  }
  if (!s.getColumn(8).isNull()) {
    out.case_id = CaseId{s.getColumn(8).getString()};
  } else if (!s.getColumn(9).isNull()) {
    out.case_id = CaseId{s.getColumn(9).getString()};
    out.appended = event_type_from(s.getColumn(10).getText());
  } else if (!s.getColumn(11).isNull()) {  // a row from before migration 4
    out.case_id = CaseId{s.getColumn(11).getString()};
  }
  out.cases = out.case_id ? 1 : 0;
  return out;
}

// Reads audit rows by id (a case's rows, a sample).
class RowReader {
 public:
  explicit RowReader(Connection& c) : row_(c.prepare(row_select("") + " WHERE a.id = ?1")) {}

  AuditRow read(std::int64_t id) {
    row_.tryReset();
    row_.bind(1, id);
    if (!row_.executeStep()) throw StorageError("audit row " + std::to_string(id) + " is missing");
    return row_of(row_);
  }

 private:
  Prepared row_;
};

// The uniform draw of [0, n) from one 64-bit output: the modulo's bias is
// below n / 2^64, nothing next to a sample of twenty. Written out rather
// than std::uniform_int_distribution, whose algorithm the standard leaves
// to each library: the same seed must draw the same rows in every build.
std::uint64_t below(std::mt19937_64& generator, std::uint64_t n) { return generator() % n; }

// A period spanning at most this many row ids is sampled exactly: every
// read's id is read (an index range) and the sample drawn from them. A
// longer one is sampled by drawing ids and keeping those that are reads of
// the period, which reads a few rows per draw, however long the period.
constexpr std::int64_t exact_sample_span = 100'000;

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
  std::vector<std::int64_t> ids = case_row_ids(c, case_num, after, wanted, RowFilter{"", no_end, std::nullopt});
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


Page<AuditRow> read_audit_log(Connection& c, const AuditQuery& query) {
  const int page_size = clamp_limit(query.limit);
  const auto wanted = static_cast<std::size_t>(page_size) + 1;  // one more tells if a page follows
  const RowFilter filter = filter_of(query);
  ReadTransaction snapshot(c);
  Page<AuditRow> page;
  std::vector<std::int64_t> ids;
  if (query.case_id) {
    const std::int64_t after = query.cursor ? cursor_number(decode_cursor(*query.cursor, 1)[0]) : 0;
    auto find = c.prepare("SELECT num FROM cases WHERE id = ?1");
    find.bind(1, query.case_id->str());
    if (!find.executeStep()) return page;
    ids = case_row_ids(c, find.getColumn(0).getInt64(), after, wanted, filter);
    if (ids.size() == wanted) {
      ids.pop_back();
      page.next_cursor = encode_cursor({std::to_string(ids.back())});
    }
  } else {
    // By (at, id) from the index: the rows after the cursor's (at, id), at
    // or after `from`. `at >= ?2` bounds the index range; the OR leaves out
    // the rows of the cursor's own instant already shown.
    std::string after_at = filter.from;
    std::int64_t after_id = 0;
    if (query.cursor) {
      const auto fields = decode_cursor(*query.cursor, 2);
      if (fields[0] >= after_at) {
        after_at = fields[0];
        after_id = cursor_number(fields[1]);
      }
    }
    auto s = c.prepare(filter.token
        ? row_select("INDEXED BY audit_by_token") +
              " WHERE a.token = ?1 AND a.at >= ?2 AND a.at < ?3 AND (a.at > ?2 OR a.id > ?4) ORDER BY a.at, a.id LIMIT ?5"
        : row_select("INDEXED BY audit_by_at") +
              " WHERE a.at >= ?2 AND a.at < ?3 AND (a.at > ?2 OR a.id > ?4) ORDER BY a.at, a.id LIMIT ?5");
    if (filter.token) s.bind(1, *filter.token);
    s.bind(2, after_at);
    s.bind(3, filter.until);
    s.bind(4, after_id);
    s.bind(5, static_cast<std::int64_t>(wanted));
    while (s.executeStep()) {
      if (page.items.size() + 1 == wanted) {
        page.next_cursor = encode_cursor({page.items.back().entry.at, std::to_string(page.items.back().id)});
        break;
      }
      page.items.push_back(row_of(s));
    }
    return page;
  }
  RowReader reader(c);
  for (std::int64_t id : ids) page.items.push_back(reader.read(id));
  return page;
}

std::vector<AuditRow> read_audit_sample(Connection& c, const std::string& from_utc, const std::string& until_utc,
                                        std::uint64_t seed, int count) {
  const std::string until = until_utc.empty() ? no_end : until_utc;
  ReadTransaction snapshot(c);
  std::vector<AuditRow> sample;
  if (count < 1) return sample;
  // The period's first and last rows by time. Row ids grow with time (a row
  // is numbered when it is committed, and stamped then), so the period's
  // rows are the ids between; were the clock ever set back, the draw keeps
  // only ids whose `at` lies in the period all the same.
  std::int64_t lo = 0, hi = 0;
  {
    auto first = c.prepare("SELECT id FROM audit INDEXED BY audit_by_at WHERE at >= ?1 AND at < ?2 "
                           "ORDER BY at, id LIMIT 1");
    first.bind(1, from_utc);
    first.bind(2, until);
    if (!first.executeStep()) return sample;
    lo = first.getColumn(0).getInt64();
    auto last = c.prepare("SELECT id FROM audit INDEXED BY audit_by_at WHERE at >= ?1 AND at < ?2 "
                          "ORDER BY at DESC, id DESC LIMIT 1");
    last.bind(1, from_utc);
    last.bind(2, until);
    last.executeStep();
    hi = last.getColumn(0).getInt64();
    if (hi < lo) std::swap(lo, hi);
  }
  std::mt19937_64 generator(seed);
  std::vector<std::int64_t> chosen;
  const auto wanted = static_cast<std::size_t>(count);
  if (hi - lo < exact_sample_span) {
    // Every read's id, then the first `count` places of a seeded
    // Fisher–Yates shuffle.
    auto s = c.prepare(std::string("SELECT id FROM audit WHERE id BETWEEN ?1 AND ?2 AND at >= ?3 AND at < ?4 AND ") +
                       read_condition("action") + " ORDER BY id");
    s.bind(1, lo);
    s.bind(2, hi);
    s.bind(3, from_utc);
    s.bind(4, until);
    std::vector<std::int64_t> reads;
    while (s.executeStep()) reads.push_back(s.getColumn(0).getInt64());
    for (std::size_t i = 0; i < reads.size() && i < wanted; ++i) {
      std::swap(reads[i], reads[i + below(generator, reads.size() - i)]);
      chosen.push_back(reads[i]);
    }
  } else {
    // Ids drawn uniformly from [lo, hi]; a draw that is not a read of the
    // period (a write, an id whose row is elsewhere in time) or is drawn
    // again is drawn anew, so every read of the period is equally likely.
    // Reads are most of an audit log, so few draws are lost; the number is
    // bounded all the same.
    auto is_read = c.prepare(std::string("SELECT 1 FROM audit WHERE id = ?1 AND at >= ?2 AND at < ?3 AND ") +
                             read_condition("action"));
    std::set<std::int64_t> seen;
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    for (std::size_t draws = 0; chosen.size() < wanted && draws < 1000 * wanted; ++draws) {
      const std::int64_t id = lo + static_cast<std::int64_t>(below(generator, span));
      if (!seen.insert(id).second) continue;
      is_read.tryReset();
      is_read.bind(1, id);
      is_read.bind(2, from_utc);
      is_read.bind(3, until);
      if (is_read.executeStep()) chosen.push_back(id);
    }
  }
  std::sort(chosen.begin(), chosen.end());
  RowReader reader(c);
  for (std::int64_t id : chosen) sample.push_back(reader.read(id));
  return sample;
}

}  // namespace kedja::storage
