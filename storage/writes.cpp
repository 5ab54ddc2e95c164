// The two write use cases: create a case with its first events, append one
// event. Each writes on the writer thread inside its own savepoint of a
// group transaction, and answers only after the group's commit. Both are
// worked out on the caller's thread first: a create's events in one forward
// pass (AppendChain), an append on the caller's own read snapshot; the
// writer only writes (for an append, after confirming that the case has not
// changed since, or working it out again: at most max_events_per_case
// events). The bounds of contract §2 keep every request's work small.
#include "storage/audit.h"
#include "storage/case_io.h"
#include "storage/impl.h"

#include "domain/append_chain.h"

#include <functional>
#include <map>
#include <set>
#include <span>
#include <tuple>

namespace kedja::storage {
namespace {

Problem not_found(const CaseId& id) { return {ProblemKind::not_found, "no case " + id.str(), {}}; }

Problem forbidden(std::string field, std::string message) {
  return {ProblemKind::forbidden, message, {{std::move(field), message}}};
}

std::string who(const Caller& caller) { return caller.actor ? caller.actor->str() : "admin"; }

// Puts "events[i]." before the fields a problem names.
Problem with_prefix(Problem problem, const std::string& prefix) {
  for (auto& error : problem.errors) error.field = prefix + error.field;
  // "events[2]." names fields; the sentence reads "events[2]: …".
  std::string where = prefix.empty() || prefix.back() != '.' ? prefix : prefix.substr(0, prefix.size() - 1);
  problem.detail = where + ": " + problem.detail;
  return problem;
}

// The step an event declines, its owner when it is open (`before`: the
// case's projection before the event).
std::optional<ActorId> open_step_owner(const CaseState& before, const Event& event) {
  if (event.type != EventType::step_declined || !event.step) return std::nullopt;
  for (const Step& step : before.steps)
    if (step.key.str() == *event.step && step.status == StepStatus::open) return step.actor;
  return std::nullopt;
}

std::optional<ActorId> voided_recorder(std::span<const RecordedEvent> events, const Event& event) {
  if (event.type != EventType::event_voided || !event.voided_seq) return std::nullopt;
  if (*event.voided_seq < 1 || *event.voided_seq > static_cast<std::int64_t>(events.size())) return std::nullopt;
  return events[static_cast<std::size_t>(*event.voided_seq - 1)].recorded_by;
}

// Whether the caller's role may record `event` on a case with these
// `events` before it (`before`: their projection; read only for a
// step_declined); nullopt when it may. `decline_without_open_step` tells
// that a declined step is not open (it has no owner to ask).
std::optional<Problem> role_refusal(const CaseState& before, std::span<const RecordedEvent> events,
                                    const Caller& caller, const Event& event,
                                    bool& decline_without_open_step) {
  auto owner = open_step_owner(before, event);
  auto recorder = voided_recorder(events, event);
  // Declining a step that is not open has no owner to ask: the domain's 409
  // ("not open") says more than a 403 would. Should the domain ever accept
  // such a decline, the caller still may not record it.
  decline_without_open_step = event.type == EventType::step_declined && !owner;
  if (decline_without_open_step || may_record(caller, event.type, owner, recorder)) return std::nullopt;
  return forbidden("type", "role " + std::string(to_string(caller.role)) + " may not record " +
                               std::string(to_string(event.type)) + (owner || recorder ? " here" : ""));
}

Problem decline_refusal(const Caller& caller) {
  return forbidden("type", "role " + std::string(to_string(caller.role)) + " may not record step_declined");
}

// The domain's answer to an event as it would be recorded; it may keep it.
using DomainCheck = std::function<std::optional<Problem>(RecordedEvent)>;

// Checks that the caller may record `event` on a case with these `events`
// (`before`: their projection; read only for a step_declined) and that the
// domain accepts it.
std::optional<Problem> check_event(const CaseState& before, std::span<const RecordedEvent> events,
                                   const Caller& caller, Event event, const DomainCheck& domain) {
  bool decline_without_open_step = false;
  if (auto refused = role_refusal(before, events, caller, event, decline_without_open_step)) return refused;
  RecordedEvent recorded{static_cast<std::int64_t>(events.size()) + 1, std::move(event),
                         utc_now_seconds(), ActorId(who(caller))};
  if (auto problem = domain(std::move(recorded))) return problem;
  if (decline_without_open_step && caller.role != Role::admin) return decline_refusal(caller);
  return std::nullopt;
}

// The projection before `event`, needed only to find a declined step's
// owner: one replay more, for declines only.
CaseState projection_for_decline(const Case& the_case, std::span<const RecordedEvent> events,
                                 const Event& event, const EngineContext& context) {
  return event.type == EventType::step_declined ? project(the_case, events, context) : CaseState{};
}

// check_event for one more event of a stored case: `next` becomes the event
// as it would be recorded and `state` the case's projection with it
// (check_append computes it while checking).
std::optional<Problem> check_append_event(const Case& the_case, const std::vector<RecordedEvent>& events,
                                          const Caller& caller, Event event, const EngineContext& context,
                                          std::optional<RecordedEvent>& next, CaseState& state) {
  const CaseState before = projection_for_decline(the_case, events, event, context);
  return check_event(before, events, caller, std::move(event), [&](RecordedEvent recorded) {
    auto problem = check_append(the_case, events, recorded, context, state);
    if (!problem) next = std::move(recorded);
    return problem;
  });
}

// The same event: its type, date and payload (not who recorded it, when).
bool same_content(const Event& a, const Event& b) {
  return a.type == b.type && a.date == b.date && payload_values(a) == payload_values(b);
}

// A posted event whose event_id the case already has (contract §2 input
// rules): checked like a new event first — the role, as the case stood
// before the stored event — then the same content is a retry (nullopt:
// answer with the stored event) and other content a 409.
std::optional<Problem> check_repeat(const Case& the_case, const std::vector<RecordedEvent>& events,
                                    const Caller& caller, const Scope& scope, const Event& event,
                                    const RecordedEvent& stored, const EngineContext& context) {
  if (scope.read_only)
    return forbidden("type", "role " + std::string(to_string(caller.role)) + " is read-only");
  const std::span<const RecordedEvent> before_events(events.data(), static_cast<std::size_t>(stored.seq - 1));
  const CaseState before = projection_for_decline(the_case, before_events, event, context);
  bool decline_without_open_step = false;
  if (auto refused = role_refusal(before, before_events, caller, event, decline_without_open_step))
    return refused;
  if (decline_without_open_step && caller.role != Role::admin) return decline_refusal(caller);
  if (same_content(event, stored.event)) return std::nullopt;
  return Problem{ProblemKind::conflict, "event_id already used for another event",
                 {{"event_id", "already used for another event (seq " + std::to_string(stored.seq) + ")"}}};
}

// An append checked in the writer's transaction: refused, a repeated
// event_id (the stored event), or the event to append with the case's
// projection after it and the step rows as stored (to write only changes).
struct AppendCheck {
  std::optional<Problem> refused;
  std::optional<RecordedEvent> repeated;
  std::optional<CaseRow> row;
  std::vector<RecordedEvent> events;  // as stored
  std::vector<Step> stored_steps;     // the projection as stored
  std::optional<RecordedEvent> next;
  CaseState state;                    // with `next`
};

AppendCheck check_append_on(Connection& c, const Caller& caller, const Scope& scope, const CaseId& id,
                            const Event& event, Date today, const EngineContext& context) {
  AppendCheck out;
  out.row = load_case(c, id);
  const CaseRow* row = out.row ? &*out.row : nullptr;
  if (!row || !in_scope(scope, row->municipality, row->health_centre, row->the_case.birth_date, today,
                        owns_open_step(c, row->num, scope))) {
    out.refused = not_found(id);  // out of scope: as if it did not exist
    return out;
  }
  if (event.event_id) {
    if (auto stored = find_event_by_client_id(c, row->num, *event.event_id)) {
      out.events = load_events(c, row->num);
      out.refused = check_repeat(row->the_case, out.events, caller, scope, event, *stored, context);
      if (!out.refused) out.repeated = std::move(stored);
      return out;
    }
  }
  if (scope.read_only) {
    out.refused = forbidden("type", "role " + std::string(to_string(caller.role)) + " is read-only");
    return out;
  }
  out.events = load_events(c, row->num);
  if (out.events.size() >= max_events_per_case) {
    out.refused = case_is_full(out.events.size());
    return out;
  }
  if (auto problem = check_append_event(row->the_case, out.events, caller, event, context, out.next, out.state)) {
    out.refused = std::move(*problem);
    return out;
  }
  out.stored_steps = load_steps(c, row->num);
  return out;
}

// Whether the event closes a step that was open before it (`before`: the
// steps as stored; `after`: the projection with the event): done or
// declined now. Not cancelled: a second booking cancels the step the first
// opened (a re-booking, domain/replay.cpp) and closes nothing. A step is one
// instance of a rule: its key and the event that opened it.
bool closes_an_open_step(const std::vector<Step>& before, const std::vector<Step>& after) {
  for (const Step& was : before) {
    if (was.status != StepStatus::open) continue;
    for (const Step& now : after)
      if (now.key == was.key && now.opened_by_seq == was.opened_by_seq &&
          (now.status == StepStatus::done || now.status == StepStatus::declined))
        return true;
  }
  return false;
}

Problem closes_no_step(EventType type) {
  return {ProblemKind::conflict, std::string(closes_no_open_step),
          {{"type", std::string(to_string(type)) + ": " + std::string(closes_no_open_step)}}};
}

// Whether an append worked out on a read snapshot still holds in the
// writer's transaction: no event was appended to the case since (its case
// row and steps change only with its events) and no reprojection ran.
bool unchanged_since(Connection& c, const AppendCheck& draft, std::uint64_t epoch_then,
                     std::uint64_t epoch_now) {
  if (epoch_then != epoch_now || !draft.row) return false;
  auto s = c.prepare("SELECT coalesce(max(seq), 0) FROM events WHERE case_num = ?1");
  s.bind(1, draft.row->num);
  return s.executeStep() && s.getColumn(0).getInt64() == static_cast<std::int64_t>(draft.events.size());
}

bool external_ref_taken(Connection& c, const std::optional<std::string>& ref) {
  if (!ref) return false;
  auto s = c.prepare("SELECT 1 FROM cases WHERE external_ref = ?1");
  s.bind(1, *ref);
  return s.executeStep();
}

// The case's own fields against the region and the rule sets.
std::optional<Problem> check_new_case(Case& the_case, const std::vector<Event>& events,
                                      const EngineContext& context) {
  const Municipality* municipality = context.region.find_municipality(the_case.municipality);
  if (!municipality)
    return Problem::invalid("municipality", "unknown municipality '" + the_case.municipality + "'");
  if (the_case.health_centre.empty()) the_case.health_centre = municipality->default_health_centre;
  const Actor* centre = context.region.find_actor(the_case.health_centre);
  if (!centre || centre->kind != ActorKind::hc)
    return Problem::invalid("health_centre", "unknown health centre '" + the_case.health_centre.str() + "'");
  if (the_case.rule_set && !context.rule_sets.find(*the_case.rule_set))
    return Problem::invalid("rule_set", "unknown rule set '" + the_case.rule_set->str() + "'");
  std::set<std::string> event_ids;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (events[i].event_id && !event_ids.insert(*events[i].event_id).second)
      return Problem::invalid("events[" + std::to_string(i) + "].event_id",
                              "repeats an earlier event's event_id");
  return std::nullopt;
}

}  // namespace

namespace {

// A new case worked out on the caller's thread: checked in full (role,
// fields, scope, every event as the append it is), its events recorded and
// projected. The writer only has to insert it.
struct PreparedCase {
  Case the_case;
  std::vector<RecordedEvent> recorded;
  CaseState state;
};

// Every check of a create but the database's (possible duplicates and the
// external_ref): create_case and create_cases share it, so a household's
// person is refused exactly as the same person alone would be.
Result<PreparedCase> prepare_case(const Caller& caller, const Scope& scope, Case the_case,
                                  std::vector<Event> events, Date today, const EngineContext& context) {
  if (events.size() > max_events_per_create) return too_many_events_for_a_create(events.size());
  if (auto problem = check_new_case(the_case, events, context)) return *problem;
  for (std::size_t i = 0; i < events.size(); ++i)
    if (auto problem = check_not_after_today(events[i], today, "events[" + std::to_string(i) + "]."))
      return *problem;
  if (!in_scope(scope, the_case.municipality, the_case.health_centre, the_case.birth_date, today, false))
    return forbidden("municipality", "the case would be outside the caller's scope");

  // Checked here, on the caller's thread, each event as the append it is, in
  // one forward pass (AppendChain): the writer thread, which every write in
  // the region waits for, only writes. A new case has nothing in the
  // database to be checked against but its external_ref.
  AppendChain chain(the_case, context);
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto problem = check_event(chain.state(), chain.events(), caller, std::move(events[i]),
                               [&chain](RecordedEvent recorded) { return chain.append(std::move(recorded)); });
    if (problem) return with_prefix(std::move(*problem), "events[" + std::to_string(i) + "].");
  }
  std::vector<RecordedEvent> recorded = chain.take_events();
  CaseState state = chain.take_state();
  return PreparedCase{std::move(the_case), std::move(recorded), std::move(state)};
}

Problem may_not_create(const Caller& caller) {
  return forbidden("role", "role " + std::string(to_string(caller.role)) + " may not create cases");
}

constexpr std::string_view possible_duplicate = "possible duplicate";

// 409 possible_duplicate: the caller's list of matches goes with it.
Problem possible_duplicate_conflict() { return Problem{ProblemKind::conflict, std::string(possible_duplicate), {}}; }

bool is_possible_duplicate_conflict(const Problem& problem) {
  return problem.kind == ProblemKind::conflict && problem.detail == possible_duplicate && problem.errors.empty();
}

// Inserts a prepared case on the writer's connection with its audit row
// "create"; a conflict (its external_ref taken, by an earlier case of the
// same write too) when it cannot be. With `duplicates_in`, the person is
// looked for again in that scope inside the write's transaction: a create
// of the same person committed since the caller's own look (another tab,
// another officer) makes this one a possible_duplicate conflict.
std::optional<Problem> write_case(Connection& c, const Caller& caller, PreparedCase& prepared,
                                  const Scope* duplicates_in, Date today) {
  if (external_ref_taken(c, prepared.the_case.external_ref))
    return Problem{ProblemKind::conflict, "external_ref is already another case's",
                   {{"external_ref", "already used by another case"}}};
  if (duplicates_in && has_possible_duplicate(c, *duplicates_in, prepared.the_case, today))
    return possible_duplicate_conflict();
  CaseRow row = insert_case(c, prepared.the_case, nullptr);
  for (const RecordedEvent& event : prepared.recorded) insert_event(c, row.num, event);
  save_projection(c, row, prepared.state);
  write_audit(c, caller, "create", {row.num});
  return std::nullopt;
}

// Two persons of one write that may be one: the same folded name and birth
// date (the match of possible_duplicates), the later not confirmed new.
// Named at the later one's given name.
std::optional<Problem> same_person_twice(const std::vector<PreparedCase>& prepared,
                                         const std::vector<Store::NewCase>& cases) {
  std::map<std::tuple<std::string, std::string, Date>, std::size_t> seen;
  for (std::size_t j = 0; j < prepared.size(); ++j) {
    const Case& person = prepared[j].the_case;
    const auto [first, fresh] =
        seen.emplace(std::tuple(fold_name(person.family_name), fold_name(person.given_name), person.birth_date), j);
    if (!fresh && !cases[j].confirmed_new)
      return Problem::invalid("cases[" + std::to_string(j) + "].given_name",
                              "the same name and birth date as cases[" + std::to_string(first->second) +
                                  "] of this write");
  }
  return std::nullopt;
}

}  // namespace

