// Kedja's persistence: the SQLite event log, the step projection, tokens and
// the audit log, in one database file (contract §2–4).
//
// Threads: a SQLite connection is never shared between threads. Writes go to
// one writer thread that owns the write connection and commits the writes
// that arrive together in one transaction (group commit); each caller is
// answered only after that commit is durable. Reads use a connection owned by
// the calling thread (one per thread, opened on first use).
//
// No SQLite types appear in this header.
#pragma once

#include "domain/access.h"
#include "domain/case.h"
#include "domain/digest.h"
#include "domain/event.h"
#include "domain/feed.h"
#include "domain/follow_up.h"
#include "domain/result.h"
#include "domain/steps.h"
#include "storage/stats.h"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::storage {

inline constexpr int max_page_size = 1000;
inline constexpr int default_page_size = 100;

template <typename T>
struct Page {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // opaque; nullopt at the end
};

// A case with everything the engine makes of it.
struct StoredCase {
  Case the_case;
  std::vector<RecordedEvent> events;  // by seq
  CaseState state;
  // Read by a caller who may not see who the person is (the coordinator,
  // contract §4): the names, external_ref and household are empty and the
  // birth date is 1 January of the birth year. Every output shows
  // `birth_year` instead. The events' free text goes too: each `reason` is
  // hidden_reason and each client `event_id` is empty (see find_case).
  bool identity_hidden = false;
};

// An event's `reason` (a void's, a closure's) as a pseudonymised read shows
// it: free text, written by a person about a person, may hold a name or a
// health detail, so the coordinator sees that there was a reason, not the
// reason. The web pages say it in Swedish (server/web/swedish.cpp value_label).
inline constexpr std::string_view hidden_reason = "(free text, not shown in pseudonymised reads)";

// A case in a list: its fields and where it is now, no events or steps.
struct CaseSummary {
  Case the_case;
  std::string municipality;  // now
  ActorId health_centre;     // now
  bool closed = false;
  std::optional<RuleSetId> rule_set;  // resolved
};

// A case that may be the person about to be registered again (issue 14 §3).
struct PossibleDuplicate {
  CaseSummary summary;
  bool same_name_and_birth_date = false;  // given and family name as searched (NFC, case-folded)
  bool same_external_ref = false;
};

