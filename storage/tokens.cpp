// API tokens: 32 random bytes shown once as "kedja_<64 hex>"; only their
// SHA-256 is stored.
#include "storage/case_io.h"
#include "storage/impl.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <mutex>

namespace kedja::storage {
namespace {

constexpr std::string_view token_prefix = "kedja_";

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xF];
  }
  return out;
}

bool name_taken(Connection& c, const std::string& name) {
  auto s = c.prepare("SELECT 1 FROM tokens WHERE name = ?1");
  s.bind(1, name);
  return s.executeStep();
}

// The label given, else "<role>-<n>" with the first n not yet used.
std::string token_name(Connection& c, const Caller& owner) {
  if (!owner.token_name.empty()) return owner.token_name;
  auto s = c.prepare("SELECT count(*) FROM tokens WHERE role = ?1");
  s.bind(1, std::string(to_string(owner.role)));
  s.executeStep();
  std::int64_t n = s.getColumn(0).getInt64() + 1;
  s.tryReset();
  std::string prefix = std::string(to_string(owner.role)) + "-";
  while (name_taken(c, prefix + std::to_string(n))) ++n;
  return prefix + std::to_string(n);
}

}  // namespace

std::string Store::create_token(const Caller& owner) {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) throw StorageError("no random bytes for a token");
  std::string token = std::string(token_prefix) + to_hex(secret, sizeof secret);
  std::string hash = sha256(token);
  impl_->writer_->run([&](Connection& c) {
    std::string name = token_name(c, owner);
    if (name_taken(c, name)) throw StorageError("a token named '" + name + "' exists already");
    auto s = c.prepare("INSERT INTO tokens (hash, name, role, actor, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
    s.bind(1, static_cast<const void*>(hash.data()), static_cast<int>(hash.size()));
    s.bind(2, name);
    s.bind(3, std::string(to_string(owner.role)));
    if (owner.role == Role::admin || !owner.actor) s.bind(4); else s.bind(4, owner.actor->str());
    s.bind(5, utc_now_seconds());
    s.exec();
    return true;
  });
  return token;
}

std::optional<Caller> Store::authenticate(std::string_view token) {
  if (token.size() != token_prefix.size() + 64 || !token.starts_with(token_prefix)) return std::nullopt;
  std::string hash = sha256(token);
  {
    std::shared_lock lock(impl_->tokens_mutex_);
    if (auto found = impl_->tokens_.find(hash); found != impl_->tokens_.end()) return found->second;
  }
  Connection& c = impl_->reader();
  auto s = c.prepare("SELECT name, role, actor FROM tokens WHERE hash = ?1");
  s.bind(1, static_cast<const void*>(hash.data()), static_cast<int>(hash.size()));
  if (!s.executeStep()) return std::nullopt;
  auto role = role_from(s.getColumn(1).getText());
  if (!role) throw StorageError(std::string("corrupt row: tokens.role ") + s.getColumn(1).getText());
  Caller caller;
  caller.role = *role;
  caller.token_name = s.getColumn(0).getString();
  if (!s.getColumn(2).isNull()) caller.actor = ActorId(s.getColumn(2).getString());
  // Tokens are never changed once made, so a found one can be remembered.
  std::unique_lock lock(impl_->tokens_mutex_);
  impl_->tokens_.emplace(hash, caller);
  return caller;
}

std::string sha256(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace kedja::storage
