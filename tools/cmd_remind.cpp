// kedja remind (issue 16): the morning digest. Each unit with an e-mail
// address in the region file and something to report gets one message with
// counts per step (overdue, due today, due in the next five working days)
// and a link to /att-gora; at most one a unit and day, recorded in the
// database. On a non-working day (the Swedish calendar decides) it sends
// nothing. Run it every morning (README: a systemd timer at 07:00).
#include "domain/calendar.h"
#include "domain/digest.h"
#include "tools/commands.h"
#include "tools/digest_mail.h"
#include "tools/smtp_relay.h"

#include <curl/curl.h>

#include <iostream>

namespace kedja::tools {
namespace {

// The holiday or eve's name, or the weekday, for "not a working day" lines.
std::string why_not_working(Date day) {
  for (const NonWorkingDay& holiday : non_working_days_of(static_cast<int>(date::year_month_day{day}.year())))
    if (holiday.date == day) return std::string(holiday.name);
  return date::weekday{day} == date::Saturday ? "lördag" : "söndag";
}

struct Options {
  SmtpRelay relay;
  std::string from = "kedja@localhost";
  std::string base_url = "http://127.0.0.1:8080";
  Date today{};
};

struct Tally {
  int sent = 0, nothing = 0, already = 0, no_address = 0;
};

// One unit: count, claim the day, send; gives the claim back if the send
// fails (RelayError goes on to the caller).
void remind_unit(Runtime& runtime, const Options& options, const Actor& unit, Tally& tally) {
  const Calendar& calendar = runtime.context().calendar;
  const auto steps = runtime.store().due_steps(unit.id, digest_horizon(options.today, calendar));
  const auto rows = digest_rows(steps, options.today, calendar);
  if (rows.empty()) {
    ++tally.nothing;
    std::cout << "nothing to report: " << unit.id.str() << '\n';
    return;
  }
  if (!runtime.store().claim_digest(unit.id, options.today, *unit.email)) {
    ++tally.already;
    std::cout << "already sent today: " << unit.id.str() << '\n';
    return;
  }
  const DigestMail words = digest_mail(unit, options.today, rows, options.base_url);
  try {
    send_mail(options.relay, {options.from, *unit.email, words.subject, words.body});
  } catch (const RelayError&) {
    runtime.store().release_digest(unit.id, options.today);
    throw;
  }
  ++tally.sent;
  std::cout << "sent: " << unit.id.str() << " -> " << *unit.email << " (" << rows.size() << " steps)\n";
}

Options read_options(const po::variables_map& vm) {
  Options options;
  options.relay.host_port = smtp_address_option(vm["smtp"].as<std::string>());
  if (vm.count("login-file")) options.relay.login = read_login_file(vm["login-file"].as<std::string>());
  if (vm.count("from")) {
    options.from = vm["from"].as<std::string>();
    if (!is_mailbox_address(options.from))
      throw UsageError("--from: '" + options.from + "' is not a plain address like kedja@region.se");
  }
  if (vm.count("base-url")) options.base_url = base_url_option("--base-url", vm["base-url"].as<std::string>());
  options.today = vm.count("today") ? date_option("--today", vm["today"].as<std::string>()) : today();
  return options;
}

}  // namespace

int run_remind(const Globals& globals, const Args& args) {
  po::options_description described("kedja remind");
  described.add_options()("smtp", po::value<std::string>()->required(), "the SMTP relay, HOST:PORT")(
      "login-file", po::value<std::string>(), "a file holding user:password for the relay, mode 0600")(
      "from", po::value<std::string>(), "the sender address (default: kedja@localhost)")(
      "base-url", po::value<std::string>(), "where users reach Kedja; the mail links to BASE-URL/att-gora "
      "(default: http://127.0.0.1:8080)")(
      "today", po::value<std::string>(), "the digest's day, YYYY-MM-DD (default: today in Europe/Stockholm)");
  auto vm = parse_args(args, described, {},
                       "Usage: kedja remind --smtp HOST:PORT [--login-file F] [--from ADDR] [--base-url URL]\n"
                       "                    [--today DATE]\n\n"
                       "Sends the morning digest: each unit with an \"email\" in the region file and\n"
                       "something to report gets one message with, per step, how many are overdue,\n"
                       "due today and due in the next five working days, and a link to /att-gora.\n"
                       "Counts only, never a name. At most one message a unit and day (recorded in\n"
                       "the database): running it twice sends nothing new. On a non-working day\n"
                       "(Swedish calendar) it sends nothing. STARTTLS when the relay offers it.\n"
                       "Exit 1 when the relay cannot be reached or refuses a message.");
  if (!vm) return exit_ok;
  const Options options = read_options(*vm);
  const Calendar& calendar = Calendar::swedish();
  if (!calendar.is_working_day(options.today)) {
    std::cout << format_date(options.today) << " is not a working day (" << why_not_working(options.today)
              << "): no digests sent\n";
    return exit_ok;
  }
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  Tally tally;
  try {
    for (const Actor& unit : runtime.region().actors()) {
      if (!unit.email) {
        ++tally.no_address;
        continue;
      }
      remind_unit(runtime, options, unit, tally);
    }
  } catch (const RelayError& error) {
    curl_global_cleanup();
    std::cerr << "kedja: remind: " << error.what() << "\nkedja: remind: " << tally.sent
              << " digests sent before the failure; run it again once the relay works (no unit gets two)\n";
    return exit_failure;
  }
  curl_global_cleanup();
  std::cout << "remind " << format_date(options.today) << ": " << tally.sent << " sent, " << tally.nothing
            << " with nothing to report, " << tally.already << " already sent today, " << tally.no_address
            << " units without an e-mail address\n";
  return exit_ok;
}

}  // namespace kedja::tools
