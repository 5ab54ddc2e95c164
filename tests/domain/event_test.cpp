// parse_event and payload_values (domain/event.h).
#include "domain/event.h"

#include <gtest/gtest.h>

namespace kedja {
namespace {

using Payload = std::vector<std::pair<std::string, RawValue>>;

TEST(Event, RefusesBadInputNamingTheField) {
  static const struct {
    const char* what;
    const char* type;
    const char* date;
    Payload payload;
    bool lenient;
    const char* field;
  } cases[] = {
      {"unknown type", "arrival_party", "2026-03-10", {}, false, "type"},
      {"missing type", "", "2026-03-10", {}, false, "type"},
      {"no such day", "arrived", "2026-02-30", {}, false, "date"},
      {"not a date", "arrived", "10/03/2026", {}, false, "date"},
      {"before the calendar", "arrived", "1989-12-31", {}, false, "date"},
      {"after the calendar", "arrived", "2200-01-01", {}, false, "date"},
      {"missing date", "arrived", "", {}, false, "date"},
      {"unknown housing", "asylum_registered", "2026-03-10", {{"housing", "XYZ"}}, false, "housing"},
      {"number for housing", "asylum_registered", "2026-03-10", {{"housing", std::int64_t{5}}}, false, "housing"},
      {"missing housing", "asylum_registered", "2026-03-10", {}, false, "housing"},
      {"unknown permit", "permit_granted", "2026-03-10", {{"permit", "put"}}, false, "permit"},
      {"string for a boolean", "reception_informed", "2026-03-10", {{"school_start_obstacle", "true"}}, false,
       "school_start_obstacle"},
      {"lenient nonsense boolean", "reception_informed", "2026-03-10", {{"school_start_obstacle", "kanske"}}, true,
       "school_start_obstacle"},
      {"field the type does not take", "arrived", "2026-03-10", {{"housing", "ABO"}}, false, "housing"},
      {"unknown field", "arrived", "2026-03-10", {{"colour", "blue"}}, false, "colour"},
      {"field given twice", "moved", "2026-03-10", {{"municipality", "berg"}, {"municipality", "are"}}, false,
       "municipality"},
      {"missing appointment", "health_talk_booked", "2026-03-10", {}, false, "appointment"},
      {"bad appointment", "health_talk_booked", "2026-03-10", {{"appointment", "2026-13-01"}}, false, "appointment"},
      {"number for a date", "arrival_notice_received", "2026-03-10", {{"expected_arrival", std::int64_t{20260320}}},
       false, "expected_arrival"},
      {"seq zero", "event_voided", "2026-03-10", {{"voided_seq", std::int64_t{0}}, {"reason", "x"}}, false, "voided_seq"},
      {"seq not a number", "event_voided", "2026-03-10", {{"voided_seq", "abc"}, {"reason", "x"}}, true, "voided_seq"},
      {"seq a fraction", "event_voided", "2026-03-10", {{"voided_seq", 2.5}, {"reason", "x"}}, false, "voided_seq"},
      {"seq as a string in JSON", "event_voided", "2026-03-10", {{"voided_seq", "2"}, {"reason", "x"}}, false, "voided_seq"},
      {"missing reason", "case_closed", "2026-03-10", {}, false, "reason"},
      {"municipality not a slug", "moved", "2026-03-10", {{"municipality", "Östersund"}}, false, "municipality"},
      {"health centre of another kind", "health_centre_changed", "2026-03-10", {{"health_centre", "school:berg"}},
       false, "health_centre"},
      {"empty step", "step_declined", "2026-03-10", {{"step", ""}}, false, "step"},
      {"unknown outcome", "establishment_plan_ended", "2026-03-10", {{"outcome", "retired"}}, false, "outcome"},
      {"lenient empty required field", "arrival_notice_received", "2026-03-10", {{"expected_arrival", ""}}, true,
       "expected_arrival"},
  };
  for (const auto& c : cases) {
    auto result = parse_event(RawEvent{c.type, c.date, c.payload, std::nullopt, c.lenient});
    ASSERT_FALSE(result.ok()) << c.what;
    EXPECT_EQ(result.problem().kind, ProblemKind::invalid) << c.what;
    ASSERT_FALSE(result.problem().errors.empty()) << c.what;
    EXPECT_EQ(result.problem().errors.front().field, c.field) << c.what;
  }
}

TEST(Event, RefusesAnEventIdLongerThan64Characters) {
  auto result = parse_event(RawEvent{"arrived", "2026-03-10", {}, std::string(65, 'a'), false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.problem().errors.front().field, "event_id");
  EXPECT_TRUE(parse_event(RawEvent{"arrived", "2026-03-10", {}, std::string(64, 'a'), false}).ok());
}

TEST(Event, PutsThePrefixBeforeFieldNames) {
  auto result = parse_event(RawEvent{"arrived", "2026-02-30", {}, std::nullopt, false}, "events[2].");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.problem().errors.front().field, "events[2].date");
}

TEST(Event, ListsEveryProblem) {
  auto result = parse_event(RawEvent{"health_talk_booked", "2026-02-30", {{"colour", "red"}}, std::nullopt, false});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.problem().errors.size(), 3u);  // date, colour, appointment
}

TEST(Event, LenientInputReadsBooleansAndNumbersFromText) {
  static const struct {
    const char* text;
    bool value;
  } cases[] = {{"ja", true}, {"Nej", false}, {"TRUE", true}, {"false", false}};
  for (const auto& c : cases) {
    auto result = parse_event(
        RawEvent{"reception_informed", "2026-03-10", {{"school_start_obstacle", c.text}}, std::nullopt, true});
    ASSERT_TRUE(result.ok()) << c.text;
    EXPECT_EQ(result->school_start_obstacle, c.value) << c.text;
  }
  auto voided = parse_event(RawEvent{"event_voided", "2026-03-10", {{"voided_seq", "12"}, {"reason", "x"}}, std::nullopt, true});
  ASSERT_TRUE(voided.ok());
  EXPECT_EQ(voided->voided_seq, 12);
}

TEST(Event, NullMeansAnOptionalFieldIsAbsent) {
  auto result = parse_event(RawEvent{"municipality_assigned", "2026-03-10",
                                     {{"municipality", "berg"}, {"latest_reception", RawValue{}}},
                                     std::nullopt, false});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->latest_reception.has_value());
}

