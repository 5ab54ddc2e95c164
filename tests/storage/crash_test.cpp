// Durability: a writer killed with SIGKILL at random moments loses no
// acknowledged event, and the database stays intact.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <csignal>
#include <cstdio>
#include <random>
#include <sys/wait.h>
#include <unistd.h>

namespace kedja::storage::testing {
namespace {

void write_line(int fd, const std::string& line) {
  std::string text = line + "\n";  // shorter than PIPE_BUF: written whole
  if (write(fd, text.data(), text.size()) != static_cast<ssize_t>(text.size())) _exit(4);
}

// The child: appends events to a new case forever, reporting each one only
// after append_event returned (that is, after its commit).
[[noreturn]] void append_forever(const std::string& path, int fd) {
  try {
    Store store(Options{path, true}, context());
    Event asylum = event(EventType::asylum_registered, "2026-10-01");
    asylum.housing = Housing::ABO;
    auto made = store.create_case(admin(), person("Crash", "Test", "1990-01-01"), {asylum}, today());
    if (!made) _exit(2);
    write_line(fd, "case " + made->the_case.id.str());
    for (int i = 0;; ++i) {
      Event change = event(EventType::housing_changed, "2026-10-02");
      change.housing = i % 2 ? Housing::ABO : Housing::EBO;
      auto appended = store.append_event(admin(), made->the_case.id, change, today());
      if (!appended) _exit(2);
      write_line(fd, std::to_string(appended->event.seq));
    }
  } catch (...) {
    _exit(3);
  }
}

struct Acks {
  std::string case_id;
  std::int64_t last_seq = 0;
  int lines = 0;
};

// Reads acknowledgements until `kill_after` of them have come, kills the
// child, then reads what it had acknowledged before dying.
Acks kill_during_appends(pid_t child, int fd, int kill_after) {
  Acks acks;
  FILE* in = fdopen(fd, "r");
  char line[128];
  bool killed = false;
  while (std::fgets(line, sizeof line, in)) {
    std::string text(line);
    if (text.rfind("case ", 0) == 0) acks.case_id = text.substr(5, text.size() - 6);
    else acks.last_seq = std::stoll(text);
    if (++acks.lines >= kill_after && !killed) {
      kill(child, SIGKILL);
      killed = true;
    }
  }
  std::fclose(in);
  if (!killed) kill(child, SIGKILL);
  return acks;
}

TEST(Crash, KilledWriterLosesNoAcknowledgedEvent) {
  TempDir dir;
  std::string path = dir.file("crash.db");
  context();  // load the config before forking
  std::mt19937 rng(7);
  for (int round = 0; round < 5; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      close(fds[0]);
      append_forever(path, fds[1]);
    }
    close(fds[1]);
    int kill_after = std::uniform_int_distribution<int>(2, 120)(rng);
    Acks acks = kill_during_appends(child, fds[0], kill_after);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "round " << round << ": child ended with " << status;
    ASSERT_FALSE(acks.case_id.empty()) << "round " << round;

    Store store(Options{path, true}, context());
    auto found = store.find_case(admin(), CaseId(acks.case_id), today());
    ASSERT_TRUE(found) << "round " << round << ": " << found.problem().detail;
    EXPECT_GE(static_cast<std::int64_t>(found->events.size()), std::max<std::int64_t>(acks.last_seq, 1))
        << "round " << round;
    for (std::size_t i = 0; i < found->events.size(); ++i)
      EXPECT_EQ(found->events[i].seq, static_cast<std::int64_t>(i) + 1) << "round " << round;
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok") << "round " << round;
    EXPECT_EQ(db.execAndGet("SELECT count(DISTINCT case_num) FROM events").getInt(), round + 1);
  }
}

}  // namespace
}  // namespace kedja::storage::testing
