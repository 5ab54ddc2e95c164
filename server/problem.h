// Error answers as application/problem+json (RFC 9457): type, title,
// status, detail, and for invalid input errors: [{field, message}].
#pragma once

#include "domain/result.h"
#include "server/handler.h"
#include "server/json_mapping.h"

#include <string>
#include <vector>

namespace kedja::server {

Response json_response(int status, const Json& body);

Response problem_response(int status, std::string detail, std::vector<FieldError> errors = {});

// ProblemKind → 400 / 409 / 404 / 403: the status of a refusal, for the
// API's problem answers and the web pages' refusals alike.
int http_status(const Problem& problem);
Response problem_response(const Problem& problem);

// 400 naming one field (a body field or a query parameter).
Response invalid_response(std::string field, std::string message);

// 401 with WWW-Authenticate: Bearer.
Response unauthorized_response(std::string detail);

// 503 with Retry-After: the database cannot record what the request needs
// now (a write's commit, a read's audit row); `detail` says why.
Response unavailable_response(std::string detail);

// 405 with Allow.
Response method_not_allowed_response(std::string_view method, std::string allow);

// JSON text of any value, invalid UTF-8 replaced rather than thrown on.
std::string dump_json(const Json& value);

}  // namespace kedja::server
