// Files that hold personal data are readable by their owner only (contract
// §5): the database, its WAL and SHM, its rollback journal, backups, and
// the directories Kedja makes for them — 0600 and 0700 whatever the umask.
//
// SQLite creates a database 0644 (less the umask) but gives its WAL, SHM
// and journal the database file's own mode: so the database file is made
// here, empty and 0600, before SQLite opens it, and the rest follows.
#pragma once

#include <string>

namespace kedja::storage {

// Before a database (or a backup) at `path` is opened for writing: makes
// the missing directories above it 0700, the file 0600 if it does not
// exist (an empty file is an empty database to SQLite), and tightens an
// existing file and its -wal, -shm and -journal to 0600. Directories that
// exist already are left as they are (they may be shared, e.g. /tmp).
// Throws StorageError naming the path when a directory or the file cannot
// be made.
void prepare_private_database(const std::string& path);

inline constexpr unsigned private_file_mode = 0600;
inline constexpr unsigned private_directory_mode = 0700;

}  // namespace kedja::storage
