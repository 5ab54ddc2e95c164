// The web pages' lists as CSV files for Excel (issue 13 "Download"; contract
// §4 "CSV for spreadsheets"): GET /att-gora.csv, /oversikt.csv and
// /uppfoljning.csv. Each
// file is its page's list — the same query string, the same storage call
// (so the same scope, pseudonymisation and audit rows) — written by the one
// CSV writer of the API and the command line (csv/lists.h): BOM, ';', CRLF,
// Swedish headers, formula cells neutralised. Every page of the list goes in
// one file, up to csv::max_rows rows; the page's `sida` is not used.
#include "csv/lists.h"
#include "csv/writer.h"
#include "server/web/page_call.h"
#include "server/web/swedish.h"
#include "server/web/todo_view.h"

#include <cctype>

namespace kedja::server::web {
namespace {

std::int64_t count_of(const storage::WorkCounts& counts, storage::WorkTab tab) {
  switch (tab) {
    case storage::WorkTab::overdue: return counts.overdue;
    case storage::WorkTab::due_soon: return counts.due_soon;
    case storage::WorkTab::undated: return counts.undated;
    case storage::WorkTab::done: return counts.done;
  }
  return 0;
}

// "Förfaller snart" → "förfaller-snart" (only ASCII letters change case).
std::string file_word(std::string_view words) {
  std::string out;
  for (char c : words) out += c == ' ' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

Response too_many_rows(const PageCall& call, std::int64_t rows, std::string_view back) {
  return html_response(400, page(call, {"Listan är för lång", "att-gora"}, [&](HtmlWriter& html) {
    html.element("h1", "Listan är för lång för en fil");
    html.element("p", "Listan har " + swedish_number(rows) + " rader; en fil rymmer högst " +
                          swedish_number(static_cast<std::int64_t>(csv::max_rows)) +
                          ". Välj en kommun, ett steg eller en åldersgrupp och ladda ned igen.");
    html.open("p").element("a", "Tillbaka till listan", {{"href", std::string(back)}}).close("p");
  }));
}

}  // namespace

// An attachment with a Swedish file name (RFC 6266: `filename*` in UTF-8,
// `filename` in ASCII for the few programs that read only that), never
// cached: it holds personal data.
Response csv_file(std::string body, std::string_view ascii_name, std::string_view swedish_name) {
  Response response;
  response.body = std::move(body);
  add_page_headers(response);
  response.content_type = std::string(csv::content_type);
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + std::string(ascii_name) +
                                                           "\"; filename*=UTF-8''" + percent_encoded(swedish_name));
  return response;
}

Response todo_csv(const PageCall& call) {
  const ParsedView parsed = parse_view(call);
  if (!parsed.errors.empty()) return todo_page(call);  // the page names each bad parameter, 400
  TodoView view = parsed.view;
  view.page = 1;
  storage::WorkQuery query = work_query(call, view);
  query.limit = storage::max_page_size;
  std::vector<storage::WorkItem> items;
  for (query.offset = 0;; query.offset += query.limit) {
    storage::WorkPage work = call.store.work(call.caller, query, call.today);
    const std::int64_t total = count_of(work.counts, view.tab);
    if (total > static_cast<std::int64_t>(csv::max_rows)) return too_many_rows(call, total, view_url(view, "/att-gora").str());
    const bool last = static_cast<int>(work.items.size()) < query.limit;
    for (auto& item : work.items) items.push_back(std::move(item));
    if (last || static_cast<std::int64_t>(items.size()) >= total) break;
  }
  const bool hide = scope_of(call.caller, call.context.region).hide_identity;
  const Date as_of = query.as_of;
  std::string body;
  csv::write_work(body, items, view.tab, as_of, Vocabulary(call.context.region, call.context.rule_sets), hide);
  const std::string day = format_date(as_of);
  return csv_file(std::move(body), "att-gora-" + std::string(tab_slug(view.tab)) + "-" + day + ".csv",
                  "att-göra-" + file_word(tab_label(view.tab)) + "-" + day + ".csv");
}

Response overview_csv(const PageCall& call) {
  const OverviewView view = parse_overview(call);
  if (!view.errors.empty()) return overview_page(call);
  const auto rows = call.store.summary(call.caller, storage::SummaryBy::municipality, view.as_of, call.today);
  std::string body;
  csv::write_summary(body, rows, storage::SummaryBy::municipality,
                     Vocabulary(call.context.region, call.context.rule_sets));
  const std::string day = format_date(view.as_of);
  return csv_file(std::move(body), "oversikt-per-kommun-" + day + ".csv", "översikt-per-kommun-" + day + ".csv");
}

Response follow_up_csv(const PageCall& call) {
  const FollowUpView view = parse_follow_up(call);
  if (!view.errors.empty()) return follow_up_page(call);  // the page names each bad parameter, 400
  const auto rows = call.store.follow_up(call.caller, view.query, call.today);
  std::string body;  // GET /v1/follow-up?format=csv's file for the same query
  csv::write_follow_up(body, rows, view.query, Vocabulary(call.context.region, call.context.rule_sets));
  const std::string period = format_date(view.query.from) + "-" + format_date(view.query.to);
  return csv_file(std::move(body), "uppfoljning-" + period + ".csv", "uppföljning-" + period + ".csv");
}

}  // namespace kedja::server::web
