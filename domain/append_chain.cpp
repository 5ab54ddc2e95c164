#include "domain/append_chain.h"

#include "domain/replay.h"

#include <cassert>
#include <utility>

namespace kedja {

Problem too_many_events_for_a_create(std::size_t count) {
  const std::string message = "a new case carries at most " + std::to_string(max_events_per_create) +
                              " events; this one has " + std::to_string(count);
  return {ProblemKind::conflict, message, {{"events", message}}};
}

Problem case_is_full(std::size_t count) {
  return Problem::conflict("a case holds at most " + std::to_string(max_events_per_case) +
                           " events; this one has " + std::to_string(count));
}

AppendChain::AppendChain(const Case& the_case, const EngineContext& context)
    : case_(the_case), context_(context) {
  replay_all();  // no events yet: the state `project` gives a case without any
}

AppendChain::~AppendChain() = default;

std::optional<Problem> AppendChain::append(RecordedEvent next) {
  assert(next.seq == static_cast<std::int64_t>(events_.size()) + 1 && "next.seq must follow the last event");
  const Event& e = next.event;
  // Goes last in replay order: the history's replay is a prefix of the
  // replay with it, so only `next` itself can break an invariant (as in
  // check_append's own shortcut).
  const bool first = events_.empty();
  const bool goes_last = e.type != EventType::event_voided && (first || (in_order_ > 0 && last_date_ <= e.date));
  if (!goes_last) {
    ++replays_;
    CaseState after;
    if (auto problem = check_append(case_, events_, next, context_, after)) return problem;
    events_.push_back(std::move(next));
    replay_all();
    return std::nullopt;
  }
  if (auto problem = detail::check_event_fields(case_, events_, e, context_)) return problem;
  // The first event decides the rule set (the one in force on its date).
  std::unique_ptr<detail::Replayer> fresh;
  if (first) {
    std::vector<const RecordedEvent*> order{&next};
    fresh = std::make_unique<detail::Replayer>(case_, context_, detail::rule_set_for(case_, order, context_.rule_sets));
    first_date_ = e.date;
  }
  detail::Replayer& replayer = first ? *fresh : *replayer_;
  if (auto problem = detail::accept_last(case_, replayer, first_date_, next, context_)) return problem;
  if (auto problem = detail::derived_dates_out_of_range(replayer.state())) {
    if (!first) replay_all();  // accept_last applied `next`: back to the events without it
    return problem;
  }
  if (first) replayer_ = std::move(fresh);
  last_date_ = e.date;
  ++in_order_;
  events_.push_back(std::move(next));
  return std::nullopt;
}

void AppendChain::replay_all() {
  auto order = detail::replay_order(events_);
  replayer_ = std::make_unique<detail::Replayer>(case_, context_,
                                                 detail::rule_set_for(case_, order, context_.rule_sets));
  for (const RecordedEvent* r : order)
    if (!replayer_->violation(*r)) replayer_->apply(*r);
  in_order_ = order.size();
  if (!order.empty()) {
    first_date_ = order.front()->event.date;
    last_date_ = order.back()->event.date;
  }
}

const CaseState& AppendChain::state() const { return replayer_->state(); }

std::vector<RecordedEvent> AppendChain::take_events() { return std::exchange(events_, {}); }

CaseState AppendChain::take_state() { return replayer_->take_state(); }

}  // namespace kedja
