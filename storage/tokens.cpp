// API tokens (contract §4 "Tokens"): 32 random bytes shown once as
// "kedja_<64 hex>"; only their SHA-256 is stored. Validity is read from the
// database on every check (store.h says why).
#include "storage/audit.h"
#include "storage/case_io.h"
#include "storage/impl.h"
#include "storage/rows.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <mutex>

namespace kedja::storage {
namespace {

constexpr std::string_view token_prefix = "kedja_";
constexpr std::size_t longest_name = 100;  // characters

constexpr const char* token_columns = "name, role, actor, created_at, expires, last_used, revoked_at, kind";

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out += digits[bytes[i] >> 4];
    out += digits[bytes[i] & 0xF];
  }
  return out;
}

TokenInfo read_token(const Prepared& s) {
  TokenInfo info;
  info.name = s.getColumn(0).getString();
  auto role = role_from(s.getColumn(1).getText());
  if (!role) throw StorageError(std::string("corrupt row: tokens.role ") + s.getColumn(1).getText());
  info.role = *role;
  if (!s.getColumn(2).isNull()) info.actor = ActorId(s.getColumn(2).getString());
  info.created_at = s.getColumn(3).getString();
  info.expires = optional_date_column(s.getColumn(4));
  info.last_used = optional_date_column(s.getColumn(5));
  if (!s.getColumn(6).isNull()) info.revoked_at = s.getColumn(6).getString();
  auto kind = token_kind_from(s.getColumn(7).getText());
  if (!kind) throw StorageError(std::string("corrupt row: tokens.kind ") + s.getColumn(7).getText());
  info.kind = *kind;
  return info;
}

std::optional<TokenInfo> find_by_name(Connection& c, std::string_view name) {
  auto s = c.prepare(std::string("SELECT ") + token_columns + " FROM tokens WHERE name = ?1");
  s.bind(1, std::string(name));
  if (!s.executeStep()) return std::nullopt;
  return read_token(s);
}

// The number of characters of valid UTF-8 text, or nullopt for text that is
// not UTF-8 or holds a control character (U+0000–U+001F, U+007F).
std::optional<std::size_t> printable_characters(std::string_view text) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++count) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x20 || lead == 0x7F) return std::nullopt;
    const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3
                             : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > text.size()) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k)
      if ((static_cast<unsigned char>(text[i + k]) >> 6) != 0x2) return std::nullopt;
    i += length;
  }
  return count;
}

std::optional<Problem> check_name(const std::string& name) {
  const auto characters = printable_characters(name);
  if (!characters) return Problem::invalid("name", "holds a control character or is not UTF-8");
  if (*characters == 0 || *characters > longest_name)
    return Problem::invalid("name", "must be 1–" + std::to_string(longest_name) + " characters");
  if (name.front() == ' ' || name.back() == ' ')
    return Problem::invalid("name", "must not start or end with a space");
  return std::nullopt;
}

// The role and actor fit each other and the region (contract §4: the role
// is the actor's kind; coordinator goes with lst; admin has no actor).
std::optional<Problem> check_owner(const NewToken& request, const Region& region) {
  const auto kind = actor_kind_for(request.role);
  if (!kind) {
    if (request.kind == TokenKind::feed)
      return Problem::invalid("kind", "a feed token reads one actor's calendar feed: the admin role has none");
    if (request.actor) return Problem::invalid("actor", "an admin token has no actor");
    return std::nullopt;
  }
  const std::string role(to_string(request.role));
  if (request.kind == TokenKind::feed && !owns_steps(request.role))
    return Problem::invalid("kind", "a feed token reads a unit's calendar feed: role " + role +
                                        " owns no steps and has none");
  if (!request.actor) return Problem::invalid("actor", "required for role " + role);
  const Actor* actor = region.find_actor(*request.actor);
  if (!actor) return Problem::invalid("actor", "unknown actor '" + request.actor->str() + "'");
  if (actor->kind != *kind)
    return Problem::invalid("actor", "'" + actor->id.str() + "' is a " + std::string(to_string(actor->kind)) +
                                         ", role " + role + " needs a " + std::string(to_string(*kind)));
  return std::nullopt;
}

// Tokens are the admin's; a unit may make, list and revoke its own actor's
// feed tokens (domain/access.h may_manage_feed_tokens). Callers that may
// manage no token at all (the coordinator) are refused whole.
bool manages_some_tokens(const Caller& by) {
  return by.role == Role::admin || (by.actor && may_manage_feed_tokens(by, *by.actor));
}

const Problem& tokens_forbidden() {
  static const Problem problem{ProblemKind::forbidden,
                               "tokens are the admin's; a unit may manage the feed tokens of its own actor only",
                               {}};
  return problem;
}

