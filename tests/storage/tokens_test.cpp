// Tokens have a lifecycle (contract §4 "Tokens", issue 11 §3): any number
// per actor, unique names, expiry, last use, revocation seen at once.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <regex>

namespace kedja::storage::testing {
namespace {

using Tokens = StoreFixture;

NewToken for_actor(Role role, const std::string& actor) {
  NewToken request;
  request.role = role;
  request.actor = ActorId(actor);
  return request;
}

CreatedToken made(Store& store, const NewToken& request, Date on = today()) {
  auto created = store.create_token(admin(), request, on);
  if (!created) throw std::runtime_error("create_token refused: " + created.problem().detail);
  return std::move(*created);
}

TokenInfo listed(Store& store, const std::string& name) {
  const auto page = store.list_tokens(admin(), max_page_size, std::nullopt);  // kept: the loop reads into it
  for (const auto& token : page->items)
    if (token.name == name) return token;
  throw std::runtime_error("no token " + name + " in the list");
}

TEST_F(Tokens, ACreatedTokenAuthenticatesAsItsOwner) {
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  EXPECT_TRUE(std::regex_match(created.token, std::regex("kedja_[0-9a-f]{64}"))) << created.token;
  auto found = store->authenticate(created.token, today());
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, Role::hc);
  EXPECT_EQ(found->actor->str(), "hc:ostersund");
  EXPECT_EQ(found->token_name, "hc:ostersund-1");
}

TEST_F(Tokens, AnActorMayHaveAnyNumberOfTokens) {
  // Issue 11 §3: a second `token create --actor hc:ostersund --role hc`
  // failed ("a token named 'hc:ostersund' exists already").
  auto first = made(*store, for_actor(Role::hc, "hc:ostersund"));
  auto second = made(*store, for_actor(Role::hc, "hc:ostersund"));
  EXPECT_EQ(first.info.name, "hc:ostersund-1");
  EXPECT_EQ(second.info.name, "hc:ostersund-2");
  EXPECT_NE(first.token, second.token);
  EXPECT_TRUE(store->authenticate(first.token, today()));
  EXPECT_TRUE(store->authenticate(second.token, today()));
}

TEST_F(Tokens, GeneratedNamesStepOverNamesTaken) {
  NewToken labelled = for_actor(Role::hc, "hc:ostersund");
  labelled.name = "hc:ostersund-1";
  made(*store, labelled);
  EXPECT_EQ(made(*store, for_actor(Role::hc, "hc:ostersund")).info.name, "hc:ostersund-2");
  NewToken admin_token;
  EXPECT_EQ(made(*store, admin_token).info.name, "admin-1");
  EXPECT_EQ(made(*store, admin_token).info.name, "admin-2");
}

TEST_F(Tokens, UnknownOrMalformedTokensAreRefused) {
  made(*store, NewToken{});
  EXPECT_FALSE(store->authenticate("kedja_" + std::string(64, '0'), today()));
  EXPECT_FALSE(store->authenticate("not a token", today()));
  EXPECT_FALSE(store->authenticate("", today()));
}

TEST_F(Tokens, ANameIsNeverUsedTwiceNotEvenAfterRevocation) {
  NewToken request = for_actor(Role::reception, "reception:krokom");
  request.name = "Mottagningen Krokom";
  made(*store, request);
  auto again = store->create_token(admin(), request, today());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.problem().kind, ProblemKind::conflict);
  EXPECT_EQ(again.problem().errors.at(0).field, "name");
  ASSERT_TRUE(store->revoke_token(admin(), "Mottagningen Krokom"));
  EXPECT_FALSE(store->create_token(admin(), request, today()));
}

