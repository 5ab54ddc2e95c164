#include "tools/commands.h"

namespace kedja::tools {

std::span<const Command> commands() {
  // Sized by its entries: a new command is one line, not a count to keep.
  static const Command table[] = {
      {"serve", "serve [--listen 127.0.0.1:8080] [--threads N]   the HTTP service", run_serve},
      {"init", "init                                             create or migrate the database", run_init},
      {"token create", "token create --actor ID --role ROLE [--name L] [--expires D] [--feed]  print a new token", run_token_create},
      {"token list", "token list                                       every token: name, actor, role, last used, …", run_token_list},
      {"token revoke", "token revoke NAME                                refuse the token from now on", run_token_revoke},
      {"token check", "token check < FILE                               is the token on stdin in force?", run_token_check},
      {"actors", "actors                                           the region's actors", run_actors},
      {"demo", "demo [--cases N] [--seed S]                      fill the database with a synthetic region", run_demo},
      {"import", "import --file F.csv                              bulk-load arrivals, all or nothing", run_import},
      {"overdue", "overdue [--actor ID] [--municipality M] [--as-of DATE]   overdue steps", run_overdue},
      {"due", "due --actor ID [--from DATE] [--to DATE]         open steps due in a period", run_due},
      {"summary", "summary [--as-of DATE] [--by municipality|actor] overdue steps counted", run_summary},
      {"follow-up", "follow-up [--from D] [--to D] [--by municipality|actor|month] [--step KEY]  on-time follow-up", run_follow_up},
      {"cases", "cases [--municipality M] [--status S] [--q P]    list cases", run_cases},
      {"case show", "case show ID                                     one case, its events and steps", run_case_show},
      {"case create", "case create --given-name G --family-name F ...  register one person; prints its id", run_case_create},
      {"event add", "event add ID --type T --date D [--set k=v ...]   append an event", run_event_add},
      {"calendar", "calendar --year Y | --from DATE --add-working-days N   the working-day calendar", run_calendar},
      {"rules check", "rules check FILE                                 validate a rule set", run_rules_check},
      {"reproject", "reproject                                        recompute every case's steps", run_reproject},
      {"backup", "backup --to FILE | --dir DIR [--keep N]          a consistent copy of the database", run_backup},
      {"restore", "restore --from FILE                              replace the database with a backup", run_restore},
      {"remind", "remind --smtp HOST:PORT [--today DATE]           e-mail each unit its morning digest", run_remind},
  };
  return table;
}

}  // namespace kedja::tools
