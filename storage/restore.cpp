#include "storage/restore.h"

#include "storage/private_files.h"
#include "storage/schema.h"
#include "storage/store.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>

#include <filesystem>

namespace kedja::storage {

int check_backup(const std::string& path) {
  if (!std::filesystem::is_regular_file(path))
    throw BadBackup("backup " + path + ": no such file");
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    // integrity_check answers one row "ok", or up to 100 rows of problems.
    SQLite::Statement check(db, "PRAGMA integrity_check");
    std::string first;
    int problems = 0;
    while (check.executeStep()) {
      const std::string row = check.getColumn(0).getString();
      if (row == "ok") continue;
      if (problems++ == 0) first = row;
    }
    if (problems > 0)
      throw BadBackup("backup " + path + " is damaged (PRAGMA integrity_check: " + first +
                         (problems > 1 ? ", and " + std::to_string(problems - 1) + " more" : std::string()) + ")");
    const int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version <= 0 || !db.tableExists("events"))
      throw BadBackup("backup " + path + " is not a Kedja database");
    if (version > latest_schema_version())
      throw BadBackup("backup " + path + " has schema version " + std::to_string(version) +
                         ", newer than this program's " + std::to_string(latest_schema_version()) +
                         ": restore it with the Kedja that wrote it, or a newer one");
    return version;
  } catch (const SQLite::Exception& e) {
    // "file is not a database", "disk I/O error", …
    throw BadBackup("backup " + path + " cannot be read as a database: " + e.what());
  }
}

void restore_database(const std::string& backup, const std::string& database) {
  check_backup(backup);
  prepare_private_database(database);
  try {
    SQLite::Database source(backup, SQLite::OPEN_READONLY);
    SQLite::Database destination(database, SQLite::OPEN_READWRITE);
    // Out of WAL mode: SQLite checkpoints and removes the WAL, which it does
    // only when no other connection has the database open. So this both
    // refuses a database in use and lets the copy change the page size
    // (a WAL database cannot take a backup of another page size).
    std::string mode;
    try {
      mode = destination.execAndGet("PRAGMA journal_mode = DELETE").getString();
    } catch (const SQLite::Exception&) {
      mode = "busy";
    }
    if (mode != "delete")
      throw StorageError("database " + database +
                         " is in use by another process (is kedja serve running? stop it first: "
                         "systemctl stop kedja); nothing was restored");
    SQLite::Backup copy(destination, source);
    copy.executeStep(-1);
  } catch (const SQLite::Exception& e) {
    throw StorageError("cannot restore " + database + " from " + backup + ": " + e.what());
  }
}

}  // namespace kedja::storage
