// Every action an audit row can name, and whether it is a read or a write.
//
// The one list: storage writes these actions (a literal at each write_audit
// or audit_read call), storage/audit.cpp decides from it which rows are
// reads (AuditRow::read, and the reads the sample draws from), and the
// pages' Loggkontroll gives each its Swedish words. A new action goes here
// first; tests/server/web_audit_test.cpp makes every kind of row and fails
// on an action the store writes that this list does not know, or that the
// pages have no Swedish words for. Before this list, which rows
// were reads was "every row that is not a create, an append or a token's
// row" — and an import, added later, was a read.
#pragma once

#include <optional>
#include <string_view>

namespace kedja::storage {

struct AuditAction {
  std::string_view action;  // the stored text, or its fixed start when `prefix`
  bool prefix;              // "append event 7", "token create NAME": the start only
  bool write;               // a change (a create, an import, an append, a token's); else a read
};

inline constexpr AuditAction audit_actions[] = {
    // writes
    {"create", false, true},          // a case registered (the API, Ny ankomst: one row a case)
    {"import", false, true},          // cases imported from a file (Importera): one row for all of them
    {"append event ", true, true},    // "append event 7": the case's 7th event
    {"token create ", true, true},    // "token create NAME"
    {"token revoke ", true, true},    // "token revoke NAME"
    // reads
    {"read", false, false},                    // one case read
    {"read (repeated event ", true, false},    // "read (repeated event 7)": an event_id sent again
    {"list", false, false},                    // GET /v1/cases, the pages' lists of cases
    {"list overdue", false, false},
    {"list due", false, false},
    {"list work", false, false},               // the page Att göra
    {"feed", false, false},                    // a calendar feed
    {"duplicate check", false, false},         // the check for the same person before a create
};

// The list's entry for a stored action (nullptr: an action the list does
// not know, which a test keeps from being written).
inline const AuditAction* find_audit_action(std::string_view action) {
  for (const AuditAction& known : audit_actions)
    if (known.prefix ? action.starts_with(known.action) : action == known.action) return &known;
  return nullptr;
}

}  // namespace kedja::storage
