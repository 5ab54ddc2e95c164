// kedja token create | list | revoke | check, a revocation while the
// service runs in another process, the demo's reused tokens, and files
// made under umask 022 (issue 11 §3, §5).
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777;
}

std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `kedja serve` on an ephemeral port of 127.0.0.1, as a process of its own;
// stopped with SIGTERM at the end.
class ServeProcess {
 public:
  explicit ServeProcess(const CliSandbox& sandbox) {
    const auto log = sandbox.dir() / ".serve-stderr";
    const std::string db = sandbox.db(), config = CliSandbox::config();
    ::setenv("KEDJA_TODAY", fixed_today, 1);  // (this test process is single-threaded)
    pid_ = ::fork();
    if (pid_ == 0) {
      const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(fd, 2);
      ::execl(KEDJA_BINARY, KEDJA_BINARY, "--db", db.c_str(), "--config", config.c_str(), "serve", "--listen",
              "127.0.0.1:0", "--threads", "1", static_cast<char*>(nullptr));
      ::_exit(127);
    }
    // Waits (bounded) for "(port N)" in its log.
    for (auto deadline = std::chrono::steady_clock::now() + 20s; std::chrono::steady_clock::now() < deadline;) {
      const std::string text = slurp(log);
      if (const auto at = text.find("(port "); at != std::string::npos) {
        port_ = static_cast<unsigned short>(std::stoi(text.substr(at + 6)));
        return;
      }
      std::this_thread::sleep_for(20ms);
    }
  }
  ~ServeProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  unsigned short port() const { return port_; }

  // The status of GET `target` with the token, or -1.
  int get_status(const std::string& target, const std::string& token) const {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port_);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval bound{10, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &bound, sizeof bound);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd);
      return -1;
    }
    const std::string request = "GET " + target + " HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer " + token +
                                "\r\nConnection: close\r\n\r\n";
    ::send(fd, request.data(), request.size(), 0);
    std::string answer;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    if (answer.rfind("HTTP/1.1 ", 0) != 0) return -1;
    return std::stoi(answer.substr(9, 3));
  }

 private:
  pid_t pid_ = -1;
  unsigned short port_ = 0;
};

TEST(TokenCommands, AnActorMayHaveASecondToken) {
  // Issue 11 §3: the second one failed ("a token named 'hc:ostersund'
  // exists already", exit 1).
  CliSandbox sandbox;
  const auto first = sandbox.run("token create --actor hc:ostersund --role hc");
  const auto second = sandbox.run("token create --actor hc:ostersund --role hc");
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(first.out, second.out);
  const auto items = json::parse(sandbox.run("token list --format json").out).at("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0]["name"], "hc:ostersund-1");
  EXPECT_EQ(items[1]["name"], "hc:ostersund-2");
}

TEST(TokenCommands, TheListShowsNamesAndDaysNeverTokens) {
  CliSandbox sandbox;
  const auto token = sandbox.run("token create --role hc --actor hc:are --name nurse --expires 2026-12-31").out;
  ASSERT_FALSE(token.empty());
  const auto table = sandbox.run("token list");
  EXPECT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("nurse"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("2026-12-31"), std::string::npos) << table.out;
  const auto csv = sandbox.run("token list --format csv");
  EXPECT_EQ(lines_of(csv.out).size(), 2u) << csv.out;  // a header and the token
  EXPECT_NE(csv.out.find("nurse"), std::string::npos) << csv.out;
  for (const auto& out : {table.out, csv.out, sandbox.run("token list --format json").out})
    EXPECT_EQ(out.find(token.substr(6, 20)), std::string::npos) << out;
}

TEST(TokenCommands, BadOptionsAreNamed) {
  CliSandbox sandbox;
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"token create --role hc --actor hc:are --expires 2026-11-24", "--expires"},
      {"token create --role hc --actor hc:are --expires 2026-13-01", "--expires"},
      {"token create --role hc --actor hc:are --name ''", "--name"},
      {"token revoke no-such-token", "no-such-token"},
      // No calendar feed for a role that owns no steps: named as the option.
      {"token create --role admin --feed", "--feed"},
      {"token create --role coordinator --actor lst:jamtland --feed", "--feed"},
  };
  for (const auto& c : cases) {
    const auto result = sandbox.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
  }
  ASSERT_EQ(sandbox.run("token create --role admin --name drift").exit_code, 0);
  const auto taken = sandbox.run("token create --role admin --name drift");
  EXPECT_EQ(taken.exit_code, 2);
  EXPECT_NE(taken.err.find("--name"), std::string::npos) << taken.err;
}

TEST(TokenCommands, AnUnknownOptionIsEchoedWithoutItsControlCharacters) {
  CliSandbox sandbox;
  const auto result = sandbox.run("token list \"--format$(printf '\\033')[31m\"");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find('\x1b'), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--format"), std::string::npos) << result.err;
}

