// The Swedish words people see for the domain's values (contract §2 v1.1):
// event types, step statuses, sex. Web pages, CSV files, docs/ and the
// command line's help all read them from here, so a label is spelled once.
#pragma once

#include "domain/case.h"
#include "domain/event.h"
#include "domain/steps.h"

#include <string_view>

namespace kedja {

// "Hälsosamtal bokat" for health_talk_booked: contract §2's list, verbatim.
std::string_view swedish_label(EventType type);
// "öppen", "klar", "avböjd", "avbruten".
std::string_view swedish_label(StepStatus status);
// "Mottagningsenhet", "Hälsocentral", "BVC", … for the actor kinds (contract §1).
std::string_view swedish_label(ActorKind kind);
// "K" (kvinna) for F, "M" (man), "X": as Swedish forms and files write it.
std::string_view swedish_letter(Sex sex);

}  // namespace kedja
