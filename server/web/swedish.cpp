#include "server/web/swedish.h"

#include "csv/lists.h"
#include "storage/store.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace kedja::server::web {
namespace {

using enum EventType;
constexpr std::pair<EventType, std::string_view> event_labels[] = {
    {asylum_registered, "Asylsökan registrerad"},
    {housing_changed, "Boende ändrat"},
    {permit_granted, "Uppehållstillstånd beviljat"},
    {permit_refused, "Uppehållstillstånd avslaget"},
    {municipality_assigned, "Anvisad till kommun"},
    {arrival_notice_received, "Avisering mottagen"},
    {arrival_date_changed, "Ankomstdatum ändrat"},
    {arrived, "Ankommit"},
    {health_centre_notified, "Hälsocentralen informerad"},
    {school_notified, "Skolan informerad"},
    {health_talk_booked, "Hälsosamtal bokat"},
    {health_talk_held, "Hälsosamtal genomfört"},
    {test_results_received, "Provsvar mottagna"},
    {newcomer_informed, "Den nyanlände informerad om provsvar"},
    {reception_informed, "Mottagningsenheten informerad"},
    {health_exam_booked, "Hälsoundersökning bokad"},
    {health_exam_held, "Hälsoundersökning genomförd"},
    {vaccination_plan_made, "Vaccinationsplan upprättad"},
    {introduction_plan_made, "Inskolningsplan upprättad"},
    {school_started, "Skolstart"},
    {preschool_started, "Förskolestart"},
    {establishment_talk_held, "Etableringssamtal genomfört"},
    {establishment_plan_started, "Etableringsplan startad"},
    {establishment_plan_ended, "Etableringsplan avslutad"},
    {sfi_registered, "Anmäld till SFI"},
    {sfi_started, "SFI påbörjad"},
    {civic_orientation_started, "Samhällsorientering påbörjad"},
    {civic_orientation_completed, "Samhällsorientering avslutad"},
    {step_declined, "Avböjt"},
    {health_centre_changed, "Hälsocentral ändrad"},
    {moved, "Flyttat"},
    {event_voided, "Makulerad"},
    {case_closed, "Ärendet avslutat"},
};

// Request field names as the forms and the API name them.
constexpr std::pair<std::string_view, std::string_view> field_labels[] = {
    {"housing", "Boende"},
    {"permit", "Uppehållstillstånd"},
    {"municipality", "Kommun"},
    {"latest_reception", "Senaste mottagningsdag"},
    {"expected_arrival", "Förväntat ankomstdatum"},
    {"appointment", "Bokad tid"},
    {"school_start_obstacle", "Hinder för skolstart"},
    {"outcome", "Utfall"},
    {"step", "Steg"},
    {"health_centre", "Hälsocentral"},
    {"seq", "Händelse"},
    {"voided_seq", "Händelse"},
    {"reason", "Skäl"},
    {"date", "Datum"},
    {"type", "Händelse"},
    {"event_id", "Händelse-id"},
    {"body", "Formuläret"},
};

constexpr std::array<std::string_view, 7> weekdays = {"sön", "mån", "tis", "ons", "tor", "fre", "lör"};
constexpr std::array<std::string_view, 12> months = {"jan", "feb", "mar", "apr", "maj", "jun",
                                                     "jul", "aug", "sep", "okt", "nov", "dec"};

std::string days_phrase(int n, std::string_view after = {}) {
  std::string out = swedish_number(n);
  out.reserve(out.size() + 12 + after.size());  // one allocation for "12 arbetsdagar sen"
  out += n == 1 ? " arbetsdag" : " arbetsdagar";
  out += after;
  return out;
}

}  // namespace

std::string_view event_label(EventType type) {
  for (const auto& [t, label] : event_labels)
    if (t == type) return label;
  return to_string(type);
}

std::string_view field_label(Field field) {
  for (const auto& [name, label] : field_labels)
    if (name == to_string(field)) return label;
  return to_string(field);
}

std::string field_label(std::string_view name) {
  for (const auto& [n, label] : field_labels)
    if (n == name) return std::string(label);
  return std::string(name);
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::reception: return "Mottagningsenhet";
    case Role::hc: return "Hälsocentral";
    case Role::school: return "Skola";
    case Role::preschool: return "Förskola";
    case Role::school_health: return "Elevhälsa";
    case Role::child_health: return "BVC";
    case Role::sfi: return "SFI";
    case Role::af: return "Arbetsförmedlingen";
    case Role::mv: return "Migrationsverket";
    case Role::coordinator: return "Samordnare, Länsstyrelsen";
    case Role::admin: return "Administratör";
  }
  return "";
}

std::string_view status_label(StepStatus status) {
  switch (status) {
    case StepStatus::open: return "Öppet";
    case StepStatus::done: return "Klart";
    case StepStatus::declined: return "Avböjt";
    case StepStatus::cancelled: return "Avbrutet";
  }
  return "";
}

