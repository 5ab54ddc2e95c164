#include "server/web/login_sessions.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace kedja::server::web {

namespace {

std::vector<unsigned char> random_bytes(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1)
    throw std::runtime_error("no random bytes for a session id");
  return raw;
}

}  // namespace

std::string random_base64url(std::size_t bytes) {
  static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const std::vector<unsigned char> raw = random_bytes(bytes);
  std::string out;
  out.reserve((bytes * 4 + 2) / 3);
  std::uint32_t bits = 0;
  int held = 0;
  for (unsigned char c : raw) {
    bits = (bits << 8) | c;
    held += 8;
    while (held >= 6) {
      held -= 6;
      out += alphabet[(bits >> held) & 0x3F];
    }
  }
  if (held > 0) out += alphabet[(bits << (6 - held)) & 0x3F];
  return out;
}

std::string random_hex(std::size_t bytes) {
  const std::vector<unsigned char> raw = random_bytes(bytes);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += hex[c >> 4];
    out += hex[c & 0xF];
  }
  return out;
}

bool same_secret(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

LoginSession LoginSessions::start(std::string token_name, Clock::time_point now) {
  LoginSession session{random_hex(32), std::move(token_name), random_base64url(csrf_bytes), now, now, {}, {}};
  std::lock_guard lock(mutex_);
  make_room();
  sessions_[session.id] = session;
  return session;
}

std::optional<LoginSession> LoginSessions::use(const std::string& id, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  const auto found = sessions_.find(id);
  if (found == sessions_.end()) return std::nullopt;
  LoginSession& session = found->second;
  if (now - session.last_seen >= session_idle_limit ||
      now - session.started >= session_absolute_limit) {
    sessions_.erase(found);
    return std::nullopt;
  }
  session.last_seen = std::max(session.last_seen, now);
  LoginSession copy = session;
  session.notice.clear();
  session.shown_once.clear();
  return copy;
}

void LoginSessions::end(const std::string& id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

void LoginSessions::set_notice(const std::string& id, std::string notice) {
  std::lock_guard lock(mutex_);
  if (const auto found = sessions_.find(id); found != sessions_.end())
    found->second.notice = std::move(notice);
}

void LoginSessions::set_shown_once(const std::string& id, std::string secret) {
  std::lock_guard lock(mutex_);
  if (const auto found = sessions_.find(id); found != sessions_.end())
    found->second.shown_once = std::move(secret);
}

std::size_t LoginSessions::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

std::size_t LoginSessions::live(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  std::size_t count = 0;
  for (const auto& [id, session] : sessions_)
    if (now - session.last_seen < session_idle_limit && now - session.started < session_absolute_limit) ++count;
  return count;
}

void LoginSessions::make_room() {
  if (sessions_.size() < max_login_sessions) return;
  auto oldest = sessions_.begin();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
    if (it->second.last_seen < oldest->second.last_seen) oldest = it;
  sessions_.erase(oldest);
}

}  // namespace kedja::server::web
