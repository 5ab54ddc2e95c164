// kedja token create | list | revoke | check: tokens as the API's
// /v1/tokens (contract §4 "Tokens", §5), on the same database; the store
// checks what the API checks. Works while the service runs: a revocation
// here is refused by the running service from its next request on.
#include "server/json_mapping.h"
#include "tools/commands.h"
#include "tools/output.h"

#include <iostream>

namespace kedja::tools {
namespace {

// The store names fields as the API's body does; here they are options.
// The request's fields are the command's options; `kind` is --feed.
[[noreturn]] void throw_as_options(Problem problem) {
  for (auto& error : problem.errors) error.field = error.field == "kind" ? "--feed" : "--" + error.field;
  throw ProblemError(std::move(problem));
}

std::string text_or_empty(const std::optional<Date>& day) { return day ? format_date(*day) : ""; }

}  // namespace

int run_token_create(const Globals& globals, const Args& args) {
  po::options_description options("kedja token create");
  options.add_options()("actor", po::value<std::string>(), "the actor id (not for admin)")(
      "role", po::value<std::string>()->required(), "reception, hc, school, preschool, school_health, "
      "child_health, sfi, af, mv, coordinator or admin")(
      "name", po::value<std::string>(), "a unique label for the audit log (default: <actor>-<n>)")(
      "expires", po::value<std::string>(), "the last day the token is valid, YYYY-MM-DD (default: no end)")(
      "feed", "a feed token: reads the actor's calendar feed (/v1/feeds/ACTOR.ics) and nothing else");
  auto vm = parse_args(args, options, {},
                       "Usage: kedja token create --actor ID --role ROLE [--name LABEL] [--expires DATE] [--feed]\n\n"
                       "Prints the new token, and nothing else, once: only its hash is stored.\n"
                       "The role must fit the actor's kind (coordinator goes with an lst actor);\n"
                       "an admin token takes no --actor. An actor may have any number of tokens.\n"
                       "With --expires the token is refused from the day after DATE (Europe/Stockholm).\n"
                       "With --feed it is a feed token: it reads that actor's calendar feed,\n"
                       "http://HOST/v1/feeds/ACTOR.ics?token=TOKEN, and is refused everywhere else.");
  if (!vm) return exit_ok;
  const auto role_text = (*vm)["role"].as<std::string>();
  const auto role = role_from(role_text);
  if (!role) throw UsageError("--role: unknown role '" + role_text + "'");
  storage::NewToken request;
  request.role = *role;
  if (vm->count("actor")) request.actor = ActorId{(*vm)["actor"].as<std::string>()};
  if (vm->count("name")) request.name = (*vm)["name"].as<std::string>();
  if (vm->count("feed")) request.kind = storage::TokenKind::feed;
  if (vm->count("expires")) request.expires = date_option("--expires", (*vm)["expires"].as<std::string>());
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  auto created = runtime.store().create_token(cli_caller(), request, today());
  if (!created) throw_as_options(created.problem());
  std::cout << created->token << '\n';
  return exit_ok;
}

int run_token_list(const Globals& globals, const Args& args) {
  auto vm = parse_args(args, {}, {},
                       "Usage: kedja token list [--format table|csv|json]\n\n"
                       "Every token, revoked and expired ones too, by name, as GET /v1/tokens:\n"
                       "name, actor, role, created (UTC), expires (the last valid day), last used\n"
                       "(a day), revoked (UTC). Never the token itself.");
  if (!vm) return exit_ok;
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  Table table{{"name", "kind", "actor", "role", "created", "expires", "last_used", "revoked"}, {}};
  nlohmann::json items = nlohmann::json::array();
  std::optional<std::string> cursor;
  do {
    auto page = *runtime.store().list_tokens(cli_caller(), storage::max_page_size, cursor);
    for (const auto& token : page.items) {
      table.rows.push_back({token.name, std::string(to_string(token.kind)), token.actor ? token.actor->str() : "", std::string(to_string(token.role)),
                            token.created_at, text_or_empty(token.expires), text_or_empty(token.last_used),
                            token.revoked_at.value_or("")});
      items.push_back(server::to_json(token));
    }
    cursor = page.next_cursor;
  } while (cursor);
  print_list(std::cout, format_or(globals, Format::table), table, {{"items", items}});
  return exit_ok;
}

int run_token_revoke(const Globals& globals, const Args& args) {
  po::options_description options("kedja token revoke");
  options.add_options()("name", po::value<std::string>()->required(), "the token's name (kedja token list)");
  po::positional_options_description positional;
  positional.add("name", 1);
  auto vm = parse_args(args, options, positional,
                       "Usage: kedja token revoke NAME\n\n"
                       "Revokes the token: refused (401) from the next request on, by a running\n"
                       "service too. The row stays, for the audit log; the name is not reused.");
  if (!vm) return exit_ok;
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  const auto name = (*vm)["name"].as<std::string>();
  auto revoked = runtime.store().revoke_token(cli_caller(), name);
  if (!revoked) throw UsageError("no token named '" + name + "' (see kedja token list)");
  std::cout << "revoked: " << revoked->name << " (" << *revoked->revoked_at << ")\n";
  return exit_ok;
}

int run_token_check(const Globals& globals, const Args& args) {
  auto vm = parse_args(args, {}, {},
                       "Usage: kedja token check < FILE\n\n"
                       "Reads a token from standard input (never from the command line, where\n"
                       "other users could see it) and prints its name, role and actor (\"-\" for\n"
                       "admin). Exit 0 when it is in force today, 1 when it is unknown, revoked or\n"
                       "expired. Records no use.");
  if (!vm) return exit_ok;
  std::string token;
  std::getline(std::cin, token);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  Runtime runtime(globals, storage::MissingDatabase::refuse);
  const auto info = runtime.store().token_info(token);  // records no use
  if (!info) {
    std::cerr << "kedja: not a token of this database\n";
    return exit_failure;
  }
  std::cout << info->name << ' ' << to_string(info->role) << ' ' << (info->actor ? info->actor->str() : "-") << '\n';
  if (info->revoked_at) std::cerr << "kedja: token " << info->name << " was revoked " << *info->revoked_at << '\n';
  else if (!in_force(*info, today())) std::cerr << "kedja: token " << info->name << " expired after " << format_date(*info->expires) << '\n';
  return in_force(*info, today()) ? exit_ok : exit_failure;
}

}  // namespace kedja::tools
