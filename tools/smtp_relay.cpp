#include "tools/smtp_relay.h"

#include "tools/cli.h"

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <charconv>
#include <ctime>
#include <fstream>
#include <memory>

namespace kedja::tools {
namespace {

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct MimeDeleter {
  void operator()(curl_mime* mime) const { curl_mime_free(mime); }
};

std::string base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// RFC 2047 encoded words for a header: UTF-8 text in base64 chunks of at
// most 45 bytes (each word ≤ 72 characters), split between characters.
std::string encoded_words(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t take = std::min<std::size_t>(45, text.size());
    while (take < text.size() && (static_cast<unsigned char>(text[take]) & 0xC0) == 0x80) --take;
    // Piece by piece, not `(…) + std::string(…)`: GCC 12 warns -Wrestrict on
    // `"x" + std::string&&` in Release builds, a false positive (GCC bug 105329).
    if (!out.empty()) out += ' ';
    out += "=?UTF-8?B?";
    out += base64(text.substr(0, take));
    out += "?=";
    text.remove_prefix(take);
  }
  return out;
}

std::string rfc5322_date(std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::string message_id(const std::string& from) {
  unsigned char random[12];
  if (RAND_bytes(random, sizeof random) != 1) throw RelayError("no random bytes for a Message-ID");
  static constexpr char digits[] = "0123456789abcdef";
  std::string id = "<kedja-digest.";
  for (unsigned char byte : random) {
    id += digits[byte >> 4];
    id += digits[byte & 0xF];
  }
  return id + from.substr(from.find('@')) + ">";
}

void check(CURLcode code, const char* what) {
  if (code != CURLE_OK) throw RelayError(std::string("libcurl: ") + what + ": " + curl_easy_strerror(code));
}

}  // namespace

bool login_needs_tls(const std::string& host_port) {
  std::string host = host_port.substr(0, host_port.rfind(':'));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  for (char& ch : host) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const bool loopback = host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
  return !loopback;
}

void send_mail(const SmtpRelay& relay, const Mail& mail) {
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) throw RelayError("libcurl could not start");
  CURL* c = curl.get();
  char error[CURL_ERROR_SIZE] = "";
  const std::string url = "smtp://" + relay.host_port;
  const std::string from = "<" + mail.from + ">";
  check(curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error), "error buffer");
  check(curl_easy_setopt(c, CURLOPT_URL, url.c_str()), "url");
  check(curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str()), "mail from");
  const bool tls_required = relay.login && login_needs_tls(relay.host_port);
  check(curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(tls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY)),
        "STARTTLS");
  check(curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 15L), "connect timeout");
  check(curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L), "timeout");
  check(curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L), "nosignal");
  if (relay.login) {
    check(curl_easy_setopt(c, CURLOPT_USERNAME, relay.login->user.c_str()), "user");
    check(curl_easy_setopt(c, CURLOPT_PASSWORD, relay.login->password.c_str()), "password");
  }
  std::unique_ptr<curl_slist, SlistDeleter> recipients(curl_slist_append(nullptr, ("<" + mail.to + ">").c_str()));
  check(curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get()), "recipient");

  curl_slist* headers = nullptr;
  for (const std::string& header :
       {"Date: " + rfc5322_date(std::time(nullptr)), "From: Kedja <" + mail.from + ">", "To: <" + mail.to + ">",
        "Subject: " + encoded_words(mail.subject), "Message-ID: " + message_id(mail.from),
        std::string("Auto-Submitted: auto-generated")})
    headers = curl_slist_append(headers, header.c_str());
  std::unique_ptr<curl_slist, SlistDeleter> header_list(headers);
  check(curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers), "headers");

  std::unique_ptr<curl_mime, MimeDeleter> mime(curl_mime_init(c));
  curl_mimepart* part = curl_mime_addpart(mime.get());
  std::string body;  // CRLF line ends, as SMTP has them
  for (char ch : mail.body) {
    if (ch == '\n') body += '\r';
    body += ch;
  }
  check(curl_mime_data(part, body.data(), body.size()), "body");
  check(curl_mime_type(part, "text/plain; charset=utf-8"), "content type");
  check(curl_mime_encoder(part, "quoted-printable"), "encoder");
  check(curl_easy_setopt(c, CURLOPT_MIMEPOST, mime.get()), "message");

  const CURLcode sent = curl_easy_perform(c);
  if (sent != CURLE_OK)
    throw RelayError("SMTP relay " + relay.host_port + ": " + (*error ? std::string(error) : curl_easy_strerror(sent)));
}

SmtpLogin read_login_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) throw UsageError("--login-file: cannot read '" + path + "'");
  if (!S_ISREG(info.st_mode)) throw UsageError("--login-file: '" + path + "' is not a regular file");
  if (info.st_uid != ::geteuid())
    throw UsageError("--login-file: '" + path + "' is not owned by the user running kedja remind");
  if ((info.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw UsageError("--login-file: '" + path + "' is readable by others (mode " + mode +
                     "); it holds a password: chmod 600 it");
  }
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) throw UsageError("--login-file: cannot read '" + path + "'");
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  const auto colon = line.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == line.size())
    throw UsageError("--login-file: '" + path + "': the first line must be user:password");
  return {line.substr(0, colon), line.substr(colon + 1)};
}

std::string smtp_address_option(const std::string& value) {
  const auto colon = value.rfind(':');
  const std::string host = colon == std::string::npos ? "" : value.substr(0, colon);
  const std::string port = colon == std::string::npos ? "" : value.substr(colon + 1);
  int number = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  const bool plain_host = !host.empty() && host.find_first_of(":/@?# []") == std::string::npos;
  if (error != std::errc{} || end != port.data() + port.size() || port.empty() || number < 1 || number > 65535 ||
      !(bracketed || plain_host))
    throw UsageError("--smtp: '" + value + "' is not HOST:PORT (e.g. mail.region.se:587)");
  return value;
}

}  // namespace kedja::tools
