#include "storage/rows.h"

#include "domain/text/unicode.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace kedja::storage {
namespace {

// The value of an enum whose to_string is `text`, trying each enumerator.
template <typename E, int Count>
std::optional<E> enum_from(std::string_view text) {
  for (int i = 0; i < Count; ++i)
    if (to_string(static_cast<E>(i)) == text) return static_cast<E>(i);
  return std::nullopt;
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<std::string>& value) {
  if (value) s.bind(index, *value); else s.bind(index);
}

void bind_optional(SQLite::Statement& s, int index, const std::optional<Date>& value) {
  if (value) s.bind(index, format_date(*value)); else s.bind(index);
}

template <typename E>
void bind_optional_enum(SQLite::Statement& s, int index, const std::optional<E>& value) {
  if (value) s.bind(index, std::string(to_string(*value))); else s.bind(index);
}

std::string utc_now(bool millis) {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto day = floor<days>(now);
  date::year_month_day ymd{date::sys_days{day.time_since_epoch()}};
  date::hh_mm_ss time{floor<milliseconds>(now - day)};
  char text[40];
  int length = std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d",
                             static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                             static_cast<unsigned>(ymd.day()), static_cast<int>(time.hours().count()),
                             static_cast<int>(time.minutes().count()),
                             static_cast<int>(time.seconds().count()));
  std::string out(text, static_cast<std::size_t>(length));
  if (millis) {
    std::snprintf(text, sizeof text, ".%03d", static_cast<int>(time.subseconds().count()));
    out += text;
  }
  return out + "Z";
}

}  // namespace

Date date_column(const SQLite::Column& column) {
  auto day = parse_date(column.getText());
  if (!day)
    throw StorageError(std::string("corrupt row: ") + column.getName() + " '" + column.getText() +
                       "' is not a date");
  return *day;
}

std::optional<Date> optional_date_column(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return date_column(column);
}

std::string fold_name(std::string_view name) { return text::search_fold(name); }

std::string prefix_end(std::string_view prefix) {
  // UTF-8 byte order is code point order, and no valid UTF-8 byte is 0xFF.
  return std::string(prefix) + '\xFF';
}

std::string utc_now_seconds() { return utc_now(false); }
std::string utc_now_millis() { return utc_now(true); }

std::optional<Sex> sex_from(std::string_view text) { return enum_from<Sex, 3>(text); }

void bind_event(SQLite::Statement& s, std::int64_t case_num, const RecordedEvent& recorded) {
  const Event& e = recorded.event;
  s.bind(1, case_num);
  s.bind(2, recorded.seq);
  s.bind(3, std::string(to_string(e.type)));
  s.bind(4, format_date(e.date));
  bind_optional(s, 5, e.event_id);
  bind_optional_enum(s, 6, e.housing);
  bind_optional_enum(s, 7, e.permit);
  bind_optional(s, 8, e.municipality);
  bind_optional(s, 9, e.latest_reception);
  bind_optional(s, 10, e.expected_arrival);
  bind_optional(s, 11, e.appointment);
  if (e.school_start_obstacle) s.bind(12, *e.school_start_obstacle ? 1 : 0); else s.bind(12);
  bind_optional_enum(s, 13, e.outcome);
  bind_optional(s, 14, e.step);
  bind_optional(s, 15, e.health_centre);
  if (e.voided_seq) s.bind(16, *e.voided_seq); else s.bind(16);
  bind_optional(s, 17, e.reason);
  s.bind(18, recorded.recorded_at);
  s.bind(19, recorded.recorded_by.str());
}

RecordedEvent read_event(const Prepared& select) {
  Row s(select);
  RecordedEvent recorded;
  recorded.seq = s.integer(0);
  Event& e = recorded.event;
  e.type = s.enumeration<EventType, event_type_count>(1);
  e.date = s.date(2);
  e.event_id = s.optional_string(3);
  e.housing = s.optional_enumeration<Housing, 2>(4);
  e.permit = s.optional_enumeration<Permit, 2>(5);
  e.municipality = s.optional_string(6);
  e.latest_reception = s.optional_date(7);
  e.expected_arrival = s.optional_date(8);
  e.appointment = s.optional_date(9);
  if (!s.null(10)) e.school_start_obstacle = s.integer(10) != 0;
  e.outcome = s.optional_enumeration<Outcome, 3>(11);
  e.step = s.optional_string(12);
  e.health_centre = s.optional_string(13);
  if (!s.null(14)) e.voided_seq = s.integer(14);
  e.reason = s.optional_string(15);
  recorded.recorded_at = s.string(16);
  recorded.recorded_by = ActorId(s.string(17));
  return recorded;
}

CaseRow read_case(const Prepared& select) {
  Row s(select);
  CaseRow row;
  row.num = s.integer(0);
  Case& c = row.the_case;
  c.id = CaseId(s.string(1));
  c.external_ref = s.optional_string(2);
  c.given_name = s.string(3);
  c.family_name = s.string(4);
  c.birth_date = s.date(5);
  c.sex = s.enumeration<Sex, 3>(6);
  c.language = s.string(7);
  c.interpreter_needed = s.integer(8) != 0;
  c.household = s.optional_string(9);
  c.unaccompanied = s.integer(10) != 0;
  c.municipality = s.string(11);
  c.health_centre = ActorId(s.string(12));
  if (auto id = s.optional_string(13)) c.rule_set = RuleSetId(std::move(*id));
  row.municipality = s.string(14);
  row.health_centre = ActorId(s.string(15));
  row.closed = s.integer(16) != 0;
  if (auto id = s.optional_string(17)) row.rule_set = RuleSetId(std::move(*id));
  return row;
}

Step read_step(const Prepared& select) {
  Row s(select);
  Step step;
  step.key = StepKey(s.string(0));
  step.title = s.string(1);
  step.actor = ActorId(s.string(2));
  auto actor = s.text(2);
  if (auto kind = actor_kind_from(actor.substr(0, actor.find(':')))) step.actor_kind = *kind;
  step.opened_on = s.date(3);
  step.opened_by_seq = s.integer(4);
  step.due_on = s.optional_date(5);
  step.status = s.enumeration<StepStatus, 4>(6);
  step.done_on = s.optional_date(7);
  step.late = s.integer(8) != 0;
  step.working_days_late = static_cast<int>(s.integer(9));
  return step;
}

void bind_case(SQLite::Statement& s, const Case& c) {
  s.bind(1, c.id.str());
  bind_optional(s, 2, c.external_ref);
  s.bind(3, c.given_name);
  s.bind(4, c.family_name);
  s.bind(5, fold_name(c.given_name));
  s.bind(6, fold_name(c.family_name));
  s.bind(7, format_date(c.birth_date));
  s.bind(8, std::string(to_string(c.sex)));
  s.bind(9, c.language);
  s.bind(10, c.interpreter_needed ? 1 : 0);
  bind_optional(s, 11, c.household);
  s.bind(12, c.unaccompanied ? 1 : 0);
  s.bind(13, c.municipality);
  s.bind(14, c.health_centre.str());
  if (c.rule_set) s.bind(15, c.rule_set->str()); else s.bind(15);
}

StepItem read_step_item(const Row& s) {
  StepItem item;
  item.case_id = CaseId(s.string(0));
  item.given_name = s.string(1);
  item.family_name = s.string(2);
  item.birth_date = s.date(3);
  item.municipality = s.string(4);
  item.step = StepKey(s.string(5));
  item.actor = ActorId(s.string(6));
  item.opened_on = s.date(7);
  item.due_on = s.date(8);
  return item;
}

}  // namespace kedja::storage
