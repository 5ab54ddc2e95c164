// JSON mapping of domain and storage values (contract §2–4). Used by the
// HTTP handler and by the command line's --format json, so both print the
// same shapes. Input is read with at() and refuses unknown enum strings.
#pragma once

#include "domain/access.h"
#include "domain/case.h"
#include "domain/event.h"
#include "domain/region.h"
#include "domain/steps.h"
#include "storage/store.h"

#include <nlohmann/json.hpp>

namespace kedja::server {

using Json = nlohmann::json;

Json to_json(const Actor& actor);                       // {"id","kind","name","municipality"}
Json to_json(const RecordedEvent& event);               // {"seq","type","date",...payload,"event_id","recorded_at","recorded_by"}
Json to_json(const Step& step);                         // contract §3 step shape
// The case's fields (§2) as they are now; with events and steps for GET /v1/cases/{id}.
Json case_to_json(const storage::StoredCase& stored, bool with_events_and_steps);
Json to_json(const storage::CaseSummary& summary, bool hide_identity);
// An overdue/due item; coordinator lists hide names and give birth year only.
Json to_json(const storage::StepItem& item, bool hide_identity);
Json to_json(const storage::SummaryRow& row, storage::SummaryBy by);
Json to_json(const storage::AuditEntry& entry);

// A JSON object's members as loose fields for the domain's parsers. Nested
// objects and arrays are refused, naming the field (prefix + name).
Result<RawFields> raw_fields_from_json(const Json& object, std::string_view prefix = "");
// {"type","date",...payload,"event_id"} → RawEvent, naming bad fields.
Result<RawEvent> raw_event_from_json(const Json& object, std::string_view prefix = "");

}  // namespace kedja::server