struct CaseQuery {
  std::optional<std::string> municipality;
  std::optional<bool> closed;  // status=open|closed
  std::optional<std::string> external_ref;
  std::optional<std::string> household;
  std::optional<std::string> name_prefix;  // q: given or family name, ignoring case (Å, Ä, Ö too)
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

// An open step with the case facts lists show (overdue, due).
struct StepItem {
  CaseId case_id;
  std::string given_name;
  std::string family_name;
  Date birth_date{};
  std::string municipality;
  StepKey step;
  ActorId actor;
  Date opened_on{};
  Date due_on{};
  int working_days_overdue = 0;  // 0 for due lists
};

struct OverdueQuery {
  std::optional<ActorId> actor;
  std::optional<std::string> municipality;
  Date as_of{};
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

struct DueQuery {
  std::optional<ActorId> actor;
  Date from{};
  Date to{};
  int limit = default_page_size;
  std::optional<std::string> cursor;
};

enum class SummaryBy { municipality, actor };

// Overdue steps by working days overdue (contract v1.1 §4 `buckets`):
// 1–5, 6–10, 11–20, 21 and more.
inline constexpr std::array<const char*, 4> overdue_bucket_names = {"1-5", "6-10", "11-20", "21+"};
std::size_t overdue_bucket(int working_days_overdue);  // ≥ 1 → index into overdue_bucket_names

struct SummaryRow {
  std::string group;  // municipality slug or actor id
  StepKey step;
  std::int64_t overdue = 0;
  Date oldest_due_on{};
  std::array<std::int64_t, 4> buckets{};  // by overdue_bucket_names; they add up to `overdue`
};

// Uppföljning (contract v1.1 §4 GET /v1/follow-up).
enum class FollowUpBy { municipality, actor, month };

struct FollowUpQuery {
  FollowUpBy by = FollowUpBy::municipality;
  Date from{}, to{};             // due_on in [from, to], civil days
  Date as_of{};                  // open steps: overdue (late) or pending on this day
  std::optional<StepKey> step;   // one step only
  std::optional<ActorId> actor;  // one unit's steps only (the page's "Våra steg"), within the caller's scope
};

struct FollowUpRow {
  std::string group;  // municipality slug, actor id, or due month "YYYY-MM"
  StepKey step;
  FollowUpFigures figures;
};

struct AuditEntry {
  std::string at;      // UTC timestamp
  std::string actor;   // actor id, or "admin"
  std::string token;   // the token's name, never the token
  std::string action;  // e.g. "read", "list", "create", "append event 7"
};

// Loggkontroll (issue 14 §6, contract v1.1 GET /v1/audit?token=&from=&to=):
// the audit log searched by case, token and period, in any combination.
struct AuditQuery {
  std::optional<CaseId> case_id;     // the rows about this case (as audit(case))
  std::optional<std::string> token;  // the rows of this token (its name)
  // The period: UTC instants in the stored form ("2026-10-31T23:00:00.000Z"),
  // half-open [from_utc, until_utc); empty for no bound. Civil dates in
  // Europe/Stockholm become these with server/today.h stockholm_period.
  std::string from_utc, until_utc;
  int limit = default_page_size;
  std::optional<std::string> cursor;  // from a page of the same kind of query
};

// An audit row with what the log checker needs to know of it.
struct AuditRow {
  std::int64_t id = 0;                 // the row's number: its order of recording
  AuditEntry entry;
  std::optional<CaseId> case_id;       // a single read, a create, an append (none for a list of many)
  std::optional<EventType> appended;   // an append: the event's type
  std::int64_t cases = 0;              // how many cases the row is about (0: none, a token's row)
  // A read, not a write: every row but a create, an import, an append and a
  // token's create or revoke — single and list reads, the feed, the
  // duplicate check. Decided by the one list of actions,
  // storage/audit_actions.h, in the SQL of storage/audit.cpp
  // (`read_condition`), which the sample draws by too.
  bool read = false;
};

// When an append may be written. `closes_an_open_step` is for a form
// that offers a step's closing event (a row of Att göra, issue 13): posted
// from a list that is stale — another tab, another person — after the step
// was closed, the event would be recorded again (a second booking silently
// replacing the first). The JSON API appends `always` (contract §2).
enum class AppendIf { always, closes_an_open_step };
inline constexpr std::string_view closes_no_open_step = "the event closes no open step of the case";

struct Appended {
  RecordedEvent event;
  bool repeated = false;  // an event_id the case already had: nothing written
  std::vector<Step> steps;
};

// What a token opens. An `api` token is the API's and the web pages'
// credential. A `feed` token (issue 16) reads one actor's calendar feed and
// nothing else: it belongs to an actor, it is made, listed, expired and
// revoked like any token, and every other endpoint refuses it (401) — it
// sits in a URL that a calendar program keeps, so it must open no more.
enum class TokenKind { api, feed };
std::string_view to_string(TokenKind kind);
std::optional<TokenKind> token_kind_from(std::string_view text);

// A token as the admin sees it: never the token itself (only its hash is
// stored, and the token is shown once, when made).
struct TokenInfo {
  std::string name;
  TokenKind kind = TokenKind::api;
  Role role = Role::admin;
  std::optional<ActorId> actor;            // nullopt for admin
  std::string created_at;                  // UTC, "2026-11-25T08:01:02Z"
  std::optional<Date> expires;             // the last day it is valid (Europe/Stockholm)
  std::optional<Date> last_used;           // the last day it was used (Europe/Stockholm)
  std::optional<std::string> revoked_at;   // UTC; nullopt while not revoked
};

// Not revoked, and `today` (Europe/Stockholm) not after its last valid day.
bool in_force(const TokenInfo& token, Date today);

struct NewToken {
  Role role = Role::admin;
  std::optional<ActorId> actor;
  std::optional<std::string> name;   // generated when absent
  std::optional<Date> expires;       // valid through this day; none: no expiry
  TokenKind kind = TokenKind::api;   // feed: needs an actor
};

// A unit's calendar feed as of a day (Europe/Stockholm), entries by date.
struct Feed {
  ActorId actor;
  std::vector<FeedEntry> entries;
};

struct CreatedToken {
  std::string token;  // "kedja_<64 hex>", shown once
  TokenInfo info;
};

// --- the web pages' work list (Att göra) ---------------------------------
// Four tabs of one actor's steps as of a date (Europe/Stockholm civil date):
enum class WorkTab {
  overdue,   // Försenade: open, at least one working day past due_on
  due_soon,  // Förfaller snart: open, not overdue, due within 10 working days of as_of
  undated,   // Utan tidsgräns: open, no due date
  done,      // Klara: done or declined in the 30 calendar days up to as_of
};
enum class WorkSort { due, name, age, municipality, step, opened };

struct WorkQuery {
  WorkTab tab = WorkTab::overdue;
  Date as_of{};
  std::optional<ActorId> actor;  // the steps' owner; nullopt: every owner in scope
  std::optional<std::string> municipality;
  std::optional<StepKey> step;
  std::optional<int> min_age, max_age;  // age on as_of, inclusive
  std::optional<bool> interpreter_needed;
  WorkSort sort = WorkSort::due;  // due: due_on (undated: opened_on; done: done_on, latest first)
  bool descending = false;
  int offset = 0;  // rows skipped
  int limit = 50;  // 1..max_page_size
};

struct WorkItem {
  CaseId case_id;
  std::string given_name, family_name;  // empty for the coordinator
  Date birth_date{};                    // 1 January of the birth year for the coordinator
  std::string municipality;             // the case's municipality now
  StepKey step;
  std::string title;  // Swedish, from the rule set
  ActorId actor;
  Date opened_on{};
  std::optional<Date> due_on;
  StepStatus status = StepStatus::open;
  std::optional<Date> done_on;
  bool late = false;
  int working_days_late = 0;     // done steps: working days in (due_on, done_on]
  int working_days_overdue = 0;  // open steps: working days in (due_on, as_of]
  int working_days_left = 0;     // open steps not overdue: working days in (as_of, due_on]
  std::string language;
  bool interpreter_needed = false;
  std::optional<std::string> household;  // nullopt for the coordinator
};

struct WorkCounts {
  std::int64_t overdue = 0, due_soon = 0, undated = 0, done = 0;
};

struct WorkPage {
  std::vector<WorkItem> items;
  WorkCounts counts;  // every tab's rows under the same filters
};

// What opening a database that is not there does: `create` makes it (and
// its missing directories, 0700); `refuse` throws NoDatabase and makes
// nothing, so a mistyped path is not answered from a new, empty database.
enum class MissingDatabase { create, refuse };

struct Options {
  std::string path;            // a file; ":memory:" is not supported (threads need a file)
  bool durable = true;         // synchronous=FULL; tests of logic may turn it off
  // Where the store says, once each, that the database cannot commit (with
  // the cause) and that it can again. Empty: standard error.
  std::function<void(const std::string& line)> log = {};
  MissingDatabase missing = MissingDatabase::create;
};

// Faults a running store can be put in, as a drill and for tests: the
// writer's connection refuses writes as a read-only database does
// (SQLITE_READONLY), or the database may not grow past its current size, as
// on a full disk (SQLITE_FULL). `none` lifts either.
enum class WriteFault { none, read_only, full };

// Thrown when the database cannot be used (newer schema, not a Kedja file);
// SQLite::Exception for other infrastructure failures.
struct StorageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Thrown by a Store opened with MissingDatabase::refuse when there is no
// file at the path: nothing was created. `path` is the path as given.
struct NoDatabase : StorageError {
  explicit NoDatabase(std::string where)
      : StorageError("there is no database at " + where), path(std::move(where)) {}
  std::string path;
};

// Thrown when the database cannot record what a request needs now: a write
// whose commit fails because the database is full, read-only, locked or
// failing (nothing of it is written), and every read of cases while the
// audit log cannot record reads (contract §4: no personal data leaves
// without its audit row). The text says why; the server answers 503.
struct Unavailable : StorageError {
  using StorageError::StorageError;
};

// Thrown by the paged reads for a cursor they did not hand out (a client's
// bad input: answer 400 naming "cursor").
struct BadCursor : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

class Store {
 public:
  // Opens (creating if needed) and migrates the database.
  Store(Options options, EngineContext context);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  static int schema_version();

