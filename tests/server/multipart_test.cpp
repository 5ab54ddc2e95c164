// multipart/form-data as browsers send it (RFC 7578), and what the strict
// parser refuses instead of guessing.
#include "server/web/multipart.h"

#include <gtest/gtest.h>

namespace kedja::server::web {
namespace {

const std::string boundary = "----WebKitFormBoundaryAbC123";

std::string part(const std::string& disposition, const std::string& data, const std::string& type = "") {
  return "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n" +
         (type.empty() ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + data + "\r\n";
}
std::string closed(const std::string& parts) { return parts + "--" + boundary + "--\r\n"; }

TEST(MultipartBoundary, IsReadFromTheContentTypeQuotedOrNot) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=" + boundary), boundary);
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; boundary=\"a b:c\""), "a b:c");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=x;charset=utf-8"), "x");
  static const char* const refused[] = {
      "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=",
      "multipart/mixed; boundary=x", "multipart/form-data; boundary=a; boundary=b",
      "multipart/form-data; boundary=\"open", "multipart/form-data; boundary=bad{char}",
      "multipart/form-data; boundary=\"ends in space \""};
  for (const char* type : refused) EXPECT_FALSE(multipart_boundary(type)) << type;
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(ParseMultipart, ReadsFieldsAndAFileWithItsBytesAsSent) {
  const std::string file = "Förnamn;Kommun\r\nÅsa;Krokom\r\n--not-the-boundary\r\n\xC5\x00x";
  const auto parts = parse_multipart(
      boundary, closed(part("form-data; name=\"csrf\"", "abc") +
                       part("form-data; name=\"fil\"; filename=\"ankomst lista.csv\"", file, "text/csv")));
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].data, "abc");
  EXPECT_EQ((*parts)[1].name, "fil");
  EXPECT_EQ((*parts)[1].filename, "ankomst lista.csv");
  EXPECT_EQ((*parts)[1].content_type, "text/csv");
  EXPECT_EQ((*parts)[1].data, file);
}

TEST(ParseMultipart, AFileInputWithNoFileChosenHasAnEmptyFilename) {
  const auto parts = parse_multipart(
      boundary, closed(part("form-data; name=\"fil\"; filename=\"\"", "", "application/octet-stream")));
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].filename, "");
  EXPECT_EQ((*parts)[0].data, "");
}

TEST(ParseMultipart, TheCloseDelimiterMayEndWithoutACrlf) {
  const auto parts = parse_multipart(boundary, part("form-data; name=\"a\"", "1") + "--" + boundary + "--");
  ASSERT_TRUE(parts);
  EXPECT_EQ((*parts)[0].data, "1");
}

TEST(ParseMultipart, RefusesWhatABrowserWouldNotSend) {
  const std::string good = part("form-data; name=\"a\"", "1");
  std::string many;
  for (std::size_t i = 0; i <= max_form_parts; ++i) many += part("form-data; name=\"f" + std::to_string(i) + "\"", "x");
  static const struct {
    const char* what;
    std::string body;
  } cases[] = {
      {"empty", ""},
      {"a preamble", "hello\r\n" + closed(good)},
      {"no close delimiter", good},
      {"text after the close", closed(good) + "more"},
      {"no Content-Disposition", closed("--" + boundary + "\r\nContent-Type: text/plain\r\n\r\n1\r\n")},
      {"not form-data", closed(part("attachment; name=\"a\"", "1"))},
      {"no name", closed(part("form-data; filename=\"a.csv\"", "1"))},
      {"an empty name", closed(part("form-data; name=\"\"", "1"))},
      {"a name twice", closed(part("form-data; name=\"a\"; name=\"b\"", "1"))},
      {"an open quote", closed(part("form-data; name=\"a", "1"))},
      {"a header line without a colon", closed("--" + boundary + "\r\nContent-Disposition form-data\r\n\r\n1\r\n")},
      {"headers never end", "--" + boundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\n"},
      {"the delimiter without CRLF", "--" + boundary + "Content-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" +
                                         boundary + "--"},
      {"too many parts", closed(many)},
  };
  for (const auto& c : cases) EXPECT_FALSE(parse_multipart(boundary, c.body)) << c.what;
}

}  // namespace
}  // namespace kedja::server::web
