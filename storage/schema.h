// The schema as numbered migrations, run at open (PRAGMA user_version holds
// the number of the last one applied).
#pragma once

#include <SQLiteCpp/Database.h>

namespace kedja::storage {

// The number of the newest migration this build knows.
int latest_schema_version();

// Applies the migrations after the database's version up to `target`, each
// in its own transaction. Throws StorageError for a database written by a
// newer version or a file that is not a Kedja database.
void migrate(SQLite::Database& db, int target);

}  // namespace kedja::storage
