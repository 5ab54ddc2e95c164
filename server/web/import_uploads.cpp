#include "server/web/import_uploads.h"

#include "server/web/login_sessions.h"

#include <openssl/sha.h>

#include <algorithm>

namespace kedja::server::web {
namespace {

// A done import is remembered (its case ids, no file) as long as a session may last.
constexpr auto done_lifetime = std::chrono::hours{10};
constexpr std::size_t max_done_held = 10000;

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : digest) {
    out += hex[byte >> 4];
    out += hex[byte & 0xF];
  }
  return out;
}

std::string ImportUploads::add(const std::string& session_id, std::string file_name, std::string bytes,
                               std::chrono::system_clock::time_point now) {
  ImportUpload upload;
  upload.id = random_hex(16);
  upload.session_id = session_id;
  upload.file_name = std::move(file_name);
  upload.digest = sha256_hex(bytes);
  upload.bytes = std::move(bytes);
  upload.uploaded = now;
  const std::lock_guard lock(mutex_);
  // One file waits per session: a new upload replaces the one before.
  for (auto it = uploads_.begin(); it != uploads_.end();) {
    if (it->session_id == session_id && it->state == ImportUpload::State::previewed) {
      bytes_held_ -= it->bytes.size();
      it = uploads_.erase(it);
    } else {
      ++it;
    }
  }
  bytes_held_ += upload.bytes.size();
  uploads_.push_back(std::move(upload));
  make_room(now);
  return uploads_.back().id;
}

std::optional<ImportUpload> ImportUploads::find(const std::string& session_id, const std::string& id,
                                                std::chrono::system_clock::time_point now) const {
  const std::lock_guard lock(mutex_);
  for (const ImportUpload& upload : uploads_)
    if (upload.id == id && upload.session_id == session_id) {
      if (upload.state == ImportUpload::State::previewed && now - upload.uploaded > upload_lifetime)
        return std::nullopt;
      return upload;
    }
  return std::nullopt;
}

std::optional<ImportUpload> ImportUploads::claim(const std::string& session_id, const std::string& id,
                                                 std::chrono::system_clock::time_point now) {
  const std::lock_guard lock(mutex_);
  for (ImportUpload& upload : uploads_) {
    if (upload.id != id || upload.session_id != session_id) continue;
    if (upload.state != ImportUpload::State::previewed) return upload;
    if (now - upload.uploaded > upload_lifetime) return std::nullopt;
    upload.state = ImportUpload::State::importing;
    ImportUpload claimed = upload;
    claimed.state = ImportUpload::State::previewed;  // to the caller: yours to import
    return claimed;
  }
  return std::nullopt;
}

void ImportUploads::finish(const std::string& id, std::vector<CreatedCase> created) {
  const std::lock_guard lock(mutex_);
  for (ImportUpload& upload : uploads_)
    if (upload.id == id) {
      upload.state = ImportUpload::State::done;
      upload.created = std::move(created);
      bytes_held_ -= upload.bytes.size();
      upload.bytes = std::string();
      return;
    }
}

void ImportUploads::release(const std::string& id) {
  const std::lock_guard lock(mutex_);
  for (ImportUpload& upload : uploads_)
    if (upload.id == id && upload.state == ImportUpload::State::importing) upload.state = ImportUpload::State::previewed;
}

std::optional<ImportUpload> ImportUploads::done_with_digest(const std::string& session_id,
                                                            const std::string& digest) const {
  const std::lock_guard lock(mutex_);
  for (auto it = uploads_.rbegin(); it != uploads_.rend(); ++it)
    if (it->session_id == session_id && it->digest == digest && it->state == ImportUpload::State::done) return *it;
  return std::nullopt;
}

void ImportUploads::end_session(const std::string& session_id) {
  const std::lock_guard lock(mutex_);
  for (auto it = uploads_.begin(); it != uploads_.end();) {
    if (it->session_id == session_id && it->state != ImportUpload::State::importing) {
      bytes_held_ -= it->bytes.size();
      it = uploads_.erase(it);
    } else {
      ++it;
    }
  }
}

void ImportUploads::make_room(std::chrono::system_clock::time_point now) {
  std::size_t done = 0;
  for (const ImportUpload& upload : uploads_) done += upload.state == ImportUpload::State::done;
  for (auto it = uploads_.begin(); it != uploads_.end();) {
    const bool previewed = it->state == ImportUpload::State::previewed;
    const bool is_done = it->state == ImportUpload::State::done;
    const bool stale = (previewed && now - it->uploaded > upload_lifetime) ||
                       (is_done && (now - it->uploaded > done_lifetime || done > max_done_held));
    // The oldest files first, while too many bytes are held (never the
    // newest: the one just added is kept, whatever its size).
    const bool too_many_bytes = previewed && bytes_held_ > max_upload_bytes_held && std::next(it) != uploads_.end();
    if (stale || too_many_bytes) {
      if (is_done) --done;
      bytes_held_ -= it->bytes.size();
      it = uploads_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace kedja::server::web
