// Kedja's lists as CSV files for Swedish Excel (contract §4 "CSV for
// spreadsheets"): the overdue and due steps, the cases, the overdue summary
// and one case's steps. Swedish column names, Swedish step titles from the
// rule sets, municipality and unit names from the region file; written
// with csv::Writer (BOM, ';', CRLF, formula cells neutralised).
//
// Each function writes a whole file — the BOM, the header row and one row
// per item — appended to `out`. The caller fetches every page first (the
// API: up to max_rows). `hide_identity` is the coordinator's view, exactly
// as in JSON: "Födelseår" in place of names and birth date; the case list
// also drops "Dossiernummer" and "Hushåll".
//
// Column names (with hide_identity: Ärende, Födelseår, then from Kön/Kommun):
//   overdue:  Ärende; Förnamn; Efternamn; Födelsedatum; Kommun; Steg; Ansvarig;
//             Öppnad; Förfallodatum; Arbetsdagar försenad
//   due:      the same without "Arbetsdagar försenad"
//   cases:    Ärende; Dossiernummer; Förnamn; Efternamn; Födelsedatum; Kön;
//             Språk; Tolkbehov; Hushåll; Ensamkommande; Kommun; Hälsocentral;
//             Regelverk; Status
//   summary:  Kommun (or Ansvarig); Steg; Försenade; Äldsta förfallodatum;
//             Försenade 1–5 arbetsdagar; … 6–10; … 11–20; … 21+ arbetsdagar
//   follow-up: Kommun (or Ansvarig, or Månad YYYY-MM); Steg; I tid; Försenade;
//             Avböjda; Pågående; Andel i tid (%); Median arbetsdagar sen
//             (the share in per cent with one decimal and a decimal comma,
//             "87,5", which Swedish Excel reads as a number; the median
//             "3" or "2,5"; both empty when there is nothing to divide)
//   work:     the web page Att göra's rows (one tab, as of a date):
//             Ärende; Förnamn; Efternamn; Födelsedatum; Ålder; Kommun; Steg;
//             Ansvarig; Öppnad; Förfallodatum; then by tab — Försenade:
//             Arbetsdagar försenad; Förfaller snart: Arbetsdagar kvar;
//             Utan tidsgräns: nothing; Klara: Avslutad; Status; Arbetsdagar
//             sen — then Språk; Tolkbehov; Hushåll. The coordinator: Ärende;
//             Födelseår; Kommun; … without Hushåll, as on the page.
//   steps:    Steg; Ansvarig; Öppnad; Förfallodatum; Status; Avslutad; Arbetsdagar sen
//             (Avslutad: the day it was done, declined or cancelled; Arbetsdagar
//             sen: working days late, for a done step)
// Kön is K/M/X, booleans ja/nej, dates YYYY-MM-DD, Status öppet/avslutat
// (a case) or öppen/klar/avböjd/avbruten (a step).
#pragma once

#include "domain/steps.h"
#include "domain/vocabulary.h"
#include "storage/store.h"

#include <span>
#include <string>

namespace kedja::csv {

// The most rows one CSV answer of the API holds (contract §4).
inline constexpr std::size_t max_rows = 100'000;

enum class StepList { overdue, due };

void write_steps(std::string& out, std::span<const storage::StepItem> items, StepList list,
                 const Vocabulary& words, bool hide_identity);
void write_cases(std::string& out, std::span<const storage::CaseSummary> cases, const Vocabulary& words,
                 bool hide_identity);
void write_summary(std::string& out, std::span<const storage::SummaryRow> rows, storage::SummaryBy by,
                   const Vocabulary& words);
// The follow-up (GET /v1/follow-up, `kedja follow-up`, the page
// Uppföljning) of `query`: its grouping, and step titles from the rule set
// in force at the period's end.
void write_follow_up(std::string& out, std::span<const storage::FollowUpRow> rows,
                     const storage::FollowUpQuery& query, const Vocabulary& words);
// 0.875 → "87,5": a share as a per cent with one decimal, as Swedish writes it.
std::string swedish_percent(double share);
// 3 → "3", 2.5 → "2,5": a median of whole numbers with its one decimal, if any.
std::string swedish_median(double median);
// One tab of the work list (the web page Att göra's download); `as_of` is
// the day the ages are counted on.
void write_work(std::string& out, std::span<const storage::WorkItem> items, storage::WorkTab tab, Date as_of,
                const Vocabulary& words, bool hide_identity);
// One case's steps (`kedja case show --format csv`), titles as the steps carry them.
void write_case_steps(std::string& out, std::span<const Step> steps, const Vocabulary& words);

}  // namespace kedja::csv
