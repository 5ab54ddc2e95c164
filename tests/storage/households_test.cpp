// A household registered at once and one event for several of its members
// (issue 14 §1–2): Store::create_cases and Store::append_events write all
// or nothing, in one writer task — one durable commit — and refuse each
// item exactly as create_case and append_event refuse one.
#include "fixture.h"

#include <SQLiteCpp/Database.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace kedja::storage::testing {
namespace {

class Households : public StoreFixture {
 protected:
  std::int64_t count(const char* table) const {
    SQLite::Database db(path(), SQLite::OPEN_READONLY);
    return db.execAndGet(std::string("SELECT count(*) FROM ") + table).getInt64();
  }
  static Store::NewCase member(const std::string& given, const char* birth, const std::string& family = "Haddad") {
    Case c = person(given, family, birth);
    c.household = "HH-9";
    Event notice = event(EventType::arrival_notice_received, "2026-11-25");
    notice.expected_arrival = day("2026-12-07");
    return {std::move(c), {notice}, false};
  }
  static std::vector<Store::NewCase> family_of_six(const std::string& family = "Haddad") {
    return {member("Nadia", "1988-01-02", family), member("Karim", "1985-03-04", family),
            member("Amina", "2016-05-05", family), member("Omar", "2014-02-01", family),
            member("Lina", "2020-07-07", family), member("Sami", "2012-09-09", family)};
  }
  Caller reception() const { return caller(Role::reception, "reception:ostersund"); }
};

TEST_F(Households, ASixPersonHouseholdIsOneWriteOfSixCasesWithTheirEvents) {
  const auto before = store->stats().writer;
  auto stored = store->create_cases(reception(), family_of_six(), today());
  ASSERT_TRUE(stored) << stored.problem().detail;
  const auto after = store->stats().writer;
  EXPECT_EQ(after.groups - before.groups, 1u) << "one group commit";
  EXPECT_EQ(after.group_requests - before.group_requests, 1u) << "one writer task";
  ASSERT_EQ(stored->size(), 6u);
  EXPECT_FALSE((*stored)[0].the_case.id.str().empty());
  EXPECT_NE((*stored)[0].the_case.id, (*stored)[1].the_case.id);
  EXPECT_EQ(count("cases"), 6);
  EXPECT_EQ(count("events"), 6);
}

TEST_F(Households, AFailureInTheLastPersonWritesNothing) {
  auto family = family_of_six();
  family.back().events.front().date = day("2026-11-26");  // after today
  auto stored = store->create_cases(reception(), std::move(family), today());
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.problem().kind, ProblemKind::invalid);
  ASSERT_FALSE(stored.problem().errors.empty());
  EXPECT_EQ(stored.problem().errors[0].field, "cases[5].events[0].date");
  EXPECT_EQ(count("cases"), 0);
  EXPECT_EQ(count("events"), 0);
}

TEST_F(Households, AnExternalRefTakenByTheLastPersonRollsBackTheOthersInTheWriter) {
  // Passes every check on the caller's thread; refused in the writer's
  // transaction, after five cases were inserted there.
  auto family = family_of_six();
  family[0].the_case.external_ref = "MIG-1";
  family[5].the_case.external_ref = "MIG-1";
  auto stored = store->create_cases(reception(), std::move(family), today());
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.problem().kind, ProblemKind::conflict);
  ASSERT_FALSE(stored.problem().errors.empty());
  EXPECT_EQ(stored.problem().errors[0].field, "cases[5].external_ref");
  EXPECT_EQ(count("cases"), 0);
  EXPECT_EQ(count("events"), 0);
  EXPECT_EQ(count("audit"), 0);
}

TEST_F(Households, AnotherMunicipalitysPersonIsOutsideAReceptionUnitsScope) {
  auto family = family_of_six();
  family[2].the_case.municipality = "berg";
  auto stored = store->create_cases(reception(), std::move(family), today());
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.problem().kind, ProblemKind::forbidden);
  EXPECT_EQ(stored.problem().errors.at(0).field, "cases[2].municipality");
  EXPECT_EQ(count("cases"), 0);
}

