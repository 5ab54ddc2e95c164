// kedja follow-up: GET /v1/follow-up on the command line, in three formats
// (csv: the API's file, through csv/lists.h).
#include "csv/lists.h"
#include "server/follow_up_query.h"
#include "server/json_mapping.h"
#include "server/list_pages.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <cstdio>
#include <iostream>

namespace kedja::tools {
namespace {

// The API's parameter names as this command's options.
std::string option_of(const std::string& field) {
  return field == "as_of" ? "--as-of" : "--" + field;
}

// 0.75 → "0.750"; 1.5 → "1.5", 2 → "2": no more digits than the value has.
std::string decimal(double value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string median_text(double median) {
  return median == static_cast<double>(static_cast<long long>(median)) ? decimal(median, 0) : decimal(median, 1);
}

}  // namespace

int run_follow_up(const Globals& globals, const Args& args) {
  po::options_description options("kedja follow-up");
  options.add_options()("from", po::value<std::string>(), "first due date counted (default: 12 full months back)")(
      "to", po::value<std::string>(), "last due date counted (default: the end of last month)")(
      "by", po::value<std::string>(), "municipality (default), actor or month")(
      "step", po::value<std::string>(), "one step key only")(
      "actor", po::value<std::string>(), "one unit's steps only (an actor id, e.g. school:ostersund)")(
      "as-of", po::value<std::string>(), "the day open steps are judged by (default: today)");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja follow-up [--from D] [--to D] [--by municipality|actor|month] [--step KEY]\n"
                       "                       [--actor ID] [--as-of D]\n\n"
                       "On-time follow-up (uppföljning) of the steps due in a period, per step and\n"
                       "municipality, actor or due month (GET /v1/follow-up).");
  if (!vm) return exit_ok;
  server::Target target{"/v1/follow-up", {}};
  for (const char* name : {"from", "to", "by", "step", "actor", "as-of"})
    if (vm->count(name)) target.params[name == std::string("as-of") ? "as_of" : name] = (*vm)[name].as<std::string>();
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  auto query = server::follow_up_query(target, runtime.context(), today());
  if (!query) {
    std::string message;
    for (const FieldError& error : query.problem().errors) {
      // Not `(…) + option_of(…)`: GCC 12 warns -Wrestrict on
      // `"x" + std::string&&` in Release builds, a false positive (GCC bug 105329).
      if (!message.empty()) message += '\n';
      message += option_of(error.field);
      message += ": ";
      message += error.message;
    }
    throw UsageError(message.empty() ? query.problem().detail : message);
  }
  const auto rows = runtime.store().follow_up(cli_caller(), *query, today());
  if (format_or(globals, Format::table) == Format::csv) {
    std::string text;  // the API's file: Swedish headers, names and titles
    csv::write_follow_up(text, rows, *query, runtime.vocabulary());
    std::cout << text;
    return exit_ok;
  }
  Table table{{std::string(server::follow_up_group_name(query->by).str()), "step", "on_time", "late", "declined", "pending",
               "share_on_time", "median_working_days_late"},
              {}};
  for (const auto& row : rows) {
    const FollowUpFigures& f = row.figures;
    const auto share = f.share_on_time();
    const auto median = f.median_working_days_late();
    table.rows.push_back({row.group, row.step.str(), std::to_string(f.on_time()), std::to_string(f.late()),
                          std::to_string(f.declined()), std::to_string(f.pending()),
                          share ? decimal(*share, 3) : "", median ? median_text(*median) : ""});
  }
  std::string answer;  // the API's JSON
  server::write_follow_up(answer, rows, *query);
  print_list(std::cout, format_or(globals, Format::table), table, nlohmann::json::parse(answer));
  return exit_ok;
}

}  // namespace kedja::tools
