// JSON mapping of steps, events and loose input fields.
#include "server/json_mapping.h"

#include <gtest/gtest.h>

namespace kedja::server {
namespace {

Date day(const char* text) { return *parse_date(text); }

TEST(JsonMapping, DoneStepShowsLateness) {
  Step step;
  step.key = StepKey{"book_health_talk"};
  step.title = "Boka hälsosamtal";
  step.actor = ActorId{"hc:berg"};
  step.opened_on = day("2026-11-02");
  step.due_on = day("2026-11-09");
  step.status = StepStatus::done;
  step.done_on = day("2026-11-11");
  step.late = true;
  step.working_days_late = 2;
  const Json json = to_json(step);
  EXPECT_EQ(json["due_on"], "2026-11-09");
  EXPECT_EQ(json["status"], "done");
  EXPECT_EQ(json["done_on"], "2026-11-11");
  EXPECT_EQ(json["late"], true);
  EXPECT_EQ(json["working_days_late"], 2);
}

TEST(JsonMapping, OpenStepWithoutDueDateHasNulls) {
  Step step;
  step.key = StepKey{"vaccination_plan"};
  step.actor = ActorId{"child_health:berg"};
  step.opened_on = day("2026-11-02");
  const Json json = to_json(step);
  EXPECT_TRUE(json["due_on"].is_null());
  EXPECT_TRUE(json["done_on"].is_null());
  EXPECT_FALSE(json.contains("late"));
}

TEST(JsonMapping, EventShowsPayloadAndRecording) {
  RecordedEvent recorded;
  recorded.seq = 3;
  recorded.event.type = EventType::health_talk_booked;
  recorded.event.date = day("2026-11-03");
  recorded.event.appointment = day("2026-11-10");
  recorded.recorded_at = "2026-11-03T08:00:00Z";
  recorded.recorded_by = ActorId{"hc:berg"};
  const Json json = to_json(recorded);
  EXPECT_EQ(json["seq"], 3);
  EXPECT_EQ(json["type"], "health_talk_booked");
  EXPECT_EQ(json["date"], "2026-11-03");
  EXPECT_EQ(json["appointment"], "2026-11-10");
  EXPECT_TRUE(json["event_id"].is_null());
  EXPECT_EQ(json["recorded_by"], "hc:berg");
}

// Issue 12 §1: the void's target was written as "seq" and overwrote the
// void's own seq, so a case showed two events with seq 2 and no seq 3.
TEST(JsonMapping, AVoidShowsItsOwnSeqAndItsTargetAsVoidedSeq) {
  RecordedEvent recorded;
  recorded.seq = 3;
  recorded.event.type = EventType::event_voided;
  recorded.event.date = day("2026-11-03");
  recorded.event.voided_seq = 2;
  recorded.event.reason = "fel barn";
  recorded.recorded_at = "2026-11-03T08:00:00Z";
  recorded.recorded_by = ActorId{"reception:berg"};
  const Json json = to_json(recorded);
  EXPECT_EQ(json["seq"], 3);
  EXPECT_EQ(json["voided_seq"], 2);
  EXPECT_EQ(json["reason"], "fel barn");
}

TEST(JsonMapping, RawFieldsRefuseNestedValuesNamingThem) {
  const Json object = {{"a", 1}, {"b", Json::array()}, {"c", {{"x", 1}}}};
  const auto fields = raw_fields_from_json(object, "events[1].");
  ASSERT_FALSE(fields.ok());
  ASSERT_EQ(fields.problem().errors.size(), 2u);
  EXPECT_EQ(fields.problem().errors[0].field, "events[1].b");
  EXPECT_EQ(fields.problem().errors[1].field, "events[1].c");
}

TEST(JsonMapping, RawFieldsKeepJsonTypes) {
  const auto fields = raw_fields_from_json({{"b", true}, {"i", 7}, {"s", "x"}, {"n", nullptr}});
  ASSERT_TRUE(fields.ok());
  for (const auto& [name, value] : *fields) {
    if (name == "b") {
      EXPECT_TRUE(std::holds_alternative<bool>(value));
    }
    if (name == "i") {
      EXPECT_TRUE(std::holds_alternative<std::int64_t>(value));
    }
    if (name == "s") {
      EXPECT_TRUE(std::holds_alternative<std::string>(value));
    }
    if (name == "n") {
      EXPECT_TRUE(std::holds_alternative<std::monostate>(value));
    }
  }
}

TEST(JsonMapping, RawEventNeedsTypeAndDateAsStrings) {
  static const struct {
    Json object;
    const char* field;
  } cases[] = {
      {{{"date", "2026-11-02"}}, "type"},
      {{{"type", "arrived"}}, "date"},
      {{{"type", 1}, {"date", "2026-11-02"}}, "type"},
      {{{"type", "arrived"}, {"date", "2026-11-02"}, {"event_id", false}}, "event_id"},
  };
  for (const auto& c : cases) {
    const auto raw = raw_event_from_json(c.object);
    ASSERT_FALSE(raw.ok()) << c.object.dump();
    EXPECT_EQ(raw.problem().errors.at(0).field, c.field) << c.object.dump();
  }
}

TEST(JsonMapping, RawEventSeparatesPayload) {
  const auto raw = raw_event_from_json(
      {{"type", "arrived"}, {"date", "2026-11-02"}, {"event_id", "e1"}, {"reason", "x"}});
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->type, "arrived");
  EXPECT_EQ(raw->event_id, "e1");
  ASSERT_EQ(raw->payload.size(), 1u);
  EXPECT_EQ(raw->payload[0].first, "reason");
}

}  // namespace
}  // namespace kedja::server