Result<StoredCase> Store::create_case(const Caller& caller, Case the_case, std::vector<Event> events,
                                      Date today, std::vector<PossibleDuplicate>* duplicates) {
  const EngineContext& context = impl_->context_;
  Scope scope = scope_of(caller, context.region);
  if (scope.read_only || !may_create_cases(caller.role)) return may_not_create(caller);
  auto prepared = prepare_case(caller, scope, std::move(the_case), std::move(events), today, context);
  if (!prepared) return prepared.problem();
  if (duplicates) {
    *duplicates = possible_duplicates(caller, prepared->the_case, today);
    if (!duplicates->empty()) return possible_duplicate_conflict();
  }

  std::optional<Problem> refused;
  impl_->writer_->run([&](Connection& c) {
    refused = write_case(c, caller, *prepared, duplicates ? &scope : nullptr, today);
    return !refused;
  });
  if (refused) {
    // Registered by someone else since the look above: the caller is shown
    // that case, as if it had been there first.
    if (duplicates && is_possible_duplicate_conflict(*refused))
      *duplicates = possible_duplicates(caller, prepared->the_case, today);
    return std::move(*refused);
  }
  return StoredCase{std::move(prepared->the_case), std::move(prepared->recorded), std::move(prepared->state)};
}

Result<std::vector<StoredCase>> Store::create_cases(const Caller& caller, std::vector<NewCase> cases, Date today,
                                                    std::vector<std::vector<PossibleDuplicate>>* duplicates) {
  const EngineContext& context = impl_->context_;
  Scope scope = scope_of(caller, context.region);
  if (scope.read_only || !may_create_cases(caller.role)) return may_not_create(caller);
  if (cases.size() > max_cases_per_write)
    return Problem::invalid("cases", "at most " + std::to_string(max_cases_per_write) + " cases in one write, not " +
                                         std::to_string(cases.size()));
  // Every person checked before anything is looked up or written: the first
  // bad one is named ("cases[2].birth_date"), and nothing is written.
  std::vector<PreparedCase> prepared;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    auto one = prepare_case(caller, scope, std::move(cases[i].the_case), std::move(cases[i].events), today, context);
    if (!one) return with_prefix(one.problem(), "cases[" + std::to_string(i) + "].");
    prepared.push_back(std::move(*one));
  }
  if (duplicates) {
    if (auto problem = same_person_twice(prepared, cases)) return *problem;
    duplicates->assign(cases.size(), {});
    bool any = false;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      if (cases[i].confirmed_new) continue;
      (*duplicates)[i] = possible_duplicates(caller, prepared[i].the_case, today);
      any = any || !(*duplicates)[i].empty();
    }
    if (any) return possible_duplicate_conflict();
  }

  // One writer task: the household is one savepoint of one group commit —
  // one durable commit, and a refusal of any case rolls back every one.
  // Each person not confirmed new is looked for again inside it, as
  // create_case does.
  std::optional<Problem> refused;
  std::optional<std::size_t> raced;  // the case registered by another write since the look above
  impl_->writer_->run([&](Connection& c) {
    for (std::size_t i = 0; i < prepared.size() && !refused; ++i) {
      const Scope* look_in = duplicates && !cases[i].confirmed_new ? &scope : nullptr;
      if (auto problem = write_case(c, caller, prepared[i], look_in, today)) {
        if (is_possible_duplicate_conflict(*problem)) raced = i;
        refused = with_prefix(std::move(*problem), "cases[" + std::to_string(i) + "].");
      }
    }
    return !refused;
  });
  if (refused) {
    if (raced) {
      duplicates->assign(cases.size(), {});
      (*duplicates)[*raced] = possible_duplicates(caller, prepared[*raced].the_case, today);
      return possible_duplicate_conflict();
    }
    return std::move(*refused);
  }
  std::vector<StoredCase> stored;
  for (PreparedCase& one : prepared)
    stored.push_back(StoredCase{std::move(one.the_case), std::move(one.recorded), std::move(one.state)});
  return stored;
}