  // The cases in `caller`'s scope (as list_cases sees them, on `today`)
  // that may be `person` again: the same given and family name after the
  // search folding (NFC and Unicode case folding, text::search_fold: case
  // and the form of a letter do not matter, Å/Ä/Ö stay letters of their
  // own) and the same birth date, or the same external_ref. At most
  // `limit`, by id. Never a case outside the scope. Audited as a list read
  // ("duplicate check") of the cases returned; identities hidden from the
  // coordinator as in every list.
  std::vector<PossibleDuplicate> possible_duplicates(const Caller& caller, const Case& person, Date today,
                                                     int limit = max_possible_duplicates);
  // The most possible duplicates listed; as many means "at least".
  static constexpr int max_possible_duplicates = 20;

  // --- writes: durable when they return --------------------------------
  // Creates a case with its first events, all or nothing. Scope and roles are
  // checked (may_create_cases, may_record for each event), and audited.
  // `today` is the civil date in Europe/Stockholm: an event dated after it is
  // a 400 naming `events[i].date` (append_event: `date`).
  //
  // With `duplicates` (issue 14 §3: the caller has not confirmed a new
  // person), once the case and its events pass every check above, the
  // person is looked for among the cases in the caller's scope
  // (possible_duplicates); any found are put in `*duplicates` and the create
  // is refused as a conflict (409 possible_duplicate), nothing written. So a
  // bad field is always named first, whatever the database holds.
  Result<StoredCase> create_case(const Caller& caller, Case the_case, std::vector<Event> events,
                                 Date today, std::vector<PossibleDuplicate>* duplicates = nullptr);
  // A household registered at once (issue 14 §1, Ny ankomst): several new
  // cases with their first events, all or nothing, in ONE write (one
  // savepoint of one group commit: one durable commit). Each case is
  // checked exactly as create_case checks it (the same code), the first
  // refusal naming its case: "cases[2].birth_date"; nothing is written.
  // With `duplicates`, once every case passes, each case not
  // `confirmed_new` is looked for as create_case does; when any has
  // possible duplicates, `*duplicates` holds them by case (one entry per
  // case, empty where none) and the write is refused as a conflict,
  // nothing written. An external_ref taken, by another case or an earlier
  // one of the same write, is a 409 naming "cases[i].external_ref".
  struct NewCase {
    Case the_case;
    std::vector<Event> events;
    bool confirmed_new = false;  // the caller has seen its possible duplicates
  };
  static constexpr std::size_t max_cases_per_write = 50;
  Result<std::vector<StoredCase>> create_cases(const Caller& caller, std::vector<NewCase> cases, Date today,
                                               std::vector<std::vector<PossibleDuplicate>>* duplicates = nullptr);
  // One event for several cases (issue 14 §2: a household's members at
  // once), all or nothing in ONE write: each append checked as
  // append_event checks it (scope 404, role 403, rules 409, event_id
  // repeats), in order, the first refusal naming its item
  // ("events[1].date"); nothing is written then. At most
  // max_cases_per_write items.
  struct NewEvent {
    CaseId case_id;
    Event event;
  };
  Result<std::vector<Appended>> append_events(const Caller& caller, std::vector<NewEvent> events, Date today);
  // Appends one event: 404 if the case is not in the caller's scope, 403 if
  // the role may not record it, 409 if the domain refuses it. With
  // AppendIf::closes_an_open_step, a 409 naming `type` (detail
  // closes_no_open_step), nothing written, unless the event closes at least
  // one step that was open before it — decided in the writer's transaction
  // that would append it, so two such appends racing for one step record
  // one. A repeated event_id is answered as a repeat before this check: a
  // double click of one form is still one write, not a refusal.
  Result<Appended> append_event(const Caller& caller, const CaseId& id, Event event, Date today,
                                AppendIf condition = AppendIf::always);

