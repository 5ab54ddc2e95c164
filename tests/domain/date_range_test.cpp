// Contract §2 input rules (v1.1), issue 12 §2: every date Kedja derives lies
// in DateRange (1990-01-01..2199-12-31). Every rule of the shipped default
// set is opened at both ends of the range: at the first day each is
// accepted; at the last day a step whose due date would fall after the
// range is refused as bad input naming `date` (a 400), never left for the
// database to refuse (a 500).
#include "domain_fixture.h"

#include <algorithm>

namespace kedja::testing {
namespace {

const RuleSet& default_set() {
  const RuleSet* set = shipped_config().rule_sets.find(RuleSetId{"default-2018"});
  EXPECT_NE(set, nullptr);
  return *set;
}

// The required payload of an opening event dated `date`, payload dates on
// that same day.
std::vector<std::pair<std::string, RawValue>> payload_for(EventType type, const std::string& date) {
  std::vector<std::pair<std::string, RawValue>> payload;
  for (const FieldSpec& spec : payload_of(type)) {
    if (!spec.required) continue;
    RawValue value;
    switch (spec.field) {
      case Field::housing: value = std::string("ABO"); break;
      case Field::permit: value = std::string("PUT"); break;
      case Field::municipality: value = std::string("ostersund"); break;
      case Field::latest_reception:
      case Field::expected_arrival:
      case Field::appointment: value = date; break;
      case Field::school_start_obstacle: value = false; break;
      case Field::outcome: value = std::string("work"); break;
      case Field::health_centre: value = std::string("hc:ostersund"); break;
      case Field::step:
      case Field::voided_seq:
      case Field::reason: value = std::string("x"); break;
    }
    payload.emplace_back(std::string(to_string(spec.field)), value);
  }
  return payload;
}

// A person the rule applies to on `date`, following the default set by name
// (so the first years of the range, before its valid_from, are covered too).
History history_for(const StepRule& rule, const std::string& date) {
  AgeBand band = rule.applies_to.empty() ? AgeBand{} : rule.applies_to.front();
  const int age = band.min_age;
  Case person = make_case(format_date(add_days(add_months(day(date), -12 * age), -10)), "ostersund",
                          band.unaccompanied_only);
  person.rule_set = RuleSetId{"default-2018"};
  return History(person);
}

// Due on the opening event's own payload date (given here as the event's
// date) or not due at all: nothing can fall after the range.
bool due_stays_on_the_day(const StepRule& rule) {
  if (!rule.due.unit) return true;
  if (!rule.due.on_payload_date) return false;
  for (const FieldSpec& spec : payload_of(rule.opens_on))
    if (spec.required && spec.field == *rule.due.on_payload_date) return true;
  return false;
}

bool applies(const StepRule& rule, int age, bool unaccompanied) {
  if (rule.applies_to.empty()) return true;
  return std::any_of(rule.applies_to.begin(), rule.applies_to.end(), [&](const AgeBand& band) {
    return age >= band.min_age && age <= band.max_age && (!band.unaccompanied_only || unaccompanied);
  });
}

// Whether the event that opens `rule`, for the person history_for makes,
// can be dated on the range's last day: every step it opens stays on it.
bool opening_fits_on_the_last_day(const StepRule& rule) {
  const AgeBand band = rule.applies_to.empty() ? AgeBand{} : rule.applies_to.front();
  for (const StepRule& other : default_set().steps)
    if (other.opens_on == rule.opens_on && applies(other, band.min_age, band.unaccompanied_only) &&
        !due_stays_on_the_day(other))
      return false;
  return true;
}

TEST(DateRange, EveryDefaultRuleOpensOnTheRangesFirstDay) {
  for (const StepRule& rule : default_set().steps) {
    const std::string first = "1990-01-01";
    History history = history_for(rule, first);
    auto refused = history.check(std::string(to_string(rule.opens_on)), first, payload_for(rule.opens_on, first));
    EXPECT_FALSE(refused.has_value()) << rule.key.str() << ": " << (refused ? refused->detail : "");
    if (refused) continue;
    history.add(std::string(to_string(rule.opens_on)), first, payload_for(rule.opens_on, first));
    const Step step = history.step(rule.key.str());
    EXPECT_EQ(step.opened_on, DateRange::first()) << rule.key.str();
    if (step.due_on) {
      EXPECT_TRUE(DateRange::contains(*step.due_on)) << rule.key.str();
    }
  }
}

TEST(DateRange, EveryDefaultRuleOnTheRangesLastDayIsAcceptedOnlyIfItsDueDateFits) {
  // 2199-12-31 is nyårsafton: even "the same working day" is 2200-01-02.
  const std::string last = "2199-12-31";
  for (const StepRule& rule : default_set().steps) {
    History history = history_for(rule, last);
    auto refused = history.check(std::string(to_string(rule.opens_on)), last, payload_for(rule.opens_on, last));
    if (opening_fits_on_the_last_day(rule)) {
      EXPECT_FALSE(refused.has_value()) << rule.key.str() << ": " << (refused ? refused->detail : "");
      continue;
    }
    ASSERT_TRUE(refused.has_value()) << rule.key.str();
    EXPECT_EQ(refused->kind, ProblemKind::invalid) << rule.key.str();
    ASSERT_EQ(refused->errors.size(), 1u) << rule.key.str();
    EXPECT_EQ(refused->errors[0].field, "date") << rule.key.str();
    EXPECT_NE(refused->errors[0].message.find("2199-12-31"), std::string::npos) << refused->errors[0].message;
  }
}

// The example: assigned on 2199-11-15, two months to receive the
// person would fall due in January 2200.
TEST(DateRange, AnAssignmentWhoseReceptionFallsDueAfterTheRangeNamesDate) {
  History history(make_case("2001-05-05"));
  auto refused = history.check("municipality_assigned", "2199-11-15", {{"municipality", "ostersund"}});
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->kind, ProblemKind::invalid);
  ASSERT_EQ(refused->errors.size(), 1u);
  EXPECT_EQ(refused->errors[0].field, "date");
  EXPECT_NE(refused->detail.find("receive_in_municipality"), std::string::npos) << refused->detail;

