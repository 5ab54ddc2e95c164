#include "server/log.h"

#include <date/date.h>

#include <chrono>
#include <iostream>
#include <mutex>

namespace kedja::server {
namespace {

void escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte > 0x20 && byte < 0x7F) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
}

}  // namespace

void log_line(std::string_view text) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  std::string line = date::format("%FT%TZ ", now);
  line += text;
  line += '\n';
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::cerr.write(line.data(), static_cast<std::streamsize>(line.size()));
  std::cerr.flush();
}

std::string loggable_target(std::string_view target) {
  const auto question = target.find('?');
  std::string out;
  escaped(out, target.substr(0, question));
  if (question == std::string_view::npos) return out;
  std::string_view rest = target.substr(question + 1);
  char separator = '?';
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    if (pair.empty()) continue;
    out += separator;
    separator = '&';
    escaped(out, pair.substr(0, pair.find('=')));  // the name; the value stays out
  }
  return out;
}

void log_refused_authentication(const Request& request, std::string_view why) {
  std::string text = "401 ";
  escaped(text, request.remote_address.empty() ? std::string_view("-") : request.remote_address);
  text += ' ';
  escaped(text, request.method);
  text += ' ';
  text += loggable_target(request.target);
  text += ": ";
  text += why;
  log_line(text);
}

}  // namespace kedja::server
