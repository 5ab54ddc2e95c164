// Checking a backup and restoring a database from it (`kedja restore`,
// docs/operations.md). The copy itself is Store::backup (SQLite's online
// backup API); these work on files, without a Store.
#pragma once

#include "storage/store.h"

#include <string>

namespace kedja::storage {

// A backup that cannot be restored: missing, damaged, not Kedja's, or newer.
struct BadBackup : StorageError {
  using StorageError::StorageError;
};

// Opens the file at `path` read-only and runs `PRAGMA integrity_check` on
// it. Throws BadBackup naming the file when it is missing, not an SQLite
// database, damaged (SQLite's first complaint quoted), not a Kedja database
// (no schema version), or written by a newer Kedja than this one.
// Returns the file's schema version (1 … the newest this build knows).
int check_backup(const std::string& path);

// Replaces the database at `database` with the backup at `backup`:
// check_backup first (nothing is touched when it fails), then the whole
// backup is copied in with SQLite's backup API, in one transaction through a
// rollback journal — a crash or a failure midway leaves the old database as
// it was. The database (and its directories) are made 0600 (0700) when they
// do not exist yet. Refuses with StorageError when another process has the
// database open (a running `kedja serve`: stop it first), which it sees by
// taking the database out of WAL mode (SQLite allows that only to its one
// user). Migrating the restored copy to this version is the caller's next
// step (opening a Store does it).
void restore_database(const std::string& backup, const std::string& database);

}  // namespace kedja::storage
