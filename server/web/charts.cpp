#include "server/web/charts.h"

#include "server/web/swedish.h"

#include <algorithm>
#include <cmath>

namespace kedja::server::web {
namespace {

// Coordinates are whole pixels of the viewBox: integers print exactly.
std::string px(double value) { return std::to_string(std::lround(value)); }

// <svg role="img" aria-labelledby="…-titel …-beskrivning"> with its <title>
// and <desc>; the caller draws and closes it.
void open_svg(HtmlWriter& html, const ChartText& text, int width, int height) {
  const std::string title_id = text.id + "-titel";
  const std::string desc_id = text.id + "-beskrivning";
  html.open("svg", {{"xmlns", "http://www.w3.org/2000/svg"},
                    {"class", "chart"},
                    {"viewBox", "0 0 " + std::to_string(width) + " " + std::to_string(height)},
                    {"width", std::to_string(width)},
                    {"height", std::to_string(height)},
                    {"role", "img"},
                    {"aria-labelledby", title_id + " " + desc_id}});
  html.element("title", text.title, {{"id", title_id}});
  html.element("desc", text.description, {{"id", desc_id}});
}

void line(HtmlWriter& html, const char* css_class, double x1, double y1, double x2, double y2) {
  html.open("line", {{"class", css_class}, {"x1", px(x1)}, {"y1", px(y1)}, {"x2", px(x2)}, {"y2", px(y2)}});
  html.close("line");
}

void rect(HtmlWriter& html, const char* css_class, double x, double y, double width, double height) {
  html.open("rect", {{"class", css_class}, {"x", px(x)}, {"y", px(y)}, {"width", px(width)},
                     {"height", px(height)}});
  html.close("rect");
}

void label(HtmlWriter& html, double x, double y, const char* anchor, std::string_view words,
           const char* css_class = "label") {
  html.element("text", words, {{"class", css_class}, {"x", px(x)}, {"y", px(y)}, {"text-anchor", anchor}});
}

std::string target_words(double target) { return "Mål " + whole_percent(target); }

// Characters (code points) of UTF-8 text: "Åre" is 3.
std::size_t characters(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// A label of one or more lines: each line a <tspan> under the first.
void lines_label(HtmlWriter& html, double x, double y, const char* anchor, const std::vector<std::string>& lines,
                 double line_height) {
  html.open("text", {{"class", "label"}, {"x", px(x)}, {"y", px(y)}, {"text-anchor", anchor}});
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i == 0) html.open("tspan", {{"x", px(x)}});
    else html.open("tspan", {{"x", px(x)}, {"dy", px(line_height)}});
    html.text(lines[i]).close("tspan");
  }
  html.close("text");
}

}  // namespace

std::vector<std::string> wrapped_label(std::string_view words, std::size_t width) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    const std::string_view word = words.substr(start, end - start);
    if (!word.empty()) {
      if (!lines.empty() && characters(lines.back()) + 1 + characters(word) <= width) {
        lines.back() += ' ';
        lines.back() += word;
      } else {
        lines.emplace_back(word);
      }
    }
    start = end + 1;
  }
  if (lines.empty()) lines.emplace_back();
  return lines;
}

