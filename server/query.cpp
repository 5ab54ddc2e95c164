#include "server/query.h"

#include "domain/calendar.h"
#include "storage/store.h"

#include <algorithm>
#include <charconv>

namespace kedja::server {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; in application/x-www-form-urlencoded (a query) '+' is
// a space, in a path it is itself.
std::optional<std::string> decode(std::string_view text, bool plus_is_space = true) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out += ' ';
    } else if (text[i] != '%') {
      out += text[i];
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out += static_cast<char>(high * 16 + low);
      i += 2;
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> decode_path_segment(std::string_view segment) { return decode(segment, false); }

Result<Target> parse_target(std::string_view target) {
  Target result;
  const auto question = target.find('?');
  result.path = std::string(target.substr(0, question));
  if (question == std::string_view::npos) return result;
  std::string_view rest = target.substr(question + 1);
  Problem problem{ProblemKind::invalid, "", {}};
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    const auto equals = pair.find('=');
    const auto name = decode(pair.substr(0, equals));
    const auto value =
        decode(equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1));
    if (!name || !value) {
      problem.errors.push_back({std::string(pair.substr(0, equals)), std::string(bad_percent_escape)});
    } else if (!result.params.emplace(*name, *value).second) {
      problem.errors.push_back({*name, std::string(given_more_than_once)});
    }
  }
  if (problem.errors.empty()) return result;
  problem.detail = problem.errors.front().field + ": " + problem.errors.front().message;
  return problem;
}

void Query::allow_only(std::initializer_list<std::string_view> names) {
  for (const auto& [name, value] : params_) {
    if (std::find(names.begin(), names.end(), name) == names.end())
      add_error(name, "unknown query parameter");
  }
}

std::optional<std::string> Query::text(std::string_view name) {
  const auto found = params_.find(name);
  if (found == params_.end() || found->second.empty()) return std::nullopt;
  return found->second;
}

std::optional<std::string> date_error(std::string_view text, Date& out) {
  const auto parsed = parse_date(text);
  if (!parsed) return "not a date (YYYY-MM-DD)";
  if (!DateRange::contains(*parsed)) return "outside the supported dates " + DateRange::text();
  out = *parsed;
  return std::nullopt;
}

std::optional<Date> Query::date(std::string_view name) {
  const auto value = text(name);
  if (!value) return std::nullopt;
  Date day{};
  if (auto error = date_error(*value, day)) {
    add_error(std::string(name), *error);
    return std::nullopt;
  }
  return day;
}

std::optional<int> Query::integer(std::string_view name, int min, int max) {
  const auto value = text(name);
  if (!value) return std::nullopt;
  int number = 0;
  const char* end = value->data() + value->size();
  const auto [ptr, ec] = std::from_chars(value->data(), end, number);
  if (ec != std::errc{} || ptr != end || number < min || number > max) {
    add_error(std::string(name), "must be a whole number in " + std::to_string(min) + ".." +
                                     std::to_string(max));
    return std::nullopt;
  }
  return number;
}

int Query::limit() {
  return integer("limit", 1, storage::max_page_size).value_or(storage::default_page_size);
}

std::optional<ActorId> Query::actor(std::string_view name, const Region& region) {
  auto value = text(name);
  if (!value) return std::nullopt;
  ActorId id{std::move(*value)};
  if (!region.find_actor(id)) {
    add_error(std::string(name), "unknown actor '" + id.str() + "'");
    return std::nullopt;
  }
  return id;
}

std::optional<std::string> Query::municipality(std::string_view name, const Region& region) {
  auto value = text(name);
  if (!value) return std::nullopt;
  if (!region.find_municipality(*value)) {
    add_error(std::string(name), "unknown municipality '" + *value + "'");
    return std::nullopt;
  }
  return value;
}

std::optional<std::string> Query::choice(std::string_view name,
                                         std::initializer_list<std::string_view> choices) {
  auto value = text(name);
  if (!value) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *value) != choices.end()) return value;
  std::string allowed;
  for (const auto choice : choices) {
    // Not `"|" + std::string(choice)`: GCC 12 warns -Wrestrict on it in
    // Release builds, a false positive (GCC bug 105329).
    if (!allowed.empty()) allowed += '|';
    allowed += choice;
  }
  add_error(std::string(name), "'" + *value + "' is not one of " + allowed);
  return std::nullopt;
}

void Query::add_error(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

std::optional<Problem> Query::problem() const {
  if (errors_.empty()) return std::nullopt;
  std::string detail;
  for (const auto& error : errors_)
    detail += (detail.empty() ? "" : "; ") + error.field + ": " + error.message;
  return Problem{ProblemKind::invalid, detail, errors_};
}

}  // namespace kedja::server
