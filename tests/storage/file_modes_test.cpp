// Files that hold personal data are their owner's only (contract §5, issue
// 11 §5): 0600 files and 0700 directories whatever the umask — tested
// under umask 022, which made them 0644 and 0755.
#include "fixture.h"

#include <sys/stat.h>

namespace kedja::storage::testing {
namespace {

unsigned mode_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return 0;
  return info.st_mode & 07777;
}

// Sets the umask for one test, and puts the old one back.
class Umask022 : public ::testing::Test {
 protected:
  void SetUp() override { old_ = ::umask(022); }
  void TearDown() override { ::umask(old_); }
  TempDir dir;

 private:
  mode_t old_ = 0;
};

TEST_F(Umask022, TheDatabaseItsWalShmAndDirectoriesAreTheOwnersOnly) {
  const std::string data = dir.file("data");
  const std::string db = data + "/nested/kedja.db";
  Store store(Options{db, false}, context());
  Case amina = person("Amina", "Haddad", "2016-03-01");
  ASSERT_TRUE(store.create_case(admin(), amina, {}, today()));  // the WAL and SHM exist now
  static const char* const files[] = {"", "-wal", "-shm"};
  for (const char* suffix : files) EXPECT_EQ(mode_of(db + suffix), 0600u) << "kedja.db" << suffix;
  EXPECT_EQ(mode_of(data), 0700u);
  EXPECT_EQ(mode_of(data + "/nested"), 0700u);
}

TEST_F(Umask022, ABackupIsTheOwnersOnly) {
  Store store(Options{dir.file("kedja.db"), false}, context());
  const std::string copy = dir.file("backups/kedja-copy.db");
  store.backup(copy);
  EXPECT_EQ(mode_of(copy), 0600u);
  EXPECT_EQ(mode_of(dir.file("backups")), 0700u);
}

TEST_F(Umask022, AnExistingDatabaseMadeBeforeIsTightened) {
  const std::string db = dir.file("old.db");
  Store first(Options{db, false}, context());  // open: its WAL and SHM exist
  for (const char* suffix : {"", "-wal", "-shm"})
    ASSERT_EQ(::chmod((db + suffix).c_str(), 0644), 0) << suffix;
  Store second(Options{db, false}, context());
  for (const char* suffix : {"", "-wal", "-shm"}) EXPECT_EQ(mode_of(db + suffix), 0600u) << suffix;
}

TEST_F(Umask022, ADirectoryThatExistsIsLeftAsItIs) {
  const std::string shared = dir.file("shared");
  ASSERT_EQ(::mkdir(shared.c_str(), 0755), 0);
  Store store(Options{shared + "/kedja.db", false}, context());
  EXPECT_EQ(mode_of(shared), 0755u);
  EXPECT_EQ(mode_of(shared + "/kedja.db"), 0600u);
}

}  // namespace
}  // namespace kedja::storage::testing
