// The API described as OpenAPI 3.1 (issue 17): the repository's
// server/openapi.json, the source of truth for the HTTP API, built into the
// binary (server/embed_openapi.cmake) and served at GET /v1/openapi.json
// without a token. The server tests validate every JSON answer they receive
// against it (tests/server/openapi_recorder.h, tests/openapi/).
#pragma once

#include <string_view>

namespace kedja::server {

// The document's JSON text, UTF-8, exactly as server/openapi.json was when
// the binary was built. Never empty; static storage.
std::string_view openapi_document();

}  // namespace kedja::server
