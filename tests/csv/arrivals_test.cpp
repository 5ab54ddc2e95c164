// csv::ArrivalsFile and csv::check_arrivals: an arrivals file read as
// `kedja import` and an upload page read it.
#include "csv/arrivals.h"
#include "csv/import.h"

#include "domain/calendar.h"
#include "domain/json/config_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace kedja::csv {
namespace {

const json::Config& config() {
  static const json::Config loaded = [] {
    auto result = json::load_config(KEDJA_SOURCE_DIR "/config");
    if (!result) throw std::runtime_error(result.problem().detail);
    return std::move(*result);
  }();
  return loaded;
}

const EngineContext& engine() {
  static const EngineContext context{config().rule_sets, config().region, Calendar::swedish()};
  return context;
}

ArrivalsContext context() { return {engine(), Date{date::year{2026} / 11 / 25}, "2026-11-25T08:00:00Z"}; }

const std::string header =
    "Dossiernummer;Förnamn;Efternamn;Födelsedatum;Kön;Språk;Kommun;Aviseringsdatum;Förväntat ankomstdatum\n";

TEST(EditDistance, CountsCharactersNotBytes) {
  static const struct {
    const char* a;
    const char* b;
    std::size_t distance;
  } cases[] = {
      {"houshold", "household", 1}, {"hushål", "hushåll", 1}, {"kon", "kön", 1},
      {"kommentar", "kommun", 4},   {"", "abc", 3},           {"same", "same", 0},
  };
  for (const auto& c : cases) EXPECT_EQ(edit_distance(c.a, c.b), c.distance) << c.a << " / " << c.b;
}

TEST(LowerCase, FoldsAsciiAndSwedishLetters) {
  EXPECT_EQ(lower_case("ÖSTERSUND Åre ÄLV É"), "östersund åre älv é");
  EXPECT_EQ(lower_case("×"), "×");  // not a letter
}

TEST(ArrivalsFile, ReadsTheHeaderInSwedishAndEachRowAsACase) {
  auto file = ArrivalsFile::read(header + "MIG-1;Åsa;Öberg;2016-05-05;K;arabiska;Åre;2026-11-20;2026-12-01\n");
  ASSERT_TRUE(file.ok()) << file.problem().detail;
  EXPECT_EQ(file->encoding(), "UTF-8");
  ASSERT_EQ(file->row_count(), 1u);
  EXPECT_EQ(file->line_of(0), 2);
  EXPECT_EQ(file->column_as_named("sex"), "Kön");
  auto row = file->row(0, context());
  ASSERT_TRUE(row.ok()) << row.problem().errors.at(0).field << ": " << row.problem().errors.at(0).message;
  EXPECT_EQ(row->the_case.sex, Sex::F);
  EXPECT_EQ(row->the_case.municipality, "are");
  EXPECT_EQ(row->the_case.external_ref, "MIG-1");
  ASSERT_EQ(row->events.size(), 1u);
  EXPECT_EQ(row->events[0].recorded_by.str(), "reception:are");
}

TEST(ArrivalsFile, AWindows1252FileIsDecoded) {
  auto file = ArrivalsFile::read("F\xF6rnamn;Efternamn;F\xF6" "delsedatum;K\xF6n;Spr\xE5k;Kommun;Aviseringsdatum;"
                                 "F\xF6rv\xE4ntat ankomstdatum\r\n"
                                 "\xC5sa;\xD6" "berg;2016-05-05;K;arabiska;\xC5re;2026-11-20;2026-12-01\r\n");
  ASSERT_TRUE(file.ok()) << file.problem().detail;
  EXPECT_EQ(file->encoding(), "Windows-1252");
  auto row = file->row(0, context());
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->the_case.given_name, "Åsa");
  EXPECT_EQ(row->the_case.municipality, "are");
}

