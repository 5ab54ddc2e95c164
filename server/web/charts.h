// Charts drawn by the server as inline SVG (issue 15, the page Uppföljning):
// no script library, no style attribute (the pages' Content-Security-Policy
// allows no inline style); shapes take their colours from the stylesheet's
// `.chart` classes. Each chart is an <svg role="img"> named by its <title>
// and described by its <desc>, the text alternative; the page puts the same
// numbers in a table beside it. Labels are escaped as every text is.
#pragma once

#include "server/web/html_writer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja::server::web {

// One bar or column: its label, its value (a share in [0, 1] or a count;
// nullopt draws none and writes "–"), and the text written beside it.
struct ChartBar {
  std::string label;
  std::optional<double> value;
  std::string value_text;
};

// The chart's accessible name and text alternative. `id` is unique on the
// page ("andel-per-kommun"); the title's and description's ids derive from it.
struct ChartText {
  std::string id;
  std::string title;
  std::string description;
};

// Horizontal bars of shares (0–100 %), one a row, each with its value
// written after it, and a dashed vertical line at `target` (a share) labelled
// "Mål 90 %". A label longer than its room ("Mottagningsenheten
// Härjedalen") wraps onto more lines at spaces, its row growing to hold
// them, instead of running off the chart's edge.
void share_bars(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& bars, double target);

// Columns of shares (0–100 %) over the months of a trend, labelled "nov" and
// the year beneath, with `target` as a dashed horizontal line.
void share_columns(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& columns,
                   double target);

// Columns of counts (what is overdue today, by working days), scaled to the
// largest, each with its count above it.
void count_columns(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& columns);

// `words` in lines of at most `width` characters, broken at spaces; a word
// longer than that stands alone on its line.
std::vector<std::string> wrapped_label(std::string_view words, std::size_t width);

}  // namespace kedja::server::web
