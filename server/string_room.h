// Text appended to a std::string without std::string's bookkeeping per
// append: the string is grown ahead of what is written and the writing
// copies into that room, short copies by words, inline. The writers of the
// pages and the JSON answers (HtmlWriter, JsonWriter) write through one: a
// page or list answer is a few thousand short appends (issues 13 and 15).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace kedja::server {

class StringRoom {
 public:
  // Writes after what `out` holds. While this lives `out` also holds the
  // room not yet written: read `out` only once it is gone, when `out` holds
  // exactly what was there before and what was written.
  explicit StringRoom(std::string& out);
  ~StringRoom();
  StringRoom(const StringRoom&) = delete;
  StringRoom& operator=(const StringRoom&) = delete;

  // Copies `size` bytes to the end of what is written.
  void put(const char* data, std::size_t size) {
    if (size > out_.size() - used_) grow(size);
    char* to = out_.data() + used_;
    used_ += size;
    // Most copies are a tag, a name or a short value: by words, reading and
    // writing only the bytes inside [data, data + size) and [to, to + size).
    if (size > 16) {
      std::memcpy(to, data, size);
    } else if (size >= 8) {
      std::uint64_t head, tail;
      std::memcpy(&head, data, 8);
      std::memcpy(&tail, data + size - 8, 8);
      std::memcpy(to, &head, 8);
      std::memcpy(to + size - 8, &tail, 8);
    } else if (size >= 4) {
      std::uint32_t head, tail;
      std::memcpy(&head, data, 4);
      std::memcpy(&tail, data + size - 4, 4);
      std::memcpy(to, &head, 4);
      std::memcpy(to + size - 4, &tail, 4);
    } else {
      for (std::size_t i = 0; i < size; ++i) to[i] = data[i];
    }
  }
  void put(std::string_view text) { put(text.data(), text.size()); }
  void put(char c) {
    if (used_ == out_.size()) grow(1);
    out_[used_++] = c;
  }

 private:
  // Makes room for `size` more bytes.
  void grow(std::size_t size);

  std::string& out_;
  std::size_t used_;  // out_'s bytes written; the rest is room
};

}  // namespace kedja::server