void share_bars(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& bars, double target) {
  constexpr double label_width = 190, plot_width = 360, value_width = 80, row = 26, top = 26, bottom = 24;
  constexpr double line_height = 15;
  constexpr std::size_t label_characters = 24;  // at 13 px, what 180 px holds
  // Each bar's row: one line's height, more for a wrapped label.
  std::vector<std::vector<std::string>> labels;
  std::vector<double> row_top;
  double plot_bottom = top;
  for (const ChartBar& bar : bars) {
    labels.push_back(wrapped_label(bar.label, label_characters));
    row_top.push_back(plot_bottom);
    plot_bottom += row + line_height * static_cast<double>(labels.back().size() - 1);
  }
  const double height = plot_bottom + bottom;
  open_svg(html, text, static_cast<int>(label_width + plot_width + value_width), static_cast<int>(height));
  for (int tick = 0; tick <= 100; tick += 25) {
    const double x = label_width + plot_width * tick / 100.0;
    line(html, "grid", x, top - 4, x, plot_bottom);
    label(html, x, height - 8, "middle", std::to_string(tick) + "\u00A0%", "axis");
  }
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const ChartBar& bar = bars[i];
    // The bar in the middle of its row, the label's lines centred on it.
    const double extra = line_height * static_cast<double>(labels[i].size() - 1);
    const double y = row_top[i] + extra / 2;
    lines_label(html, label_width - 8, y + row / 2 + 5 - extra / 2, "end", labels[i], line_height);
    const double length = bar.value ? plot_width * std::clamp(*bar.value, 0.0, 1.0) : 0;
    if (bar.value) rect(html, "bar", label_width, y + 5, std::max(length, 1.0), row - 10);
    label(html, label_width + length + 6, y + row / 2 + 5, "start", bar.value ? bar.value_text : "–");
  }
  const double x = label_width + plot_width * std::clamp(target, 0.0, 1.0);
  line(html, "target", x, top - 6, x, plot_bottom + 2);
  label(html, x, top - 10, "middle", target_words(target), "target-label");
  html.close("svg");
}

void share_columns(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& columns,
                   double target) {
  constexpr double left = 52, slot = 44, top = 24, plot_height = 140, bottom = 44, label_room = 76;
  const double plot_end = left + slot * static_cast<double>(columns.size());
  const double width = plot_end + label_room;
  const double plot_bottom = top + plot_height;
  open_svg(html, text, static_cast<int>(width), static_cast<int>(top + plot_height + bottom));
  for (int tick = 0; tick <= 100; tick += 50) {
    const double y = plot_bottom - plot_height * tick / 100.0;
    line(html, "grid", left - 4, y, plot_end + 4, y);
    label(html, left - 8, y + 4, "end", std::to_string(tick) + "\u00A0%", "axis");
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ChartBar& column = columns[i];
    const double x = left + slot * static_cast<double>(i);
    const double centre = x + slot / 2;
    if (column.value) {
      const double h = std::max(plot_height * std::clamp(*column.value, 0.0, 1.0), 1.0);
      rect(html, "bar", x + 8, plot_bottom - h, slot - 16, h);
    } else {
      label(html, centre, plot_bottom - 4, "middle", "–");
    }
    // "nov 2025" → "nov" above "2025".
    const auto space = column.label.find(' ');
    label(html, centre, plot_bottom + 16, "middle", column.label.substr(0, space), "axis");
    if (space != std::string::npos)
      label(html, centre, plot_bottom + 32, "middle", column.label.substr(space + 1), "axis");
  }
  const double y = plot_bottom - plot_height * std::clamp(target, 0.0, 1.0);
  // The line's label in the margin after the last column, never over a bar.
  line(html, "target", left - 4, y, plot_end + 4, y);
  label(html, plot_end + 8, y + 4, "start", target_words(target), "target-label");
  html.close("svg");
}

void count_columns(HtmlWriter& html, const ChartText& text, const std::vector<ChartBar>& columns) {
  constexpr double left = 16, slot = 96, top = 24, plot_height = 130, bottom = 30;
  const double width = left * 2 + slot * static_cast<double>(columns.size());
  const double plot_bottom = top + plot_height;
  double largest = 0;
  for (const ChartBar& column : columns) largest = std::max(largest, column.value.value_or(0));
  open_svg(html, text, static_cast<int>(width), static_cast<int>(top + plot_height + bottom));
  line(html, "grid", left, plot_bottom, width - left, plot_bottom);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const ChartBar& column = columns[i];
    const double x = left + slot * static_cast<double>(i);
    const double value = column.value.value_or(0);
    const double h = largest > 0 ? plot_height * value / largest : 0;
    if (value > 0) rect(html, "bar", x + 20, plot_bottom - h, slot - 40, h);
    label(html, x + slot / 2, plot_bottom - h - 6, "middle", column.value_text);
    label(html, x + slot / 2, plot_bottom + 18, "middle", column.label, "axis");
  }
  html.close("svg");
}

}  // namespace kedja::server::web
