// The web pages through the handler, as a browser would use them: a login
// that keeps the session cookie, pages fetched with it, and forms posted
// with the CSRF token read from the page. A clock the test moves.
#pragma once

#include "fixture.h"
#include "server/web/html_writer.h"

#include <chrono>
#include <regex>

namespace kedja::server::testing {

struct Page {
  int status = 0;
  std::string html;
  Response raw;
  std::string location() const {
    const auto* value = raw.header("Location");
    return value ? *value : "";
  }
  bool has(const std::string& text) const { return html.find(text) != std::string::npos; }
  // The page's links to a place on itself (href="#x", an error summary's)
  // that lead nowhere: no element has that id.
  std::vector<std::string> dangling_links() const {
    std::vector<std::string> out;
    static const std::regex link("href=\"#([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it) {
      const std::string id = (*it)[1].str();
      if (id.empty() || !has("id=\"" + id + "\"")) out.push_back("#" + id);
    }
    return out;
  }
};

class WebTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    now_ = std::chrono::system_clock::time_point{std::chrono::hours{24 * 20000}};
    handler_ = std::make_unique<Handler>(*store_, shipped_context(), [] { return day(today_text); },
                                         WebSettings{secure_, [this] { return now_; }});
  }

  Page send(const std::string& method, const std::string& target, const std::string& body = "",
            const std::string& cookie = "") {
    Request request;
    request.method = method;
    request.target = target;
    if (!cookie.empty()) request.headers["cookie"] = "kedja_session=" + cookie;
    if (method == "POST") request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.body = body;
    Page page;
    page.raw = answer(*handler_, request);
    page.status = page.raw.status;
    page.html = page.raw.body;
    return page;
  }

  // Logs in with `token`; returns the session cookie's value ("" if refused).
  std::string login(const std::string& token) {
    const Page page = send("POST", "/logga-in", "token=" + web::percent_encoded(token));
    const auto* set = page.raw.header("Set-Cookie");
    if (page.status != 303 || !set) return "";
    return first_group(*set, "kedja_session=([0-9a-f]+)");
  }

  Page open(const std::string& target, const std::string& cookie) { return send("GET", target, "", cookie); }

  // The CSRF token of the session, read from any page's logout form.
  std::string csrf(const std::string& cookie) {
    const Page page = open("/att-gora", cookie);
    return first_group(page.html, "name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");
  }

  // Posts form fields (name, value), percent-encoded.
  Page post_form(const std::string& target, const std::vector<std::pair<std::string, std::string>>& fields,
                 const std::string& cookie) {
    std::string body;
    for (const auto& [name, value] : fields)
      body += (body.empty() ? "" : "&") + web::percent_encoded(name) + "=" + web::percent_encoded(value);
    return send("POST", target, body, cookie);
  }

  // The number of events of a case, as the admin reads it through the API.
  std::size_t event_count(const std::string& id) {
    return get("/v1/cases/" + id, admin_).body["events"].size();
  }

  // The first group of `pattern`'s first match in `text`, or "".
  static std::string first_group(const std::string& text, const char* pattern) {
    std::smatch match;
    if (!std::regex_search(text, match, std::regex(pattern)) || match.size() < 2) return "";
    return match[1].str();
  }

  // A child notified today in `municipality` (its reception's steps due today).
  std::string notified_child(const std::string& municipality, const std::string& given_name = "Amina",
                             const char* date = "2026-11-25") {
    Json body = person(municipality, "2018-04-02", given_name);
    body["household"] = "HH-" + given_name;
    body["external_ref"] = "MIG-" + given_name;
    body["events"] = Json::array(
        {{{"type", "arrival_notice_received"}, {"date", date}, {"expected_arrival", "2026-12-07"}}});
    return create_case(body);
  }

  std::chrono::system_clock::time_point now_;
  bool secure_ = false;
};

}  // namespace kedja::server::testing
