// Query strings: splitting, decoding, duplicates and typed reads.
#include "server/query.h"

#include <gtest/gtest.h>

namespace kedja::server {
namespace {

TEST(ParseTarget, SplitsPathAndDecodesParameters) {
  const auto target = parse_target("/v1/cases?q=%C3%85sa+B&municipality=are&empty=");
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->path, "/v1/cases");
  EXPECT_EQ(target->params.at("q"), "\xC3\x85sa B");
  EXPECT_EQ(target->params.at("municipality"), "are");
  EXPECT_EQ(target->params.at("empty"), "");
}

TEST(ParseTarget, RefusesAParameterGivenTwice) {
  const auto target = parse_target("/v1/due?from=2026-01-01&from=2026-02-01");
  ASSERT_FALSE(target.ok());
  EXPECT_EQ(target.problem().errors.at(0).field, "from");
}

TEST(ParseTarget, RefusesBadEscapes) {
  static const char* const cases[] = {"/x?a=%", "/x?a=%4", "/x?a=%G1", "/x?a%zz=1"};
  for (const char* text : cases) EXPECT_FALSE(parse_target(text).ok()) << text;
}

TEST(Query, ReadsLimitWithinBounds) {
  static const struct {
    const char* target;
    int limit;
    bool ok;
  } cases[] = {
      {"/x", 100, true},           {"/x?limit=1", 1, true},     {"/x?limit=1000", 1000, true},
      {"/x?limit=0", 100, false},  {"/x?limit=1001", 100, false}, {"/x?limit=5x", 100, false},
      {"/x?limit=+5", 100, false}, {"/x?limit=", 100, true},
  };
  for (const auto& c : cases) {
    const auto target = parse_target(c.target);
    ASSERT_TRUE(target.ok()) << c.target;
    Query query(*target);
    EXPECT_EQ(query.limit(), c.limit) << c.target;
    EXPECT_EQ(!query.problem(), c.ok) << c.target;
  }
}

TEST(Query, RefusesUnknownParameterNames) {
  const auto target = parse_target("/x?municipalty=berg&limit=3");
  Query query(*target);
  query.allow_only({"municipality", "limit"});
  ASSERT_TRUE(query.problem());
  EXPECT_EQ(query.problem()->errors.size(), 1u);
  EXPECT_EQ(query.problem()->errors[0].field, "municipalty");
}

TEST(Query, RefusesImpossibleAndOutOfRangeDates) {
  static const char* const cases[] = {"2026-02-30", "2026-2-03", "1900-01-01", "20260203", "x"};
  for (const char* text : cases) {
    const auto target = parse_target(std::string("/x?as_of=") + text);
    Query query(*target);
    EXPECT_FALSE(query.date("as_of")) << text;
    ASSERT_TRUE(query.problem()) << text;
    EXPECT_EQ(query.problem()->errors[0].field, "as_of") << text;
  }
}

}  // namespace
}  // namespace kedja::server
