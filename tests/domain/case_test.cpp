// parse_case (domain/case.h) against the shipped region.
#include "domain_fixture.h"

namespace kedja::testing {
namespace {

RawFields valid_fields() {
  return {{"given_name", "Amina"}, {"family_name", "Yusuf"}, {"birth_date", "2017-05-01"},
          {"sex", "F"},            {"language", "so"},       {"municipality", "are"}};
}

RawFields with(RawFields fields, const std::string& name, RawValue value) {
  for (auto& [key, old] : fields)
    if (key == name) return old = std::move(value), fields;
  fields.emplace_back(name, std::move(value));
  return fields;
}

RawFields without(RawFields fields, const std::string& name) {
  std::erase_if(fields, [&](const auto& field) { return field.first == name; });
  return fields;
}

TEST(Case, ParsesTheFieldsAndDefaultsTheHealthCentre) {
  auto parsed = parse_case(valid_fields(), shipped_config().region);
  ASSERT_TRUE(parsed.ok()) << parsed.problem().detail;
  EXPECT_EQ(parsed->given_name, "Amina");
  EXPECT_EQ(parsed->birth_date, day("2017-05-01"));
  EXPECT_EQ(parsed->sex, Sex::F);
  EXPECT_EQ(parsed->health_centre.str(), "hc:are");
  EXPECT_FALSE(parsed->interpreter_needed);
  EXPECT_FALSE(parsed->unaccompanied);
  EXPECT_FALSE(parsed->external_ref.has_value());
}

TEST(Case, RefusesBadInputNamingTheField) {
  static const struct {
    const char* what;
    RawFields fields;
    bool lenient;
    const char* field;
  } cases[] = {
      {"missing given name", without(valid_fields(), "given_name"), false, "given_name"},
      {"empty family name", with(valid_fields(), "family_name", ""), false, "family_name"},
      {"bad birth date", with(valid_fields(), "birth_date", "2017-02-29"), false, "birth_date"},
      {"birth date before 1900", with(valid_fields(), "birth_date", "1899-12-31"), false, "birth_date"},
      {"missing birth date", without(valid_fields(), "birth_date"), false, "birth_date"},
      {"unknown sex", with(valid_fields(), "sex", "K"), false, "sex"},
      {"missing language", without(valid_fields(), "language"), false, "language"},
      {"unknown municipality", with(valid_fields(), "municipality", "uppsala"), false, "municipality"},
      {"missing municipality", without(valid_fields(), "municipality"), false, "municipality"},
      {"unknown health centre", with(valid_fields(), "health_centre", "hc:nowhere"), false, "health_centre"},
      {"a school as health centre", with(valid_fields(), "health_centre", "school:are"), false, "health_centre"},
      {"string for a boolean", with(valid_fields(), "unaccompanied", "true"), false, "unaccompanied"},
      {"lenient nonsense boolean", with(valid_fields(), "interpreter_needed", "kanske"), true, "interpreter_needed"},
      {"number for a name", with(valid_fields(), "given_name", std::int64_t{7}), false, "given_name"},
      {"unknown field", with(valid_fields(), "shoe_size", "42"), false, "shoe_size"},
      {"lenient empty required", with(valid_fields(), "language", ""), true, "language"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_case(c.fields, shipped_config().region, c.lenient);
    ASSERT_FALSE(parsed.ok()) << c.what;
    EXPECT_EQ(parsed.problem().kind, ProblemKind::invalid) << c.what;
    EXPECT_EQ(parsed.problem().errors.front().field, c.field) << c.what;
  }
}

TEST(Case, TakesBirthDatesBeforeTheCalendarsFirstYear) {
  // Adults born before 1990 are most of the establishment programme.
  auto parsed = parse_case(with(valid_fields(), "birth_date", "1975-03-02"), shipped_config().region);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->birth_date, day("1975-03-02"));
}

TEST(Case, IgnoresIdAndEventsWhichTheCallerHandles) {
  RawFields fields = with(with(valid_fields(), "id", "x"), "events", RawValue{});
  EXPECT_TRUE(parse_case(fields, shipped_config().region).ok());
}

TEST(Case, LenientInputTakesJaNejAndEmptyAsAbsent) {
  RawFields fields = with(with(with(valid_fields(), "interpreter_needed", "JA"), "unaccompanied", "nej"),
                          "external_ref", "");
  auto parsed = parse_case(fields, shipped_config().region, true);
  ASSERT_TRUE(parsed.ok()) << parsed.problem().detail;
  EXPECT_TRUE(parsed->interpreter_needed);
  EXPECT_FALSE(parsed->unaccompanied);
  EXPECT_FALSE(parsed->external_ref.has_value());
}

TEST(Case, KeepsAGivenHealthCentreAndRuleSet) {
  RawFields fields = with(with(valid_fields(), "health_centre", "hc:are-jarpen"), "rule_set", "default-2018");
  auto parsed = parse_case(fields, shipped_config().region);
  ASSERT_TRUE(parsed.ok()) << parsed.problem().detail;
  EXPECT_EQ(parsed->health_centre.str(), "hc:are-jarpen");
  EXPECT_EQ(parsed->rule_set, RuleSetId{"default-2018"});
}

TEST(Case, PutsThePrefixBeforeFieldNames) {
  auto parsed = parse_case(without(valid_fields(), "sex"), shipped_config().region, false, "line 7: ");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem().errors.front().field, "line 7: sex");
}

std::string repeat(const std::string& unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Contract §2 input rules (v1.1), issue 12 §3: control characters are
// refused naming the field; lengths are counted in characters, not bytes.
TEST(Case, RefusesControlCharactersNamingTheField) {
  static const struct {
    const char* field;
    std::string value;
  } cases[] = {
      {"given_name", "Amina\x1b[2J"},               // ESC
      {"family_name", "Yusuf\x07"},                 // BEL
      {"family_name", "Yu\bsuf"},                   // BS
      {"given_name", std::string("Ami\0na", 7)},    // NUL
      {"language", "so\x7f"},                       // DEL
      {"household", "H\x1f" "1"},
      {"external_ref", "MIG-1\n"},
      {"given_name", "Ami\tna"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_case(with(valid_fields(), c.field, c.value), shipped_config().region);
    ASSERT_FALSE(parsed.ok()) << c.field;
    ASSERT_EQ(parsed.problem().errors.size(), 1u) << c.field;
    EXPECT_EQ(parsed.problem().errors[0].field, c.field);
    EXPECT_NE(parsed.problem().errors[0].message.find("control character"), std::string::npos)
        << parsed.problem().errors[0].message;
    // The message names the character, never prints it.
    EXPECT_EQ(parsed.problem().errors[0].message.find_first_of(std::string("\x1b\x07\b\x7f\x1f\n\t\0", 8)),
              std::string::npos);
  }
}

TEST(Case, RefusesTextThatIsNotUtf8NamingTheField) {
  auto parsed = parse_case(with(valid_fields(), "family_name", "\xC3("), shipped_config().region);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.problem().errors[0].field, "family_name");
}

TEST(Case, CountsLengthsInCharactersNotBytes) {
  const std::string a_ring = "\xC3\xA5";  // å: two bytes, one character
  static const struct {
    const char* field;
    std::size_t longest;
  } limits[] = {
      {"given_name", 200}, {"family_name", 200}, {"language", 35}, {"household", 100}, {"external_ref", 64},
  };
  for (const auto& limit : limits) {
    auto fits = parse_case(with(valid_fields(), limit.field, repeat(a_ring, limit.longest)), shipped_config().region);
    EXPECT_TRUE(fits.ok()) << limit.field << ": " << (fits ? "" : fits.problem().detail);
    auto too_long =
        parse_case(with(valid_fields(), limit.field, repeat(a_ring, limit.longest + 1)), shipped_config().region);
    ASSERT_FALSE(too_long.ok()) << limit.field;
    EXPECT_EQ(too_long.problem().errors[0].field, limit.field);
    EXPECT_NE(too_long.problem().errors[0].message.find("at most " + std::to_string(limit.longest)),
              std::string::npos) << too_long.problem().errors[0].message;
    auto empty = parse_case(with(valid_fields(), limit.field, ""), shipped_config().region);
    ASSERT_FALSE(empty.ok()) << limit.field;
    EXPECT_EQ(empty.problem().errors[0].field, limit.field);
  }
}

}  // namespace
}  // namespace kedja::testing
