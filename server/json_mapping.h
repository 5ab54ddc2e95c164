// JSON mapping of domain and storage values (contract §2–4). Used by the
// HTTP handler and by the command line's --format json, so both print the
// same shapes. Input is read with at() and refuses unknown enum strings.
// List items are written with JsonWriter rather than built as a DOM: the
// list pages are the hot answers. Each type has one mapping, DOM or writer.
#pragma once

#include "domain/access.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/region.h"
#include "domain/steps.h"
#include "server/json_writer.h"
#include "storage/store.h"

#include <nlohmann/json.hpp>

namespace kedja::server {

using Json = nlohmann::json;

Json to_json(const Actor& actor);                       // {"id","kind","name","municipality"}
Json to_json(const RecordedEvent& event);               // {"seq","type","date",...payload,"event_id","recorded_at","recorded_by"}
Json to_json(const Step& step);                         // contract §3 step shape
// The case's fields (§2) as they are now; with events and steps for GET /v1/cases/{id}.
// A case read pseudonymised (StoredCase::identity_hidden) shows "birth_year"
// and no names, birth date, external_ref or household, as the lists do.
// The fields are those write_json(CaseSummary) writes, so the two cannot drift.
Json case_to_json(const storage::StoredCase& stored, bool with_events_and_steps);
// A case list item: the case's fields (§2) and "status". Coordinator lists
// show "birth_year" instead of names and birth date, and no external_ref
// or household.
void write_json(JsonWriter& out, const storage::CaseSummary& summary, bool hide_identity);
// An overdue/due item (§4); coordinator lists show "birth_year" instead of
// names and birth date.
void write_json(JsonWriter& out, const storage::StepItem& item, bool hide_identity);
// "municipality", "actor" or "month": the member naming a follow-up row's group.
JsonName follow_up_group_name(storage::FollowUpBy by);
Json to_json(const storage::AuditEntry& entry);
// {"name","actor","role","created","expires","last_used","revoked"}: never
// the token. `actor` null for admin; `expires` the last valid day and
// `last_used` a day (Europe/Stockholm), null when none; `revoked` the UTC
// time of the revocation, null while in force.
Json to_json(const storage::TokenInfo& token);

// A JSON object's members as loose fields for the domain's parsers, text in
// NFC. Nested objects and arrays are refused, naming the field (prefix + name).
Result<RawFields> raw_fields_from_json(const Json& object, std::string_view prefix = "");
// {"type","date",...payload,"event_id"} → RawEvent, naming bad fields.
Result<RawEvent> raw_event_from_json(const Json& object, std::string_view prefix = "");

}  // namespace kedja::server
