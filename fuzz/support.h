// What the fuzz targets share: the shipped config, a fixed "today", and a
// service (Store + Handler on a temporary database, durable off) called
// without sockets, exactly as the HTTP session calls it.
#pragma once

#include "domain/json/config_json.h"
#include "domain/steps.h"
#include "server/handler.h"
#include "storage/store.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

// libFuzzer's entry point; replay_main.cpp calls it for a corpus too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace kedja::fuzz {

// config/region.json and config/rules/*.json of this source tree.
const json::Config& shipped_config();
const EngineContext& shipped_context();

// The fixed "today" of every target: Wednesday 2026-11-25.
Date fuzz_today();

// One service for the whole process, on /tmp/kedja-fuzz-<pid>.db (removed at
// exit), with a handful of cases whose steps are open, done and overdue.
class Service {
 public:
  static Service& instance();

  // As an admin client; `token` overrides.
  server::Response call(const std::string& method, const std::string& target,
                        const std::string& body = "") const;
  server::Response call_as(const std::string& token, const std::string& method,
                           const std::string& target, const std::string& body = "") const;
  // A fresh child's case (arrival notice given) to append events to.
  std::string new_case() const;
  const std::string& some_case() const { return first_case_; }
  const std::string& admin() const { return admin_; }
  const std::string& reception() const { return reception_; }

 private:
  Service();
  storage::Store* store_ = nullptr;
  server::Handler* handler_ = nullptr;
  std::string admin_;
  std::string reception_;
  std::string first_case_;
};

// Two people's whole chains (a child of 11 and an adult of 36) in
// `municipality`, every step-opening and -closing event a few days apart
// from 2024-01-10, each checked with check_append and the accepted ones
// projected, overdue counted at several dates. Under `rule_set` when given
// (the case names it). For the rule-set and region targets: a loaded file
// must never crash the engine. Refusals are fine; crashes are findings.
void run_chains(const EngineContext& context, std::string_view municipality,
                const RuleSet* rule_set = nullptr);

// A 5xx, or an error answer that is not problem+json, is a bug for any
// input: abort so libFuzzer (or the replay) reports it.
void expect_no_server_error(const server::Response& response, std::string_view what);

// Every byte as %XX, so any bytes can ride in a query value.
std::string percent_encode(std::string_view bytes);

}  // namespace kedja::fuzz