TEST(ArrivalsFile, HeaderProblemsAndWarnings) {
  static const struct {
    std::string header;
    bool ok;
    const char* field;    // of the first error, or of the first warning when ok
    const char* message;
  } cases[] = {
      {header.substr(0, header.size() - 1) + ";kommentar\n", true, "line 1: kommentar", "unknown column; ignored"},
      {header.substr(0, header.size() - 1) + ";;;\n", true, "", ""},
      {"houshold;" + header, false, "line 1: houshold", "unknown column; did you mean household?"},
      {"Förnamn;Efternamn\n", false, "line 1: birth_date", "missing column (named birth_date or födelsedatum)"},
  };
  for (const auto& c : cases) {
    auto file = ArrivalsFile::read(c.header);
    ASSERT_EQ(file.ok(), c.ok) << c.header;
    if (!c.ok) {
      ASSERT_FALSE(file.problem().errors.empty());
      EXPECT_EQ(file.problem().errors[0].field, c.field) << c.header;
      EXPECT_EQ(file.problem().errors[0].message, c.message) << c.header;
    } else if (*c.field) {
      ASSERT_FALSE(file->warnings().empty()) << c.header;
      EXPECT_EQ(file->warnings()[0].field, c.field);
      EXPECT_EQ(file->warnings()[0].message, c.message);
    } else {
      EXPECT_TRUE(file->warnings().empty()) << c.header;
    }
  }
}

TEST(ArrivalsFile, RowProblemsNameLineColumnAndValidValues) {
  auto file = ArrivalsFile::read(header +
                                 ";;;;;;;;\n"  // line 2, cleared: skipped
                                 "MIG-1;Åsa;Öberg;2016-05-05;Q;arabiska;Östersnd;2026-11-20;2026-12-01\n"
                                 "MIG-1;Åsa;Öberg;2016-05-05;M;arabiska;berg;2026-11-26;2026-12-01\n");
  ASSERT_TRUE(file.ok());
  ASSERT_EQ(file->row_count(), 2u);
  auto first = file->row(0, context());
  ASSERT_FALSE(first.ok());
  ASSERT_EQ(first.problem().errors.size(), 2u);
  EXPECT_EQ(first.problem().errors[0].field, "line 3: Kommun");
  EXPECT_EQ(first.problem().errors[0].message,
            "unknown municipality \"Östersnd\" — one of: Berg, Bräcke, Härjedalen, Krokom, Ragunda, Strömsund, "
            "Åre, Östersund");
  EXPECT_EQ(first.problem().errors[1].field, "line 3: Kön");
  auto second = file->row(1, context());
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.problem().errors[0].field, "line 4: Dossiernummer");
  EXPECT_EQ(second.problem().errors[0].message, "\"MIG-1\" is already on line 3");
}

class PreviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() / ("kedja-csv-preview-" + std::to_string(::getpid()) + ".db");
    remove_files();
    store_ = std::make_unique<storage::Store>(storage::Options{path_.string(), false}, engine());
  }
  void TearDown() override {
    store_.reset();
    remove_files();
  }
  void remove_files() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(path_.string() + suffix);
  }
  std::filesystem::path path_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(PreviewTest, ChecksEveryRowAndTheDatabaseAndWritesNothing) {
  const std::string good = header + "MIG-1;Åsa;Öberg;2016-05-05;K;arabiska;Åre;2026-11-20;2026-12-01\n";
  auto preview = check_arrivals(good + "MIG-2;Ali;Karimi;2016-02-30;M;dari;berg;2026-11-20;2026-12-01\n",
                                context(), *store_);
  EXPECT_EQ(preview.encoding, "UTF-8");
  EXPECT_EQ(preview.cases.size(), 1u);
  ASSERT_EQ(preview.errors.size(), 1u);
  EXPECT_EQ(preview.errors[0].field, "line 3: Födelsedatum");
  EXPECT_TRUE(store_->list_cases(Caller{Role::admin, std::nullopt, "test"}, {}, context().today).items.empty());

  // Once MIG-1 is in the database, the same file's MIG-1 is a bad row.
  auto loaded = ArrivalsFile::read(good);
  ASSERT_TRUE(loaded.ok());
  bool done = false;
  store_->bulk_load([&](storage::Store::BulkCase& out) {
    if (done) return false;
    out = *loaded->row(0, context());
    done = true;
    return true;
  });
  auto again = check_arrivals(good, context(), *store_);
  EXPECT_TRUE(again.cases.size() == 1u) << "the row itself is good";
  ASSERT_EQ(again.errors.size(), 1u);
  EXPECT_EQ(again.errors[0].field, "line 2: Dossiernummer");
  EXPECT_EQ(again.errors[0].message, "\"MIG-1\" is already in the database");
}