TEST_F(Households, AHealthCentreMayNotCreateCases) {
  auto stored = store->create_cases(caller(Role::hc, "hc:berg"), family_of_six(), today());
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.problem().kind, ProblemKind::forbidden);
}

TEST_F(Households, PossibleDuplicatesAreToldPerPersonAndAConfirmedPersonIsNotChecked) {
  create(person("Amina", "Haddad", "2016-05-05"), {});
  std::vector<std::vector<PossibleDuplicate>> duplicates;
  auto stored = store->create_cases(reception(), family_of_six(), today(), &duplicates);
  ASSERT_FALSE(stored);
  EXPECT_EQ(stored.problem().kind, ProblemKind::conflict);
  ASSERT_EQ(duplicates.size(), 6u);
  EXPECT_TRUE(duplicates[0].empty());
  ASSERT_EQ(duplicates[2].size(), 1u);
  EXPECT_TRUE(duplicates[2][0].same_name_and_birth_date);
  EXPECT_EQ(count("cases"), 1);

  auto family = family_of_six();
  family[2].confirmed_new = true;
  stored = store->create_cases(reception(), std::move(family), today(), &duplicates);
  ASSERT_TRUE(stored) << stored.problem().detail;
  EXPECT_EQ(count("cases"), 7);
}

// The same person twice in one household form (typed twice, or a row
// pasted twice): named at the later one, unless confirmed new; only when
// the caller asks for duplicates, as the look in the database.
TEST_F(Households, OnePersonTwiceInOneWriteIsNamedUnlessConfirmed) {
  struct Row {
    const char* what;
    const char* family;  // each row its own family: nobody of an earlier row matches
    const char* given;  // the second person's given name ("Amina" is the first's)
    const char* birth;
    bool confirmed_new;
    bool look_for_duplicates;
    bool refused;
  };
  const Row rows[] = {
      {"the same name and birth date", "Haddad", "Amina", "2016-05-05", false, true, true},
      {"another letter case", "Hassan", "AMINA", "2016-05-05", false, true, true},
      {"another birth date", "Karimi", "Amina", "2016-05-06", false, true, false},
      {"another name", "Nasser", "Aminah", "2016-05-05", false, true, false},
      {"confirmed new", "Rahimi", "Amina", "2016-05-05", true, true, false},
      {"duplicates not asked for", "Saleh", "Amina", "2016-05-05", false, false, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.what);
    const std::int64_t before = count("cases");
    auto family = family_of_six(row.family);
    family[4] = member(row.given, row.birth, row.family);
    family[4].confirmed_new = row.confirmed_new;
    std::vector<std::vector<PossibleDuplicate>> duplicates;
    auto stored =
        store->create_cases(reception(), std::move(family), today(), row.look_for_duplicates ? &duplicates : nullptr);
    if (!row.refused) {
      EXPECT_TRUE(stored) << stored.problem().detail;
      EXPECT_EQ(count("cases"), before + 6);
      continue;
    }
    ASSERT_FALSE(stored);
    EXPECT_EQ(stored.problem().kind, ProblemKind::invalid);
    ASSERT_EQ(stored.problem().errors.size(), 1u);
    EXPECT_EQ(stored.problem().errors[0].field, "cases[4].given_name");
    EXPECT_EQ(stored.problem().errors[0].message, "the same name and birth date as cases[2] of this write");
    EXPECT_EQ(count("cases"), before);
  }
}

