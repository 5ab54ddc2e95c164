#include "server/access_log.h"

#include "server/json_writer.h"

#include <date/date.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kedja::server {

AccessLog::AccessLog(const std::string& destination) {
  if (destination == "-") {
    file_ = stderr;
    return;
  }
  const int fd = ::open(destination.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) throw std::runtime_error("cannot open the access log " + destination + ": " + std::strerror(errno));
  file_ = ::fdopen(fd, "a");
  if (!file_) {
    ::close(fd);
    throw std::runtime_error("cannot open the access log " + destination + ": " + std::strerror(errno));
  }
  owned_ = true;
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::line(const Exchange& exchange) {
  std::string text;
  text.reserve(192);
  const auto millis = std::chrono::floor<std::chrono::milliseconds>(exchange.received);
  JsonWriter(text)
      .begin_object()
      .key("time").string(date::format("%FT%TZ", millis))
      .key("method").string(exchange.method)
      .key("route").string(exchange.route)
      .key("status").integer(exchange.status)
      .key("duration_us").integer(std::chrono::duration_cast<std::chrono::microseconds>(exchange.duration).count())
      .key("bytes").integer(static_cast<std::int64_t>(exchange.bytes))
      .key("token").string(exchange.token_name)
      .end_object();  // the writer gone: text holds what it wrote
  text += '\n';
  return text;
}

void AccessLog::write(const Exchange& exchange) {
  const std::string text = line(exchange);
  std::lock_guard lock(mutex_);
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace kedja::server