std::string_view value_label(Field field, std::string_view value) {
  static constexpr std::pair<std::string_view, std::string_view> words[] = {
      {"ABO", "Anläggningsboende (ABO)"}, {"EBO", "Eget boende (EBO)"},
      {"PUT", "Permanent (PUT)"},         {"TUT", "Tidsbegränsat (TUT)"},
      {"work", "Arbete"},                 {"studies", "Studier"},
      {"other", "Annat"},
  };
  // A reason the coordinator may not read (storage/store.h hidden_reason).
  if (field == Field::reason) return value == storage::hidden_reason ? "visas inte för samordnaren (fritext)" : value;
  if (field != Field::housing && field != Field::permit && field != Field::outcome) return value;
  for (const auto& [v, label] : words)
    if (v == value) return label;
  return value;
}

std::string swedish_date(Date day) {
  // At most 16 bytes ("mån 22 dec 2026"; most fit the string's own 15-byte
  // buffer, no allocation), written into a local buffer first.
  const date::year_month_day ymd{day};
  const date::weekday weekday{day};
  char buffer[32];
  char* end = buffer;
  const auto put = [&](std::string_view part) { end = std::copy(part.begin(), part.end(), end); };
  put(weekdays[weekday.c_encoding()]);
  *end++ = ' ';
  // The day by hand (1–31): after std::to_chars GCC 12 cannot tell that
  // the buffer has room and warns -Wstringop-overflow on the writes after it.
  const unsigned day_of_month = static_cast<unsigned>(ymd.day());
  if (day_of_month >= 10) *end++ = static_cast<char>('0' + day_of_month / 10);
  *end++ = static_cast<char>('0' + day_of_month % 10);
  *end++ = ' ';
  put(months[static_cast<unsigned>(ymd.month()) - 1]);
  *end++ = ' ';
  end = std::to_chars(end, buffer + sizeof buffer, static_cast<int>(ymd.year())).ptr;
  return std::string(buffer, end);
}

std::optional<std::string> swedish_date_problem(std::string_view text, Date& out) {
  const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
  bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shaped = shaped && digit(i);
  if (!shaped) return std::string("ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25");
  const auto day = parse_date(text);
  if (!day) return "finns inte i kalendern (" + std::string(text) + ")";
  if (!DateRange::contains(*day))
    return "ska ligga mellan " + format_date(DateRange::first()) + " och " + format_date(DateRange::last());
  out = *day;
  return std::nullopt;
}

std::string working_days_late(int n) { return days_phrase(n, " sen"); }

std::string working_days_left(int n) {
  if (n <= 0) return "i dag";
  return "om " + days_phrase(n);
}

std::string short_swedish_date(Date day, Date today) {
  std::string out = swedish_date(day);
  if (date::year_month_day{day}.year() == date::year_month_day{today}.year()) out.resize(out.rfind(' '));
  return out;
}

std::string time_left(Date due_on, Date today, const Calendar& calendar) {
  const int late = calendar.working_days_between(due_on, today);  // working days in (due_on, today]
  if (late > 0) return working_days_late(late);
  // Not overdue, and today a day off after the due day or on it: nothing
  // to count; say from when it is late.
  const std::string overdue_from = ", försenat från " + short_swedish_date(calendar.working_days_after(due_on, 1), today);
  if (due_on < today) return "förföll " + short_swedish_date(due_on, today) + overdue_from;
  if (calendar.is_working_day(due_on)) return working_days_left(calendar.working_days_between(today, due_on));
  if (due_on == today) return "förfaller i dag" + overdue_from;
  // Due on a day off ahead: the last working day before it.
  const Date last = calendar.last_working_day_on_or_before(due_on);
  const std::string due = "förfaller " + short_swedish_date(due_on, today);
  if (last < today) return due + overdue_from;  // today a day off too, between them
  return due + ", sista arbetsdagen " + working_days_left(calendar.working_days_between(today, last));
}

std::string swedish_number(std::int64_t n) {
  char digits[24];
  // The magnitude as unsigned: −INT64_MIN does not fit an int64_t.
  const std::uint64_t magnitude = n < 0 ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  const std::string_view all(digits, static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, magnitude).ptr - digits));
  std::string out;
  if (n < 0) out += "\u2212";
  const std::size_t first = all.size() % 3 == 0 ? 3 : all.size() % 3;
  out += all.substr(0, first);
  for (std::size_t i = first; i < all.size(); i += 3) {
    out += "\u00A0";
    out += all.substr(i, 3);
  }
  return out;
}

std::string counted(std::int64_t n, std::string_view one, std::string_view many) {
  return swedish_number(n) + " " + std::string(n == 1 ? one : many);
}

std::string swedish_month(std::string_view year_month) {
  const bool shaped = year_month.size() == 7 && year_month[4] == '-';
  const int month = shaped ? (year_month[5] - '0') * 10 + (year_month[6] - '0') : 0;
  if (month < 1 || month > 12) return std::string(year_month);
  return std::string(months[static_cast<std::size_t>(month - 1)]) + " " + std::string(year_month.substr(0, 4));
}

std::string swedish_percent(double share) { return csv::swedish_percent(share) + "\u00A0%"; }

std::string whole_percent(double share) { return std::to_string(std::lround(share * 100)) + "\u00A0%"; }

}  // namespace kedja::server::web
