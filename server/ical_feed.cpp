#include "server/ical_feed.h"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>

namespace kedja::server {
namespace {

struct ComponentDeleter {
  void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

icaltimetype all_day(Date day) {
  const date::year_month_day ymd{day};
  icaltimetype t = icaltime_null_date();
  t.year = static_cast<int>(ymd.year());
  t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  t.is_date = 1;
  return t;
}

icalproperty* x_property(const char* name, const std::string& value) {
  icalproperty* property = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(property, name);
  return property;
}

icalcomponent* event_of(const FeedEntry& entry, const FeedText& text, icaltimetype stamp) {
  const bool appointment = entry.kind == FeedEntryKind::appointment;
  const std::string link = text.base_url + "/arenden/" + entry.case_id.str();
  const std::string description = "Ärende " + entry.case_id.str() + "\n" +
      (appointment ? "Bokad tid: " : "Tidsfrist: ") + entry.title +
      "\n" + text.unit_name + "\n" + link;
  icalcomponent* event = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  icalcomponent_add_property(event, icalproperty_new_uid(entry.uid.c_str()));
  icalcomponent_add_property(event, icalproperty_new_dtstamp(stamp));
  icalcomponent_add_property(event, icalproperty_new_dtstart(all_day(entry.day)));
  icalcomponent_add_property(event, icalproperty_new_dtend(all_day(entry.day + date::days{1})));
  icalcomponent_add_property(event, icalproperty_new_summary(entry.summary.c_str()));
  icalcomponent_add_property(event, icalproperty_new_description(description.c_str()));
  icalcomponent_add_property(event, icalproperty_new_url(link.c_str()));
  icalcomponent_add_property(event, icalproperty_new_categories(appointment ? "Bokad tid" : "Tidsfrist"));
  icalcomponent_add_property(event, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
  return event;
}

}  // namespace

std::string to_icalendar(const storage::Feed& feed, const FeedText& text, std::time_t now) {
  Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent* cal = calendar.get();
  icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal, icalproperty_new_prodid("-//Kedja//Mottagandekedjan kalenderflöde//SV"));
  icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
  // The calendar's name twice: NAME (RFC 7986 §5.1), which libical writes
  // as TEXT with ';' and ',' escaped, and X-WR-CALNAME, which Outlook and
  // Google Calendar read. libical 3.0 writes an X property's value with '\'
  // and line breaks escaped but ';' and ',' as they are (and reads it back
  // the same way); readers take the whole value as the name.
  icalcomponent_add_property(cal, icalproperty_new_name(text.calendar_name.c_str()));
  icalcomponent_add_property(cal, x_property("X-WR-CALNAME", text.calendar_name));
  icalcomponent_add_property(cal, x_property("X-PUBLISHED-TTL", "PT1H"));
  icalcomponent_add_property(cal, icalproperty_new_refreshinterval(icaldurationtype_from_int(3600)));
  const icaltimetype stamp = icaltime_from_timet_with_zone(now, 0, icaltimezone_get_utc_timezone());
  for (const FeedEntry& entry : feed.entries) icalcomponent_add_component(cal, event_of(entry, text, stamp));
  char* serialized = icalcomponent_as_ical_string_r(cal);
  std::string result(serialized ? serialized : "");
  std::free(serialized);
  return result;
}

}  // namespace kedja::server
