#include "csv/lists.h"

#include "csv/writer.h"
#include "domain/swedish.h"

#include <cmath>

namespace kedja::csv {
namespace {

std::int64_t year_of(Date day) { return static_cast<int>(date::year_month_day{day}.year()); }
std::string_view yes_no(bool value) { return value ? "ja" : "nej"; }

}  // namespace

void write_steps(std::string& out, std::span<const storage::StepItem> items, StepList list,
                 const Vocabulary& words, bool hide_identity) {
  const bool overdue = list == StepList::overdue;
  Writer csv(out);
  csv.cell("Ärende");
  if (hide_identity) csv.cell("Födelseår");
  else csv.cell("Förnamn").cell("Efternamn").cell("Födelsedatum");
  csv.cell("Kommun").cell("Steg").cell("Ansvarig").cell("Öppnad").cell("Förfallodatum");
  if (overdue) csv.cell("Arbetsdagar försenad");
  csv.end_row();
  for (const auto& item : items) {
    csv.cell(item.case_id.str());
    if (hide_identity) csv.cell(year_of(item.birth_date));
    else csv.cell(item.given_name).cell(item.family_name).cell(item.birth_date);
    csv.cell(words.municipality_name(item.municipality))
        .cell(words.step_title(item.step, item.opened_on))
        .cell(words.actor_name(item.actor))
        .cell(item.opened_on)
        .cell(item.due_on);
    if (overdue) csv.cell(item.working_days_overdue);
    csv.end_row();
  }
}

void write_cases(std::string& out, std::span<const storage::CaseSummary> cases, const Vocabulary& words,
                 bool hide_identity) {
  Writer csv(out);
  csv.cell("Ärende");
  if (hide_identity) csv.cell("Födelseår");
  else csv.cell("Dossiernummer").cell("Förnamn").cell("Efternamn").cell("Födelsedatum");
  csv.cell("Kön").cell("Språk").cell("Tolkbehov");
  if (!hide_identity) csv.cell("Hushåll");
  csv.cell("Ensamkommande").cell("Kommun").cell("Hälsocentral").cell("Regelverk").cell("Status");
  csv.end_row();
  for (const auto& summary : cases) {
    const Case& c = summary.the_case;
    const std::string& municipality = summary.municipality.empty() ? c.municipality : summary.municipality;
    const ActorId& health_centre = summary.health_centre.empty() ? c.health_centre : summary.health_centre;
    csv.cell(c.id.str());
    if (hide_identity)
      csv.cell(year_of(c.birth_date));
    else
      csv.cell(c.external_ref.value_or("")).cell(c.given_name).cell(c.family_name).cell(c.birth_date);
    csv.cell(swedish_letter(c.sex)).cell(c.language).cell(yes_no(c.interpreter_needed));
    if (!hide_identity) csv.cell(c.household.value_or(""));
    csv.cell(yes_no(c.unaccompanied))
        .cell(words.municipality_name(municipality))
        .cell(words.actor_name(health_centre))
        .cell(summary.rule_set ? words.rule_set_title(*summary.rule_set) : std::string_view())
        .cell(summary.closed ? "avslutat" : "öppet");
    csv.end_row();
  }
}

void write_summary(std::string& out, std::span<const storage::SummaryRow> rows, storage::SummaryBy by,
                   const Vocabulary& words) {
  const bool by_actor = by == storage::SummaryBy::actor;
  Writer csv(out);
  csv.row({by_actor ? "Ansvarig" : "Kommun", "Steg", "Försenade", "Äldsta förfallodatum",
           "Försenade 1–5 arbetsdagar", "Försenade 6–10 arbetsdagar", "Försenade 11–20 arbetsdagar",
           "Försenade 21+ arbetsdagar"});
  for (const auto& row : rows) {
    csv.cell(by_actor ? words.actor_name(ActorId{row.group}) : words.municipality_name(row.group))
        .cell(words.step_title(row.step, row.oldest_due_on))
        .cell(row.overdue)
        .cell(row.oldest_due_on);
    for (std::int64_t n : row.buckets) csv.cell(n);
    csv.end_row();
  }
}

std::string swedish_percent(double share) {
  const long tenths = std::lround(share * 1000.0);
  return std::to_string(tenths / 10) + "," + std::to_string(tenths % 10);
}

std::string swedish_median(double median) {
  const long halves = std::lround(median * 2.0);
  return std::to_string(halves / 2) + (halves % 2 ? ",5" : "");
}

void write_follow_up(std::string& out, std::span<const storage::FollowUpRow> rows,
                     const storage::FollowUpQuery& query, const Vocabulary& words) {
  using storage::FollowUpBy;
  const FollowUpBy by = query.by;
  Writer csv(out);
  csv.row({by == FollowUpBy::actor ? "Ansvarig" : by == FollowUpBy::month ? "Månad" : "Kommun", "Steg", "I tid",
           "Försenade", "Avböjda", "Pågående", "Andel i tid (%)", "Median arbetsdagar sen"});
  for (const auto& row : rows) {
    switch (by) {
      case FollowUpBy::municipality: csv.cell(words.municipality_name(row.group)); break;
      case FollowUpBy::actor: csv.cell(words.actor_name(ActorId{row.group})); break;
      case FollowUpBy::month: csv.cell(row.group); break;
    }
    const FollowUpFigures& f = row.figures;
    const auto share = f.share_on_time();
    const auto median = f.median_working_days_late();
    csv.cell(words.step_title(row.step, query.to))
        .cell(f.on_time())
        .cell(f.late())
        .cell(f.declined())
        .cell(f.pending())
        .cell(share ? swedish_percent(*share) : std::string())
        .cell(median ? swedish_median(*median) : std::string());
    csv.end_row();
  }
}

void write_work(std::string& out, std::span<const storage::WorkItem> items, storage::WorkTab tab, Date as_of,
                const Vocabulary& words, bool hide_identity) {
  using storage::WorkTab;
  Writer csv(out);
  csv.cell("Ärende");
  if (hide_identity) csv.cell("Födelseår");
  else csv.cell("Förnamn").cell("Efternamn").cell("Födelsedatum").cell("Ålder");
  csv.cell("Kommun").cell("Steg").cell("Ansvarig").cell("Öppnad").cell("Förfallodatum");
  if (tab == WorkTab::overdue) csv.cell("Arbetsdagar försenad");
  if (tab == WorkTab::due_soon) csv.cell("Arbetsdagar kvar");
  if (tab == WorkTab::done) csv.cell("Avslutad").cell("Status").cell("Arbetsdagar sen");
  csv.cell("Språk").cell("Tolkbehov");
  if (!hide_identity) csv.cell("Hushåll");
  csv.end_row();
  for (const auto& item : items) {
    csv.cell(item.case_id.str());
    if (hide_identity) csv.cell(year_of(item.birth_date));
    else
      csv.cell(item.given_name).cell(item.family_name).cell(item.birth_date).cell(age_on(item.birth_date, as_of));
    csv.cell(words.municipality_name(item.municipality))
        .cell(item.title.empty() ? words.step_title(item.step, item.opened_on) : std::string_view(item.title))
        .cell(words.actor_name(item.actor))
        .cell(item.opened_on)
        .cell(item.due_on);
    if (tab == WorkTab::overdue) csv.cell(item.working_days_overdue);
    if (tab == WorkTab::due_soon) csv.cell(item.working_days_left);
    if (tab == WorkTab::done) {
      csv.cell(item.done_on).cell(swedish_label(item.status));
      if (item.status == StepStatus::done) csv.cell(item.late ? item.working_days_late : 0);
      else csv.cell("");
    }
    csv.cell(item.language).cell(yes_no(item.interpreter_needed));
    if (!hide_identity) csv.cell(item.household.value_or(""));
    csv.end_row();
  }
}

void write_case_steps(std::string& out, std::span<const Step> steps, const Vocabulary& words) {
  Writer csv(out);
  csv.row({"Steg", "Ansvarig", "Öppnad", "Förfallodatum", "Status", "Avslutad", "Arbetsdagar sen"});
  for (const Step& step : steps) {
    csv.cell(step.title.empty() ? std::string_view(step.key.str()) : std::string_view(step.title))
        .cell(words.actor_name(step.actor))
        .cell(step.opened_on)
        .cell(step.due_on)
        .cell(swedish_label(step.status))
        .cell(step.done_on);
    if (step.status == StepStatus::done) csv.cell(step.late ? step.working_days_late : 0);
    else csv.cell("");
    csv.end_row();
  }
}

}  // namespace kedja::csv
