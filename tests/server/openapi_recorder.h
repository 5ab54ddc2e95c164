// The conformance layer's recording half (issue 17): every answer the
// server tests receive from the API — through the handler or over a socket —
// is written down, so that tests/openapi/check_answers.py can validate each
// against server/openapi.json after the tests have run (ctest fixture
// `openapi_answers`). The document cannot drift from the code unseen.
//
// Recorded: every answer to a /v1/ path, and every JSON answer to any path
// (a 401 for a path that does not exist is still the API's answer). Web
// pages (HTML outside /v1/) are not the API's and are left out.
//
// Where: one JSON object a line, {"test", "method", "target", "status",
// "content_type", "body", "request_body"}, appended to <$KEDJA_OPENAPI_RECORD_DIR>/<pid>.jsonl
// — one file per process, as ctest runs each test in its own process, two
// at a time. Without the variable (a test binary run by hand) nothing is
// written.
#pragma once

#include "server/handler.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string>
#include <unistd.h>

namespace kedja::server::testing {

// True for application/json and application/problem+json (parameters ignored).
inline bool is_json_type(std::string_view content_type) {
  const auto type = content_type.substr(0, content_type.find(';'));
  return type == "application/json" || type == "application/problem+json";
}

// Appends one answer to this process's record file, if recording is on.
// `target` is the request's path and query as sent.
// `request_body` is what was sent (checked against the operation's request
// body schema when the answer is a success), empty when none or unknown.
inline void record_answer(std::string_view method, std::string_view target, int status,
                          std::string_view content_type, std::string_view body,
                          std::string_view request_body = {}) {
  static const char* const dir = std::getenv("KEDJA_OPENAPI_RECORD_DIR");
  if (!dir || !*dir) return;
  const bool api_path = target.starts_with("/v1/") || target == "/v1";
  if (!api_path && !is_json_type(content_type)) return;
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  static std::ofstream out = [] {
    std::filesystem::create_directories(dir);
    return std::ofstream(std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl", std::ios::app);
  }();
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const nlohmann::json line = {
      {"test", test ? std::string(test->test_suite_name()) + "." + test->name() : std::string("?")},
      {"method", method},
      {"target", target},
      {"status", status},
      {"content_type", content_type},
      // Only JSON bodies are validated; a CSV or iCalendar file is checked
      // by its content type alone, and need not fill the record.
      {"body", is_json_type(content_type) ? body : std::string_view{}},
      {"request_body", request_body},
  };
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
}

// The handler's answer to `request`, recorded. Every server test that calls
// a Handler goes through here (or ServerTest::call, which does).
inline Response answer(const Handler& handler, const Request& request) {
  Response response = handler(request);
  record_answer(request.method, request.target, response.status, response.content_type, response.body,
                request.body);
  return response;
}

}  // namespace kedja::server::testing
