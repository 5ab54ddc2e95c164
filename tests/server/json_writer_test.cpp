// JsonWriter: escaping, UTF-8 repair, commas and nesting, numbers, dates.
#include "server/json_writer.h"
#include "server/problem.h"

#include <gtest/gtest.h>

#include <limits>

namespace kedja::server {
namespace {

using namespace std::string_literals;

std::string written_string(std::string_view text) {
  std::string out;
  JsonWriter(out).string(text);
  return out;
}

TEST(JsonWriter, EscapesStringsAsJsonRequires) {
  static const struct {
    std::string input;
    std::string json;
  } cases[] = {
      {"", R"("")"},
      {"Amina Haddad", R"("Amina Haddad")"},
      {R"(say "hej")", R"("say \"hej\"")"},
      {R"(C:\dir\)", R"("C:\\dir\\")"},
      {"/ stays", R"("/ stays")"},
      {"\b\f\n\r\t", R"("\b\f\n\r\t")"},
      {"\0\x01\x1f"s, R"("\u0000\u0001\u001f")"},
      {"a\x0b" "b", R"("a\u000bb")"},
      {"\x7f", "\"\x7f\""},  // DEL is no control character to JSON
      {"Åsa Öberg", R"("Åsa Öberg")"},
      {"€ ह 😀", R"("€ ह 😀")"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(written_string(c.input), c.json) << c.json;
    EXPECT_EQ(Json::parse(c.json).get<std::string>(), c.input) << c.json;
  }
}

// Each ill-formed sequence (lead byte and the continuation bytes that fit
// it) becomes one U+FFFD; the byte that broke it is read again.
TEST(JsonWriter, ReplacesInvalidUtf8AsDumpJsonDoes) {
  static const struct {
    std::string input;
    std::string value;  // what a parser reads back
  } cases[] = {
      {"\xff", "\uFFFD"},
      {"a\x80z", "a\uFFFDz"},                   // a lone continuation byte
      {"a\xc3(", "a\uFFFD("},                   // a lead byte without its continuation
      {"\xe2\x82", "\uFFFD"},                   // cut short at the end
      {"\xe2\x82x", "\uFFFDx"},                 // cut short in the middle
      {"\xf0\x9f\x98", "\uFFFD"},               // four-byte sequence cut short
      {"\xc0\x80", "\uFFFD\uFFFD"},             // overlong NUL
      {"\xe0\x80\xaf", "\uFFFD\uFFFD\uFFFD"},   // overlong '/'
      {"\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},   // a UTF-16 surrogate
      {"\xf4\x90\x80\x80", "\uFFFD\uFFFD\uFFFD\uFFFD"},  // past U+10FFFF
      {"\xf5\x80", "\uFFFD\uFFFD"},
      {"\xc3\xa5\xff\xc3\xa5", "å\uFFFDå"},     // valid around invalid
      {"\xe2\x82\xc3\xa5", "\uFFFDå"},          // a new lead byte ends the old sequence
      {"\"\xff\\", "\"\uFFFD\\"},
  };
  for (const auto& c : cases) {
    const std::string json = written_string(c.input);
    EXPECT_EQ(json, dump_json(Json(c.input))) << c.value;
    const Json parsed = Json::parse(json, nullptr, false);
    ASSERT_TRUE(parsed.is_string()) << json;
    EXPECT_EQ(parsed.get<std::string>(), c.value) << json;
  }
}

TEST(JsonWriter, PlacesCommasBetweenMembersAndElements) {
  std::string out;
  {
    JsonWriter writer(out);
    writer.begin_object().key("a").integer(1).key("b").begin_array();
    writer.integer(1).string("x").null().boolean(true).boolean(false);
    writer.begin_object().end_object().begin_array().end_array();
    writer.begin_array().begin_object().key("c").null().end_object().end_array();
    writer.end_array().key("d").begin_object().key("e").string_or_null(std::nullopt);
    writer.key("f").string_or_null("g").end_object().end_object();
  }
  EXPECT_EQ(out, R"({"a":1,"b":[1,"x",null,true,false,{},[],[{"c":null}]],"d":{"e":null,"f":"g"}})");
  EXPECT_FALSE(Json::parse(out, nullptr, false).is_discarded());
}

TEST(JsonWriter, AppendsToWhatTheStringHolds) {
  std::string out = "[";
  JsonWriter(out).integer(7);
  EXPECT_EQ(out, "[7");
}

TEST(JsonWriter, WritesMemberNamesAsGiven) {
  std::string out;
  JsonWriter(out).begin_object().key("as_of").integer(0).key("1-5").integer(1).end_object();
  EXPECT_EQ(out, R"({"as_of":0,"1-5":1})");
}

// A member name is a JsonName, which a name that JSON would escape cannot
// be: it does not compile (JsonName's constructor is consteval).
TEST(JsonName, TakesOnlyNamesThatNeedNoEscaping) {
  static const std::string longest(JsonName::max_size, 'x'), too_long(JsonName::max_size + 1, 'x');
  static const struct {
    std::string_view name;
    bool valid;
  } cases[] = {
      {"as_of", true},   {"1-5", true},       {"21+", true},       {"", true},
      {"a\"b", false},  {"a\\b", false},     {"a\nb", false},     {"\x7f", false},
      {"å", false},      {std::string_view("a\0b", 3), false},
      {longest, true},   {too_long, false},
  };
  for (const auto& c : cases) EXPECT_EQ(JsonName::valid(c.name), c.valid) << c.name;
  static_assert(JsonName("as_of").member_text() == R"("as_of":)");
  static_assert(JsonName("as_of").str() == "as_of");
}

TEST(JsonWriter, WritesIntegers) {
  static const struct {
    std::int64_t number;
    const char* json;
  } cases[] = {
      {0, "0"},
      {17, "17"},
      {-3, "-3"},
      {std::numeric_limits<std::int64_t>::max(), "9223372036854775807"},
      {std::numeric_limits<std::int64_t>::min(), "-9223372036854775808"},
  };
  for (const auto& c : cases) {
    std::string out;
    JsonWriter(out).integer(c.number);
    EXPECT_EQ(out, c.json);
  }
}

TEST(JsonWriter, WritesDatesAsFormatDate) {
  using namespace date::literals;
  static const Date cases[] = {
      Date{},                                  // 1970-01-01
      Date{2026_y / date::November / 2},
      Date{1900_y / date::March / 1},
      Date{2199_y / date::December / 31},
      Date{date::year{1} / date::January / 9},
      Date{date::year{12345} / date::May / 6},  // beyond four digits: as format_date says
  };
  for (const Date day : cases) {
    std::string out;
    JsonWriter(out).date(day);
    EXPECT_EQ(out, '"' + format_date(day) + '"');
  }
}

}  // namespace
}  // namespace kedja::server
