#include "server/csv_answers.h"

#include "csv/lists.h"
#include "csv/writer.h"
#include "server/problem.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace kedja::server {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The q-value of one media range ("text/csv;q=0.5" → 0.5); 1 without one.
double q_of(std::string_view parameters) {
  while (!parameters.empty()) {
    const auto semicolon = parameters.find(';');
    const auto parameter = trimmed(parameters.substr(0, semicolon));
    parameters = semicolon == std::string_view::npos ? std::string_view{} : parameters.substr(semicolon + 1);
    if (parameter.size() > 2 && (parameter[0] == 'q' || parameter[0] == 'Q') && parameter[1] == '=') {
      try {
        return std::stod(std::string(parameter.substr(2)));
      } catch (const std::exception&) {
        return 0;
      }
    }
  }
  return 1;
}

// Every page of a list, fetched max_page_size items at a time; nullopt
// when the list holds more than csv::max_rows items.
template <typename T, typename Fetch>
std::optional<std::vector<T>> every_page(Fetch fetch_page) {
  std::vector<T> all;
  std::optional<std::string> cursor;
  do {
    auto page = fetch_page(storage::max_page_size, cursor);
    if (all.size() + page.items.size() > csv::max_rows) return std::nullopt;
    for (auto& item : page.items) all.push_back(std::move(item));
    cursor = std::move(page.next_cursor);
  } while (cursor);
  return all;
}

Response too_many_rows() {
  return invalid_response("format", "the list has more than " + std::to_string(csv::max_rows) +
                                        " rows, more than one CSV file holds; narrow it (actor, "
                                        "municipality) or read it as JSON pages");
}

// The file as an attachment named for what it holds: personal data, never cached.
Response csv_response(std::string body, std::string file_name) {
  Response response;
  response.content_type = std::string(csv::content_type);
  response.body = std::move(body);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Vocabulary words_of(const Call& call) { return Vocabulary(call.context.region, call.context.rule_sets); }

}  // namespace

bool accept_prefers_csv(std::string_view accept) {
  double csv = 0, json = 0;
  while (!accept.empty()) {
    const auto comma = accept.find(',');
    const auto range = trimmed(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);
    const auto semicolon = range.find(';');
    const auto type = trimmed(range.substr(0, semicolon));
    const double q = semicolon == std::string_view::npos ? 1 : q_of(range.substr(semicolon + 1));
    if (equal_ignoring_case(type, "text/csv")) csv = std::max(csv, q);
    else if (equal_ignoring_case(type, "application/json")) json = std::max(json, q);
  }
  return csv > 0 && csv > json;
}

Answer answer_of(const Call& call, Query& query) {
  Answer answer = Answer::json;
  if (const auto format = query.choice("format", {"json", "csv"})) {
    answer = *format == "csv" ? Answer::csv : Answer::json;
  } else if (const auto accept = call.request.headers.find("accept"); accept != call.request.headers.end()) {
    answer = accept_prefers_csv(accept->second) ? Answer::csv : Answer::json;
  }
  if (answer == Answer::csv)
    for (const char* paging : {"limit", "cursor"})
      if (query.text(paging)) query.add_error(paging, "a CSV answer holds every page; leave it out");
  return answer;
}

Response overdue_csv(const Call& call, storage::OverdueQuery filter, bool hide_identity) {
  auto items = every_page<storage::StepItem>([&](int limit, const std::optional<std::string>& cursor) {
    filter.limit = limit;
    filter.cursor = cursor;
    return call.store.overdue(call.caller, filter, call.today);
  });
  if (!items) return too_many_rows();
  std::string body;
  csv::write_steps(body, *items, csv::StepList::overdue, words_of(call), hide_identity);
  return csv_response(std::move(body), "forsenade-steg-" + format_date(filter.as_of) + ".csv");
}

Response due_csv(const Call& call, storage::DueQuery filter, bool hide_identity) {
  auto items = every_page<storage::StepItem>([&](int limit, const std::optional<std::string>& cursor) {
    filter.limit = limit;
    filter.cursor = cursor;
    return call.store.due(call.caller, filter, call.today);
  });
  if (!items) return too_many_rows();
  std::string body;
  csv::write_steps(body, *items, csv::StepList::due, words_of(call), hide_identity);
  return csv_response(std::move(body),
                      "steg-att-gora-" + format_date(filter.from) + "-" + format_date(filter.to) + ".csv");
}

Response cases_csv(const Call& call, storage::CaseQuery filter, bool hide_identity) {
  auto cases = every_page<storage::CaseSummary>([&](int limit, const std::optional<std::string>& cursor) {
    filter.limit = limit;
    filter.cursor = cursor;
    return call.store.list_cases(call.caller, filter, call.today);
  });
  if (!cases) return too_many_rows();
  std::string body;
  csv::write_cases(body, *cases, words_of(call), hide_identity);
  return csv_response(std::move(body), "arenden-" + format_date(call.today) + ".csv");
}

Response summary_csv(const Call& call, storage::SummaryBy by, Date as_of) {
  const auto rows = call.store.summary(call.caller, by, as_of, call.today);
  std::string body;
  csv::write_summary(body, rows, by, words_of(call));
  return csv_response(std::move(body), "forsenade-sammanstallning-" + format_date(as_of) + ".csv");
}

Response follow_up_csv(const Call& call, const storage::FollowUpQuery& query) {
  const auto rows = call.store.follow_up(call.caller, query, call.today);
  std::string body;
  csv::write_follow_up(body, rows, query, words_of(call));
  return csv_response(std::move(body),
                      "uppfoljning-" + format_date(query.from) + "-" + format_date(query.to) + ".csv");
}

}  // namespace kedja::server
