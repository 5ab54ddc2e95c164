#include "server/web/audit_words.h"

#include "server/web/swedish.h"
#include "storage/audit_actions.h"

namespace kedja::server::web {

std::string_view audit_kind_words(bool read) { return read ? "Läsning" : "Ändring"; }

std::optional<std::string> audit_action_words(std::string_view action, std::int64_t cases,
                                              std::optional<EventType> appended, bool one_person) {
  const storage::AuditAction* known = storage::find_audit_action(action);
  if (!known) return std::nullopt;
  const std::string_view kind = known->action;
  const std::string rest(known->prefix ? action.substr(kind.size()) : std::string_view());
  if (kind == "create") return "Registrerade ärendet";
  if (kind == "import") {
    if (cases <= 1) return "Importerade ärendet";
    const std::string many = "Importerade " + swedish_number(cases) + " ärenden";
    return one_person ? "Importerade ärendet, ett av " + swedish_number(cases) + " i samma import" : many;
  }
  if (kind == "append event ") {
    std::string text = "Registrerade händelse " + rest;
    if (appended) text += ": " + std::string(event_label(*appended));
    return text;
  }
  if (kind == "token create ") return "Skapade nyckeln ”" + rest + "”";
  if (kind == "token revoke ") return "Återkallade nyckeln ”" + rest + "”";
  if (kind == "read") return "Läste ärendet";
  if (kind == "read (repeated event ") {
    std::string seq = rest;
    if (seq.ends_with(")")) seq.pop_back();
    return "Läste ärendet (händelse " + seq + " skickades igen)";
  }
  if (kind == "list") return "Ärendelista";
  if (kind == "list overdue") return "Lista över försenade steg";
  if (kind == "list due") return "Lista över steg som förfaller";
  if (kind == "list work") return "Att göra-listan";
  if (kind == "feed") return "Kalenderflöde";
  if (kind == "duplicate check") return "Dubblettkontroll vid registrering";
  return std::nullopt;  // an action of the list without words here: the test names it
}

std::string audit_action_words(const storage::AuditRow& row, bool one_person) {
  if (auto words = audit_action_words(row.entry.action, row.cases, row.appended, one_person)) return *words;
  return row.entry.action;
}

}  // namespace kedja::server::web
