// Exit codes: 0 ok, 1 a runtime failure, 2 bad usage or bad input; and the
// HTTP service started, asked and stopped as a process.
#include "cli_runner.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <csignal>
#include <filesystem>
#include <netinet/in.h>
#include <regex>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

namespace kedja::tools::testing {
namespace {

TEST(ExitCode, ZeroWhenAllIsWell) {
  CliSandbox sandbox;
  EXPECT_EQ(sandbox.run("init").exit_code, 0);
}

TEST(ExitCode, OneWhenTheDatabaseCannotBeOpened) {
  CliSandbox sandbox;
  sandbox.write_file("plain-file", "not a directory");
  auto result = sandbox.run_bare("--db plain-file/kedja.db --config " + shell_word(CliSandbox::config()) + " init");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("plain-file"), std::string::npos) << result.err;
}

TEST(ExitCode, OneWhenTheFileIsNotADatabase) {
  CliSandbox sandbox;
  sandbox.write_file("garbage.db", std::string(4096, 'x'));
  auto result = sandbox.run_bare("--db garbage.db --config " + shell_word(CliSandbox::config()) + " overdue");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_FALSE(result.err.empty());
}

TEST(ExitCode, TwoForBadUsage) {
  static const struct {
    const char* args;
    const char* named;
  } cases[] = {
      {"teleport", "teleport"},
      {"overdue --colour red", "colour"},
      {"overdue --format xml", "xml"},
      {"demo --cases many", "many"},
      {"demo --cases 0", "0"},
      {"import", "file"},
      {"import --file nowhere.csv", "nowhere.csv"},
      {"backup", "to"},
      {"serve --threads 0", "0"},
      {"case show", "id"},
  };
  CliSandbox sandbox;
  for (const auto& c : cases) {
    auto result = sandbox.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.named), std::string::npos) << c.args << ": " << result.err;
  }
}

// A mistyped --db is not answered from an empty database made on the spot
// (nor, under systemd, restarted forever): every command that reads or
// writes an existing database refuses, exit 2, naming --db and the command
// that makes one, and makes nothing — no file, no directory.
TEST(ExitCode, TwoWhenTheDatabaseIsMissingAndNothingIsMade) {
  static const char* const commands[] = {
      "serve --listen 127.0.0.1:0 --threads 1",
      "token create --role admin",
      "token list",
      "token revoke someone",
      "token check",
      "import --file arrivals.csv",
      "overdue",
      "due --actor hc:are",
      "summary",
      "follow-up",
      "cases",
      "case show c0000000000000000",
      "case create --given-name Amina --family-name Haddad --birth-date 2016-03-01 --sex F --language arabiska "
      "--municipality are",
      "event add c0000000000000000 --type arrived --date 2026-11-20",
      "reproject",
      "backup --to copy.db",
      "backup --dir backups",
      "remind --smtp 127.0.0.1:1",
  };
  CliSandbox sandbox(CliSandbox::Database::absent);
  sandbox.write_file("arrivals.csv",
                     "external_ref;given_name;family_name;birth_date;sex;language;municipality;arrival_notice_date;"
                     "expected_arrival\n"
                     "MIG-1;Åsa;Öberg;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n");
  const std::string expected =
      "kedja: --db: there is no database at data/kedja.db (`kedja --db data/kedja.db init` creates one)\n";
  for (const char* command : commands) {
    const RunResult result = sandbox.run(command);
    EXPECT_EQ(result.exit_code, 2) << command << ": " << result.err;
    EXPECT_EQ(result.err, expected) << command;
    EXPECT_EQ(result.out, "") << command;
    EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "data")) << command << " made the database's directory";
    EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "copy.db")) << command;
    EXPECT_FALSE(std::filesystem::exists(sandbox.dir() / "backups")) << command;
  }
  // A path given in full is named as given.
  const RunResult typo = sandbox.run_bare("--db /nonexistent-kedja/kedja.db --config " +
                                          shell_word(CliSandbox::config()) + " cases");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("no database at /nonexistent-kedja/kedja.db (`kedja --db /nonexistent-kedja/kedja.db "
                          "init` creates one)"),
            std::string::npos)
      << typo.err;
  EXPECT_FALSE(std::filesystem::exists("/nonexistent-kedja"));
  // init makes it; then the same commands open it.
  ASSERT_EQ(sandbox.run("init").exit_code, 0);
  EXPECT_EQ(sandbox.run("cases").exit_code, 0);
}

TEST(ExitCode, TwoForABrokenConfig) {
  CliSandbox sandbox;
  auto result = sandbox.run_bare("--db k.db --config no-such-config init");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no-such-config"), std::string::npos) << result.err;
}

// Reads the child's stderr until the listening line; returns the port.
int wait_for_port(int fd) {
  std::string seen;
  static const std::regex port{"\\(port ([0-9]+)\\)"};
  char buffer[256];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return -1;
    seen.append(buffer, static_cast<std::size_t>(n));
    std::smatch match;
    if (std::regex_search(seen, match, port)) return std::stoi(match[1]);
  }
}

std::string http_get(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return "";
  }
  std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  (void)!write(fd, request.data(), request.size());
  std::string response;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, static_cast<std::size_t>(n));
  close(fd);
  return response;
}

TEST(Serve, AnswersHealthAndStopsOnSigterm) {
  CliSandbox sandbox;
  ASSERT_EQ(sandbox.run("init").exit_code, 0);  // serve refuses a missing database
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    dup2(pipe_fds[1], STDERR_FILENO);
    close(pipe_fds[0]);
    if (chdir(sandbox.dir().c_str()) != 0) _exit(120);
    setenv("KEDJA_TODAY", fixed_today, 1);
    std::string config = CliSandbox::config();
    execl(KEDJA_BINARY, "kedja", "--db", "data/kedja.db", "--config", config.c_str(), "serve", "--listen",
          "127.0.0.1:0", "--threads", "1", static_cast<char*>(nullptr));
    _exit(121);
  }
  close(pipe_fds[1]);
  int port = wait_for_port(pipe_fds[0]);
  ASSERT_GT(port, 0);
  auto response = http_get(port, "/v1/health");
  EXPECT_EQ(response.rfind("HTTP/1.1 200", 0), 0u) << response;
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  close(pipe_fds[0]);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Serve, ABadListenAddressIsARuntimeFailure) {
  CliSandbox sandbox;
  auto result = sandbox.run("serve --listen 203.0.113.99:1");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("203.0.113.99"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace kedja::tools::testing
