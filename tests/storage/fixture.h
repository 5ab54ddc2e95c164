// Shared helpers for the storage tests: the shipped config, a fresh temp
// directory per test, callers of each role, events and cases in one line.
#pragma once

#include "domain/json/config_json.h"
#include "storage/store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace kedja::storage::testing {

const json::Config& shipped_config();
EngineContext context();

// A directory under /tmp, removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

Date day(const char* text);  // "2026-11-25", asserted valid
inline Date today() { return day("2026-11-25"); }

Caller admin();
Caller caller(Role role, const std::string& actor, const std::string& token = "t");

Event event(EventType type, const char* date);
Case person(const std::string& given, const std::string& family, const char* birth,
            const std::string& municipality = "ostersund");

// A store on a fresh file in its own temp dir (not durable: logic tests).
struct StoreFixture : ::testing::Test {
  TempDir dir;
  std::unique_ptr<Store> store;
  void SetUp() override;
  std::string path() const { return dir.file("kedja.db"); }
  // Creates a case as admin with its events; fails the test if refused.
  StoredCase create(Case the_case, std::vector<Event> events);
};

}  // namespace kedja::storage::testing
