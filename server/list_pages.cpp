#include "server/list_pages.h"

#include "server/json_mapping.h"

namespace kedja::server {
namespace {

// Room for a typical item (a step item is ≈ 250 bytes, a case ≈ 330), so
// a page is written without the string growing on the way.
constexpr std::size_t step_item_bytes = 320;
constexpr std::size_t case_item_bytes = 420;
constexpr std::size_t page_frame_bytes = 128;  // the members around the items

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

}  // namespace kedja::server
