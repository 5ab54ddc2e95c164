// The web pages' HTML writer escapes by construction; Swedish dates and
// working-day phrases.
#include "server/web/html_writer.h"
#include "server/web/swedish.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace kedja::server::web {
namespace {

TEST(HtmlWriter, ScriptTagInTextRendersAsText) {
  std::string out;
  HtmlWriter(out).element("td", "<script>alert(1)</script>");
  EXPECT_EQ(out, "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>");
}

TEST(HtmlWriter, AttributeValuesCannotCloseTheirQuotes) {
  std::string out;
  HtmlWriter(out).empty("input", {{"value", "\" onfocus=\"alert(1)"}, {"title", "it's <b>"}});
  EXPECT_EQ(out, "<input value=\"&quot; onfocus=&quot;alert(1)\" title=\"it&#39;s &lt;b&gt;\">");
}

TEST(HtmlWriter, AmpersandsAreEscapedOnce) {
  EXPECT_EQ(html_escaped("a & b &amp; c"), "a &amp; b &amp;amp; c");
}

TEST(HtmlWriter, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(html_escaped("Ö\xff" "k"), "Ö\xEF\xBF\xBDk");
  EXPECT_EQ(html_escaped("\xC3"), "\xEF\xBF\xBD");           // cut short
  EXPECT_EQ(html_escaped("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

TEST(HtmlWriter, RunsOfPlainTextBetweenEscapesAndUtf8ComeOutWhole) {
  static const struct {
    const char* text;
    const char* escaped;
  } cases[] = {
      {"", ""},
      {"plain", "plain"},
      {"<", "&lt;"},
      {"a<b>c", "a&lt;b&gt;c"},
      {"Åre & Östersund", "Åre &amp; Östersund"},
      {"ärende\"x'y", "ärende&quot;x&#39;y"},
      {"slut på Ö", "slut på Ö"},
      {"x\xC3", "x\xEF\xBF\xBD"},
      {"\xE2\x80\x93–", "––"},
  };
  for (const auto& c : cases) EXPECT_EQ(html_escaped(c.text), c.escaped) << c.text;
}

// An Attr views a literal or a lasting string, and keeps a temporary one:
// a vector of attributes built from temporaries (a URL, a joined id) and
// written later must not read freed memory (ASan checks it in CI).
TEST(HtmlWriter, AnAttributeKeepsATemporaryValueAndViewsALastingOne) {
  const std::string lasting = "fält-1";
  const std::string hint = "tips";
  const bool error = true;
  std::vector<Attr> attrs = {{"href", Url("/arenden").segment("c 1").param("q", "a&b")},
                             {"id", lasting},
                             {"aria-describedby", error ? hint + " fel-" + lasting : hint}};
  attrs.emplace_back("class", std::string("rad ") + "sen");
  attrs.emplace_back("data-x", "<\"literal\">");
  std::string out;
  HtmlWriter(out).empty("a", attrs);
  EXPECT_EQ(out, "<a href=\"/arenden/c%201?q=a%26b\" id=\"fält-1\" aria-describedby=\"tips fel-fält-1\" "
                 "class=\"rad sen\" data-x=\"&lt;&quot;literal&quot;&gt;\">");
}

// The escaping scans sixteen bytes at a time, then byte by byte: each of
// the characters it changes, and a valid and an invalid UTF-8 sequence, at
// every position of a 40-byte text, across the 16-byte steps' edges.
TEST(HtmlWriter, EveryCharacterIsFoundAtEveryPositionOfALongText) {
  static const struct {
    const char* in;
    const char* out;
  } marks[] = {{"<", "&lt;"}, {">", "&gt;"}, {"&", "&amp;"}, {"\"", "&quot;"}, {"'", "&#39;"},
               {"ö", "ö"}, {"\xff", "\xEF\xBF\xBD"}, {"\xE2\x80\x93", "\xE2\x80\x93"}};
  for (const auto& mark : marks)
    for (std::size_t at = 0; at <= 40; ++at) {
      const std::string before(at, 'a'), after(40 - at, 'b');
      EXPECT_EQ(html_escaped(before + mark.in + after), before + mark.out + after) << mark.out << " at " << at;
    }
}

TEST(HtmlWriter, ElementsNestAndClose) {
  std::string out;
  {
    HtmlWriter html(out);
    html.open("ul").open("li").text("ett").close("li").close("ul");
    EXPECT_EQ(html.depth(), 0u);
  }
  EXPECT_EQ(out, "<ul><li>ett</li></ul>");
}

// The writer copies into room it makes in the string; once it is gone the
// string holds what was there and what was written, whatever the sizes
// (each short-copy width, and growing past the room it began with).
TEST(HtmlWriter, TheStringHoldsExactlyWhatWasWrittenOnceTheWriterIsGone) {
  std::string expected = "före";
  std::string out = expected;
  {
    HtmlWriter html(out);
    for (int length = 0; length <= 40; ++length) {
      const std::string text(static_cast<std::size_t>(length), static_cast<char>('a' + length % 26));
      html.text(text).trusted_markup("<br>");
      expected += text + "<br>";
    }
    for (int i = 0; i < 2000; ++i) html.element("td", "å & ö");
    for (int i = 0; i < 2000; ++i) expected += "<td>å &amp; ö</td>";
  }
  EXPECT_EQ(out, expected);
}

TEST(HtmlWriter, AFragmentIsWrittenAsItWasEscaped) {
  const HtmlFragment cell = HtmlWriter::fragment([](HtmlWriter& html) { html.element("td", "<b>Åre</b>"); });
  std::string out;
  HtmlWriter(out).open("tr").fragment(cell).fragment(cell).close("tr");
  EXPECT_EQ(out, "<tr><td>&lt;b&gt;Åre&lt;/b&gt;</td><td>&lt;b&gt;Åre&lt;/b&gt;</td></tr>");
}

TEST(HtmlWriter, AFragmentMemoWritesEachKeyOnce) {
  FragmentMemo<int> memo;
  int writes = 0;
  const auto cell = [&](int key) {
    return std::string(memo(key, [&](HtmlWriter& html) {
                         ++writes;
                         html.element("td", std::to_string(key));
                       }).markup());
  };
  EXPECT_EQ(cell(7), "<td>7</td>");
  EXPECT_EQ(cell(8), "<td>8</td>");
  EXPECT_EQ(cell(7), "<td>7</td>");
  EXPECT_EQ(writes, 2);
}

// A typed date's fault in words that follow the field's name (swedish.h).
TEST(SwedishDateProblem, SaysWhetherTheShapeTheDayOrTheRangeIsWrong) {
  static const struct {
    const char* typed;
    const char* said;  // "" for a good date
  } cases[] = {
      {"2026-11-25", ""},
      {"2026-02-28", ""},
      {"31/12", "ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25"},
      {"2026-1-5", "ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25"},
      {"2026-11-25 ", "ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25"},
      {"", "ska skrivas ÅÅÅÅ-MM-DD, till exempel 2026-11-25"},
      {"2026-02-30", "finns inte i kalendern (2026-02-30)"},
      {"2026-13-01", "finns inte i kalendern (2026-13-01)"},
      {"2200-01-01", "ska ligga mellan 1990-01-01 och 2199-12-31"},
      {"1989-12-31", "ska ligga mellan 1990-01-01 och 2199-12-31"},
  };
  for (const auto& c : cases) {
    Date day{};
    const auto problem = swedish_date_problem(c.typed, day);
    EXPECT_EQ(problem.value_or(""), c.said) << c.typed;
    if (!problem) {
      EXPECT_EQ(format_date(day), c.typed);
    }
  }
}

TEST(Url, SegmentsAndParametersArePercentEncoded) {
  const Url url = Url("/arenden").segment("a/b?c").param("q", "x&y=z å").param("empty", "");
  EXPECT_EQ(url.str(), "/arenden/a%2Fb%3Fc?q=x%26y%3Dz%20%C3%A5");
}

TEST(Url, AColonStaysInASegmentAndIsEncodedInAParameter) {
  EXPECT_EQ(Url("/v1/feeds").segment("hc:are.ics").param("a", "b:c").str(), "/v1/feeds/hc:are.ics?a=b%3Ac");
  EXPECT_EQ(Url("/x").segment(":a::b:").str(), "/x/:a::b:");
  EXPECT_EQ(Url("/x").segment("a:/b").str(), "/x/a:%2Fb");
}

TEST(Url, AJavascriptValueStaysInsideItsParameter) {
  EXPECT_EQ(Url("/att-gora").param("steg", "\"><script>").str(), "/att-gora?steg=%22%3E%3Cscript%3E");
}

TEST(Swedish, DatesAreWeekdayDayMonthYear) {
  static const struct {
    const char* iso;
    const char* swedish;
  } cases[] = {
      {"2026-12-22", "tis 22 dec 2026"}, {"2026-11-01", "sön 1 nov 2026"},
      {"2027-01-04", "mån 4 jan 2027"},  {"2026-05-15", "fre 15 maj 2026"},
  };
  for (const auto& c : cases) EXPECT_EQ(swedish_date(*parse_date(c.iso)), c.swedish) << c.iso;
}

TEST(Swedish, WorkingDayPhrases) {
  EXPECT_EQ(working_days_late(1), "1 arbetsdag sen");
  EXPECT_EQ(working_days_late(3), "3 arbetsdagar sen");
  EXPECT_EQ(working_days_left(0), "i dag");
  EXPECT_EQ(working_days_left(1), "om 1 arbetsdag");
  EXPECT_EQ(working_days_left(2), "om 2 arbetsdagar");
}

TEST(Swedish, NumbersGroupThousandsWithANoBreakSpace) {
  EXPECT_EQ(swedish_number(7), "7");
  EXPECT_EQ(swedish_number(1234), "1\u00A0234");
  EXPECT_EQ(swedish_number(1234567), "1\u00A0234\u00A0567");
  EXPECT_EQ(swedish_number(0), "0");
  EXPECT_EQ(swedish_number(100), "100");
  EXPECT_EQ(swedish_number(-1234), "\u22121\u00A0234");
  // The smallest int64_t has no positive counterpart.
  EXPECT_EQ(swedish_number(std::numeric_limits<std::int64_t>::min()),
            "\u22129\u00A0223\u00A0372\u00A0036\u00A0854\u00A0775\u00A0808");
}

TEST(Swedish, EveryEventTypeHasALabel) {
  for (int i = 0; i < event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    EXPECT_NE(event_label(type), to_string(type)) << to_string(type);
  }
  EXPECT_EQ(event_label(EventType::health_centre_notified), "Hälsocentralen informerad");
  EXPECT_EQ(event_label(EventType::health_talk_booked), "Hälsosamtal bokat");
}

}  // namespace
}  // namespace kedja::server::web
