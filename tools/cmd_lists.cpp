// kedja overdue, due, summary, cases: the API's lists, in three formats.
#include "csv/lists.h"
#include "server/json_mapping.h"
#include "server/list_pages.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <iostream>

namespace kedja::tools {
namespace {

using nlohmann::json;

// --limit N (0: every page) and --cursor C, as the API's paging.
void add_paging(po::options_description& options) {
  options.add_options()("limit", po::value<std::string>(), "at most N items (default: all)")(
      "cursor", po::value<std::string>(), "continue after a previous --limit page");
}

struct Paging {
  long long limit = 0;  // 0: all
  std::optional<std::string> cursor;
};

Paging paging_of(const po::variables_map& vm) {
  Paging paging;
  if (vm.count("limit")) {
    paging.limit = int_option("--limit", vm["limit"].as<std::string>());
    if (paging.limit < 1) throw UsageError("--limit: '" + vm["limit"].as<std::string>() + "' must be ≥ 1");
  }
  if (vm.count("cursor")) paging.cursor = vm["cursor"].as<std::string>();
  return paging;
}

// Fetches pages of at most max_page_size until `paging.limit` items or the end.
template <typename T, typename Fetch>
storage::Page<T> fetch(const Paging& paging, Fetch fetch_page) {
  storage::Page<T> all;
  std::optional<std::string> cursor = paging.cursor;
  while (true) {
    long long want = paging.limit ? paging.limit - static_cast<long long>(all.items.size())
                                  : storage::max_page_size;
    auto page = fetch_page(static_cast<int>(std::min<long long>(want, storage::max_page_size)), cursor);
    for (auto& item : page.items) all.items.push_back(std::move(item));
    cursor = page.next_cursor;
    bool full = paging.limit && static_cast<long long>(all.items.size()) >= paging.limit;
    if (!cursor || full) break;
  }
  all.next_cursor = cursor;
  return all;
}

std::optional<ActorId> actor_option(const po::variables_map& vm, const Region& region) {
  if (!vm.count("actor")) return std::nullopt;
  ActorId id{vm["actor"].as<std::string>()};
  if (!region.find_actor(id)) throw UsageError("--actor: unknown actor '" + id.str() + "'");
  return id;
}

std::optional<std::string> municipality_option(const po::variables_map& vm, const Region& region) {
  if (!vm.count("municipality")) return std::nullopt;
  auto slug = vm["municipality"].as<std::string>();
  if (!region.find_municipality(slug)) throw UsageError("--municipality: unknown municipality '" + slug + "'");
  return slug;
}

// `page_text` is the page as the API writes it (server/list_pages.h), read
// back into a value to print it indented. CSV is the API's CSV file.
void print_steps(const Globals& globals, Runtime& runtime, const storage::Page<storage::StepItem>& page,
                 csv::StepList list, const std::string& page_text) {
  if (format_or(globals, Format::table) == Format::csv) {
    std::string text;
    csv::write_steps(text, page.items, list, runtime.vocabulary(), false);
    std::cout << text;
    return;
  }
  Table table{{"case_id", "given_name", "family_name", "birth_date", "municipality", "step", "actor",
               "opened_on", "due_on", "working_days_overdue"}, {}};
  for (const auto& item : page.items) {
    table.rows.push_back({item.case_id.str(), item.given_name, item.family_name, format_date(item.birth_date),
                          item.municipality, item.step.str(), item.actor.str(), format_date(item.opened_on),
                          format_date(item.due_on), std::to_string(item.working_days_overdue)});
  }
  print_list(std::cout, format_or(globals, Format::table), table, json::parse(page_text));
}

}  // namespace

int run_overdue(const Globals& globals, const Args& args) {
  po::options_description options("kedja overdue");
  options.add_options()("actor", po::value<std::string>(), "only this actor's steps")(
      "municipality", po::value<std::string>(), "only cases in this municipality")(
      "as-of", po::value<std::string>(), "the day to judge by (default: today, Europe/Stockholm)");
  add_paging(options);
  auto vm = parse_args(args, options, {},
                       "Usage: kedja overdue [--actor ID] [--municipality M] [--as-of DATE]\n\n"
                       "Open steps past their due date, most overdue first (GET /v1/overdue).");
  if (!vm) return exit_ok;
  Date as_of = vm->count("as-of") ? date_option("--as-of", (*vm)["as-of"].as<std::string>()) : today();
  auto paging = paging_of(*vm);
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  storage::OverdueQuery query{actor_option(*vm, runtime.region()), municipality_option(*vm, runtime.region()),
                              as_of, storage::default_page_size, std::nullopt};
  Date now = today();
  auto page = fetch<storage::StepItem>(paging, [&](int limit, const std::optional<std::string>& cursor) {
    query.limit = limit;
    query.cursor = cursor;
    return runtime.store().overdue(cli_caller(), query, now);
  });
  std::string page_text;
  server::write_overdue_page(page_text, page, as_of, false);
  print_steps(globals, runtime, page, csv::StepList::overdue, page_text);
  return exit_ok;
}

int run_due(const Globals& globals, const Args& args) {
  po::options_description options("kedja due");
  options.add_options()("actor", po::value<std::string>()->required(), "the actor whose steps")(
      "from", po::value<std::string>(), "first day (default: today, or the last working day before it)")(
      "to", po::value<std::string>(), "last day (default: --from + 14 days)");
  add_paging(options);
  auto vm = parse_args(args, options, {},
                       "Usage: kedja due --actor ID [--from DATE] [--to DATE]\n\n"
                       "Open steps due in [from, to], soonest first (GET /v1/due).");
  if (!vm) return exit_ok;
  // As GET /v1/due: by default every open step not yet overdue.
  Date from = vm->count("from") ? date_option("--from", (*vm)["from"].as<std::string>())
                                : Calendar::swedish().last_working_day_on_or_before(today());
  Date to = vm->count("to") ? date_option("--to", (*vm)["to"].as<std::string>()) : add_days(from, 14);
  if (to < from) throw UsageError("--to: '" + format_date(to) + "' is before --from " + format_date(from));
  auto paging = paging_of(*vm);
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  storage::DueQuery query{actor_option(*vm, runtime.region()), from, to, storage::default_page_size, std::nullopt};
  Date now = today();
  auto page = fetch<storage::StepItem>(paging, [&](int limit, const std::optional<std::string>& cursor) {
    query.limit = limit;
    query.cursor = cursor;
    return runtime.store().due(cli_caller(), query, now);
  });
  std::string page_text;
  server::write_due_page(page_text, page, from, to, false);
  print_steps(globals, runtime, page, csv::StepList::due, page_text);
  return exit_ok;
}

int run_summary(const Globals& globals, const Args& args) {
  po::options_description options("kedja summary");
  options.add_options()("as-of", po::value<std::string>(), "the day to judge by (default: today)")(
      "by", po::value<std::string>()->default_value("municipality"), "municipality or actor");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja summary [--as-of DATE] [--by municipality|actor]\n\n"
                       "Overdue steps counted per municipality (or actor) and step (GET /v1/overdue/summary).");
  if (!vm) return exit_ok;
  Date as_of = vm->count("as-of") ? date_option("--as-of", (*vm)["as-of"].as<std::string>()) : today();
  auto by_text = (*vm)["by"].as<std::string>();
  if (by_text != "municipality" && by_text != "actor")
    throw UsageError("--by: '" + by_text + "' is not municipality or actor");
  auto by = by_text == "actor" ? storage::SummaryBy::actor : storage::SummaryBy::municipality;
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  auto rows = runtime.store().summary(cli_caller(), by, as_of, today());
  if (format_or(globals, Format::table) == Format::csv) {
    std::string text;
    csv::write_summary(text, rows, by, runtime.vocabulary());
    std::cout << text;
    return exit_ok;
  }
  Table table{{by_text, "step", "overdue", "oldest_due_on"}, {}};
  for (const char* bucket : storage::overdue_bucket_names) table.headers.push_back(bucket);
  for (const auto& row : rows) {
    table.rows.push_back({row.group, row.step.str(), std::to_string(row.overdue), format_date(row.oldest_due_on)});
    for (std::int64_t n : row.buckets) table.rows.back().push_back(std::to_string(n));
  }
  std::string answer;  // the API's JSON, as for the lists above
  server::write_summary(answer, rows, by, as_of);
  print_list(std::cout, format_or(globals, Format::table), table, json::parse(answer));
  return exit_ok;
}

