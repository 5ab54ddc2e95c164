#include "server/web/messages.h"

#include <regex>
#include <utility>
#include <vector>

namespace kedja::server::web {
namespace {

struct Translation {
  std::regex english;
  std::string swedish;  // $1, $2: the English message's own values
};

// Messages of domain/raw_value.cpp, domain/case.cpp, domain/event_parse.cpp,
// domain/steps.cpp and the endpoints' checks, whole (anchored): a message
// that only begins like one is not taken for it. Dates in a message are
// ISO, as the form's date fields show them.
const std::vector<Translation>& messages() {
  static const std::vector<Translation> table = [] {
    const std::pair<const char*, const char*> pairs[] = {
        {R"x(^required( for .*)?$)x", "måste fyllas i"},
        {R"x(^must not be empty$)x", "måste fyllas i"},
        {R"x(^must be a string$)x", "ska vara text"},
        {R"x(^holds a control character \((U\+[0-9A-F]+)\)$)x", "innehåller ett otillåtet tecken ($1)"},
        {R"x(^is not valid UTF-8 text$)x", "innehåller tecken som inte går att läsa (inte UTF-8)"},
        {R"x(^must be at most (\d+) characters, not (\d+)$)x", "får vara högst $1 tecken, inte $2"},
        {R"x(^must be true/false or ja/nej, not "(.*)"$)x", "ska vara ja eller nej, inte ”$1”"},
        {R"x(^must be a boolean \(true or false\)$)x", "ska vara ja eller nej"},
        {R"x(^must be a whole number, not "(.*)"$)x", "ska vara ett heltal, inte ”$1”"},
        {R"x(^must be a whole number$)x", "ska vara ett heltal"},
        {R"x(^must be a seq ≥ 1$)x", "välj en händelse"},
        {R"x(^must be a date string \(YYYY-MM-DD\)$)x", "är inte ett datum (ÅÅÅÅ-MM-DD)"},
        {R"x(^not a date \(YYYY-MM-DD\)(: "(.*)")?$)x", "är inte ett datum (ÅÅÅÅ-MM-DD)"},
        {R"x(^must be 1900-01-01 or later$)x", "får inte ligga före 1900-01-01"},
        {R"x(^must lie in (\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$)x", "måste ligga mellan $1 och $2"},
        {R"x(^must be one of .*, not "(.*)"$)x", "”$1” finns inte bland valen"},
        {R"x(^unknown municipality "(.*)"( — one of: .*)?$)x", "”$1” är ingen kommun i regionen"},
        {R"x(^"(.*)" is not a municipality slug .*$)x", "”$1” är ingen kommun i regionen"},
        {R"x(^unknown health centre "(.*)"$)x", "”$1” är ingen hälsocentral i regionen"},
        {R"x(^"(.*)" is not a health centre id .*$)x", "”$1” är ingen hälsocentral i regionen"},
        {R"x(^unknown step "(.*)"$)x", "”$1” är inget steg i regelverket"},
        {R"x(^unknown event type "(.*)" — .*$)x", "”$1” är ingen händelse Kedja känner till"},
        {R"x(^lies after today \((.*)\)(: .*)?$)x", "får inte ligga efter i dag ($1)"},
        {R"x(^lies before the event's date \((.*)\)$)x", "får inte ligga före händelsens datum ($1)"},
        {R"x(^the step .* would fall due after (\d{4}-\d{2}-\d{2}); .*$)x",
         "ger ett steg ett sista datum efter $1, och Kedja håller bara datum till och med $1"},
        {R"x(^given twice$)x", "finns två gånger i formuläret"},
        {R"x(^the same name and birth date as cases\[\d+\] of this write$)x",
         "samma namn och födelsedatum som en annan person i formuläret"},
        {R"x(^unknown field$)x", "är inget fält som Kedja känner till"},
        {R"x(^not a field of .*$)x", "hör inte till den här händelsen"},
        {R"x(^unsupported field$)x", "hör inte till den här händelsen"},
        {R"x(^has no reception unit in the region file$)x", "kommunen har ingen mottagningsenhet i regionfilen"},
        {R"x(^no rule set is in force on (.*)$)x", "inget regelverk gäller den $1"},
    };
    std::vector<Translation> out;
    for (const auto& [english, swedish] : pairs) out.push_back({std::regex(english), swedish});
    return out;
  }();
  return table;
}

// Rule refusals (409) of the domain, in Swedish: found anywhere in the
// detail (a store's refusal may put "cases[1]: " before it).
constexpr std::pair<std::string_view, std::string_view> conflicts[] = {
    {"before the person's birth", "händelsens datum ligger före personens födelsedag."},
    {"no event may follow it", "ärendet är avslutat; inga händelser kan läggas till."},
    {"case is closed", "ärendet är avslutat; inga händelser kan läggas till."},
    {"preschool_started before test_results_received",
     "förskolestart kan registreras först när provsvaren har kommit (STEG 2.8), om inte familjen "
     "har avböjt hälsosamtalet."},
    {"is not open", "steget är inte öppet och kan inte avböjas."},
    {"cannot be declined", "steget är inte frivilligt och kan inte avböjas."},
    {"not voluntary", "steget är inte frivilligt och kan inte avböjas."},
    {"is itself a void", "en makulering kan inte makuleras."},
    {"already voided", "händelsen är redan makulerad."},
    {"does not exist", "händelsen finns inte i ärendet."},
    {"event_id already used", "formuläret har redan använts för en annan händelse. Ladda om sidan."},
    {"at most", "ärendet har nått sitt högsta antal händelser."},
    {"this would leave event", "det skulle göra en senare händelse i ärendet ogiltig."},
    {"no rule set is in force", "inget regelverk gäller för ärendets första datum."},
};

}  // namespace

std::string swedish_message(std::string_view message) {
  const std::string text(message);
  for (const Translation& t : messages())
    if (std::regex_match(text, t.english)) return std::regex_replace(text, t.english, t.swedish);
  return text;
}

std::string swedish_conflict(std::string_view detail) {
  for (const auto& [english, swedish] : conflicts)
    if (detail.find(english) != std::string_view::npos) return std::string(swedish);
  return std::string(detail);
}

}  // namespace kedja::server::web
