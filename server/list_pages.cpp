#include "server/list_pages.h"

#include "server/json_mapping.h"

#include <array>

namespace kedja::server {
namespace {

// Room for a typical item (a step item is ≈ 250 bytes, a case ≈ 330), so
// a page is written without the string growing on the way.
constexpr std::size_t step_item_bytes = 320;
constexpr std::size_t case_item_bytes = 420;
constexpr std::size_t page_frame_bytes = 128;  // the members around the items
constexpr std::size_t summary_row_bytes = 160;
constexpr std::size_t follow_up_row_bytes = 200;

// The summary's bucket members, named as storage names them.
constexpr auto bucket_names = []() consteval {
  std::array<JsonName, storage::overdue_bucket_names.size()> names;
  for (std::size_t i = 0; i < names.size(); ++i) names[i] = JsonName(storage::overdue_bucket_names[i]);
  return names;
}();

// "items":[...],"next_cursor":..., after the members that come first.
template <typename T>
void write_items(JsonWriter& out, const storage::Page<T>& page, bool hide_identity) {
  out.key("items").begin_array();
  for (const auto& item : page.items) write_json(out, item, hide_identity);
  out.end_array();
  out.key("next_cursor").string_or_null(page.next_cursor);
}

}  // namespace

void write_overdue_page(std::string& out, const storage::Page<storage::StepItem>& page, Date as_of,
                        bool hide_identity) {
  out.reserve(out.size() + page_frame_bytes + page.items.size() * step_item_bytes);
  JsonWriter writer(out);
  writer.begin_object().key("as_of").date(as_of);
  write_items(writer, page, hide_identity);
  writer.end_object();
}

void write_due_page(std::string& out, const storage::Page<storage::StepItem>& page, Date from,
                    Date to, bool hide_identity) {
  out.reserve(out.size() + page_frame_bytes + page.items.size() * step_item_bytes);
  JsonWriter writer(out);
  writer.begin_object().key("from").date(from).key("to").date(to);
  write_items(writer, page, hide_identity);
  writer.end_object();
}

void write_cases_page(std::string& out, const storage::Page<storage::CaseSummary>& page,
                      bool hide_identity) {
  out.reserve(out.size() + page_frame_bytes + page.items.size() * case_item_bytes);
  JsonWriter writer(out);
  writer.begin_object();
  write_items(writer, page, hide_identity);
  writer.end_object();
}

void write_summary(std::string& out, const std::vector<storage::SummaryRow>& rows, storage::SummaryBy by,
                   Date as_of) {
  out.reserve(out.size() + page_frame_bytes + rows.size() * summary_row_bytes);
  JsonWriter writer(out);
  writer.begin_object().key("as_of").date(as_of).key("rows").begin_array();
  const JsonName group = by == storage::SummaryBy::municipality ? JsonName("municipality") : JsonName("actor");
  for (const storage::SummaryRow& row : rows) {
    writer.begin_object().key(group).string(row.group).key("step").string(row.step.str());
    writer.key("overdue").integer(row.overdue).key("oldest_due_on").date(row.oldest_due_on);
    writer.key("buckets").begin_object();
    for (std::size_t i = 0; i < row.buckets.size(); ++i)
      writer.key(bucket_names[i]).integer(row.buckets[i]);
    writer.end_object().end_object();
  }
  writer.end_array().end_object();
}

void write_follow_up(std::string& out, const std::vector<storage::FollowUpRow>& rows,
                     const storage::FollowUpQuery& query) {
  out.reserve(out.size() + page_frame_bytes + rows.size() * follow_up_row_bytes);
  JsonWriter writer(out);
  writer.begin_object().key("from").date(query.from).key("to").date(query.to).key("as_of").date(query.as_of);
  writer.key("rows").begin_array();
  const JsonName group = follow_up_group_name(query.by);
  for (const storage::FollowUpRow& row : rows) {
    const FollowUpFigures& f = row.figures;
    writer.begin_object().key(group).string(row.group).key("step").string(row.step.str());
    writer.key("on_time").integer(f.on_time()).key("late").integer(f.late());
    writer.key("declined").integer(f.declined()).key("pending").integer(f.pending());
    writer.key("share_on_time");
    if (const auto share = f.share_on_time()) writer.number(*share);
    else writer.null();
    writer.key("median_working_days_late");
    if (const auto median = f.median_working_days_late()) writer.number(*median);
    else writer.null();
    writer.end_object();
  }
  writer.end_array().end_object();
}

}  // namespace kedja::server
