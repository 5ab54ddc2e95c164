#include "tools/backup_folder.h"

#include <date/date.h>

#include <algorithm>
#include <cctype>

namespace kedja::tools {

namespace {

constexpr std::string_view prefix = "kedja-";
constexpr std::string_view suffix = "Z.db";

}  // namespace

std::string backup_file_name(std::chrono::system_clock::time_point now) {
  return date::format("kedja-%Y%m%dT%H%M%SZ.db", date::floor<std::chrono::seconds>(now));
}

bool is_backup_file_name(std::string_view name) {
  // kedja- YYYYMMDD T HHMMSS Z.db
  if (name.size() != prefix.size() + 15 + suffix.size() || !name.starts_with(prefix) || !name.ends_with(suffix))
    return false;
  const std::string_view stamp = name.substr(prefix.size(), 15);
  for (std::size_t i = 0; i < stamp.size(); ++i) {
    const bool ok = i == 8 ? stamp[i] == 'T' : std::isdigit(static_cast<unsigned char>(stamp[i])) != 0;
    if (!ok) return false;
  }
  return true;
}

std::vector<std::filesystem::path> backups_beyond(const std::filesystem::path& folder, int keep) {
  std::vector<std::filesystem::path> backups;
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.is_regular_file() && is_backup_file_name(entry.path().filename().string()))
      backups.push_back(entry.path());
  std::sort(backups.begin(), backups.end());
  const auto extra = backups.size() > static_cast<std::size_t>(keep) ? backups.size() - keep : 0;
  backups.resize(extra);
  return backups;
}

}  // namespace kedja::tools
