// The access log (issue 17 §3): one line per answer, a JSON object, for an
// IT department's log shipping (journald, then whatever reads it):
//
//   {"time":"2026-12-01T06:58:02.117Z","method":"GET","route":"/v1/cases/{id}",
//    "status":200,"duration_us":1834,"bytes":2210,"token":"reception Östersund"}
//
// `time` is UTC (RFC 3339, milliseconds), when the request was read whole;
// `route` the route's template, never a case id, a name or a query value
// (RequestNotes); `duration_us` microseconds until the answer was written;
// `bytes` the answer's bytes, head and body; `token` the name of the token
// that was accepted ("" when none: a login page, a refused token). Nothing
// of the request's body, query or headers.
#pragma once

#include "server/server.h"

#include <cstdio>
#include <mutex>
#include <string>

namespace kedja::server {

class AccessLog {
 public:
  // `destination`: "-" for standard error, else a file opened for
  // appending (created 0640). Throws std::runtime_error naming the file
  // when it cannot be opened.
  explicit AccessLog(const std::string& destination);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  // Writes the exchange's line whole (lines from many threads never
  // interleave). Any thread.
  void write(const Exchange& exchange);

  // The line, with its newline.
  static std::string line(const Exchange& exchange);

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  bool owned_ = false;
};

}  // namespace kedja::server