std::optional<Problem> check_maker(const Caller& by, const NewToken& request) {
  if (by.role == Role::admin) return std::nullopt;
  if (request.kind == TokenKind::feed && request.actor && request.role == by.role &&
      may_manage_feed_tokens(by, *request.actor))
    return std::nullopt;
  return tokens_forbidden();
}

// A token `by` may see and revoke (the admin: every one).
bool manages(const Caller& by, const TokenInfo& token) {
  if (by.role == Role::admin) return true;
  return token.kind == TokenKind::feed && token.actor && may_manage_feed_tokens(by, *token.actor);
}

bool name_taken(Connection& c, const std::string& name) {
  auto s = c.prepare("SELECT 1 FROM tokens WHERE name = ?1");
  s.bind(1, name);
  return s.executeStep();
}

// "<actor>-<n>" ("admin-<n>"): n counts the actor's tokens, and goes on
// past names taken (a label may look like a generated name).
std::string generated_name(Connection& c, const NewToken& request) {
  const std::string base = request.actor ? request.actor->str() : "admin";
  auto s = c.prepare("SELECT count(*) FROM tokens WHERE actor IS ?1");
  if (request.actor) s.bind(1, request.actor->str()); else s.bind(1);
  s.executeStep();
  std::int64_t n = s.getColumn(0).getInt64() + 1;
  s.tryReset();
  while (name_taken(c, base + "-" + std::to_string(n))) ++n;
  return base + "-" + std::to_string(n);
}

std::string new_secret() {
  unsigned char secret[32];
  if (RAND_bytes(secret, sizeof secret) != 1) throw StorageError("no random bytes for a token");
  return std::string(token_prefix) + to_hex(secret, sizeof secret);
}

Caller caller_of(const TokenInfo& info) { return Caller{info.role, info.actor, info.name}; }

}  // namespace

