// The subcommands of `kedja` (contract §5). Each parses its own options from
// `args` (what follows the command's name) and returns the exit code.
#pragma once

#include "tools/cli.h"

#include <span>
#include <string_view>

namespace kedja::tools {

int run_serve(const Globals& globals, const Args& args);
int run_init(const Globals& globals, const Args& args);
int run_token_create(const Globals& globals, const Args& args);
int run_token_list(const Globals& globals, const Args& args);
int run_token_revoke(const Globals& globals, const Args& args);
int run_token_check(const Globals& globals, const Args& args);
int run_actors(const Globals& globals, const Args& args);
int run_demo(const Globals& globals, const Args& args);
int run_import(const Globals& globals, const Args& args);
int run_overdue(const Globals& globals, const Args& args);
int run_due(const Globals& globals, const Args& args);
int run_summary(const Globals& globals, const Args& args);
int run_follow_up(const Globals& globals, const Args& args);
int run_cases(const Globals& globals, const Args& args);
int run_case_show(const Globals& globals, const Args& args);
int run_case_create(const Globals& globals, const Args& args);
int run_event_add(const Globals& globals, const Args& args);
int run_calendar(const Globals& globals, const Args& args);
int run_rules_check(const Globals& globals, const Args& args);
int run_reproject(const Globals& globals, const Args& args);
int run_backup(const Globals& globals, const Args& args);
int run_restore(const Globals& globals, const Args& args);
int run_remind(const Globals& globals, const Args& args);

struct Command {
  std::string_view name;  // "overdue", or a two-word "token create"
  std::string_view synopsis;
  int (*run)(const Globals&, const Args&);
};

std::span<const Command> commands();

}  // namespace kedja::tools