  // --- reads: scoped by the caller and audited -------------------------
  // A read's audit rows are queued to the writer, not awaited: they are
  // committed (durable) with its next group commit, within milliseconds; a
  // crash in that window can lose them. audit() first waits for the rows
  // of the reads made before it. While audit rows cannot be committed (or
  // too many wait), these reads throw Unavailable instead of answering
  // (summary(), which shows no case, answers still).
  // A coordinator's read comes back pseudonymised (StoredCase::identity_hidden).
  Result<StoredCase> find_case(const Caller& caller, const CaseId& id, Date today);
  Page<CaseSummary> list_cases(const Caller& caller, const CaseQuery& query, Date today);
  Page<StepItem> overdue(const Caller& caller, const OverdueQuery& query, Date today);
  Page<StepItem> due(const Caller& caller, const DueQuery& query, Date today);
  // The aggregates below show no case and are not audited. Scope as for
  // the lists: the steps of the cases the caller sees on `today`. Region-wide
  // roles, reception (its municipality) and a health centre (its cases) are
  // read from the step counts (storage/step_counts.h): a few rows per group
  // and due day, however many cases. A unit whose scope is an age range
  // today (school, preschool, school and child health, sfi; or a case on
  // which it owns an open step) depends on each case's birth date: its
  // summary is counted from its municipality's open steps, its follow-up of
  // whole months from the done and declined steps by birth month
  // (migration 20, step_histograms.h) and its open steps.
  // Overdue steps on as_of, by municipality or actor and step, ordered by
  // both; with `actor`, that unit's steps only.
  std::vector<SummaryRow> summary(const Caller& caller, SummaryBy by, Date as_of, Date today,
                                  const std::optional<ActorId>& actor = std::nullopt);
  // The follow-up rows of the steps due in [from, to], ordered by group and step.
  std::vector<FollowUpRow> follow_up(const Caller& caller, const FollowUpQuery& query, Date today);
  // One tab of the work list, offset-paged, with every tab's count; scoped
  // and audited as the other lists ("list work"), identities hidden from the
  // coordinator as in every list.
  // The tab counts come from counts kept per actor in the projection's
  // transaction (storage/work_counts.h) when they can apply the query —
  // one actor, no age or interpreter filter, no age-ranged scope on the tab —
  // and from the steps otherwise.
  WorkPage work(const Caller& caller, const WorkQuery& query, Date today);
  // The four counts of `work` read from the steps alone, as before the kept
  // counts: the reference the tests hold them to. Not audited: no case.
  WorkCounts work_counts_from_steps(const Caller& caller, const WorkQuery& query, Date today);
  Page<AuditEntry> audit(const CaseId& id, int limit, const std::optional<std::string>& cursor);
  // Loggkontroll (issue 14 §6): the rows a query finds, oldest first, paged.
  // With a case: the rows about it (read sets included), by id; otherwise
  // the rows of the token and/or the period, by (at, id) through the
  // indexes of migration 14 (one token's month is one index range). Like
  // audit(), waits first for the rows of every read made before it; not
  // audited itself (neither is GET /v1/audit: the audit log holds no case
  // data beyond ids). Throws BadCursor for a cursor of another kind.
  Page<AuditRow> audit_log(const AuditQuery& query);
  // Whether a case with this id exists, in anyone's scope: for the log
  // checker, who must learn that an id typed wrong is no case rather than
  // a case nobody read. Not audited: an id tells nothing about a person.
  bool case_known(const CaseId& id);
  // The random sample of reads (stickprov) in [from_utc, until_utc): up to
  // `count` distinct reads, each read of the period equally likely, drawn by
  // a generator seeded with `seed` (urval), so the same seed over a period
  // whose rows no longer change draws the same rows again. By id (≈ time).
  // Reads a few hundred rows, not the period: see storage/audit.h.
  std::vector<AuditRow> audit_sample(const std::string& from_utc, const std::string& until_utc,
                                     std::uint64_t seed, int count);

