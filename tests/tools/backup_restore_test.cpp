// kedja backup --dir/--keep and kedja restore (issue 17 §4): a nightly
// backup restores, with the documented command, to a database that
// `PRAGMA integrity_check` (the sqlite3 program, independent of Kedja) and
// `kedja case show` accept; rotation keeps the newest N of its own files and
// nothing else; a bad backup or a database in use is refused untouched.
#include "cli_runner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <thread>

namespace kedja::tools::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// `sqlite3 FILE SQL`, its standard output.
std::string sqlite3(const fs::path& file, const std::string& sql) {
  const std::string command = "sqlite3 " + shell_word(file.string()) + " " + shell_word(sql) + " 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

std::size_t event_count(const CliSandbox& sandbox, const std::string& case_id) {
  const auto shown = sandbox.run("case show " + shell_word(case_id) + " --format json");
  EXPECT_EQ(shown.exit_code, 0) << shown.err;
  return json::parse(shown.out).at("events").size();
}

class BackupRestore : public ::testing::Test {
 protected:
  void SetUp() override {
    auto file = sandbox_.write_file("arrivals.csv",
        "external_ref;given_name;family_name;birth_date;sex;language;municipality;arrival_notice_date;expected_arrival\n"
        "MIG-1;Åsa;Öberg;2016-05-05;F;arabiska;are;2026-11-20;2026-12-01\n");
    ASSERT_EQ(sandbox_.run("import --file " + shell_word(file)).exit_code, 0);
    case_id_ = json::parse(sandbox_.run("cases --format json").out).at("items").at(0).at("id");
    events_ = event_count(sandbox_, case_id_);
  }
  // `kedja backup --dir backups`: the path it wrote.
  std::string backup_into(const std::string& folder, const std::string& more = "") {
    const auto result = sandbox_.run("backup --dir " + folder + more);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    const std::string prefix = "backup written: ";
    EXPECT_EQ(result.out.rfind(prefix, 0), 0u) << result.out;
    return lines_of(result.out).at(0).substr(prefix.size());
  }
  void add_event() {
    const auto added = sandbox_.run("event add " + shell_word(case_id_) +
                                    " --type health_centre_notified --date 2026-11-24");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }

  CliSandbox sandbox_;
  std::string case_id_;
  std::size_t events_ = 0;
};

TEST_F(BackupRestore, ARestoredBackupPassesIntegrityCheckAndShowsTheCaseAsItWas) {
  const std::string backup = backup_into("backups");
  EXPECT_EQ(fs::path(backup).filename().string().rfind("kedja-", 0), 0u) << backup;
  EXPECT_EQ(sqlite3(sandbox_.dir() / backup, "PRAGMA integrity_check"), "ok\n");
  add_event();  // after the backup: gone once it is restored
  ASSERT_EQ(event_count(sandbox_, case_id_), events_ + 1);

  // The documented restore command (docs/operations.md), the service stopped.
  const auto restored = sandbox_.run("restore --from " + shell_word(backup));
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_NE(restored.out.find("restored data/kedja.db from " + backup), std::string::npos) << restored.out;

  EXPECT_EQ(sqlite3(sandbox_.db(), "PRAGMA integrity_check"), "ok\n");
  EXPECT_EQ(sqlite3(sandbox_.db(), "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(event_count(sandbox_, case_id_), events_);
  add_event();  // and the restored database takes writes again
  EXPECT_EQ(event_count(sandbox_, case_id_), events_ + 1);
}

TEST_F(BackupRestore, ABackupRestoresOntoAMachineWithoutADatabase) {
  const std::string backup = (sandbox_.dir() / backup_into("backups")).string();
  CliSandbox fresh;
  const auto restored = fresh.run("restore --from " + shell_word(backup));
  ASSERT_EQ(restored.exit_code, 0) << restored.err;
  EXPECT_EQ(sqlite3(fresh.db(), "PRAGMA integrity_check"), "ok\n");
  EXPECT_EQ(event_count(fresh, case_id_), events_);
  EXPECT_EQ((fs::status(fresh.db()).permissions() & fs::perms::all), fs::perms::owner_read | fs::perms::owner_write);
}

TEST_F(BackupRestore, RotationKeepsTheNewestOfItsOwnFilesAndNothingElseGoes) {
  for (const char* old : {"kedja-20260101T020000Z.db", "kedja-20260102T020000Z.db", "kedja-20260103T020000Z.db"})
    ASSERT_EQ(sandbox_.run(std::string("backup --to backups/") + old).exit_code, 0);
  std::ofstream(sandbox_.dir() / "backups" / "hand-copy.db") << "kept";
  std::ofstream(sandbox_.dir() / "backups" / "kedja-20250101T020000Z.db.partial") << "kept";

  const auto result = sandbox_.run("backup --dir backups --keep 2");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto lines = lines_of(result.out);
  ASSERT_EQ(lines.size(), 3u) << result.out;
  EXPECT_EQ(lines[1], "old backup removed: backups/kedja-20260101T020000Z.db");
  EXPECT_EQ(lines[2], "old backup removed: backups/kedja-20260102T020000Z.db");

  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(sandbox_.dir() / "backups"))
    left.push_back(entry.path().filename().string());
  std::sort(left.begin(), left.end());
  ASSERT_EQ(left.size(), 4u);
  EXPECT_EQ(left[0], "hand-copy.db");
  EXPECT_EQ(left[1], "kedja-20250101T020000Z.db.partial");
  EXPECT_EQ(left[2], "kedja-20260103T020000Z.db");
  EXPECT_EQ("backups/" + left[3], lines[0].substr(std::string("backup written: ").size()));
}

TEST_F(BackupRestore, BadBackupsAreRefusedAndTheDatabaseIsLeftAsItWas) {
  const std::string good = backup_into("backups");
  add_event();
  const auto size = fs::file_size(sandbox_.dir() / good);
  fs::copy_file(sandbox_.dir() / good, sandbox_.dir() / "truncated.db");
  fs::resize_file(sandbox_.dir() / "truncated.db", size / 2);
  sandbox_.write_file("text.db", "external_ref;given_name\nMIG-1;Åsa\n");
  sqlite3(sandbox_.dir() / "other.db", "CREATE TABLE t(x); INSERT INTO t VALUES (1);");

  static const struct {
    const char* from;
    const char* says;
  } cases[] = {
      {"missing.db", "no such file"},
      {"truncated.db", "truncated.db"},
      {"text.db", "cannot be read as a database"},
      {"other.db", "is not a Kedja database"},
  };
  for (const auto& c : cases) {
    const auto result = sandbox_.run(std::string("restore --from ") + c.from);
    EXPECT_EQ(result.exit_code, 2) << c.from << ": " << result.err;
    EXPECT_NE(result.err.find("--from: backup " + std::string(c.from)), std::string::npos) << result.err;
    EXPECT_NE(result.err.find(c.says), std::string::npos) << c.from << ": " << result.err;
    EXPECT_EQ(event_count(sandbox_, case_id_), events_ + 1) << c.from << " touched the database";
  }
}

TEST_F(BackupRestore, BackupOptionsAreCheckedBeforeAnythingIsWritten) {
  static const struct {
    const char* args;
    const char* says;
  } cases[] = {
      {"backup", "either --to FILE or --dir DIR"},
      {"backup --to a.db --dir b", "either --to FILE or --dir DIR"},
      {"backup --to a.db --keep 3", "--keep: only with --dir"},
      {"backup --dir b --keep 0", "--keep: '0' is not in 1–10000"},
      {"backup --dir b --keep many", "--keep"},
      {"restore", "from"},
  };
  for (const auto& c : cases) {
    const auto result = sandbox_.run(c.args);
    EXPECT_EQ(result.exit_code, 2) << c.args;
    EXPECT_NE(result.err.find(c.says), std::string::npos) << c.args << ": " << result.err;
  }
  EXPECT_FALSE(fs::exists(sandbox_.dir() / "a.db"));
  EXPECT_FALSE(fs::exists(sandbox_.dir() / "b"));
}

TEST_F(BackupRestore, ADatabaseInUseByTheServiceIsNotRestored) {
  const std::string backup = backup_into("backups");
  add_event();
  // `kedja serve` on the database, on a port the system picks.
  // (`cd …;` not `cd … &&`: then `&` puts kedja itself in the background, and $! is its pid.)
  const std::string start = "cd " + shell_word(sandbox_.dir().string()) + " || exit 1; " + shell_word(KEDJA_BINARY) +
                            " --db data/kedja.db --config " + shell_word(CliSandbox::config()) +
                            " serve --listen 127.0.0.1:0 > serve.log 2>&1 & echo $! > serve.pid";
  ASSERT_EQ(std::system(start.c_str()), 0);
  std::string log;
  for (int i = 0; i < 300 && log.find("listening") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream in(sandbox_.dir() / "serve.log");
    log.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_NE(log.find("listening"), std::string::npos) << log;

  const auto result = sandbox_.run("restore --from " + shell_word(backup));

  int pid = 0;
  std::ifstream(sandbox_.dir() / "serve.pid") >> pid;
  ASSERT_GT(pid, 0);
  kill(pid, SIGTERM);
  for (int i = 0; i < 300 && kill(pid, 0) == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));

  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("in use by another process"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("systemctl stop kedja"), std::string::npos) << result.err;
  EXPECT_EQ(event_count(sandbox_, case_id_), events_ + 1);
}

}  // namespace
}  // namespace kedja::tools::testing
