// Sending an e-mail through an SMTP relay with libcurl (issue 16): STARTTLS
// when the relay offers it (CURLUSESSL_TRY; the relay's certificate is then
// checked against the system's CAs) and always before a login to a relay
// elsewhere (CURLUSESSL_ALL), an optional login, one message per call. The infrastructure shell of `kedja remind`.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace kedja::tools {

struct SmtpLogin {
  std::string user;
  std::string password;
};

struct SmtpRelay {
  std::string host_port;  // "mail.region.se:587", "[::1]:25"
  std::optional<SmtpLogin> login;
};

struct Mail {
  std::string from;  // a plain address
  std::string to;    // a plain address
  std::string subject;
  std::string body;  // UTF-8 text, '\n' line ends: sent as text/plain, quoted-printable
};

// The relay could not be reached, refused the login, or refused the
// message: what libcurl says, with the relay named.
struct RelayError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Sends `mail`; returns once the relay has accepted it. Throws RelayError.
// A login is sent only over TLS (STARTTLS required: a relay that does not
// offer it is a RelayError), unless the relay is on this machine
// (login_needs_tls): on the network, whoever strips the STARTTLS offer
// would read the password.
void send_mail(const SmtpRelay& relay, const Mail& mail);

// Whether a login to the relay at "HOST:PORT" must go over TLS: yes, but
// for a loopback relay (localhost, 127.0.0.0/8, [::1]), where nothing on a
// network path can strip STARTTLS.
bool login_needs_tls(const std::string& host_port);

// Reads an SMTP login from `path`: one line "user:password" (split at the
// first ':'). The file must be a regular file owned by the user running the
// command and readable by nobody else (mode 0600 or 0400): a UsageError
// saying so otherwise, naming the file.
SmtpLogin read_login_file(const std::string& path);

// Checks "HOST:PORT" (port 1–65535; an IPv6 host in brackets); a
// UsageError naming --smtp otherwise.
std::string smtp_address_option(const std::string& value);

}  // namespace kedja::tools
