// The time an open step has left, in the words of Att göra and the case
// page: working days ahead, today and late, and a due day that is a day off
// (weekend, holiday, eve) seen from the working day before and from the day
// off itself.
#include "server/web/swedish.h"
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

TEST(TimeLeft, SaysWhatIsLeftInWorkingDaysAndNamesADueDayOff) {
  static const struct {
    const char* due_on;
    const char* today;
    const char* words;
  } cases[] = {
      // Due on a working day: ahead, today, late.
      {"2026-12-07", "2026-12-04", "om 1 arbetsdag"},  // Mon, seen Fri
      {"2026-12-09", "2026-12-04", "om 3 arbetsdagar"},
      {"2026-12-04", "2026-12-04", "i dag"},
      {"2026-12-04", "2026-12-08", "2 arbetsdagar sen"},
      // … seen on the weekend after: not late until Monday.
      {"2026-12-04", "2026-12-05", "förföll fre 4 dec, försenat från mån 7 dec"},
      // Due on a Saturday: from the Friday, the Saturday itself, earlier, later.
      {"2026-12-05", "2026-12-04", "förfaller lör 5 dec, sista arbetsdagen i dag"},
      {"2026-12-05", "2026-12-05", "förfaller i dag, försenat från mån 7 dec"},
      {"2026-12-12", "2026-12-04", "förfaller lör 12 dec, sista arbetsdagen om 5 arbetsdagar"},
      {"2026-12-05", "2026-12-07", "1 arbetsdag sen"},
      // Due on a Sunday: from the Friday, the Saturday, the Sunday.
      {"2026-12-06", "2026-12-04", "förfaller sön 6 dec, sista arbetsdagen i dag"},
      {"2026-12-06", "2026-12-05", "förfaller sön 6 dec, försenat från mån 7 dec"},
      {"2026-12-06", "2026-12-06", "förfaller i dag, försenat från mån 7 dec"},
      // Midsommarafton (an eve, not a working day) and midsommardagen.
      {"2026-06-19", "2026-06-18", "förfaller fre 19 jun, sista arbetsdagen i dag"},
      {"2026-06-19", "2026-06-19", "förfaller i dag, försenat från mån 22 jun"},
      {"2026-06-20", "2026-06-19", "förfaller lör 20 jun, försenat från mån 22 jun"},
      // Juldagen, with julafton before it: the last working day is the 23rd.
      {"2026-12-25", "2026-12-23", "förfaller fre 25 dec, sista arbetsdagen i dag"},
      {"2026-12-25", "2026-12-22", "förfaller fre 25 dec, sista arbetsdagen om 1 arbetsdag"},
      {"2026-12-25", "2026-12-24", "förfaller fre 25 dec, försenat från mån 28 dec"},
      {"2026-12-25", "2026-12-25", "förfaller i dag, försenat från mån 28 dec"},
      {"2026-12-25", "2026-12-28", "1 arbetsdag sen"},
      // Nyårsdagen, seen the year before: the year is named.
      {"2027-01-01", "2026-12-30", "förfaller fre 1 jan 2027, sista arbetsdagen i dag"},
      {"2027-01-01", "2026-12-31", "förfaller fre 1 jan 2027, försenat från mån 4 jan 2027"},
  };
  const Calendar& calendar = Calendar::swedish();
  for (const auto& c : cases)
    EXPECT_EQ(web::time_left(day(c.due_on), day(c.today), calendar), c.words) << c.due_on << " seen " << c.today;
}

using WebTimeLeftTest = WebTest;

TEST_F(WebTimeLeftTest, AStepDueOnASaturdaySaysSoOnTheListAndTheCase) {
  Json body = person("ostersund", "1990-01-01");
  body["events"] = Json::array({{{"type", "municipality_assigned"}, {"date", "2026-11-25"},
                                 {"municipality", "ostersund"}, {"latest_reception", "2026-12-05"}}});
  const std::string id = create_case(body);
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  const Page friday = open("/att-gora?flik=snart&datum=2026-12-04", cookie);
  EXPECT_TRUE(friday.has("<td class=\"soon\">förfaller lör 5 dec, sista arbetsdagen i dag</td>")) << friday.html;
  const Page the_case = open("/arenden/" + id, cookie);  // seen Wed 25 Nov
  EXPECT_TRUE(the_case.has("Öppet, förfaller lör 5 dec, sista arbetsdagen om 7 arbetsdagar"));
}

}  // namespace
}  // namespace kedja::server::testing
