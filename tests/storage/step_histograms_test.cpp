// kedja_histogram, the SQL function the step histograms' triggers call
// (storage/step_histograms.h): each case adds deltas to a histogram through
// SQLite and checks the entries left, or the error.
#include "storage/step_histograms.h"
#include "storage/store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace kedja::storage {
namespace {

using Entries = std::vector<HistogramEntry>;

struct Database {
  SQLite::Database db{":memory:", SQLite::OPEN_READWRITE};
  Database() {
    register_histogram_function(db);
    db.exec("CREATE TABLE h (counts BLOB)");
    db.exec("INSERT INTO h VALUES (NULL)");
  }
  // Applies (value, delta) in order; nullopt when the histogram is gone.
  std::optional<Entries> apply(const std::vector<std::pair<long long, long long>>& steps) {
    for (const auto& [value, delta] : steps) {
      SQLite::Statement update(db, "UPDATE h SET counts = kedja_histogram(counts, ?1, ?2)");
      update.bind(1, static_cast<std::int64_t>(value));
      update.bind(2, static_cast<std::int64_t>(delta));
      update.exec();
    }
    SQLite::Statement read(db, "SELECT counts FROM h");
    read.executeStep();
    if (read.getColumn(0).isNull()) return std::nullopt;
    const auto* data = static_cast<const unsigned char*>(read.getColumn(0).getBlob());
    return histogram_entries({data, static_cast<std::size_t>(read.getColumn(0).getBytes())});
  }
};

TEST(StepHistogramsTest, AddingAndTakingAwayKeepsTheEntriesSortedWithoutZeros) {
  const struct {
    const char* what;
    std::vector<std::pair<long long, long long>> steps;
    std::optional<Entries> expected;
  } cases[] = {
      {"one value", {{5, 1}}, Entries{{5, 1}}},
      {"the same value twice", {{5, 1}, {5, 1}}, Entries{{5, 2}}},
      {"values sorted whatever the order", {{9, 1}, {-3, 2}, {5, 1}}, Entries{{-3, 2}, {5, 1}, {9, 1}}},
      {"a count down to 0 is removed", {{5, 1}, {7, 1}, {5, -1}}, Entries{{7, 1}}},
      {"nothing left is NULL", {{5, 2}, {5, -2}}, std::nullopt},
      {"a due day (days since 1970)", {{20417, 3}}, Entries{{20417, 3}}},
      {"int32's ends", {{2147483647, 1}, {-2147483648LL, 1}}, Entries{{-2147483647 - 1, 1}, {2147483647, 1}}},
  };
  for (const auto& c : cases) {
    Database d;
    EXPECT_EQ(d.apply(c.steps), c.expected) << c.what;
  }
}

TEST(StepHistogramsTest, TheEntriesBelowALimitAreThePrefixBeforeIt) {
  Database d;
  const auto entries = *d.apply({{3, 1}, {5, 2}, {9, 1}});
  SQLite::Statement read(d.db, "SELECT counts FROM h");
  read.executeStep();
  const std::span<const unsigned char> blob(static_cast<const unsigned char*>(read.getColumn(0).getBlob()),
                                            static_cast<std::size_t>(read.getColumn(0).getBytes()));
  const struct {
    std::int32_t limit;
    std::size_t entries;
  } cases[] = {{-100, 0}, {3, 0}, {4, 1}, {5, 1}, {6, 2}, {9, 2}, {10, 3}, {1000, 3}};
  for (const auto& c : cases) {
    const Entries below = histogram_entries(histogram_below(blob, c.limit));
    EXPECT_EQ(below, Entries(entries.begin(), entries.begin() + static_cast<std::ptrdiff_t>(c.entries)))
        << "below " << c.limit;
  }
}

TEST(StepHistogramsTest, DisagreementsAreSqlErrorsNotWrongCounts) {
  const struct {
    const char* what;
    std::vector<std::pair<long long, long long>> steps;
  } cases[] = {
      {"a count below 0", {{5, 1}, {5, -2}}},
      {"taking from an empty histogram", {{5, -1}}},
      {"a value above int32", {{2147483648LL, 1}}},
      {"a value below int32", {{-2147483649LL, 1}}},
  };
  for (const auto& c : cases) {
    Database d;
    EXPECT_THROW(d.apply(c.steps), SQLite::Exception) << c.what;
  }
}

TEST(StepHistogramsTest, ABlobThatIsNotAHistogramIsRefused) {
  Database d;
  d.db.exec("UPDATE h SET counts = x'0102030405'");  // 5 bytes: not pairs of 8
  EXPECT_THROW(d.apply({{1, 1}}), SQLite::Exception);
  const unsigned char five[5] = {1, 2, 3, 4, 5};
  EXPECT_THROW(histogram_entries(five), StorageError);
}

}  // namespace
}  // namespace kedja::storage
