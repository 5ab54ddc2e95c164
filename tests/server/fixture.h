// A Store on a temporary file, the shipped config, tokens for every role and
// a way to call the handler as a client would, without sockets.
#pragma once

#include "domain/calendar.h"
#include "domain/json/config_json.h"
#include "server/handler.h"
#include "server/json_mapping.h"
#include "openapi_recorder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <unistd.h>

namespace kedja::server::testing {

inline const json::Config& shipped_config() {
  static const json::Config config = [] {
    auto loaded = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!loaded) throw std::runtime_error("config: " + loaded.problem().detail);
    return std::move(*loaded);
  }();
  return config;
}

inline const EngineContext& shipped_context() {
  static const EngineContext context{shipped_config().rule_sets, shipped_config().region,
                                     Calendar::swedish()};
  return context;
}

inline Date day(const char* text) {
  auto parsed = parse_date(text);
  if (!parsed) throw std::runtime_error(std::string("bad test date ") + text);
  return *parsed;
}

// A Wednesday; every test runs "today" on it.
inline const char* const today_text = "2026-11-25";

struct Reply {
  int status = 0;
  Json body;
  Response raw;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kedja-server-test-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter.fetch_add(1)) + ".db");
    remove_files();
    store_ = std::make_unique<storage::Store>(storage::Options{path_.string(), false},
                                              shipped_context());
    handler_ = std::make_unique<Handler>(*store_, shipped_context(), [] { return day(today_text); });
    admin_ = token(Role::admin, "");
  }
  void TearDown() override {
    handler_.reset();
    store_.reset();
    remove_files();
  }

  std::string token(Role role, const std::string& actor) {
    Caller caller;
    caller.role = role;
    if (!actor.empty()) caller.actor = ActorId{actor};
    caller.token_name = std::string(to_string(role)) + (actor.empty() ? "" : " " + actor);
    return store_->create_token(caller);
  }

  Reply call(const std::string& method, const std::string& target, const std::string& token,
             const std::string& body = "") {
    Request request;
    request.method = method;
    request.target = target;
    if (!token.empty()) request.headers["authorization"] = "Bearer " + token;
    request.body = body;
    Reply reply;
    reply.raw = answer(*handler_, request);
    reply.status = reply.raw.status;
    reply.body = Json::parse(reply.raw.body, nullptr, false);
    return reply;
  }
  Reply get(const std::string& target, const std::string& token) { return call("GET", target, token); }
  Reply post(const std::string& target, const std::string& token, const Json& body) {
    return call("POST", target, token, body.dump());
  }

  // A case created by the admin, past the duplicate check (tests create the
  // same person in many cases on purpose); returns its id.
  std::string create_case(Json fields) {
    if (!fields.contains("confirmed_new")) fields["confirmed_new"] = true;
    const Reply reply = post("/v1/cases", admin_, fields);
    EXPECT_EQ(reply.status, 201) << reply.raw.body;
    return reply.body.value("id", std::string{});
  }

  static Json person(const std::string& municipality, const std::string& birth_date,
                     const std::string& given_name = "Amina") {
    return {{"given_name", given_name},     {"family_name", "Haddad"},
            {"birth_date", birth_date},     {"sex", "F"},
            {"language", "arabiska"},       {"interpreter_needed", true},
            {"unaccompanied", false},       {"municipality", municipality}};
  }

  std::filesystem::path path_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<Handler> handler_;
  std::string admin_;

 private:
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(path_.string() + suffix);
  }
};

// True when a list body's items hold a member `key` equal to `id`.
inline bool lists(const Json& body, const std::string& key, const std::string& id) {
  if (!body.contains("items")) return false;
  for (const auto& item : body["items"])
    if (item.value(key, std::string{}) == id) return true;
  return false;
}

}  // namespace kedja::server::testing
