#include "fuzz/support.h"

#include "domain/calendar.h"
#include "domain/case.h"
#include "domain/event.h"
#include "storage/store.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace kedja::fuzz {
namespace {

std::string database_path() {
  return (std::filesystem::temp_directory_path() / ("kedja-fuzz-" + std::to_string(::getpid()) + ".db"))
      .string();
}

void remove_database() {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(database_path() + suffix);
}

// Cases like the demo's: a family notified in October (the reception's
// notifications overdue), a child whose health talk is booked, one closed.
constexpr const char* seed_cases[] = {
    R"({"given_name":"Amina","family_name":"Haddad","birth_date":"2017-03-04","sex":"F",
        "language":"arabiska","municipality":"ostersund","household":"H1",
        "events":[{"type":"arrival_notice_received","date":"2026-10-01","expected_arrival":"2026-10-20"}]})",
    R"({"given_name":"Omar","family_name":"Haddad","birth_date":"2020-06-30","sex":"M",
        "language":"arabiska","municipality":"ostersund","household":"H1","external_ref":"MIG-1",
        "events":[{"type":"arrival_notice_received","date":"2026-10-01","expected_arrival":"2026-10-20"},
                  {"type":"health_centre_notified","date":"2026-10-02"},
                  {"type":"health_talk_booked","date":"2026-10-05","appointment":"2026-10-15"}]})",
    R"({"given_name":"Yonas","family_name":"Tesfaye","birth_date":"2009-11-11","sex":"M",
        "language":"tigrinja","municipality":"krokom","unaccompanied":true,
        "events":[{"type":"municipality_assigned","date":"2026-09-01","municipality":"krokom"},
                  {"type":"arrival_notice_received","date":"2026-09-10","expected_arrival":"2026-09-20"},
                  {"type":"school_notified","date":"2026-09-10"},
                  {"type":"arrived","date":"2026-09-20"}]})",
    R"({"given_name":"Sara","family_name":"Ali","birth_date":"1990-01-15","sex":"F",
        "language":"somaliska","municipality":"are",
        "events":[{"type":"sfi_registered","date":"2026-05-04"},
                  {"type":"case_closed","date":"2026-06-01","reason":"flyttat utomlands"}]})",
};

}  // namespace

const json::Config& shipped_config() {
  static const json::Config config = [] {
    auto loaded = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!loaded) throw std::runtime_error("config: " + loaded.problem().detail);
    return std::move(*loaded);
  }();
  return config;
}

const EngineContext& shipped_context() {
  static const EngineContext context{shipped_config().rule_sets, shipped_config().region,
                                     Calendar::swedish()};
  return context;
}

Date fuzz_today() {
  static const Date today = *parse_date("2026-11-25");
  return today;
}

Service& Service::instance() {
  // Never destroyed: the writer thread outlives every input, and the
  // database files go at exit.
  static Service* service = new Service();
  return *service;
}

Service::Service() {
  remove_database();
  std::atexit(remove_database);
  // Members of a function-local static: reachable, so never a "leak".
  static storage::Store store(storage::Options{database_path(), false}, shipped_context());
  static server::Handler handler(store, shipped_context(), [] { return fuzz_today(); });
  store_ = &store;
  handler_ = &handler;
  Caller admin;
  admin.role = Role::admin;
  admin.token_name = "fuzz admin";
  admin_ = store.create_token(admin);
  Caller reception;
  reception.role = Role::reception;
  reception.actor = ActorId{"reception:ostersund"};
  reception.token_name = "fuzz reception";
  reception_ = store.create_token(reception);
  for (const char* body : seed_cases) {
    auto response = call("POST", "/v1/cases", body);
    if (response.status != 201) throw std::runtime_error("fuzz seed case refused: " + response.body);
    if (first_case_.empty()) first_case_ = nlohmann::json::parse(response.body).at("id");
  }
}

server::Response Service::call(const std::string& method, const std::string& target,
                               const std::string& body) const {
  return call_as(admin_, method, target, body);
}

server::Response Service::call_as(const std::string& token, const std::string& method,
                                  const std::string& target, const std::string& body) const {
  server::Request request;
  request.method = method;
  request.target = target;
  request.headers["authorization"] = "Bearer " + token;
  request.headers["content-type"] = "application/json";
  request.body = body;
  return (*handler_)(request);
}

