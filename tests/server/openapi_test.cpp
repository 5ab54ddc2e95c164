// GET /v1/openapi.json (issue 17): the repository's server/openapi.json, as
// built in, served without a token; and every operation it describes is one
// the handler routes. (That every answer fits the document is checked by the
// conformance layer: openapi_recorder.h and tests/openapi/.)
#include "fixture.h"

#include <fstream>
#include <sstream>

namespace kedja::server::testing {
namespace {

using OpenApi = ServerTest;

std::string repository_document() {
  std::ifstream file(KEDJA_SOURCE_DIR "/server/openapi.json", std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST_F(OpenApi, TheRepositorysDocumentIsServedWithoutAToken) {
  const Reply reply = get("/v1/openapi.json", "");
  ASSERT_EQ(reply.status, 200) << reply.raw.body;
  EXPECT_EQ(reply.raw.content_type, "application/json");
  EXPECT_EQ(reply.raw.body, repository_document());
  EXPECT_EQ(reply.body.value("openapi", ""), "3.1.0");
}

TEST_F(OpenApi, ATokenIsNotNeededButNotRefusedEither) {
  EXPECT_EQ(get("/v1/openapi.json", admin_).status, 200);
  EXPECT_EQ(get("/v1/openapi.json", "not-a-token").status, 200);
}

TEST_F(OpenApi, AnUnknownQueryParameterIs400NamingIt) {
  const Reply reply = get("/v1/openapi.json?version=2", "");
  ASSERT_EQ(reply.status, 400);
  EXPECT_EQ(reply.body["errors"][0]["field"], "version");
}

TEST_F(OpenApi, OnlyGetIsAllowed) {
  const Reply reply = call("POST", "/v1/openapi.json", "", "{}");
  EXPECT_EQ(reply.status, 405);
  ASSERT_NE(reply.raw.header("Allow"), nullptr);
  EXPECT_EQ(*reply.raw.header("Allow"), "GET");
}

// A path template with sample values: a case or token that does not exist
// (answered 404 by the endpoint, not by the router), a unit's feed.
std::string sample_path(std::string path) {
  static const std::pair<std::string, std::string> samples[] = {
      {"{id}", "no-such-case"}, {"{name}", "no-such-token"}, {"{actor}", "hc:ostersund"}};
  for (const auto& [parameter, value] : samples)
    if (const auto at = path.find(parameter); at != std::string::npos) path.replace(at, parameter.size(), value);
  return path;
}

TEST_F(OpenApi, EveryDocumentedOperationIsRouted) {
  const Json document = Json::parse(repository_document());
  int operations = 0;
  for (const auto& [path, item] : document.at("paths").items()) {
    for (const auto& [method, operation] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const Reply reply = call(upper, sample_path(path), admin_, method == "post" ? "{}" : "");
      ++operations;
      EXPECT_NE(reply.status, 405) << upper << " " << path;
      EXPECT_FALSE(reply.status == 404 && reply.body.value("detail", "") == "no such resource")
          << upper << " " << path << " is not routed";
    }
  }
  EXPECT_GE(operations, 18);
}

}  // namespace
}  // namespace kedja::server::testing