// The web page imports as its caller (issue 14 §4): the same checks as
// `kedja import`, the caller's role and scope on top, and an audit row.
TEST_F(PreviewTest, AReceptionUnitImportsOnlyItsOwnMunicipalityAndNothingElse) {
  const Caller krokom{Role::reception, ActorId{"reception:krokom"}, "mottagningen"};
  const std::string file = header + "MIG-1;Åsa;Öberg;2016-05-05;K;arabiska;Krokom;2026-11-20;2026-12-01\n" +
                           "MIG-2;Ali;Karimi;2016-02-03;M;dari;berg;2026-11-20;2026-12-01\n";
  const auto checked = check_arrivals(file, context(), *store_, &krokom);
  EXPECT_EQ(checked.cases.size(), 1u);
  ASSERT_EQ(checked.errors.size(), 1u);
  EXPECT_EQ(checked.errors[0].field, "line 3: Kommun");
  EXPECT_EQ(checked.errors[0].message, "outside your scope: you may import only people of Krokom");
  EXPECT_EQ(checked.bad_rows, 1u);

  const auto refused = import_arrivals(file, context(), *store_, &krokom);
  EXPECT_FALSE(refused.ok());
  EXPECT_EQ(refused.loaded, 0);
  EXPECT_EQ(refused.errors.size(), 1u);
  const Caller admin{Role::admin, std::nullopt, "test"};
  EXPECT_TRUE(store_->list_cases(admin, {}, context().today).items.empty());

  // The operator (no caller) may import both.
  EXPECT_TRUE(check_arrivals(file, context(), *store_).ok());
}

TEST_F(PreviewTest, ARoleThatMayNotCreateCasesIsRefusedBeforeARowIsRead) {
  const Caller school{Role::school, ActorId{"school:krokom"}, "skolan"};
  const auto refused = import_arrivals(header, context(), *store_, &school);
  EXPECT_TRUE(refused.forbidden);
  EXPECT_FALSE(refused.ok());
}

TEST_F(PreviewTest, AnImportByACallerReturnsTheIdsAndIsAudited) {
  const Caller mv{Role::mv, ActorId{"mv:jamtland"}, "migrationsverket"};
  const std::string file = header + "MIG-1;Åsa;Öberg;2016-05-05;K;arabiska;Krokom;2026-11-20;2026-12-01\n" +
                           "MIG-2;Ali;Karimi;2016-02-03;M;dari;berg;2026-11-20;2026-12-01\n";
  const auto done = import_arrivals(file, context(), *store_, &mv);
  ASSERT_TRUE(done.ok()) << done.detail;
  EXPECT_EQ(done.loaded, 2);
  ASSERT_EQ(done.created.size(), 2u);
  const Caller admin{Role::admin, std::nullopt, "test"};
  const auto found = store_->find_case(admin, done.created[1], context().today);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->the_case.given_name, "Ali");
  const auto audit = store_->audit(done.created[0], 100, std::nullopt);
  bool imported = false;
  for (const auto& entry : audit.items) imported |= entry.action == "import" && entry.token == "migrationsverket";
  EXPECT_TRUE(imported);
}

}  // namespace
}  // namespace kedja::csv
