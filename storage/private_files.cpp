#include "storage/private_files.h"

#include "storage/store.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace kedja::storage {
namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw StorageError("cannot " + what + " " + path + ": " + std::strerror(errno));
}

// mkdir is subject to the umask, chmod is not: a umask of 0277 would
// otherwise leave the owner unable to write.
void make_private_directories(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> missing;
  for (auto at = directory; !at.empty() && !std::filesystem::exists(at); at = at.parent_path()) {
    missing.push_back(at);
    if (at == at.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    const std::string name = it->string();
    if (::mkdir(name.c_str(), private_directory_mode) != 0 && errno != EEXIST) fail("create the directory", name);
    if (::chmod(name.c_str(), private_directory_mode) != 0) fail("restrict the directory", name);
  }
}

// An existing file of someone else (EPERM) keeps its mode: it is theirs.
void tighten(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return;  // none
  if ((info.st_mode & 0777) == private_file_mode) return;
  if (::chmod(path.c_str(), private_file_mode) != 0 && errno != EPERM) fail("restrict", path);
}

}  // namespace

void prepare_private_database(const std::string& path) {
  make_private_directories(std::filesystem::path(path).parent_path());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, private_file_mode);
  if (fd >= 0) {
    const bool restricted = ::fchmod(fd, private_file_mode) == 0;
    ::close(fd);
    if (!restricted) fail("restrict", path);
  } else if (errno != EEXIST) {
    fail("create", path);
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) tighten(path + suffix);
}

}  // namespace kedja::storage
