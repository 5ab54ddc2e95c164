// Query strings: split from the path, percent-decoded, and read parameter by
// parameter with every problem collected and named. Unknown parameter names
// are refused: a user who typos `municipalty` must hear about it.
#pragma once

#include "domain/dates.h"
#include "domain/ids.h"
#include "domain/region.h"
#include "domain/result.h"

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::server {

struct Target {
  std::string path;
  std::map<std::string, std::string, std::less<>> params;
};

// "/v1/due?actor=hc%3Aa&from=2026-01-01" → path and decoded parameters.
// A parameter given twice or a bad %-escape is a Problem naming it, with
// one of these two messages (the web pages say them in Swedish).
inline constexpr std::string_view given_more_than_once = "given more than once";
inline constexpr std::string_view bad_percent_escape = "bad %-escape in the query";
Result<Target> parse_target(std::string_view target);

// A path segment %-decoded ("Mottagningen%20Krokom" → "Mottagningen
// Krokom"; '+' stays '+'); nullopt for a bad %-escape.
std::optional<std::string> decode_path_segment(std::string_view segment);

class Query {
 public:
  explicit Query(const Target& target) : params_(target.params) {}

  // Refuses every parameter whose name is not listed.
  void allow_only(std::initializer_list<std::string_view> names);

  // An empty value counts as absent.
  std::optional<std::string> text(std::string_view name);
  std::optional<Date> date(std::string_view name);
  std::optional<int> integer(std::string_view name, int min, int max);
  int limit();  // 1..1000, default 100
  std::optional<std::string> cursor() { return text("cursor"); }
  std::optional<ActorId> actor(std::string_view name, const Region& region);
  std::optional<std::string> municipality(std::string_view name, const Region& region);
  // One of `choices`, or nullopt when absent.
  std::optional<std::string> choice(std::string_view name,
                                    std::initializer_list<std::string_view> choices);

  void add_error(std::string field, std::string message);
  // Every error met so far, or nullopt.
  std::optional<Problem> problem() const;

 private:
  const std::map<std::string, std::string, std::less<>>& params_;
  std::vector<FieldError> errors_;
};

// Dates the calendar covers (1990–2199), strictly YYYY-MM-DD, as a message
// for a field, or nullopt when `text` is fine.
std::optional<std::string> date_error(std::string_view text, Date& out);

}  // namespace kedja::server