  // --- reminders (issue 16) ---------------------------------------------
  // The calendar feed of `caller`'s actor (a feed token's caller) on `today`:
  // its open steps due in feed_window(today), as domain/feed.h makes them
  // entries. Audited like a list read ("feed"), naming the cases it lists,
  // through the same path as every other read.
  Feed feed(const Caller& caller, Date today);
  // The open steps of `actor` due on or before `through` (a digest's
  // horizon), with their titles: counted by domain/digest.h. No identities,
  // so not audited (like the overdue summary).
  std::vector<DueStep> due_steps(const ActorId& actor, Date through);
  // The morning digest's record, at most one per unit and day: claims
  // (actor, day) for a digest to `address` and returns true, or returns
  // false when a digest for that day is already recorded (by this run or
  // another). Durable when it returns. A send that fails gives the claim
  // back (release_digest), so a later run that day may try again.
  bool claim_digest(const ActorId& actor, Date day, const std::string& address);
  void release_digest(const ActorId& actor, Date day);

  // --- tokens (contract §4 "Tokens"): only a token's SHA-256 is stored ---
  //
  // Validity is read from the database on every check, never from a cache:
  // a revocation or an expiry holds from the next request on, in every
  // process that has the database open (a `kedja token revoke` while the
  // service runs included). A check is one primary-key (or unique-index)
  // lookup on the calling thread's read connection: a few microseconds,
  // cheap enough for every request and every web page.
  //
  // A token is *in force* on `today` (the civil date in Europe/Stockholm)
  // when it is not revoked and `today` is not after its `expires` date.
  // Each check that finds a token in force records `today` as its last-used
  // date: at most one write a token a day, queued to the writer and not
  // awaited (like a read's audit row).