int run_cases(const Globals& globals, const Args& args) {
  po::options_description options("kedja cases");
  options.add_options()("municipality", po::value<std::string>(), "cases now in this municipality")(
      "status", po::value<std::string>(), "open or closed")("external-ref", po::value<std::string>(), "")(
      "household", po::value<std::string>(), "")("q", po::value<std::string>(), "given or family name prefix");
  add_paging(options);
  auto vm = parse_args(args, options, {},
                       "Usage: kedja cases [--municipality M] [--status open|closed] [--external-ref R]\n"
                       "                   [--household H] [--q PREFIX] [--limit N]\n\n"
                       "Cases with their fields, no events or steps (GET /v1/cases).");
  if (!vm) return exit_ok;
  auto paging = paging_of(*vm);
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  storage::CaseQuery query;
  query.municipality = municipality_option(*vm, runtime.region());
  if (vm->count("status")) {
    auto status = (*vm)["status"].as<std::string>();
    if (status != "open" && status != "closed") throw UsageError("--status: '" + status + "' is not open or closed");
    query.closed = status == "closed";
  }
  if (vm->count("external-ref")) query.external_ref = (*vm)["external-ref"].as<std::string>();
  if (vm->count("household")) query.household = (*vm)["household"].as<std::string>();
  if (vm->count("q")) query.name_prefix = (*vm)["q"].as<std::string>();
  Date now = today();
  auto page = fetch<storage::CaseSummary>(paging, [&](int limit, const std::optional<std::string>& cursor) {
    query.limit = limit;
    query.cursor = cursor;
    return runtime.store().list_cases(cli_caller(), query, now);
  });
  if (format_or(globals, Format::table) == Format::csv) {
    std::string text;
    csv::write_cases(text, page.items, runtime.vocabulary(), false);
    std::cout << text;
    return exit_ok;
  }
  Table table{{"id", "external_ref", "given_name", "family_name", "birth_date", "sex", "language",
               "interpreter_needed", "household", "unaccompanied", "municipality", "health_centre", "status"}, {}};
  for (const auto& summary : page.items) {
    const auto& c = summary.the_case;
    table.rows.push_back({c.id.str(), c.external_ref.value_or(""), c.given_name, c.family_name,
                          format_date(c.birth_date), std::string(to_string(c.sex)), c.language,
                          c.interpreter_needed ? "true" : "false", c.household.value_or(""),
                          c.unaccompanied ? "true" : "false", summary.municipality, summary.health_centre.str(),
                          summary.closed ? "closed" : "open"});
  }
  std::string page_text;
  server::write_cases_page(page_text, page, false);
  print_list(std::cout, format_or(globals, Format::table), table, json::parse(page_text));
  return exit_ok;
}

}  // namespace kedja::tools
