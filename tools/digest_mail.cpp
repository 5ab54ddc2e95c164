#include "tools/digest_mail.h"

#include <array>

namespace kedja::tools {
namespace {

std::string weekday_name(Date day) {
  static constexpr std::array<const char*, 7> names{"söndag", "måndag", "tisdag", "onsdag",
                                                    "torsdag", "fredag", "lördag"};
  return names[date::weekday{day}.c_encoding()];
}

std::string counts(int overdue, int today, int soon) {
  return "försenade " + std::to_string(overdue) + ", i dag " + std::to_string(today) +
         ", kommande fem arbetsdagar " + std::to_string(soon);
}

}  // namespace

DigestMail digest_mail(const Actor& unit, Date today, std::span<const DigestRow> rows, const std::string& base_url) {
  int overdue = 0, due_today = 0, soon = 0;
  std::string lines;
  for (const DigestRow& row : rows) {
    overdue += row.overdue;
    due_today += row.due_today;
    soon += row.due_soon;
    lines += "- " + row.title + ": " + counts(row.overdue, row.due_today, row.due_soon) + "\n";
  }
  DigestMail mail;
  mail.subject = "Kedja " + format_date(today) + ": " + std::to_string(overdue) + " försenade, " +
                 std::to_string(due_today) + " i dag, " + std::to_string(soon) + " kommande – " + unit.name;
  mail.body = "Morgonsammanfattning från Kedja för " + unit.name + ", " + weekday_name(today) + " " +
              format_date(today) + ".\n\n" +
              "Totalt: " + counts(overdue, due_today, soon) + ".\n\n" +
              "Per steg:\n" + lines + "\n" +
              "Se stegen och åtgärda dem i Kedja:\n" + base_url + "/att-gora\n\n" +
              "Brevet har bara antal: e-post är ingen skyddad kanal, så namn och ärenden\n"
              "finns bara i Kedja. Det skickas automatiskt arbetsdagar till enhetens\n"
              "funktionsbrevlåda och går inte att svara på.\n";
  return mail;
}

}  // namespace kedja::tools
