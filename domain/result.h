// Bad input and rule outcomes are returned values the caller must look at
// (house style, error kind 2). A Problem names the field it is about.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kedja {

struct FieldError {
  std::string field;    // e.g. "birth_date", "events[2].appointment", "line 7: sex"
  std::string message;  // e.g. "not a date (YYYY-MM-DD)"
};

enum class ProblemKind {
  invalid,   // malformed or unknown input: HTTP 400, exit code 2
  conflict,  // a domain invariant refuses it: HTTP 409, exit code 2
  not_found, // no such case (or not in scope): HTTP 404
  forbidden, // the caller may not do this: HTTP 403
};

struct Problem {
  ProblemKind kind = ProblemKind::invalid;
  std::string detail;
  std::vector<FieldError> errors;

  static Problem invalid(std::string field, std::string message) {
    return {ProblemKind::invalid, field + ": " + message, {{std::move(field), std::move(message)}}};
  }
  static Problem conflict(std::string detail) { return {ProblemKind::conflict, std::move(detail), {}}; }
};

// Either a value or a Problem. Deliberately tiny: std::expected is C++23.
template <typename T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Problem problem) : state_(std::move(problem)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(state_); }
  const T& value() const { return std::get<0>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Problem& problem() const { return std::get<1>(state_); }

 private:
  std::variant<T, Problem> state_;
};

}  // namespace kedja