  // Creates a token; `by` is who asks (its audit row): the admin makes any
  // token, a unit only feed tokens of its own actor and role (403 for
  // anything else; domain/access.h may_manage_feed_tokens). Checks the request
  // against the region: a known role; an actor of the role's kind (an lst
  // actor for coordinator; none for admin); a name of 1–100 characters
  // without control characters, not yet used by any token, revoked ones
  // included (400 naming the field; 409 naming `name` when taken); an
  // `expires` not before `today` (400). Without a name, one is made:
  // "<actor>-<n>" ("admin-<n>") with the first free n ≥ 1.
  Result<CreatedToken> create_token(const Caller& by, const NewToken& request, Date today);
  // A test and tool shorthand: a token for `owner` (its token_name as the
  // name, or a generated one when empty), no expiry. Throws StorageError
  // when refused. Returns the token, once.
  std::string create_token(const Caller& owner);

  // The token's caller when `token` (as sent: "kedja_<64 hex>") is an api
  // token in force on `today`, else nullopt (unknown, malformed, revoked,
  // expired, or a feed token: 401).
  std::optional<Caller> authenticate(std::string_view token, Date today);
  // The caller when `token` is a feed token of `feed_actor` in force on
  // `today`, else nullopt (an api token, another actor's feed token,
  // revoked, expired, unknown: 401).
  std::optional<Caller> authenticate_feed(std::string_view token, const ActorId& feed_actor, Date today);
  // The same check by the token's name, for a session made from a token
  // (web pages): call it on every request of the session; nullopt means the
  // token was revoked or has expired since, and the session is over. A feed
  // token never makes a session (nullopt). Names
  // are never reused, so a name stands for one token for good.
  std::optional<Caller> token_in_force(std::string_view name, Date today);

  // What is stored about the token `token` (as sent), whether in force or
  // not; records no use. For tools that ask about a token.
  std::optional<TokenInfo> token_info(std::string_view token);

  // Every token `by` may manage, revoked and expired ones too, by name;
  // `limit` a page: the admin's are all tokens, a unit's its own actor's
  // feed tokens (domain/access.h may_manage_feed_tokens); 403 for a caller
  // who manages none (the coordinator).
  Result<Page<TokenInfo>> list_tokens(const Caller& by, int limit, const std::optional<std::string>& cursor);
  // Revokes the token of that name (404 when there is none, or none that
  // `by` may manage: a unit revokes its own feed tokens only; 403 for a
  // caller who manages none); revoking a revoked token changes nothing. The
  // row stays, for the audit log.
  Result<TokenInfo> revoke_token(const Caller& by, std::string_view name);

  // --- bulk and maintenance ---------------------------------------------
  // Loads many cases with their events in one transaction, skipping the
  // per-write audit/scope path (demo and import; `recorded_by` and
  // `recorded_at` as given, events assumed valid). Pulls cases from `next`
  // until it returns false; assigns each case its id. All or nothing: on an
  // exception nothing is written. Returns the number of cases loaded.
  struct BulkCase {
    Case the_case;
    std::vector<RecordedEvent> events;
  };
  // An import made by a person (the web pages' Importera, issue 14 §4)
  // is recorded as any write is: with `audit`, the same transaction writes
  // one audit row "import" by `audit->by` naming every case loaded, and
  // `audit->ids` gets the new cases' ids in the order loaded. Without it
  // (demo, `kedja import` run by the operator) no audit row is written.
  struct BulkAudit {
    Caller by;
    std::vector<CaseId> ids;  // filled by bulk_load
  };
  std::int64_t bulk_load(const std::function<bool(BulkCase&)>& next, BulkAudit* audit = nullptr);
  // Which of `refs` are already some case's external_ref, in the order
  // given: an import refuses those rows before it loads anything. One read
  // transaction for them all (a read per row cost an import more than its
  // load: two file locks each).
  std::vector<std::string> taken_external_refs(const std::vector<std::string>& refs);
  // Recomputes every case's steps from its events; progress(done, total).
  void reproject(const std::function<void(std::int64_t, std::int64_t)>& progress);
  // A consistent copy while the service runs (SQLite's backup API).
  void backup(const std::string& to_path);
  // Puts the writer's connection in `fault` (see WriteFault), between two
  // group transactions; the store goes on serving as it would on such a
  // database.
  void simulate_write_fault(WriteFault fault);

  // The writer's queues and group commits, and the database's and its
  // WAL's sizes in bytes on disk (a file that cannot be read counts 0).
  // Cheap: one lock and two stat calls; no SQL.
  StoreStats stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kedja::storage
