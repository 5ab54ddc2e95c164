// Arrival files uploaded on the Importera page (issue 14 §4), held in the
// server's memory until the user confirms: the confirm form carries only
// the upload's id, so a preview edited in the browser can change nothing —
// the file itself is checked again, in full, when it is imported. Each
// upload belongs to one login session (another session's id is unknown to
// it) and is imported at most once: the first confirm claims it, a second
// (a double click, a reload, a second tab) finds it importing or done and
// shows the outcome instead. Nothing here is written to disk; a restart
// forgets the uploads (the user uploads again).
#pragma once

#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kedja::server::web {

// At most this many bytes of files are held, all sessions together: beyond
// it the oldest files not yet imported are forgotten first.
inline constexpr std::size_t max_upload_bytes_held = 64 * 1024 * 1024;
// An upload not confirmed within this is forgotten (as an idle session).
inline constexpr auto upload_lifetime = std::chrono::minutes{30};

struct CreatedCase {
  std::string id;
  std::string name;  // "Given Family"
};

struct ImportUpload {
  enum class State { previewed, importing, done };
  std::string id;          // 32 hex digits (random): in the page's address and the confirm form
  std::string session_id;  // whose upload it is
  std::string file_name;   // as the browser named it
  std::string bytes;       // the file; dropped once imported
  std::string digest;      // SHA-256 of the file, hex: the same file uploaded again is recognised
  State state = State::previewed;
  std::vector<CreatedCase> created;  // the new cases, once done
  std::chrono::system_clock::time_point uploaded;
};

class ImportUploads {
 public:
  // Keeps a new upload for `session_id`; returns its id.
  std::string add(const std::string& session_id, std::string file_name, std::string bytes,
                  std::chrono::system_clock::time_point now);
  // The upload `id` of `session_id` (bytes included), or nullopt.
  std::optional<ImportUpload> find(const std::string& session_id, const std::string& id,
                                   std::chrono::system_clock::time_point now) const;
  // Claims a previewed upload for its import: it is `importing` from now on
  // and the copy returned carries the bytes. Returns the upload as it is
  // when it was not previewed (importing or done: the caller must not
  // import it), or nullopt when there is no such upload.
  std::optional<ImportUpload> claim(const std::string& session_id, const std::string& id,
                                    std::chrono::system_clock::time_point now);
  // After the import: done with the cases created (the bytes are dropped),
  // or — when nothing was imported — previewed again.
  void finish(const std::string& id, std::vector<CreatedCase> created);
  void release(const std::string& id);
  // A done import of a file with this digest in this session, if any: the
  // preview warns that the same file was imported already.
  std::optional<ImportUpload> done_with_digest(const std::string& session_id, const std::string& digest) const;
  // Forgets every upload of the session (logout).
  void end_session(const std::string& session_id);

 private:
  void make_room(std::chrono::system_clock::time_point now);  // under mutex_

  mutable std::mutex mutex_;
  std::list<ImportUpload> uploads_;  // oldest first
  std::size_t bytes_held_ = 0;
};

// SHA-256 of `bytes` as 64 hex digits.
std::string sha256_hex(std::string_view bytes);

}  // namespace kedja::server::web