TEST_F(Tokens, BadRequestsAreRefusedNamingTheField) {
  const auto with = [](NewToken request, auto change) {
    change(request);
    return request;
  };
  static const auto hc = for_actor(Role::hc, "hc:ostersund");
  const struct {
    const char* what;
    NewToken request;
    const char* field;
  } cases[] = {
      {"admin with an actor", with(NewToken{}, [](NewToken& r) { r.actor = ActorId("hc:are"); }), "actor"},
      {"hc without an actor", with(hc, [](NewToken& r) { r.actor.reset(); }), "actor"},
      {"hc for a school", with(hc, [](NewToken& r) { r.actor = ActorId("school:are"); }), "actor"},
      {"an unknown actor", with(hc, [](NewToken& r) { r.actor = ActorId("hc:nowhere"); }), "actor"},
      {"coordinator not lst", for_actor(Role::coordinator, "reception:are"), "actor"},
      {"an empty name", with(hc, [](NewToken& r) { r.name = ""; }), "name"},
      {"a control character", with(hc, [](NewToken& r) { r.name = "a\nb"; }), "name"},
      {"not UTF-8", with(hc, [](NewToken& r) { r.name = "\xC3"; }), "name"},
      {"101 characters", with(hc, [](NewToken& r) { r.name = std::string(101, 'x'); }), "name"},
      {"a leading space", with(hc, [](NewToken& r) { r.name = " nurse"; }), "name"},
      {"expired yesterday", with(hc, [](NewToken& r) { r.expires = day("2026-11-24"); }), "expires"},
  };
  for (const auto& c : cases) {
    auto created = store->create_token(admin(), c.request, today());
    ASSERT_FALSE(created) << c.what;
    EXPECT_EQ(created.problem().kind, ProblemKind::invalid) << c.what;
    EXPECT_EQ(created.problem().errors.at(0).field, c.field) << c.what << ": " << created.problem().detail;
  }
  EXPECT_TRUE(store->list_tokens(admin(), max_page_size, std::nullopt)->items.empty());
  NewToken hundred = hc;
  hundred.name = std::string(98, 'x') + "åä";  // characters, not bytes
  EXPECT_TRUE(store->create_token(admin(), hundred, today()));
}

TEST_F(Tokens, ARevokedTokenIsRefusedAtOnceAndItsRowStays) {
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  ASSERT_TRUE(store->authenticate(created.token, today()));
  auto revoked = store->revoke_token(admin(), created.info.name);
  ASSERT_TRUE(revoked) << revoked.problem().detail;
  ASSERT_TRUE(revoked->revoked_at);
  EXPECT_FALSE(store->authenticate(created.token, today()));
  EXPECT_FALSE(store->token_in_force(created.info.name, today()));
  EXPECT_EQ(listed(*store, created.info.name).revoked_at, revoked->revoked_at);
  // Again: nothing changes.
  auto again = store->revoke_token(admin(), created.info.name);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->revoked_at, revoked->revoked_at);
  auto unknown = store->revoke_token(admin(), "no-such-token");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.problem().kind, ProblemKind::not_found);
}

TEST_F(Tokens, ARevocationByAnotherConnectionIsSeenByTheNextCheck) {
  // As `kedja token revoke` in another process while the service runs: no
  // cache may keep the token alive.
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  ASSERT_TRUE(store->authenticate(created.token, today()));
  {
    Store other(Options{path(), false}, context());
    ASSERT_TRUE(other.revoke_token(admin(), created.info.name));
  }
  EXPECT_FALSE(store->authenticate(created.token, today()));
}

TEST_F(Tokens, ATokenRowDeletedByHandStopsWorkingAtOnce) {
  // Issue 11 §3: such a token kept working until a restart (cached).
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  ASSERT_TRUE(store->authenticate(created.token, today()));
  {
    SQLite::Database db(path(), SQLite::OPEN_READWRITE);
    db.exec("DELETE FROM tokens WHERE name = 'hc:ostersund-1'");
  }
  EXPECT_FALSE(store->authenticate(created.token, today()));
}

TEST_F(Tokens, AnExpiringTokenWorksThroughItsLastDayAndNotAfter) {
  NewToken request = for_actor(Role::hc, "hc:ostersund");
  request.expires = day("2026-11-27");
  auto created = made(*store, request);
  EXPECT_EQ(created.info.expires, day("2026-11-27"));
  EXPECT_TRUE(store->authenticate(created.token, day("2026-11-27")));
  EXPECT_FALSE(store->authenticate(created.token, day("2026-11-28")));
  EXPECT_TRUE(store->token_in_force(created.info.name, day("2026-11-27")));
  EXPECT_FALSE(store->token_in_force(created.info.name, day("2026-11-28")));
  EXPECT_TRUE(in_force(listed(*store, created.info.name), day("2026-11-26")));
  EXPECT_FALSE(in_force(listed(*store, created.info.name), day("2026-12-01")));
}