// Two officers (or two tabs) register one person at the same moment: each
// looks, finds nobody, and writes. The writer looks again inside each
// write's transaction, so the person is registered once and every other
// caller is shown the case that won, as a possible duplicate.
TEST_F(Households, OnePersonCreatedAtOnceByEightIsRegisteredOnce) {
  constexpr int callers = 8;
  std::atomic<int> created{0}, told{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < callers; ++i)
    threads.emplace_back([&] {
      std::vector<PossibleDuplicate> duplicates;
      Case amina = person("Amina", "Haddad", "2016-05-05");
      auto stored = store->create_case(reception(), std::move(amina), {}, today(), &duplicates);
      if (stored) ++created;
      else if (stored.problem().kind == ProblemKind::conflict && duplicates.size() == 1 &&
               duplicates[0].same_name_and_birth_date)
        ++told;
      else ++other;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(told.load(), callers - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(count("cases"), 1);
}

TEST_F(Households, OneHouseholdSentAtOnceFromFourTabsIsRegisteredOnce) {
  constexpr int tabs = 4;
  std::atomic<int> created{0}, told{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < tabs; ++i)
    threads.emplace_back([&] {
      std::vector<std::vector<PossibleDuplicate>> duplicates;
      auto stored = store->create_cases(reception(), family_of_six(), today(), &duplicates);
      if (stored) ++created;
      else if (stored.problem().kind == ProblemKind::conflict &&
               std::any_of(duplicates.begin(), duplicates.end(), [](const auto& one) { return !one.empty(); }))
        ++told;
      else ++other;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(told.load(), tabs - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(count("cases"), 6);
}

TEST_F(Households, OneEventForSeveralMembersIsOneWriteAllOrNothing) {
  auto stored = store->create_cases(reception(), family_of_six(), today());
  ASSERT_TRUE(stored);
  std::vector<Store::NewEvent> events;
  for (std::size_t i = 2; i < 6; ++i)
    events.push_back({(*stored)[i].the_case.id, event(EventType::health_centre_notified, "2026-11-25")});
  // The last one is dated after today: nothing at all is appended.
  events.back().event.date = day("2026-11-26");
  auto refused = store->append_events(reception(), events, today());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.problem().errors.at(0).field, "events[3].date");
  EXPECT_EQ(count("events"), 6);

  events.back().event.date = day("2026-11-25");
  const auto before = store->stats().writer;
  auto appended = store->append_events(reception(), events, today());
  ASSERT_TRUE(appended) << appended.problem().detail;
  EXPECT_EQ(store->stats().writer.group_requests - before.group_requests, 1u);
  ASSERT_EQ(appended->size(), 4u);
  EXPECT_EQ((*appended)[0].event.seq, 2);
  EXPECT_EQ(count("events"), 10);
}

TEST_F(Households, ARefusalInTheWritersCheckRollsBackTheEarlierAppends) {
  auto stored = store->create_cases(reception(), family_of_six(), today());
  ASSERT_TRUE(stored);
  Case other = person("Bo", "Berg", "2015-01-01", "berg");
  const CaseId outside = create(other, {}).the_case.id;
  std::vector<Store::NewEvent> events = {
      {(*stored)[2].the_case.id, event(EventType::health_centre_notified, "2026-11-25")},
      {outside, event(EventType::health_centre_notified, "2026-11-25")}};
  auto refused = store->append_events(reception(), events, today());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.problem().kind, ProblemKind::not_found) << "another municipality's case: as if it did not exist";
  EXPECT_EQ(count("events"), 6);
}

TEST_F(Households, RepeatedEventIdsRecordNothingNew) {
  auto stored = store->create_cases(reception(), family_of_six(), today());
  ASSERT_TRUE(stored);
  Event notified = event(EventType::school_notified, "2026-11-25");
  notified.event_id = "web-1";
  std::vector<Store::NewEvent> events = {{(*stored)[2].the_case.id, notified}, {(*stored)[3].the_case.id, notified}};
  ASSERT_TRUE(store->append_events(reception(), events, today()));
  auto again = store->append_events(reception(), events, today());
  ASSERT_TRUE(again);
  EXPECT_TRUE((*again)[0].repeated);
  EXPECT_TRUE((*again)[1].repeated);
  EXPECT_EQ(count("events"), 8);
}

}  // namespace
}  // namespace kedja::storage::testing
