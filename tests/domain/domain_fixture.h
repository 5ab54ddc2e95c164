// Shared by the domain tests: the shipped config, cases and event histories.
#pragma once

#include "domain/json/config_json.h"
#include "domain/steps.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <vector>

namespace kedja {
// gtest prints these by name.
inline void PrintTo(StepStatus status, std::ostream* out) { *out << to_string(status); }
inline void PrintTo(ProblemKind kind, std::ostream* out) { *out << static_cast<int>(kind); }
}  // namespace kedja

namespace kedja::testing {

// config/region.json and config/rules/ of the source tree, loaded once.
const json::Config& shipped_config();
EngineContext shipped_context();

Date day(const std::string& text);  // YYYY-MM-DD, fails the test if bad

Case make_case(const std::string& birth_date, const std::string& municipality = "ostersund",
               bool unaccompanied = false);

// An event history built in seq order: add("arrived", "2026-03-02", {{"k", "v"}}).
class History {
 public:
  explicit History(Case the_case) : case_(std::move(the_case)) {}
  History& add(const std::string& type, const std::string& date,
               std::vector<std::pair<std::string, RawValue>> payload = {},
               const std::string& recorded_by = "admin");
  // The Problem check_append gives the next event, if any (not added).
  std::optional<Problem> check(const std::string& type, const std::string& date,
                               std::vector<std::pair<std::string, RawValue>> payload = {}) const;
  CaseState project() const;
  // The last step of that key (the newest, after supersedes); fails if none.
  Step step(const std::string& key) const;
  bool has_step(const std::string& key) const;
  std::int64_t last_seq() const { return events_.empty() ? 0 : events_.back().seq; }
  const std::vector<RecordedEvent>& events() const { return events_; }
  Case& the_case() { return case_; }

 private:
  RecordedEvent make(const std::string& type, const std::string& date,
                     std::vector<std::pair<std::string, RawValue>> payload) const;
  Case case_;
  std::vector<RecordedEvent> events_;
};

}  // namespace kedja::testing
