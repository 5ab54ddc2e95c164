// The nightly backups' folder (`kedja backup --dir DIR --keep N`): one file
// per run, named for its UTC time so that names sort by age, and only the
// newest N kept. docs/operations.md describes the timer that runs it.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::tools {

// "kedja-20261201T020000Z.db": the UTC second `now` falls in (ISO 8601 basic).
std::string backup_file_name(std::chrono::system_clock::time_point now);

// Whether `name` is a name backup_file_name makes. Rotation touches only
// those: any other file in the folder (a copy put there by hand, a
// `.partial` left by an interrupted run) is never removed.
bool is_backup_file_name(std::string_view name);

// The backups in `folder` beyond the newest `keep` (by name, i.e. by
// time), oldest first: what rotation removes.
std::vector<std::filesystem::path> backups_beyond(const std::filesystem::path& folder, int keep);

}  // namespace kedja::tools