TEST(Event, PayloadValuesAreTheInverseOfParsing) {
  Payload payload{{"municipality", "berg"}, {"latest_reception", "2026-05-01"}};
  auto event = parse_event(RawEvent{"municipality_assigned", "2026-03-10", payload, "abc", false});
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(payload_values(*event), payload);
  EXPECT_EQ(event->event_id, "abc");
}

TEST(Event, EveryTypeNameRoundTrips) {
  for (int i = 0; i < event_type_count; ++i) {
    auto type = static_cast<EventType>(i);
    EXPECT_EQ(event_type_from(to_string(type)), type) << i;
  }
  EXPECT_FALSE(event_type_from("Arrived").has_value());
}

TEST(Event, PayloadsFollowTheContract) {
  static const struct {
    EventType type;
    std::vector<std::string> fields;
  } cases[] = {
      {EventType::asylum_registered, {"housing"}},
      {EventType::municipality_assigned, {"municipality", "latest_reception"}},
      {EventType::arrival_notice_received, {"expected_arrival"}},
      {EventType::health_exam_booked, {"appointment"}},
      {EventType::reception_informed, {"school_start_obstacle"}},
      {EventType::event_voided, {"voided_seq", "reason"}},
      {EventType::arrived, {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> fields;
    for (const FieldSpec& spec : payload_of(c.type)) fields.emplace_back(to_string(spec.field));
    EXPECT_EQ(fields, c.fields) << to_string(c.type);
  }
}

// Contract §2 input rules (v1.1): events are written as flat objects, so a
// payload field named like a member would overwrite it. event.cpp refuses
// such a field at compile time; this test says the same over every type.
TEST(Event, NoPayloadFieldSharesANameWithTheEventsMembers) {
  for (int i = 0; i < event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    for (const FieldSpec& spec : payload_of(type))
      EXPECT_FALSE(is_event_member_name(to_string(spec.field)))
          << to_string(type) << " has a payload field named like a member: " << to_string(spec.field);
  }
  for (std::string_view member : {"type", "date", "seq", "event_id", "recorded_at", "recorded_by"})
    EXPECT_TRUE(is_event_member_name(member)) << member;
}

TEST(Event, AVoidNamesItsTargetAsVoidedSeqAndRefusesTheOldName) {
  auto voided = parse_event(
      RawEvent{"event_voided", "2026-03-10", {{"voided_seq", std::int64_t{2}}, {"reason", "fel"}}, std::nullopt, false});
  ASSERT_TRUE(voided.ok());
  EXPECT_EQ(voided->voided_seq, 2);
  auto old = parse_event(
      RawEvent{"event_voided", "2026-03-10", {{"seq", std::int64_t{2}}, {"reason", "fel"}}, std::nullopt, false});
  ASSERT_FALSE(old.ok());
  std::vector<std::string> fields;
  for (const auto& error : old.problem().errors) fields.push_back(error.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"seq", "voided_seq"}));
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Contract §2 input rules (v1.1), issue 12 §3: reason ≤ 500 and event_id ≤
// 64 characters, no control characters anywhere.
TEST(Event, CountsReasonAndEventIdInCharactersAndRefusesControlCharacters) {
  const std::string a_ring = "\xC3\xA5";
  auto closed = [](std::string reason, std::optional<std::string> id) {
    return parse_event(RawEvent{"case_closed", "2026-03-10", {{"reason", reason}}, std::move(id), false});
  };
  EXPECT_TRUE(closed(repeat(a_ring, 500), repeat(a_ring, 64)).ok());
  static const struct {
    std::string reason;
    std::optional<std::string> id;
    const char* field;
  } cases[] = {
      {repeat(a_ring, 501), std::nullopt, "reason"},
      {"flytt", repeat(a_ring, 65), "event_id"},
      {"flytt", std::string(""), "event_id"},
      {"flyttade\x1b]0;pwned\x07", std::nullopt, "reason"},
      {"flytt", std::string("id\x1b"), "event_id"},
      {std::string("a\0b", 3), std::nullopt, "reason"},
  };
  for (const auto& c : cases) {
    auto result = closed(c.reason, c.id);
    ASSERT_FALSE(result.ok()) << c.field;
    ASSERT_EQ(result.problem().errors.size(), 1u);
    EXPECT_EQ(result.problem().errors[0].field, c.field);
  }
  auto type = parse_event(RawEvent{"arrived\x1b[2J", "2026-03-10", {}, std::nullopt, false});
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.problem().errors[0].field, "type");
  EXPECT_EQ(type.problem().errors[0].message.find('\x1b'), std::string::npos);
}