  // With a latest reception date inside the range, it fits.
  EXPECT_FALSE(history.check("municipality_assigned", "2199-11-15",
                             {{"municipality", "ostersund"}, {"latest_reception", "2199-12-30"}}));
  // Two months earlier, the rolled due date (2199-12-16) fits too.
  EXPECT_FALSE(history.check("municipality_assigned", "2199-10-15", {{"municipality", "ostersund"}}));
}

TEST(DateRange, DatesOutsideItAreRefusedWhereverTheyAreParsed) {
  static const struct {
    const char* type;
    const char* date;
    std::vector<std::pair<std::string, RawValue>> payload;
    const char* field;
  } cases[] = {
      {"arrived", "1989-12-31", {}, "date"},
      {"arrived", "2200-01-01", {}, "date"},
      {"health_talk_booked", "2199-12-30", {{"appointment", "2200-01-03"}}, "appointment"},
      {"arrival_notice_received", "2199-12-30", {{"expected_arrival", "2200-01-03"}}, "expected_arrival"},
      {"municipality_assigned", "2199-12-30", {{"municipality", "berg"}, {"latest_reception", "2200-02-01"}},
       "latest_reception"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_event(RawEvent{c.type, c.date, c.payload, std::nullopt, false});
    ASSERT_FALSE(parsed.ok()) << c.type << " " << c.date;
    ASSERT_EQ(parsed.problem().errors.size(), 1u);
    EXPECT_EQ(parsed.problem().errors[0].field, c.field);
    EXPECT_NE(parsed.problem().errors[0].message.find("1990-01-01..2199-12-31"), std::string::npos);
  }
}

}  // namespace
}  // namespace kedja::testing
