#include "domain/json/strict_json.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace kedja::json {
namespace {

using Json = nlohmann::json;

// Builds the value as nlohmann's own DOM parser does, and follows where it
// is (object member or array element) so that an error names the field.
class StrictBuilder : public nlohmann::json_sax<Json> {
 public:
  explicit StrictBuilder(std::size_t size) : size_(size) {}

  Json root;
  FieldError error{"body", "malformed JSON"};

  bool null() override { return value(nullptr); }
  bool boolean(bool v) override { return value(v); }
  bool number_integer(number_integer_t v) override { return value(v); }
  bool number_unsigned(number_unsigned_t v) override { return value(v); }
  bool number_float(number_float_t v, const string_t&) override { return value(v); }
  bool string(string_t& v) override { return value(std::move(v)); }
  bool binary(binary_t& v) override { return value(Json::binary(std::move(v))); }
  bool start_object(std::size_t) override { return open(Json::object()); }
  bool start_array(std::size_t) override { return open(Json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t& name) override {
    Frame& frame = frames_.back();
    frame.key = name;
    if (!frame.names.insert(name).second) {
      error = {path(), "duplicate member \"" + name + "\": a name may appear once in an object"};
      return false;
    }
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
    Json* container = nullptr;
    std::string key;                         // an object's member being read ("" between members)
    std::size_t index = 0;                   // an array's element being read
    std::unordered_set<std::string> names;   // an object's members so far
  };

  // Where the next value goes: the root, the array's end or the member.
  Json& slot() {
    if (frames_.empty()) return root;
    Frame& frame = frames_.back();
    if (frame.container->is_array()) return frame.container->emplace_back();
    return (*frame.container)[frame.key];
  }
  bool value(Json v) {
    slot() = std::move(v);
    return done();
  }
  bool open(Json empty) {
    Json& made = slot();
    made = std::move(empty);
    frames_.push_back({&made, {}, 0, {}});
    return true;
  }
  bool close() {
    frames_.pop_back();
    return done();
  }
  bool done() {
    if (frames_.empty()) return true;
    Frame& frame = frames_.back();
    if (frame.container->is_array()) ++frame.index;
    else frame.key.clear();
    return true;
  }
  // "events[1].appointment"; the innermost object's member, else "body".
  std::string path() const {
    std::string out;
    for (const Frame& frame : frames_) {
      // Appended piece by piece: `"[" + std::string&&` makes GCC 12's
      // Release build warn -Wrestrict about a memcpy of 2^63 bytes, a false
      // positive (GCC bug 105329).
      if (frame.container->is_array()) {
        out += '[';
        out += std::to_string(frame.index);
        out += ']';
      } else {
        if (frame.key.empty()) break;
        if (!out.empty()) out += '.';
        out += frame.key;
      }
    }
    return out.empty() ? "body" : out;
  }

  std::size_t size_;
  std::vector<Frame> frames_;
};

}  // namespace

Result<nlohmann::json> parse_strict_json(std::string_view text) {
  StrictBuilder builder(text.size());
  if (!Json::sax_parse(text, &builder, nlohmann::detail::input_format_t::json, true, false))
    return Problem::invalid(std::move(builder.error.field), std::move(builder.error.message));
  return std::move(builder.root);
}

}  // namespace kedja::json
