// kedja --help and kedja SUB --help for every subcommand.
#include "cli_runner.h"

#include <gtest/gtest.h>

namespace kedja::tools::testing {
namespace {

TEST(Help, ProgramHelpListsCommandsAndExitCodes) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("--help");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("Exit codes"), std::string::npos);
  EXPECT_NE(result.out.find("1  a runtime failure"), std::string::npos);
  EXPECT_NE(result.out.find("2  bad usage or bad input"), std::string::npos);
  EXPECT_NE(result.out.find("\"cli\""), std::string::npos) << "states that the CLI acts as admin named cli";
  EXPECT_NE(result.out.find("rules check FILE"), std::string::npos);
}

TEST(Help, NoCommandIsBadUsage) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.out.find("Commands:"), std::string::npos);
}

TEST(Help, AGroupWordListsItsCommands) {
  CliSandbox sandbox;
  auto help = sandbox.run_bare("token --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("token create"), std::string::npos) << help.out;
  auto bare = sandbox.run_bare("rules");
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("rules check"), std::string::npos) << bare.err;
}

TEST(Help, EverySubcommandHasHelp) {
  static const struct {
    const char* args;
    const char* usage;
  } cases[] = {
      {"serve --help", "Usage: kedja serve"},
      {"init --help", "Usage: kedja init"},
      {"token create --help", "Usage: kedja token create"},
      {"token list --help", "Usage: kedja token list"},
      {"token revoke --help", "Usage: kedja token revoke"},
      {"token check --help", "Usage: kedja token check"},
      {"actors --help", "Usage: kedja actors"},
      {"demo --help", "Usage: kedja demo"},
      {"import --help", "Usage: kedja import"},
      {"overdue --help", "Usage: kedja overdue"},
      {"due --help", "Usage: kedja due"},
      {"summary --help", "Usage: kedja summary"},
      {"follow-up --help", "Usage: kedja follow-up"},
      {"cases --help", "Usage: kedja cases"},
      {"case show --help", "Usage: kedja case show"},
      {"case create --help", "Usage: kedja case create"},
      {"event add --help", "Usage: kedja event add"},
      {"calendar --help", "Usage: kedja calendar"},
      {"rules check --help", "Usage: kedja rules check"},
      {"reproject --help", "Usage: kedja reproject"},
      {"backup --help", "Usage: kedja backup"},
      {"restore --help", "Usage: kedja restore"},
      {"--help overdue", "Usage: kedja overdue"},
  };
  CliSandbox sandbox;
  for (const auto& c : cases) {
    auto result = sandbox.run_bare(c.args);
    EXPECT_EQ(result.exit_code, 0) << c.args << ": " << result.err;
    EXPECT_NE(result.out.find(c.usage), std::string::npos) << c.args << ": " << result.out;
  }
  EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "data")) << "help opens no database";
}

}  // namespace
}  // namespace kedja::tools::testing
