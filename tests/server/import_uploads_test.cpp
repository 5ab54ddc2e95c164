// The uploads waiting for their import's confirmation (Importera): each
// session's own, claimed at most once, forgotten after 30 minutes or when
// too many bytes are held.
#include "server/web/import_uploads.h"

#include <gtest/gtest.h>

namespace kedja::server::web {
namespace {

using State = ImportUpload::State;
const auto t0 = std::chrono::system_clock::time_point{std::chrono::hours{24 * 20000}};

TEST(ImportUploads, AnUploadIsClaimedOnceThenDone) {
  ImportUploads uploads;
  const std::string id = uploads.add("s1", "a.csv", "bytes", t0);
  const auto first = uploads.claim("s1", id, t0);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->state, State::previewed) << "the caller's to import";
  EXPECT_EQ(first->bytes, "bytes");
  const auto second = uploads.claim("s1", id, t0);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->state, State::importing) << "a second confirm must not import";
  uploads.finish(id, {{"case-1", "Amina Haddad"}});
  const auto done = uploads.claim("s1", id, t0);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, State::done);
  EXPECT_TRUE(done->bytes.empty());
  ASSERT_EQ(done->created.size(), 1u);
  EXPECT_TRUE(uploads.done_with_digest("s1", sha256_hex("bytes")));
  EXPECT_FALSE(uploads.done_with_digest("s2", sha256_hex("bytes")));
}

TEST(ImportUploads, ANotImportedClaimIsReleasedForAnotherTry) {
  ImportUploads uploads;
  const std::string id = uploads.add("s1", "a.csv", "bytes", t0);
  ASSERT_TRUE(uploads.claim("s1", id, t0));
  uploads.release(id);
  EXPECT_EQ(uploads.claim("s1", id, t0)->state, State::previewed);
}

TEST(ImportUploads, AnUploadIsItsSessionsAlone) {
  ImportUploads uploads;
  const std::string id = uploads.add("s1", "a.csv", "bytes", t0);
  EXPECT_FALSE(uploads.find("s2", id, t0));
  EXPECT_FALSE(uploads.claim("s2", id, t0));
  uploads.end_session("s1");
  EXPECT_FALSE(uploads.find("s1", id, t0));
}

TEST(ImportUploads, ANewUploadReplacesTheOneWaitingAndOldOnesAreForgotten) {
  ImportUploads uploads;
  const std::string first = uploads.add("s1", "a.csv", "one", t0);
  const std::string second = uploads.add("s1", "b.csv", "two", t0);
  EXPECT_FALSE(uploads.find("s1", first, t0));
  EXPECT_TRUE(uploads.find("s1", second, t0));
  EXPECT_FALSE(uploads.find("s1", second, t0 + upload_lifetime + std::chrono::seconds{1}));
  EXPECT_FALSE(uploads.claim("s1", second, t0 + upload_lifetime + std::chrono::seconds{1}));
}

TEST(ImportUploads, TheOldestFilesGoWhenTooManyBytesAreHeld) {
  ImportUploads uploads;
  const std::string mebibyte(1024 * 1024, 'x');
  std::vector<std::string> ids;
  const std::size_t count = max_upload_bytes_held / mebibyte.size() + 2;
  for (std::size_t i = 0; i < count; ++i) ids.push_back(uploads.add("s" + std::to_string(i), "a.csv", mebibyte, t0));
  EXPECT_FALSE(uploads.find("s0", ids[0], t0));
  EXPECT_TRUE(uploads.find("s" + std::to_string(count - 1), ids.back(), t0));
}

}  // namespace
}  // namespace kedja::server::web