Result<Appended> Store::append_event(const Caller& caller, const CaseId& id, Event event, Date today,
                                     AppendIf condition) {
  // An event dated after today (Europe/Stockholm) cannot have happened:
  // bad input, whoever sends it (contract §2 input rules).
  if (auto problem = check_not_after_today(event, today)) return *problem;
  const EngineContext& context = impl_->context_;
  Scope scope = scope_of(caller, context.region);
  // Worked out first on this thread's read snapshot, while the writer
  // commits others' groups: the writer's thread is what caps durable
  // appends, and loading and checking the case was most of its work per
  // append (measured: storage/README.md).
  AppendCheck draft;
  const std::uint64_t epoch = impl_->projection_epoch_.load();
  {
    Connection& r = impl_->reader();
    ReadTransaction snapshot(r);
    draft = check_append_on(r, caller, scope, id, event, today, context);
  }
  // Refused on a snapshot taken after the request came: as if refused
  // before any write that was still in flight.
  if (draft.refused) return std::move(*draft.refused);
  Result<Appended> result = Problem{};
  auto confirm_and_write = [&](Connection& c) {
    AppendCheck now = !draft.repeated && unchanged_since(c, draft, epoch, impl_->projection_epoch_.load())
                          ? std::move(draft)
                          : check_append_on(c, caller, scope, id, event, today, context);
    if (now.refused) {
      result = std::move(*now.refused);
      return false;
    }
    if (now.repeated) {
      // A retry: answer with what is stored, record nothing but the read.
      write_audit(c, caller, "read (repeated event " + std::to_string(now.repeated->seq) + ")", {now.row->num});
      result = Appended{std::move(*now.repeated), true, load_steps(c, now.row->num)};
      return true;
    }
    // Here, in the transaction that would append it, after the repeat: the
    // steps as stored are the case as it is, whoever wrote last.
    if (condition == AppendIf::closes_an_open_step && !closes_an_open_step(now.stored_steps, now.state.steps)) {
      result = closes_no_step(now.next->event.type);
      return false;
    }
    const std::int64_t audit_id = write_audit(c, caller, "append event " + std::to_string(now.next->seq), {});
    insert_event(c, now.row->num, *now.next, audit_id);
    save_projection(c, *now.row, now.state, now.stored_steps);
    result = Appended{std::move(*now.next), false, std::move(now.state.steps)};
    return true;
  };
  impl_->writer_->run(confirm_and_write);
  return result;
}

