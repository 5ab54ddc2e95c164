// The Att göra view as its URL says it: tab, filters, sort, page and the
// "as of" date, read from the query string and written back into links, so
// a view survives reload and can be bookmarked. Shared by the page and its
// CSV download.
#pragma once

#include "server/web/page_call.h"
#include "storage/store.h"

#include <optional>
#include <string>
#include <vector>

namespace kedja::server::web {

// Rows on one page: 50 unless the URL says `antal=100`.
inline constexpr int todo_page_size = 50;
inline constexpr int todo_page_sizes[] = {50, 100};

struct TodoView {
  storage::WorkTab tab = storage::WorkTab::overdue;
  std::optional<std::string> step;          // steg
  std::optional<std::string> municipality;  // kommun
  std::optional<std::string> age_band;      // alder: "0-5", "6-15", "16-17", "18-64", "65-"
  std::optional<bool> interpreter;          // tolk: ja | nej
  std::optional<std::string> sort;          // sortera: forfaller | namn | alder | kommun | steg | oppnad
  // ordning: the direction of the sorted column as the page shows it
  // (fallande | stigande); without it, the column's natural direction
  // (natural_descending): the Klara tab's date newest first.
  bool descending = false;
  int page = 1;                             // sida
  int rows = todo_page_size;                // antal: rows per page, one of todo_page_sizes
  std::optional<Date> as_of;                // datum
  // The coordinator's view: the age column shows birth years. Not in the
  // URL: it is the caller's, and it turns the age column's direction.
  bool birth_years = false;
};

// The column the rows are sorted by, as the page names it: the URL's
// `sortera`, else the tab's own order ("forfaller"; "oppnad" on the
// Utan tidsgräns tab, whose rows have no due date and are in opening order).
std::string_view sort_column(const TodoView& view);
// Whether `column`'s rows, with no `ordning` in the URL, come in descending
// order as the page shows it: the Klara tab's date (newest first) and the
// coordinator's birth years (the youngest first, as ages ascend).
bool natural_descending(const TodoView& view, std::string_view column);

// The view, or the errors naming each bad parameter (in Swedish).
struct ParsedView {
  TodoView view;
  std::vector<FormError> errors;
};
ParsedView parse_view(const PageCall& call);

// The URL of `view` on `path` ("/att-gora" or "/att-gora.csv").
Url view_url(const TodoView& view, std::string_view path);

// The storage query for `view`, as the caller: its own steps (every step in
// scope for the coordinator and admin).
storage::WorkQuery work_query(const PageCall& call, const TodoView& view);

std::string_view tab_slug(storage::WorkTab tab);
std::string_view tab_label(storage::WorkTab tab);

struct AgeBand {
  std::string_view slug;
  std::string_view label;
  int min_age;
  std::optional<int> max_age;
};
const std::vector<AgeBand>& age_bands();

}  // namespace kedja::server::web
