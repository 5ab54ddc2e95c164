#include "domain/swedish.h"

#include <array>

namespace kedja {
namespace {

// In EventType's order (domain/event.h); a test checks each against the contract.
constexpr std::array<std::string_view, event_type_count> event_labels{
    "Asylsökan registrerad",                       // asylum_registered
    "Boende ändrat",                               // housing_changed
    "Uppehållstillstånd beviljat",                 // permit_granted
    "Uppehållstillstånd avslaget",                 // permit_refused
    "Anvisad till kommun",                         // municipality_assigned
    "Avisering mottagen",                          // arrival_notice_received
    "Ankomstdatum ändrat",                         // arrival_date_changed
    "Ankommit",                                    // arrived
    "Hälsocentralen informerad",                   // health_centre_notified
    "Skolan informerad",                           // school_notified
    "Hälsosamtal bokat",                           // health_talk_booked
    "Hälsoundersökning bokad",                     // health_exam_booked
    "Hälsosamtal genomfört",                       // health_talk_held
    "Provsvar mottagna",                           // test_results_received
    "Den nyanlände informerad om provsvar",        // newcomer_informed
    "Hälsoundersökning genomförd",                 // health_exam_held
    "Mottagningsenheten informerad",               // reception_informed
    "Vaccinationsplan upprättad",                  // vaccination_plan_made
    "Inskolningsplan upprättad",                   // introduction_plan_made
    "Skolstart",                                   // school_started
    "Förskolestart",                               // preschool_started
    "Etableringssamtal genomfört",                 // establishment_talk_held
    "Etableringsplan startad",                     // establishment_plan_started
    "Etableringsplan avslutad",                    // establishment_plan_ended
    "Anmäld till SFI",                             // sfi_registered
    "SFI påbörjad",                                // sfi_started
    "Samhällsorientering påbörjad",                // civic_orientation_started
    "Samhällsorientering avslutad",                // civic_orientation_completed
    "Avböjt",                                      // step_declined
    "Hälsocentral ändrad",                         // health_centre_changed
    "Flyttat",                                     // moved
    "Makulerad",                                   // event_voided
    "Ärendet avslutat",                            // case_closed
};

}  // namespace

std::string_view swedish_label(EventType type) { return event_labels[static_cast<std::size_t>(type)]; }

std::string_view swedish_label(StepStatus status) {
  switch (status) {
    case StepStatus::open: return "öppen";
    case StepStatus::done: return "klar";
    case StepStatus::declined: return "avböjd";
    case StepStatus::cancelled: return "avbruten";
  }
  return "?";
}

std::string_view swedish_label(ActorKind kind) {
  switch (kind) {
    case ActorKind::reception: return "Mottagningsenhet";
    case ActorKind::school: return "Skola";
    case ActorKind::preschool: return "Förskola";
    case ActorKind::school_health: return "Elevhälsa";
    case ActorKind::child_health: return "BVC";
    case ActorKind::sfi: return "SFI";
    case ActorKind::hc: return "Hälsocentral";
    case ActorKind::af: return "Arbetsförmedlingen";
    case ActorKind::mv: return "Migrationsverket";
    case ActorKind::lst: return "Länsstyrelsen";
  }
  return "?";
}

std::string_view swedish_letter(Sex sex) {
  switch (sex) {
    case Sex::F: return "K";
    case Sex::M: return "M";
    case Sex::X: return "X";
  }
  return "?";
}

}  // namespace kedja