std::string Service::new_case() const {
  // The same person again, on purpose: past the duplicate check (issue 14 §3).
  auto body = nlohmann::json::parse(seed_cases[0]);
  body["confirmed_new"] = true;
  auto response = call("POST", "/v1/cases", body.dump());
  if (response.status != 201) throw std::runtime_error("fuzz case refused: " + response.body);
  return nlohmann::json::parse(response.body).at("id");
}

namespace {

struct ChainEvent {
  const char* type;
  int day;  // after the chain's start
  std::vector<std::pair<std::string, RawValue>> payload;
};

// Dates as offsets; payload dates as "+N" are turned into dates below.
std::vector<ChainEvent> chain(std::string_view municipality) {
  const std::string m(municipality);
  return {
      {"municipality_assigned", 0, {{"municipality", m}, {"latest_reception", "+30"}}},
      {"arrival_notice_received", 1, {{"expected_arrival", "+10"}}},
      {"arrival_date_changed", 2, {{"expected_arrival", "+12"}}},
      {"health_centre_notified", 2, {}},
      {"school_notified", 3, {}},
      {"arrived", 12, {}},
      {"establishment_talk_held", 13, {}},
      {"sfi_registered", 13, {}},
      {"health_talk_booked", 14, {{"appointment", "+20"}}},
      {"health_talk_held", 20, {}},
      {"establishment_plan_started", 21, {}},
      {"test_results_received", 25, {}},
      {"newcomer_informed", 26, {}},
      {"reception_informed", 26, {{"school_start_obstacle", false}}},
      {"health_exam_booked", 27, {{"appointment", "+35"}}},
      {"civic_orientation_started", 30, {}},
      {"health_exam_held", 35, {}},
      {"vaccination_plan_made", 36, {}},
      {"introduction_plan_made", 37, {}},
      {"school_started", 40, {}},
      {"sfi_started", 45, {}},
      {"moved", 50, {{"municipality", m}}},
  };
}

void run_chain(const EngineContext& context, const RawFields& person, const RuleSet* rule_set) {
  auto the_case = parse_case(person, context.region);
  if (!the_case) return;
  if (rule_set) the_case->rule_set = rule_set->id;
  const Date start = *parse_date("2024-01-10");
  auto day_text = [&](int offset) { return format_date(start + date::days{offset}); };
  std::vector<RecordedEvent> events;
  for (auto& item : chain(the_case->municipality)) {
    RawEvent raw{item.type, day_text(item.day), {}, std::nullopt, true};
    for (auto& [name, value] : item.payload) {
      const auto* text = std::get_if<std::string>(&value);
      raw.payload.emplace_back(name, text && text->starts_with("+") ? RawValue(day_text(std::stoi(text->substr(1))))
                                                                   : value);
    }
    auto event = parse_event(raw);
    if (!event) continue;
    RecordedEvent next{static_cast<std::int64_t>(events.size() + 1), std::move(*event),
                       "2024-01-10T08:00:00Z", ActorId{"admin"}};
    CaseState after;
    if (!check_append(*the_case, events, next, context, after)) events.push_back(std::move(next));
  }
  const CaseState state = project(*the_case, events, context);
  for (const auto& step : state.steps)
    for (int offset : {0, 60, 400, 4000})
      (void)working_days_overdue(step, start + date::days{offset}, context.calendar);
}

}  // namespace

void run_chains(const EngineContext& context, std::string_view municipality, const RuleSet* rule_set) {
  for (const char* birth_date : {"2013-05-05", "1988-02-02"}) {
    RawFields person{{"given_name", std::string("Fuzz")}, {"family_name", std::string("Testsson")},
                     {"birth_date", std::string(birth_date)}, {"sex", std::string("X")},
                     {"language", std::string("dari")}, {"municipality", std::string(municipality)}};
    run_chain(context, person, rule_set);
  }
}

void expect_no_server_error(const server::Response& response, std::string_view what) {
  bool bad = response.status >= 500;
  if (response.status >= 400 && response.content_type != "application/problem+json") bad = true;
  if (!bad) return;
  std::fprintf(stderr, "%.*s: status %d (%s): %s\n", static_cast<int>(what.size()), what.data(),
               response.status, response.content_type.c_str(), response.body.c_str());
  std::abort();
}

std::string percent_encode(std::string_view bytes) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (unsigned char c : bytes) {
    out += '%';
    out += hex[c >> 4];
    out += hex[c & 15];
  }
  return out;
}

}  // namespace kedja::fuzz