Result<CreatedToken> Store::create_token(const Caller& by, const NewToken& request, Date today) {
  if (auto problem = check_maker(by, request)) return *problem;
  if (auto problem = check_owner(request, impl_->context_.region)) return *problem;
  if (request.name)
    if (auto problem = check_name(*request.name)) return *problem;
  if (request.expires && *request.expires < today)
    return Problem::invalid("expires", "lies before today (" + format_date(today) + ")");

  CreatedToken created{new_secret(), {}};
  const std::string hash = sha256(created.token);
  Result<CreatedToken> result = Problem{};
  impl_->writer_->run([&](Connection& c) {
    // The writer's transaction holds the write lock: no other process can
    // take the name between this look and the insert.
    if (request.name && name_taken(c, *request.name)) {
      result = Problem{ProblemKind::conflict, "a token named '" + *request.name + "' exists already",
                       {{"name", "already the name of another token (names are never reused)"}}};
      return false;
    }
    TokenInfo& info = created.info;
    info.name = request.name ? *request.name : generated_name(c, request);
    info.role = request.role;
    info.actor = request.actor;
    info.created_at = utc_now_seconds();
    info.expires = request.expires;
    auto s = c.prepare(
        "INSERT INTO tokens (hash, name, role, actor, created_at, expires, kind) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, static_cast<const void*>(hash.data()), static_cast<int>(hash.size()));
    s.bind(2, info.name);
    s.bind(3, std::string(to_string(info.role)));
    if (info.actor) s.bind(4, info.actor->str()); else s.bind(4);
    s.bind(5, info.created_at);
    if (info.expires) s.bind(6, format_date(*info.expires)); else s.bind(6);
    info.kind = request.kind;
    s.bind(7, std::string(to_string(info.kind)));
    s.exec();
    write_audit(c, by, "token create " + info.name, {});
    result = std::move(created);
    return true;
  });
  return result;
}

std::string Store::create_token(const Caller& owner) {
  NewToken request{owner.role, owner.actor, std::nullopt, std::nullopt};
  if (!owner.token_name.empty()) request.name = owner.token_name;
  Caller cli{Role::admin, std::nullopt, "cli"};
  // No expiry, so "today" only matters for the check that it is not past.
  auto created = create_token(cli, request, Date{});
  if (!created) throw StorageError(created.problem().detail);
  return created->token;
}

std::string_view to_string(TokenKind kind) { return kind == TokenKind::feed ? "feed" : "api"; }

std::optional<TokenKind> token_kind_from(std::string_view text) {
  if (text == "api") return TokenKind::api;
  if (text == "feed") return TokenKind::feed;
  return std::nullopt;
}

bool in_force(const TokenInfo& token, Date today) {
  return !token.revoked_at && (!token.expires || today <= *token.expires);
}

std::optional<TokenInfo> Store::token_info(std::string_view token) {
  if (token.size() != token_prefix.size() + 64 || !token.starts_with(token_prefix)) return std::nullopt;
  const std::string hash = sha256(token);
  Connection& c = impl_->reader();
  auto s = c.prepare(std::string("SELECT ") + token_columns + " FROM tokens WHERE hash = ?1");
  s.bind(1, static_cast<const void*>(hash.data()), static_cast<int>(hash.size()));
  if (!s.executeStep()) return std::nullopt;
  return read_token(s);
}

std::optional<Caller> Store::authenticate(std::string_view token, Date today) {
  const auto info = token_info(token);
  if (!info || info->kind != TokenKind::api || !in_force(*info, today)) return std::nullopt;
  impl_->mark_used(*info, today);
  return caller_of(*info);
}

std::optional<Caller> Store::authenticate_feed(std::string_view token, const ActorId& feed_actor, Date today) {
  const auto info = token_info(token);
  if (!info || info->kind != TokenKind::feed || info->actor != feed_actor || !in_force(*info, today))
    return std::nullopt;
  impl_->mark_used(*info, today);
  return caller_of(*info);
}

std::optional<Caller> Store::token_in_force(std::string_view name, Date today) {
  auto info = find_by_name(impl_->reader(), name);
  if (!info || info->kind != TokenKind::api || !in_force(*info, today)) return std::nullopt;
  impl_->mark_used(*info, today);
  return caller_of(*info);
}

void Store::Impl::mark_used(const TokenInfo& info, Date today) {
  if (info.last_used && *info.last_used >= today) return;
  {
    // One write a token a day, even while the first is not yet committed.
    std::lock_guard lock(last_used_mutex_);
    auto [marked, added] = last_used_marked_.emplace(info.name, today);
    if (!added && marked->second >= today) return;
    marked->second = today;
  }
  // Never waits for room: a request is not held up for its token's last-used
  // day. Not queued (the writer is far behind): forgotten, so a later
  // request of the day posts it again.
  const bool queued = writer_->post(
      [name = info.name, day = format_date(today)](Connection& c) {
        auto s = c.prepare(
            "UPDATE tokens SET last_used = ?2 WHERE name = ?1 AND (last_used IS NULL OR last_used < ?2)");
        s.bind(1, name);
        s.bind(2, day);
        s.exec();
        return true;
      },
      std::chrono::milliseconds{0});
  if (!queued) {
    std::lock_guard lock(last_used_mutex_);
    last_used_marked_.erase(info.name);
  }
}

Result<Page<TokenInfo>> Store::list_tokens(const Caller& by, int limit, const std::optional<std::string>& cursor) {
  if (!manages_some_tokens(by)) return tokens_forbidden();
  limit = clamp_limit(limit);
  std::string after;
  if (cursor) after = decode_cursor(*cursor, 1).front();
  Connection& c = impl_->reader();
  auto s = c.prepare(std::string("SELECT ") + token_columns +
                     " FROM tokens WHERE name > ?1 AND (?3 IS NULL OR (kind = 'feed' AND actor = ?3))"
                     " ORDER BY name LIMIT ?2");
  s.bind(1, after);
  s.bind(2, limit + 1);
  if (by.role == Role::admin) s.bind(3); else s.bind(3, by.actor->str());
  Page<TokenInfo> page;
  while (s.executeStep()) page.items.push_back(read_token(s));
  if (page.items.size() > static_cast<std::size_t>(limit)) {
    page.items.pop_back();
    page.next_cursor = encode_cursor({page.items.back().name});
  }
  return page;
}

Result<TokenInfo> Store::revoke_token(const Caller& by, std::string_view name) {
  if (!manages_some_tokens(by)) return tokens_forbidden();
  Result<TokenInfo> result = Problem{};
  impl_->writer_->run([&](Connection& c) {
    auto info = find_by_name(c, name);
    // A token the caller may not manage is, to it, no token at all.
    if (!info || !manages(by, *info)) {
      result = Problem{ProblemKind::not_found, "no token named '" + std::string(name) + "'", {}};
      return false;
    }
    if (!info->revoked_at) {
      info->revoked_at = utc_now_seconds();
      auto s = c.prepare("UPDATE tokens SET revoked_at = ?2 WHERE name = ?1");
      s.bind(1, info->name);
      s.bind(2, *info->revoked_at);
      s.exec();
      write_audit(c, by, "token revoke " + info->name, {});
    }
    result = std::move(*info);
    return true;
  });
  return result;
}

std::string sha256(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

}  // namespace kedja::storage
