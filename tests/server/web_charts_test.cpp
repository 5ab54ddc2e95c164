// The follow-up page's charts: a long label wraps onto lines of its own
// instead of running off the chart's edge.
#include "server/web/charts.h"

#include <gtest/gtest.h>

namespace kedja::server::web {
namespace {

TEST(ChartLabels, ALongLabelWrapsAtSpacesWithinItsWidth) {
  static const struct {
    const char* words;
    std::vector<std::string> lines;
  } cases[] = {
      {"Åre", {"Åre"}},
      {"Mottagningsenheten Härjedalen", {"Mottagningsenheten", "Härjedalen"}},
      {"Hälsocentralen Östersund", {"Hälsocentralen Östersund"}},  // 24 characters: fits
      {"Länsstyrelsen i Jämtlands län", {"Länsstyrelsen i", "Jämtlands län"}},
      {"Enmycketlångtordutanmellanrum", {"Enmycketlångtordutanmellanrum"}},
  };
  for (const auto& c : cases) EXPECT_EQ(wrapped_label(c.words, 24), c.lines) << c.words;
}

TEST(ChartLabels, AWrappedLabelsRowGrowsToHoldItsLines) {
  const auto chart = [](const std::string& name) {
    std::string out;
    {
      HtmlWriter html(out);
      share_bars(html, {"test", "Andel", "Beskrivning"}, {{name, 0.5, "50 %"}}, 0.9);
    }
    return out;
  };
  const std::string short_one = chart("Åre");
  const std::string long_one = chart("Mottagningsenheten Härjedalen");
  EXPECT_NE(long_one.find("<tspan x=\"182\">Mottagningsenheten</tspan><tspan x=\"182\" dy=\"15\">Härjedalen</tspan>"),
            std::string::npos)
      << long_one;
  EXPECT_NE(short_one.find("height=\"76\""), std::string::npos) << short_one;  // 26 + 26 + 24
  EXPECT_NE(long_one.find("height=\"91\""), std::string::npos) << long_one;    // one line more
}

}  // namespace
}  // namespace kedja::server::web
