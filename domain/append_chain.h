// A new case's first events, checked as the appends they are: each event as
// check_append would check it after the events before it, in one forward
// pass over them (contract §4: a create's `events` are applied in order, all
// or nothing).
//
// check_append replays the whole history for every event; a create that
// checked its events that way cost the square of their number (a 16,000-event
// create held the writer for seconds). The chain keeps the engine's state
// between events instead: an event that goes last in (date, seq) order and
// voids nothing — the usual order of a new case's history — costs one step of
// the engine. A back-dated event or a void replays the history once, as
// check_append does; max_events_per_create bounds that.
#pragma once

#include "domain/steps.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace kedja {

// Contract §2 input rules (v1.1): the work one request may ask for.
inline constexpr std::size_t max_events_per_create = 100;  // a create's `events`
inline constexpr std::size_t max_events_per_case = 2000;   // a case's whole log
// The 409s that name them: a create with `count` events (field `events`), an
// event for a case that holds `count` already.
Problem too_many_events_for_a_create(std::size_t count);
Problem case_is_full(std::size_t count);

namespace detail {
class Replayer;
}

class AppendChain {
 public:
  // `the_case` and `context` must outlive the chain.
  AppendChain(const Case& the_case, const EngineContext& context);
  ~AppendChain();
  AppendChain(const AppendChain&) = delete;
  AppendChain& operator=(const AppendChain&) = delete;

  // The Problem check_append gives `next` after the events so far, if any;
  // otherwise `next` is appended. `next.seq` must be one past the last event.
  std::optional<Problem> append(RecordedEvent next);

  const std::vector<RecordedEvent>& events() const { return events_; }
  // What `project` makes of events(), without replaying them.
  const CaseState& state() const;
  // The events and the state, moved out: the chain is not used afterwards.
  std::vector<RecordedEvent> take_events();
  CaseState take_state();

  // How many times an event made the chain replay the history (a back-dated
  // event or a void): 0 for events in date order.
  std::size_t replays() const { return replays_; }

 private:
  void replay_all();

  const Case& case_;
  const EngineContext& context_;
  std::vector<RecordedEvent> events_;
  std::unique_ptr<detail::Replayer> replayer_;  // the state of events_
  std::size_t in_order_ = 0;                    // events_ in replay order (voids and voided left out)
  Date first_date_{};                           // of the first of them in replay order
  Date last_date_{};                            // of the last
  std::size_t replays_ = 0;
};

}  // namespace kedja
