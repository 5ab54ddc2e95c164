// The morning digest as an e-mail's words (issue 16): subject and plain-text
// body in Swedish, counts only — no name, birth date or case id (e-mail is
// not a protected channel). Pure: cmd_remind sends it through smtp_relay.
#pragma once

#include "domain/digest.h"
#include "domain/region.h"

#include <span>
#include <string>

namespace kedja::tools {

struct DigestMail {
  std::string subject;  // UTF-8, not yet encoded for a header
  std::string body;     // UTF-8 text, '\n' line ends
};

// `rows` non-empty (a unit with nothing to report gets no mail); `today` the
// digest's day (Europe/Stockholm); `base_url` without a trailing '/': the
// body links to base_url + "/att-gora". Each row is one line:
//   "- <title>: försenade N, i dag N, kommande fem arbetsdagar N"
DigestMail digest_mail(const Actor& unit, Date today, std::span<const DigestRow> rows, const std::string& base_url);

}  // namespace kedja::tools