Result<std::vector<Appended>> Store::append_events(const Caller& caller, std::vector<NewEvent> events, Date today) {
  if (events.size() > max_cases_per_write)
    return Problem::invalid("events", "at most " + std::to_string(max_cases_per_write) +
                                          " events in one write, not " + std::to_string(events.size()));
  for (std::size_t i = 0; i < events.size(); ++i)
    if (auto problem = check_not_after_today(events[i].event, today, "events[" + std::to_string(i) + "]."))
      return *problem;
  const EngineContext& context = impl_->context_;
  const Scope scope = scope_of(caller, context.region);
  // Checked and written in the writer's transaction, each append exactly as
  // append_event's confirmation checks one (check_append_on), in order: a
  // later event of the same case sees the earlier one. Any refusal rolls
  // back the whole task; the bounds keep its work small (max_cases_per_write
  // appends of at most max_events_per_case events each).
  Result<std::vector<Appended>> result = Problem{};
  impl_->writer_->run([&](Connection& c) {
    std::vector<Appended> done;
    for (std::size_t i = 0; i < events.size(); ++i) {
      AppendCheck now = check_append_on(c, caller, scope, events[i].case_id, events[i].event, today, context);
      if (now.refused) {
        result = with_prefix(std::move(*now.refused), "events[" + std::to_string(i) + "].");
        return false;
      }
      if (now.repeated) {
        write_audit(c, caller, "read (repeated event " + std::to_string(now.repeated->seq) + ")", {now.row->num});
        done.push_back(Appended{std::move(*now.repeated), true, load_steps(c, now.row->num)});
        continue;
      }
      const std::int64_t audit_id = write_audit(c, caller, "append event " + std::to_string(now.next->seq), {});
      insert_event(c, now.row->num, *now.next, audit_id);
      save_projection(c, *now.row, now.state, now.stored_steps);
      done.push_back(Appended{std::move(*now.next), false, std::move(now.state.steps)});
    }
    result = std::move(done);
    return true;
  });
  return result;
}

}  // namespace kedja::storage
