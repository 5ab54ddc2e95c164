// What an audit row says in Swedish (Loggkontroll: the search, the sample,
// its CSV file and the person's extract): its kind, Läsning or Ändring, and
// what was done, for every action of storage/audit_actions.h.
#pragma once

#include "storage/store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kedja::server::web {

// "Läsning" for a read, "Ändring" for a write.
std::string_view audit_kind_words(bool read);

// What the action did, in Swedish: "Läste ärendet", "Importerade 2
// ärenden", "Registrerade händelse 7: Hälsosamtal bokat". `cases`: how many
// cases the row is about; `appended`: an append's event type; `one_person`:
// the row is shown in one person's extract, about that person's case.
// nullopt for an action the list of actions does not know.
std::optional<std::string> audit_action_words(std::string_view action, std::int64_t cases,
                                              std::optional<EventType> appended = std::nullopt,
                                              bool one_person = false);

// A row's words; an unknown action as it is stored.
std::string audit_action_words(const storage::AuditRow& row, bool one_person = false);

}  // namespace kedja::server::web
