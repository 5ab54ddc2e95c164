// A page number past the end of Att göra's list answers 404 in Swedish,
// with how many pages there are and a link to the first, not an empty table.
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using WebPagingTest = WebTest;

TEST_F(WebPagingTest, APagePastTheEndIs404SayingHowManyPagesThereAre) {
  for (int i = 0; i < 26; ++i) notified_child("ostersund", "Barn" + std::to_string(100 + i));  // 52 steps
  const std::string cookie = login(token(Role::reception, "reception:ostersund"));
  static const struct {
    const char* target;
    int status;
    const char* says;
  } cases[] = {
      {"/att-gora?flik=snart&sida=2", 200, "Sida 2 av 2"},
      {"/att-gora?flik=snart&sida=7", 404, "Sidan 7 finns inte. Listan har 2 sidor."},
      {"/att-gora?flik=snart&sida=2&antal=100", 404, "Sidan 2 finns inte. Listan har 1 sida."},
      // An empty tab has its one page, and no other.
      {"/att-gora?flik=klara", 200, "Inga steg i den här fliken"},
      {"/att-gora?flik=klara&sida=3", 404, "Sidan 3 finns inte. Listan har 1 sida."},
  };
  for (const auto& c : cases) {
    const Page page = open(c.target, cookie);
    EXPECT_EQ(page.status, c.status) << c.target;
    EXPECT_TRUE(page.has(c.says)) << c.target << "\n" << page.html;
  }
  const Page past = open("/att-gora?flik=snart&tolk=ja&sida=7", cookie);
  EXPECT_TRUE(past.has("<a href=\"/att-gora?flik=snart&amp;tolk=ja\">Till listans första sida</a>"));
  EXPECT_TRUE(past.has("<h1>Sidan finns inte</h1>"));
}

}  // namespace
}  // namespace kedja::server::testing