TEST_F(Tokens, TheLastUsedDayIsRecorded) {
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  EXPECT_FALSE(created.info.last_used);
  ASSERT_TRUE(store->authenticate(created.token, day("2026-11-25")));
  ASSERT_TRUE(store->authenticate(created.token, day("2026-11-25")));
  store.reset();  // commits what is queued
  store = std::make_unique<Store>(Options{path(), false}, context());
  EXPECT_EQ(listed(*store, created.info.name).last_used, day("2026-11-25"));
  ASSERT_TRUE(store->token_in_force(created.info.name, day("2026-11-26")));
  store.reset();
  store = std::make_unique<Store>(Options{path(), false}, context());
  EXPECT_EQ(listed(*store, created.info.name).last_used, day("2026-11-26"));
  // Asking about a token is not using it.
  ASSERT_TRUE(store->token_info(created.token));
  EXPECT_EQ(store->token_info(created.token)->last_used, day("2026-11-26"));
}

TEST_F(Tokens, InForceByNameIsTheSessionsRecheck) {
  auto created = made(*store, for_actor(Role::reception, "reception:are"));
  auto caller = store->token_in_force(created.info.name, today());
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->actor->str(), "reception:are");
  EXPECT_EQ(caller->token_name, created.info.name);
  EXPECT_FALSE(store->token_in_force("no-such-name", today()));
  ASSERT_TRUE(store->revoke_token(admin(), created.info.name));
  EXPECT_FALSE(store->token_in_force(created.info.name, today()));
}

TEST_F(Tokens, TheListIsPagedByNameAndNeverHoldsATokenOrItsHash) {
  std::vector<std::string> tokens;
  for (int i = 0; i < 5; ++i) tokens.push_back(made(*store, for_actor(Role::sfi, "sfi:berg")).token);
  auto first = *store->list_tokens(admin(), 2, std::nullopt);
  ASSERT_EQ(first.items.size(), 2u);
  ASSERT_TRUE(first.next_cursor);
  EXPECT_EQ(first.items[0].name, "sfi:berg-1");
  auto rest = *store->list_tokens(admin(), 10, first.next_cursor);
  ASSERT_EQ(rest.items.size(), 3u);
  EXPECT_FALSE(rest.next_cursor);
  EXPECT_EQ(rest.items[2].name, "sfi:berg-5");
  EXPECT_EQ(rest.items[2].role, Role::sfi);
  EXPECT_FALSE(rest.items[2].created_at.empty());
}

TEST_F(Tokens, OnlyTheTokensHashIsStored) {
  std::string token = made(*store, NewToken{}).token;
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT hash, name, role, coalesce(actor, '') FROM tokens");
  ASSERT_TRUE(rows.executeStep());
  EXPECT_EQ(rows.getColumn(0).getBytes(), 32);
  for (int i = 1; i < 4; ++i) EXPECT_EQ(rows.getColumn(i).getString().find(token.substr(6, 16)), std::string::npos);
}

TEST_F(Tokens, MakingAndRevokingATokenIsAudited) {
  auto created = made(*store, for_actor(Role::hc, "hc:ostersund"));
  ASSERT_TRUE(store->revoke_token(Caller{Role::admin, std::nullopt, "ops"}, created.info.name));
  SQLite::Database db(path(), SQLite::OPEN_READONLY);
  SQLite::Statement rows(db, "SELECT token, action FROM audit ORDER BY id");
  ASSERT_TRUE(rows.executeStep());
  EXPECT_EQ(rows.getColumn(1).getString(), "token create hc:ostersund-1");
  ASSERT_TRUE(rows.executeStep());
  EXPECT_EQ(rows.getColumn(0).getString(), "ops");
  EXPECT_EQ(rows.getColumn(1).getString(), "token revoke hc:ostersund-1");
}

TEST_F(Tokens, TheShorthandNamesByLabelElseGenerates) {
  auto labelled = store->authenticate(store->create_token(Caller{Role::admin, std::nullopt, "ops"}), today());
  auto generated = store->authenticate(store->create_token(Caller{Role::admin, std::nullopt, ""}), today());
  ASSERT_TRUE(labelled && generated);
  EXPECT_EQ(labelled->token_name, "ops");
  EXPECT_EQ(generated->token_name, "admin-2");  // n counts the actor's tokens, "ops" too
  EXPECT_THROW(store->create_token(Caller{Role::admin, std::nullopt, "ops"}), StorageError);
}

}  // namespace
}  // namespace kedja::storage::testing