TEST(TokenCommands, CheckReadsTheTokenFromStandardInput) {
  CliSandbox sandbox;
  const auto token = lines_of(sandbox.run("token create --role hc --actor hc:are --name nurse").out).at(0);
  const auto in_force = sandbox.run_with_input("token check", token + "\n");
  EXPECT_EQ(in_force.exit_code, 0) << in_force.err;
  EXPECT_EQ(in_force.out, "nurse hc hc:are\n");
  ASSERT_EQ(sandbox.run("token revoke nurse").exit_code, 0);
  const auto revoked = sandbox.run_with_input("token check", token + "\n");
  EXPECT_EQ(revoked.exit_code, 1);
  EXPECT_NE(revoked.err.find("revoked"), std::string::npos) << revoked.err;
  const auto other = sandbox.run_with_input("token check", "kedja_" + std::string(64, 'a'));
  EXPECT_EQ(other.exit_code, 1);
}

TEST(TokenCommands, ARevocationOnTheCommandLineIsRefusedByTheRunningService) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("init").exit_code, 0);
  const auto token = lines_of(sandbox.run("token create --role hc --actor hc:ostersund --name nurse").out).at(0);
  {
    ServeProcess serve(sandbox);
    ASSERT_NE(serve.port(), 0) << "the service did not start";
    EXPECT_EQ(serve.get_status("/v1/cases", token), 200);
    const auto revoked = sandbox.run("token revoke nurse");
    ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(serve.get_status("/v1/cases", token), 401);
  }
  // The last use was recorded on the day of the request (committed by the
  // time the service has stopped).
  const auto items = json::parse(sandbox.run("token list --format json").out).at("items");
  EXPECT_EQ(items.at(0).at("last_used"), fixed_today);
}

// Sets the umask of this process (and so of the commands it runs).
class Umask022 : public ::testing::Test {
 protected:
  void SetUp() override { old_ = ::umask(022); }
  void TearDown() override { ::umask(old_); }

 private:
  mode_t old_ = 0;
};

TEST_F(Umask022, TheDataDirectoryTheDatabaseAndBackupsAreTheOwnersOnly) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("init").exit_code, 0);
  ASSERT_EQ(sandbox.run("token create --role admin").exit_code, 0);
  EXPECT_EQ(mode_of(sandbox.dir() / "data"), 0700u);
  EXPECT_EQ(mode_of(sandbox.db()), 0600u);
  const auto backup = sandbox.run("backup --to backups/copy.db");
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  EXPECT_EQ(mode_of(sandbox.dir() / "backups"), 0700u);
  EXPECT_EQ(mode_of(sandbox.dir() / "backups" / "copy.db"), 0600u);
}

TEST_F(Umask022, TheDemoTokensAreKeptAndReusedNotPiledUp) {
  // Issue 11 §3: scripts/run.sh made three new tokens at every start.
  CliSandbox sandbox;
  const std::string script = "bash " + shell_word(std::string(KEDJA_SOURCE_DIR) + "/scripts/demo-tokens.sh") +
                             " data/demo-tokens " + shell_word(KEDJA_BINARY) + " --db data/kedja.db --config " +
                             shell_word(CliSandbox::config());
  const auto run_script = [&] {
    const auto out = sandbox.dir() / ".script-out";
    const std::string shell = "cd " + shell_word(sandbox.dir().string()) + " && KEDJA_TODAY=" + fixed_today + " " +
                              script + " > " + shell_word(out.string());
    EXPECT_EQ(std::system(shell.c_str()), 0);
    return lines_of(slurp(out));
  };
  ASSERT_EQ(sandbox.run("init").exit_code, 0);
  // One token per user group (issue 13: the run command prints a login for each).
  const std::vector<std::string> groups = {"reception reception:ostersund", "hc hc:ostersund",
                                           "child_health child_health:ostersund", "preschool preschool:ostersund",
                                           "school school:ostersund", "school_health school_health:ostersund",
                                           "sfi sfi:ostersund", "af af:jamtland", "mv mv:jamtland",
                                           "coordinator lst:jamtland", "admin -"};
  const auto first = run_script();
  ASSERT_EQ(first.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i) EXPECT_EQ(first[i].rfind(groups[i] + " kedja_", 0), 0u) << first[i];
  EXPECT_EQ(run_script(), first);
  EXPECT_EQ(json::parse(sandbox.run("token list --format json").out).at("items").size(), groups.size());
  EXPECT_EQ(mode_of(sandbox.dir() / "data" / "demo-tokens"), 0600u);

  // One revoked: only that one is made anew.
  ASSERT_EQ(sandbox.run("token revoke hc:ostersund-1").exit_code, 0);
  const auto third = run_script();
  ASSERT_EQ(third.size(), groups.size());
  for (std::size_t i = 0; i < groups.size(); ++i)
    if (i == 1) EXPECT_NE(third[i], first[i]);
    else EXPECT_EQ(third[i], first[i]) << groups[i];
  EXPECT_EQ(json::parse(sandbox.run("token list --format json").out).at("items").size(), groups.size() + 1);
}

}  // namespace
}  // namespace kedja::tools::testing
