#include "server/json_syntax.h"

#include "server/json_mapping.h"

#include <string_view>
#include <vector>

namespace kedja::server {
namespace {

// Follows where the parser is (object member or array element) so that the
// error can name the field, as every other 400 does.
class SyntaxProbe : public nlohmann::json_sax<Json> {
 public:
  explicit SyntaxProbe(std::size_t size) : size_(size) {}

  FieldError error{"body", "malformed JSON"};

  bool null() override { return value_done(); }
  bool boolean(bool) override { return value_done(); }
  bool number_integer(number_integer_t) override { return value_done(); }
  bool number_unsigned(number_unsigned_t) override { return value_done(); }
  bool number_float(number_float_t, const string_t&) override { return value_done(); }
  bool string(string_t&) override { return value_done(); }
  bool binary(binary_t&) override { return value_done(); }
  bool start_object(std::size_t) override { return open(false); }
  bool start_array(std::size_t) override { return open(true); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    frames_.back().key = name;
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
    constexpr std::size_t longest = 200;  // the parser quotes the last token read, which may be long
    std::string_view what = ex.what();     // "[json.exception.parse_error.101] parse error at …"
    if (what.starts_with('[') && what.find("] ") != std::string_view::npos)
      what.remove_prefix(what.find("] ") + 2);
    std::string message = "malformed JSON: " + std::string(what);
    if (message.size() > longest) message = message.substr(0, longest) + "…";
    // A body cut short is the body's fault, not the field it stops in.
    error = {position >= size_ ? std::string("body") : path(), std::move(message)};
    return false;
  }

 private:
  struct Frame {
    bool array = false;
    std::string key;         // an object's member being read ("" between members)
    std::size_t index = 0;   // an array's element being read
  };

  bool open(bool array) {
    frames_.push_back({array, {}, 0});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return value_done();
  }
  bool value_done() {
    if (frames_.empty()) return true;
    if (frames_.back().array) ++frames_.back().index;
    else frames_.back().key.clear();
    return true;
  }
  // "events[1].appointment"; the innermost object's member, else "body".
  std::string path() const {
    std::string out;
    for (const Frame& frame : frames_) {
      if (frame.array) {
        out += "[" + std::to_string(frame.index) + "]";
      } else {
        if (frame.key.empty()) break;
        out += (out.empty() ? "" : ".") + frame.key;
      }
    }
    return out.empty() ? "body" : out;
  }

  std::size_t size_;
  std::vector<Frame> frames_;
};

}  // namespace

FieldError json_syntax_error(const std::string& text) {
  SyntaxProbe probe(text.size());
  Json::sax_parse(text, &probe, nlohmann::detail::input_format_t::json, true, false);
  return probe.error;
}

}  // namespace kedja::server
