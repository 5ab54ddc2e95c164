#include "server/string_room.h"

#include <algorithm>

namespace kedja::server {

// Room to write: what the caller reserved (a page reserves 64 KB), at least
// a little.
StringRoom::StringRoom(std::string& out) : out_(out), used_(out.size()) {
  out_.resize(std::max(out_.capacity(), used_ + 256));
}

StringRoom::~StringRoom() { out_.resize(used_); }

void StringRoom::grow(std::size_t size) { out_.resize(std::max(out_.size() * 2, used_ + size + 256)); }

}  // namespace kedja::server
