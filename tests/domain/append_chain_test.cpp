// AppendChain: a create's events checked in one forward pass must refuse
// exactly what check_append refuses, event by event, and end in the state
// `project` gives; events in date order must not replay the history.
#include "domain/append_chain.h"
#include "domain_fixture.h"

#include <random>
#include <sstream>

namespace kedja::testing {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

RecordedEvent recorded(std::int64_t seq, const std::string& type, const std::string& date, Payload payload = {}) {
  auto parsed = parse_event(RawEvent{type, date, std::move(payload), std::nullopt, false});
  EXPECT_TRUE(parsed.ok()) << type << " " << date;
  RecordedEvent r;
  r.seq = seq;
  if (parsed) r.event = *parsed;
  r.recorded_at = "2026-01-01T00:00:00Z";
  r.recorded_by = ActorId{"admin"};
  return r;
}

// The payload of a void of event `seq` (one place, should its name change).
Payload void_of(std::int64_t seq) { return {{"voided_seq", seq}, {"reason", "fel"}}; }

// Everything a CaseState says, as text, so that two states compare whole.
std::string describe(const CaseState& state) {
  std::ostringstream out;
  out << (state.rule_set ? state.rule_set->id.str() : "-") << ' ' << state.municipality << ' '
      << state.health_centre.str() << (state.closed ? " closed" : "") << '\n';
  for (const Step& s : state.steps)
    out << s.key.str() << ' ' << s.actor.str() << ' ' << format_date(s.opened_on) << " by " << s.opened_by_seq
        << " due " << (s.due_on ? format_date(*s.due_on) : "-") << ' ' << to_string(s.status) << ' '
        << (s.done_on ? format_date(*s.done_on) : "-") << (s.late ? " late " : " ") << s.working_days_late << '\n';
  return out.str();
}

std::string describe(const std::optional<Problem>& problem) {
  if (!problem) return "accepted";
  return std::to_string(static_cast<int>(problem->kind)) + " " + problem->detail;
}

// What a run of events through a chain did, for the tests to check that
// they did exercise what they mean to.
struct Tally {
  int accepted = 0, refused = 0;
  std::size_t replays = 0;
};

// Feeds `events` to a chain and to check_append on a growing history;
// both must give the same answer for each, and the same state (compared
// after every `every`-th event and at the end).
Tally expect_same_as_check_append(const Case& the_case, const std::vector<RecordedEvent>& events,
                                  const std::string& label, std::size_t every = 1) {
  const EngineContext context = shipped_context();
  AppendChain chain(the_case, context);
  std::vector<RecordedEvent> history;
  Tally tally;
  for (std::size_t i = 0; i < events.size(); ++i) {
    RecordedEvent r = events[i];
    r.seq = static_cast<std::int64_t>(history.size()) + 1;
    const std::string expected = describe(check_append(the_case, history, r, context));
    const std::string what = label + ", " + std::string(to_string(r.event.type)) + " " + format_date(r.event.date);
    EXPECT_EQ(describe(chain.append(r)), expected) << what;
    if (expected == "accepted") history.push_back(r);
    ++(expected == "accepted" ? tally.accepted : tally.refused);
    EXPECT_EQ(chain.events().size(), history.size()) << what;
    if ((i + 1) % every == 0 || i + 1 == events.size()) {
      EXPECT_EQ(describe(chain.state()), describe(project(the_case, history, context))) << what;
    }
    if (::testing::Test::HasFailure()) break;
  }
  tally.replays = chain.replays();
  return tally;
}

TEST(AppendChain, AnswersAsCheckAppendForEachKindOfHistory) {
  static const struct {
    const char* label;
    std::vector<std::tuple<const char*, const char*, Payload>> events;
  } cases[] = {
      {"in date order",
       {{"arrival_notice_received", "2026-03-10", {{"expected_arrival", "2026-03-20"}}},
        {"health_centre_notified", "2026-03-10", {}},
        {"health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}}},
        {"health_talk_held", "2026-03-19", {}}}},
      {"preschool before results, then after",
       {{"health_centre_notified", "2026-03-10", {}},
        {"preschool_started", "2026-03-12", {}},
        {"test_results_received", "2026-03-13", {}},
        {"preschool_started", "2026-03-16", {}}}},
      {"back-dated events",
       {{"health_centre_notified", "2026-03-10", {}},
        {"health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}}},
        {"arrival_notice_received", "2026-03-02", {{"expected_arrival", "2026-03-20"}}},
        {"health_talk_held", "2026-03-19", {}}}},
      {"a void, then in order again",
       {{"health_centre_notified", "2026-03-10", {}},
        {"health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}}},
        {"event_voided", "2026-03-13", void_of(2)},
        {"health_talk_booked", "2026-03-13", {{"appointment", "2026-03-20"}}}}},
      {"closed, refused, reopened",
       {{"health_centre_notified", "2026-03-10", {}},
        {"case_closed", "2026-03-11", {{"reason", "återvänt"}}},
        {"health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}}},
        {"event_voided", "2026-03-12", void_of(2)},
        {"health_talk_booked", "2026-03-12", {{"appointment", "2026-03-19"}}}}},
      {"before birth, unknown place, decline not open",
       {{"health_centre_notified", "2020-01-01", {}},
        {"health_centre_notified", "2026-03-10", {}},
        {"moved", "2026-03-11", {{"municipality", "uppsala"}}},
        {"step_declined", "2026-03-11", {{"step", "hold_health_talk"}}},
        {"step_declined", "2026-03-11", {{"step", "book_health_talk"}}}}},
      {"no rule set in force", {{"arrived", "2010-05-05", {}}, {"arrived", "2026-05-05", {}}}},
      {"only a void", {{"event_voided", "2026-03-10", void_of(1)}}},
  };
  for (const auto& c : cases) {
    std::vector<RecordedEvent> events;
    for (const auto& [type, date, payload] : c.events) events.push_back(recorded(0, type, date, payload));
    expect_same_as_check_append(make_case("2021-06-01"), events, c.label);
  }
}

// Random histories of a child's chain, mostly but not always in date
// order, with voids, declines, moves and closings among them.
TEST(AppendChain, AnswersAsCheckAppendForRandomHistories) {
  Tally all;
  for (unsigned seed = 1; seed <= 25 && !HasFailure(); ++seed) {
    std::mt19937 rng(seed);
    auto between = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    Date on = day("2026-03-02");
    std::vector<RecordedEvent> events;
    for (int i = 0; i < 40; ++i) {
      on = between(0, 9) < 8 ? add_days(on, between(0, 2)) : add_days(on, -between(1, 10));
      const std::string date = format_date(on), later = format_date(add_days(on, 7));
      switch (between(0, 11)) {
        case 0: events.push_back(recorded(0, "arrival_notice_received", date, {{"expected_arrival", later}})); break;
        case 1: events.push_back(recorded(0, "health_centre_notified", date)); break;
        case 2: events.push_back(recorded(0, "health_talk_booked", date, {{"appointment", later}})); break;
        case 3: events.push_back(recorded(0, "health_talk_held", date)); break;
        case 4: events.push_back(recorded(0, "test_results_received", date)); break;
        case 5: events.push_back(recorded(0, "preschool_started", date)); break;
        case 6: events.push_back(recorded(0, "step_declined", date, {{"step", "hold_health_talk"}})); break;
        case 7: events.push_back(recorded(0, "moved", date, {{"municipality", between(0, 1) ? "krokom" : "are"}})); break;
        case 8: events.push_back(recorded(0, "case_closed", date, {{"reason", "flytt"}})); break;
        case 9: events.push_back(recorded(0, "event_voided", date, void_of(between(1, i + 1)))); break;
        case 10: events.push_back(recorded(0, "arrived", date)); break;
        default: events.push_back(recorded(0, "school_notified", date)); break;
      }
    }
    const Tally tally = expect_same_as_check_append(make_case("2021-06-01"), events, "seed " + std::to_string(seed), 8);
    all.accepted += tally.accepted;
    all.refused += tally.refused;
    all.replays += tally.replays;
  }
  // Not vacuous: both answers, and both of the chain's paths, were taken.
  EXPECT_GT(all.accepted, 100);
  EXPECT_GT(all.refused, 100);
  EXPECT_GT(all.replays, 25u);
}

TEST(AppendChain, ChecksEventsInDateOrderWithoutReplayingTheHistory) {
  const Case the_case = make_case("2021-06-01");
  const EngineContext context = shipped_context();
  AppendChain chain(the_case, context);
  ASSERT_FALSE(chain.append(recorded(1, "arrival_notice_received", "2026-01-05", {{"expected_arrival", "2026-01-20"}})));
  for (std::int64_t seq = 2; seq <= static_cast<std::int64_t>(max_events_per_create); ++seq)
    ASSERT_FALSE(chain.append(recorded(seq, "health_centre_notified", "2026-01-05"))) << seq;
  EXPECT_EQ(chain.replays(), 0u);
  EXPECT_EQ(describe(chain.state()), describe(project(the_case, chain.events(), context)));
}

TEST(AppendChain, ReplaysOnceForABackDatedEvent) {
  const Case the_case = make_case("2021-06-01");
  const EngineContext context = shipped_context();
  AppendChain chain(the_case, context);
  ASSERT_FALSE(chain.append(recorded(1, "health_centre_notified", "2026-01-05")));
  ASSERT_FALSE(chain.append(recorded(2, "arrival_notice_received", "2026-01-02", {{"expected_arrival", "2026-01-20"}})));
  ASSERT_FALSE(chain.append(recorded(3, "health_talk_booked", "2026-01-07", {{"appointment", "2026-01-14"}})));
  EXPECT_EQ(chain.replays(), 1u);
}

}  // namespace
}  // namespace kedja::testing
