// The pages' Swedish for the parsers' English (server/web/messages.h):
// every message the domain's parsers can give a field that Ny ankomst,
// Hushåll, a case's event forms or Importera post is made here by the
// parsers themselves, from bad input, and must come out without English.
// A new message in the domain that the table lacks fails this test.
#include "fixture.h"
#include "server/web/messages.h"

#include "domain/text/unicode.h"

#include <regex>

namespace kedja::server::testing {
namespace {

// Words of the parsers' English that Swedish text never has.
bool has_english(const std::string& text) {
  static const std::regex english(
      R"x(\b(must|not|lies|after|before|today|required|unknown|one of|characters?|field|string|whole|number|boolean|valid|control|twice|would|fall|due|rule|line|column|empty|later|lie in|seq|event|of)\b)x",
      std::regex::icase);
  return std::regex_search(text, english);
}

// The messages of parse_case, one bad value at a time (as the pages post
// them: text, lenient).
std::vector<FieldError> case_messages() {
  const RawFields good = {{"given_name", std::string("Amina")}, {"family_name", std::string("Haddad")},
                          {"birth_date", std::string("2016-05-05")}, {"sex", std::string("F")},
                          {"language", std::string("arabiska")}, {"municipality", std::string("krokom")}};
  const std::pair<const char*, std::string> bad[] = {
      {"given_name", ""},                    {"given_name", "Am\x01ina"},
      {"given_name", "Am\xff"},              {"family_name", std::string(201, 'a')},
      {"birth_date", "2016-02-30"},          {"birth_date", "1899-12-31"},
      {"birth_date", "idag"},                {"sex", "Q"},
      {"municipality", "ingenstans"},        {"health_centre", "hc:ingenstans"},
      {"interpreter_needed", "kanske"},      {"unaccompanied", "kanske"},
      {"household", std::string(101, 'h')}, {"external_ref", std::string(65, 'r')},
      {"language", std::string(36, 'l')},    {"okänt_fält", "x"},
  };
  std::vector<FieldError> out;
  for (const auto& [name, value] : bad) {
    RawFields fields;
    for (const auto& field : good)
      if (field.first != name) fields.push_back(field);
    fields.emplace_back(name, value);
    auto parsed = parse_case(fields, shipped_context().region, true);
    EXPECT_FALSE(parsed.ok()) << name << "=" << value;
    if (!parsed) out.insert(out.end(), parsed.problem().errors.begin(), parsed.problem().errors.end());
  }
  // A field left out, and one given twice.
  auto missing = parse_case({good.begin() + 1, good.end()}, shipped_context().region, true);
  if (!missing) out.insert(out.end(), missing.problem().errors.begin(), missing.problem().errors.end());
  RawFields twice = good;
  twice.emplace_back("language", std::string("tigrinja"));
  auto repeated = parse_case(twice, shipped_context().region, true);
  if (!repeated) out.insert(out.end(), repeated.problem().errors.begin(), repeated.problem().errors.end());
  return out;
}

// The messages of parse_event (every payload field a form posts) and the
// date check of the pages' today.
std::vector<FieldError> event_messages() {
  struct Bad {
    const char* type;
    const char* date;
    std::vector<std::pair<std::string, RawValue>> payload;
    std::optional<std::string> event_id;
  };
  const Bad bad[] = {
      {"arrival_notice_received", "", {}, {}},
      {"arrival_notice_received", "2026-02-30", {}, {}},
      {"arrival_notice_received", "1989-01-01", {}, {}},
      {"arrival_notice_received", "2026-11-20", {{"expected_arrival", std::string("2300-01-01")}}, {}},
      {"arrival_notice_received", "2026-11-20", {{"expected_arrival", std::string("snart")}}, {}},
      {"health_talk_booked", "2026-11-20", {}, {}},
      {"health_talk_booked", "2026-11-20", {{"appointment", std::string("2026-11-19")}}, {}},
      {"asylum_registered", "2026-11-20", {{"housing", std::string("HUS")}}, {}},
      {"reception_informed", "2026-11-20", {{"school_start_obstacle", std::string("kanske")}}, {}},
      {"moved", "2026-11-20", {{"municipality", std::string("Inte En Slug")}}, {}},
      {"health_centre_changed", "2026-11-20", {{"health_centre", std::string("vc:x")}}, {}},
      {"event_voided", "2026-11-20", {{"voided_seq", std::string("0")}, {"reason", std::string("fel")}}, {}},
      {"event_voided", "2026-11-20", {{"voided_seq", std::string("tre")}, {"reason", std::string("fel")}}, {}},
      {"case_closed", "2026-11-20", {{"reason", std::string(501, 's')}}, {}},
      {"arrived", "2026-11-20", {{"appointment", std::string("2026-11-20")}}, {}},
      {"arrived", "2026-11-20", {}, std::string(65, 'e')},
      {"påhittad", "2026-11-20", {}, {}},
  };
  std::vector<FieldError> out;
  for (const Bad& one : bad) {
    RawEvent raw{one.type, one.date, one.payload, one.event_id, true};
    auto parsed = parse_event(raw);
    EXPECT_FALSE(parsed.ok()) << one.type << " " << one.date;
    if (!parsed) out.insert(out.end(), parsed.problem().errors.begin(), parsed.problem().errors.end());
  }
  RawEvent ahead{"arrived", "2026-11-26", {}, {}, true};
  if (auto problem = check_not_after_today(*parse_event(ahead), day("2026-11-25")))
    out.insert(out.end(), problem->errors.begin(), problem->errors.end());
  return out;
}

TEST(WebMessages, EveryMessageTheParsersGiveAFieldIsInSwedish) {
  std::vector<FieldError> all = case_messages();
  const auto events = event_messages();
  all.insert(all.end(), events.begin(), events.end());
  // Messages of the endpoints and the store that the pages show too.
  all.push_back({"birth_date", "lies after today (2026-11-25)"});
  all.push_back({"step", "unknown step \"x\""});
  all.push_back({"date", "the step start_sfi would fall due after 2199-12-31; every date Kedja keeps lies in "
                         "1990-01-01..2199-12-31"});
  all.push_back({"municipality", "has no reception unit in the region file"});
  ASSERT_GE(all.size(), 30u);
  for (const FieldError& error : all) {
    const std::string swedish = web::swedish_message(error.message);
    EXPECT_NE(swedish, error.message) << error.field << ": " << error.message;
    EXPECT_FALSE(has_english(swedish)) << error.field << ": " << error.message << " → " << swedish;
  }
}

TEST(WebMessages, TheValuesAMessageNamesAreKept) {
  static const struct {
    const char* english;
    const char* swedish;
  } cases[] = {
      {"must be 1900-01-01 or later", "får inte ligga före 1900-01-01"},
      {"must lie in 1990-01-01..2199-12-31", "måste ligga mellan 1990-01-01 och 2199-12-31"},
      {"must be at most 200 characters, not 201", "får vara högst 200 tecken, inte 201"},
      {"lies before the event's date (2026-11-20)", "får inte ligga före händelsens datum (2026-11-20)"},
      {"unknown municipality \"ingenstans\" — one of: berg, bracke", "”ingenstans” är ingen kommun i regionen"},
  };
  for (const auto& c : cases) EXPECT_EQ(web::swedish_message(c.english), c.swedish) << c.english;
}

TEST(WebMessages, AMessageThatOnlyBeginsLikeAKnownOneIsNotTakenForIt) {
  EXPECT_EQ(web::swedish_message("required, and more"), "required, and more");
}

}  // namespace
}  // namespace kedja::server::testing
