// kedja calendar: the working-day calendar, without a database.
#include "csv/writer.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace kedja::tools {
namespace {

constexpr std::string_view usage =
    "Usage: kedja calendar --year Y [--format csv|table|json]\n"
    "       kedja calendar --from DATE --add-working-days N [--format json]\n\n"
    "--year prints the year's public holidays and eves as `date;name` lines in date order\n"
    "(--format csv: a file for Excel with a `Datum;Namn` header row; table: aligned columns;\n"
    "json: {\"year\", \"items\": [{\"date\", \"name\"}]}). --from with --add-working-days prints\n"
    "the N-th working day after DATE (N = 0: DATE itself if a working day, else the next).\n"
    "Years 1990–2199. Needs no database.";

// Without --format: bare `date;name` lines (contract §5); --format csv adds
// the header row every csv list has, --format table aligns the columns.
int print_year(const std::string& text, std::optional<Format> format) {
  long long year = int_option("--year", text);
  if (!Calendar::supports_year(static_cast<int>(year)) || year != static_cast<int>(year))
    throw UsageError("--year: '" + text + "' is outside 1990–2199");
  auto days = non_working_days_of(static_cast<int>(year));
  if (!format) {
    for (const auto& day : days) std::cout << format_date(day.date) << ';' << day.name << '\n';
    return exit_ok;
  }
  if (*format == Format::csv) {
    std::string file;
    csv::Writer csv(file);
    csv.row({"Datum", "Namn"});
    for (const auto& day : days) csv.cell(day.date).cell(day.name).end_row();
    std::cout << file;
    return exit_ok;
  }
  Table table{{"date", "name"}, {}};
  nlohmann::json items = nlohmann::json::array();
  for (const auto& day : days) {
    table.rows.push_back({format_date(day.date), std::string(day.name)});
    items.push_back({{"date", format_date(day.date)}, {"name", day.name}});
  }
  print_list(std::cout, *format, table, {{"year", year}, {"items", items}});
  return exit_ok;
}

int print_working_days_on(const std::string& from_text, const std::string& n_text, Format format) {
  Date from = date_option("--from", from_text);
  long long n = int_option("--add-working-days", n_text);
  if (n < 0) throw UsageError("--add-working-days: '" + n_text + "' is negative");
  // The same answer as GET /v1/calendar/add-working-days: a result after
  // DateRange is refused, however it is reached.
  constexpr long long max_days = 10000;  // some forty years of working days
  std::optional<Date> in_range;
  if (n <= max_days) in_range = Calendar::swedish().working_days_after_in_range(from, static_cast<int>(n));
  if (!in_range)
    throw UsageError("--add-working-days: " + n_text + " working days after " + from_text +
                     " would lie after " + format_date(DateRange::last()) +
                     " (dates lie in " + DateRange::text() + ")");
  const Date result = *in_range;
  if (format == Format::json)
    std::cout << pretty_json({{"date", format_date(result)}}) << '\n';
  else
    std::cout << format_date(result) << '\n';
  return exit_ok;
}

}  // namespace

int run_calendar(const Globals& globals, const Args& args) {
  po::options_description options("kedja calendar");
  options.add_options()("year", po::value<std::string>(), "a year, 1990–2199")(
      "from", po::value<std::string>(), "a date, YYYY-MM-DD")(
      "add-working-days", po::value<std::string>(), "N ≥ 0 working days after --from");
  auto vm = parse_args(args, options, {}, usage);
  if (!vm) return exit_ok;
  auto format = format_or(globals, Format::table);
  bool year = vm->count("year"), from = vm->count("from"), add = vm->count("add-working-days");
  if (year && !from && !add) return print_year((*vm)["year"].as<std::string>(), globals.format);
  if (!year && from && add)
    return print_working_days_on((*vm)["from"].as<std::string>(),
                                 (*vm)["add-working-days"].as<std::string>(), format);
  throw UsageError("calendar: give either --year Y or --from DATE --add-working-days N");
}

}  // namespace kedja::tools
