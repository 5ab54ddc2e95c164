// Logged-in browser sessions (contract §6), held in the server's memory:
// a session id (the `kedja_session` cookie) maps to the name of the token
// it was started with (never the token itself), its CSRF token and its
// times. Every request re-validates the token by name with the store
// (Store::token_in_force): a revoked or expired token ends its sessions at
// their next request. Nothing here is written to disk;
// a restart logs everybody out.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace kedja::server::web {

using Clock = std::chrono::system_clock;

inline constexpr auto session_idle_limit = std::chrono::minutes{30};
inline constexpr auto session_absolute_limit = std::chrono::hours{10};
// Beyond this many live sessions the least recently used is ended first.
inline constexpr std::size_t max_login_sessions = 20000;

// The CSRF token's random bytes: 128 bits, as OWASP asks of a session's
// secret, and unguessable within a session's 10 hours by any number of
// tries. It sits in every form of a page (a row of Att göra with a field
// is a form), so its length is paid per form (issue 13's page weight).
inline constexpr std::size_t csrf_bytes = 16;

struct LoginSession {
  std::string id;    // 64 hex digits from 32 random bytes
  std::string token_name;  // the token's name (names are never reused)
  std::string csrf;  // 22 base64url characters (csrf_bytes random bytes), one per session
  Clock::time_point started, last_seen;
  std::string notice;  // shown once on the next page (Post/Redirect/Get)
  // A secret shown once on the next page and then forgotten: a new feed
  // token, which the page that made it redirects to (never in a URL or a
  // cookie).
  std::string shown_once;
};

// 2 × `bytes` hex digits from OpenSSL's CSPRNG.
std::string random_hex(std::size_t bytes);
// `bytes` random bytes from OpenSSL's CSPRNG as unpadded base64url (RFC 4648
// §5: A–Z a–z 0–9 - _), 4 characters per 3 bytes: the same secret as
// random_hex in two thirds of the characters, for values that every form
// of a page repeats (the CSRF token, issue 13's page weight).
std::string random_base64url(std::size_t bytes);
// Compares in time independent of where the texts differ.
bool same_secret(const std::string& a, const std::string& b);

class LoginSessions {
 public:
  // A new session for the token named `token_name` (already checked by the caller).
  LoginSession start(std::string token_name, Clock::time_point now);
  // The session if it exists and has neither idled 30 minutes nor lasted 10
  // hours; marks it used now and takes its notice (the copy carries it).
  // An expired session is ended.
  std::optional<LoginSession> use(const std::string& id, Clock::time_point now);
  void end(const std::string& id);
  void set_notice(const std::string& id, std::string notice);
  void set_shown_once(const std::string& id, std::string secret);
  std::size_t size() const;
  // The sessions still usable at `now` (neither idle nor too old): the
  // metrics' kedja_web_sessions_open. Walks them all, under the lock.
  std::size_t live(Clock::time_point now) const;

 private:
  void make_room();  // under mutex_

  mutable std::mutex mutex_;
  std::unordered_map<std::string, LoginSession> sessions_;
};

}  // namespace kedja::server::web