// Contract §2 input rules (v1.1), issue 12 §4.
TEST(Event, AnAppointmentBeforeItsEventsDateNamesAppointment) {
  auto before = parse_event(
      RawEvent{"health_talk_booked", "2026-03-10", {{"appointment", "2026-03-09"}}, std::nullopt, false});
  ASSERT_FALSE(before.ok());
  ASSERT_EQ(before.problem().errors.size(), 1u);
  EXPECT_EQ(before.problem().errors[0].field, "appointment");
  for (const char* appointment : {"2026-03-10", "2027-03-10"})
    EXPECT_TRUE(parse_event(RawEvent{"health_exam_booked", "2026-03-10", {{"appointment", appointment}},
                                     std::nullopt, false}).ok()) << appointment;
}

TEST(Event, ADateAfterTodayNamesDateAndPayloadDatesMayLieAhead) {
  const Date today = *parse_date("2026-11-25");
  static const struct {
    const char* type;
    const char* date;
    std::vector<std::pair<std::string, RawValue>> payload;
    bool refused;
  } cases[] = {
      {"arrived", "2026-12-05", {}, true},                       // 10 days ahead
      {"civic_orientation_started", "2099-01-01", {}, true},
      {"health_talk_held", "2026-11-26", {}, true},              // tomorrow
      {"health_talk_held", "2026-11-25", {}, false},             // today
      {"health_talk_booked", "2026-11-25", {{"appointment", "2026-12-10"}}, false},
      {"arrival_notice_received", "2026-11-20", {{"expected_arrival", "2027-01-10"}}, false},
  };
  for (const auto& c : cases) {
    auto event = parse_event(RawEvent{c.type, c.date, c.payload, std::nullopt, false});
    ASSERT_TRUE(event.ok()) << c.type;
    auto problem = check_not_after_today(*event, today, "events[1].");
    EXPECT_EQ(problem.has_value(), c.refused) << c.type << " " << c.date;
    if (problem) {
      EXPECT_EQ(problem->kind, ProblemKind::invalid);
      EXPECT_EQ(problem->errors.at(0).field, "events[1].date");
    }
  }
}

}  // namespace
}  // namespace kedja
