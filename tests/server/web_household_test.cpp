// Ny ankomst and Hushåll (issue 14 §1–2): a household registered in one
// form, all or nothing, and the same-day steps then recorded for its
// children in one more post. Every refusal writes nothing: a bad row (named
// "person 3: födelsedatum: …"), another municipality (scope), a role that
// may not create cases (403), a missing or wrong CSRF token (403).
#include "web_fixture.h"

namespace kedja::server::testing {
namespace {

using Fields = std::vector<std::pair<std::string, std::string>>;

class WebHouseholdTest : public WebTest {
 protected:
  std::string login_as(Role role, const std::string& actor) { return login(token(role, actor)); }
  std::size_t case_count() { return get("/v1/cases?limit=1000", admin_).body["items"].size(); }
  std::size_t all_events() {
    std::size_t n = 0;
    const Reply cases = get("/v1/cases?limit=1000", admin_);
    for (const auto& item : cases.body["items"])
      n += event_count(item.value("id", ""));
    return n;
  }
  // Two adults and two children (10 and 3 years old on 2026-11-25).
  static Fields household_of_four(const std::string& municipality = "krokom") {
    Fields fields = {{"hushall", "HH-4"},
                     {"sprak", "arabiska"},
                     {"tolk", "ja"},
                     {"kommun", municipality},
                     {"aviseringsdatum", "2026-11-25"},
                     {"ankomst", "2026-12-07"}};
    const char* people[][4] = {{"Nadia", "1988-01-02", "K", "MIG-10"},
                               {"Karim", "1985-03-04", "M", ""},
                               {"Amina", "2016-05-05", "K", ""},
                               {"Omar", "2023-02-01", "M", ""}};
    for (int i = 0; i < 4; ++i) {
      const std::string p = "p" + std::to_string(i + 1) + "-";
      fields.emplace_back(p + "fornamn", people[i][0]);
      fields.emplace_back(p + "efternamn", "Haddad");
      fields.emplace_back(p + "fodelsedatum", people[i][1]);
      fields.emplace_back(p + "kon", people[i][2]);
      fields.emplace_back(p + "dossiernummer", people[i][3]);
    }
    // Rows 5 and 6 are sent empty, as a browser sends them.
    for (const char* input : {"fornamn", "efternamn", "fodelsedatum", "kon", "dossiernummer"}) {
      fields.emplace_back(std::string("p5-") + input, "");
      fields.emplace_back(std::string("p6-") + input, "");
    }
    return fields;
  }
  Page submit(const std::string& cookie, Fields fields) {
    fields.emplace_back("csrf", csrf(cookie));
    return post_form("/ny-ankomst", fields, cookie);
  }
  static void set(Fields& fields, const std::string& name, const std::string& value) {
    for (auto& [n, v] : fields)
      if (n == name) {
        v = value;
        return;
      }
    fields.emplace_back(name, value);
  }
};

TEST_F(WebHouseholdTest, AHouseholdOfFourIsRegisteredInOneSubmitAndItsChildrenNotifiedInOneMore) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const Page form = open("/ny-ankomst", cookie);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(form.has("href=\"/ny-ankomst\" aria-current=\"page\""));
  EXPECT_TRUE(form.has("<legend>Person 6</legend>"));
  EXPECT_FALSE(form.has("<legend>Person 7</legend>"));
  EXPECT_TRUE(form.has("<label for=\"p3-fodelsedatum\">Födelsedatum</label>"));
  EXPECT_TRUE(form.has(">Fler rader</button>"));
  EXPECT_TRUE(open("/ny-ankomst?rader=10", cookie).has("<legend>Person 10</legend>"));

  const Page registered = submit(cookie, household_of_four());
  ASSERT_EQ(registered.status, 303) << registered.html;
  EXPECT_EQ(registered.location(), "/hushall?hushall=HH-4");
  EXPECT_EQ(case_count(), 4u);
  EXPECT_EQ(all_events(), 4u) << "each person with its arrival notice";

  const Page household = open(registered.location(), cookie);
  ASSERT_EQ(household.status, 200) << household.html;
  EXPECT_TRUE(household.has("Registrerat: 4 personer i hushåll HH-4."));
  const std::string amina = first_group(household.html, "href=\"/arenden/([^\"]+)\">Amina Haddad</a>");
  const std::string omar = first_group(household.html, "href=\"/arenden/([^\"]+)\">Omar Haddad</a>");
  ASSERT_FALSE(amina.empty()) << household.html;
  ASSERT_FALSE(omar.empty());
  EXPECT_TRUE(household.has("Samma dag: informera hälsocentralen och skolan"));
  EXPECT_TRUE(household.has("name=\"hc-" + amina + "\""));
  EXPECT_TRUE(household.has("name=\"skola-" + amina + "\""));
  EXPECT_TRUE(household.has("name=\"hc-" + omar + "\""));
  EXPECT_FALSE(household.has("name=\"hc-" + first_group(household.html, "href=\"/arenden/([^\"]+)\">Nadia Haddad</a>") + "\""))
      << "no same-day step for an adult";

  const std::string event_id = first_group(household.html, "name=\"event_id\" value=\"([^\"]+)\"");
  const Fields same_day = {{"csrf", csrf(cookie)},  {"hushall", "HH-4"},        {"event_id", event_id},
                           {"date", "2026-11-25"},  {"hc-" + amina, "ja"},      {"skola-" + amina, "ja"},
                           {"hc-" + omar, "ja"},    {"skola-" + omar, "ja"}};
  const Page notified = post_form("/hushall/handelser", same_day, cookie);
  ASSERT_EQ(notified.status, 303) << notified.html;
  EXPECT_EQ(event_count(amina), 3u);
  EXPECT_EQ(event_count(omar), 3u);
  EXPECT_TRUE(open(notified.location(), cookie).has("Sparat för 4 händelser."));
  // A double click: the same event_ids, nothing new.
  ASSERT_EQ(post_form("/hushall/handelser", same_day, cookie).status, 303);
  EXPECT_EQ(all_events(), 8u);
  // The same-day steps are done: the offer is gone.
  EXPECT_FALSE(open("/hushall?hushall=HH-4", cookie).has("Samma dag: informera"));
  // The case page links to its household.
  EXPECT_TRUE(open("/arenden/" + amina, cookie).has("href=\"/hushall?hushall=HH-4\""));
}

TEST_F(WebHouseholdTest, ABadRowNamesThePersonAndTheFieldAndNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  Fields fields = household_of_four();
  set(fields, "p3-fodelsedatum", "2016-02-30");
  set(fields, "p4-fornamn", "");
  const Page refused = submit(cookie, fields);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("person 3: födelsedatum: är inte ett datum (ÅÅÅÅ-MM-DD)")) << refused.html;
  EXPECT_TRUE(refused.has("person 4: förnamn: måste fyllas i"));
  EXPECT_TRUE(refused.has("href=\"#p3-fodelsedatum\""));
  EXPECT_TRUE(refused.has("<p class=\"field-error\" id=\"p3-fodelsedatum-error\">person 3: födelsedatum:"))
      << "the message beside the field too";
  EXPECT_TRUE(refused.has("aria-describedby=\"p3-fodelsedatum-error\""));
  EXPECT_TRUE(refused.has("value=\"Karim\"")) << "what was entered is kept";
  EXPECT_EQ(case_count(), 0u);

  // A shared field is named once, not per person.
  fields = household_of_four();
  set(fields, "aviseringsdatum", "2026-11-26");
  const Page future = submit(cookie, fields);
  EXPECT_EQ(future.status, 400);
  EXPECT_TRUE(future.has("aviseringsdatum: får inte ligga efter i dag")) << future.html;
  EXPECT_EQ(case_count(), 0u);

  fields = household_of_four();
  for (int row = 1; row <= 4; ++row)
    for (const char* input : {"fornamn", "efternamn", "fodelsedatum", "kon", "dossiernummer"})
      set(fields, "p" + std::to_string(row) + "-" + input, "");
  const Page empty = submit(cookie, fields);
  EXPECT_EQ(empty.status, 400);
  EXPECT_TRUE(empty.has("Fyll i minst en person."));
}

TEST_F(WebHouseholdTest, ADossierNumberTwiceOrAlreadyTakenNamesThePersonAndNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  Fields fields = household_of_four();
  set(fields, "p4-dossiernummer", "MIG-10");
  const Page twice = submit(cookie, fields);
  EXPECT_EQ(twice.status, 400);
  EXPECT_TRUE(twice.has("person 4: dossiernummer: samma som person 1")) << twice.html;
  EXPECT_EQ(case_count(), 0u);

  // Taken by a case in another municipality: found when the household is
  // written, in the same transaction, which then writes nothing at all.
  Json known = person("berg", "1970-01-01", "Lars");
  known["external_ref"] = "MIG-40";
  create_case(known);
  fields = household_of_four();
  set(fields, "p4-dossiernummer", "MIG-40");
  const Page taken = submit(cookie, fields);
  EXPECT_EQ(taken.status, 409);
  EXPECT_TRUE(taken.has("person 4: dossiernummer: finns redan i Kedja, i ett annat ärende")) << taken.html;
  EXPECT_EQ(case_count(), 1u);
}

TEST_F(WebHouseholdTest, AReceptionUnitRegistersOnlyInItsOwnMunicipality) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  EXPECT_FALSE(open("/ny-ankomst", cookie).has("value=\"berg\"")) << "only its own municipality offered";
  const Page refused = submit(cookie, household_of_four("berg"));
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(refused.has("kommun: du kan bara registrera personer som ska bo i Krokom")) << refused.html;
  EXPECT_EQ(case_count(), 0u);
  // Migrationsverket registers in the whole region, the people only: the
  // arrival notice is the reception unit's event (contract §2).
  const std::string mv = login_as(Role::mv, "mv:jamtland");
  EXPECT_FALSE(open("/ny-ankomst", mv).has("id=\"aviseringsdatum\""));
  EXPECT_EQ(submit(mv, household_of_four("berg")).status, 303);
  EXPECT_EQ(case_count(), 4u);
  EXPECT_EQ(all_events(), 0u);
}

TEST_F(WebHouseholdTest, RolesThatDoNotCreateCasesGet403AndNoMenuEntry) {
  for (const auto& [role, actor] : std::vector<std::pair<Role, std::string>>{
           {Role::hc, "hc:krokom"}, {Role::school, "school:krokom"}, {Role::af, "af:jamtland"},
           {Role::coordinator, "lst:jamtland"}}) {
    const std::string cookie = login_as(role, actor);
    ASSERT_FALSE(cookie.empty()) << actor;
    EXPECT_EQ(open("/ny-ankomst", cookie).status, 403) << actor;
    EXPECT_FALSE(open("/att-gora", cookie).has("href=\"/ny-ankomst\"")) << actor;
    EXPECT_EQ(submit(cookie, household_of_four()).status, 403) << actor;
    if (role == Role::coordinator) {
      EXPECT_EQ(open("/hushall?hushall=HH-4", cookie).status, 403) << "households are not pseudonymised";
    }
  }
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebHouseholdTest, WithoutTheRightCsrfTokenNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  EXPECT_EQ(post_form("/ny-ankomst", household_of_four(), cookie).status, 403);
  Fields wrong = household_of_four();
  wrong.emplace_back("csrf", std::string(64, '0'));
  EXPECT_EQ(post_form("/ny-ankomst", wrong, cookie).status, 403);
  EXPECT_EQ(case_count(), 0u);

  ASSERT_EQ(submit(cookie, household_of_four()).status, 303);
  const std::string amina =
      first_group(open("/hushall?hushall=HH-4", cookie).html, "href=\"/arenden/([^\"]+)\">Amina Haddad</a>");
  EXPECT_EQ(post_form("/hushall/handelser", {{"hushall", "HH-4"}, {"date", "2026-11-25"}, {"hc-" + amina, "ja"}},
                      cookie).status,
            403);
  EXPECT_EQ(all_events(), 4u);
}

TEST_F(WebHouseholdTest, PossibleDuplicatesAreShownPerPersonAndRegisteredOnlyWhenConfirmed) {
  Json known = person("krokom", "2016-05-05");
  create_case(known);
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  Fields fields = household_of_four();
  const Page warned = submit(cookie, fields);
  EXPECT_EQ(warned.status, 409) << warned.html;
  EXPECT_TRUE(warned.has("person 3: Amina Haddad kan redan finnas i Kedja")) << warned.html;
  EXPECT_TRUE(warned.has("name=\"p3-ny\""));
  EXPECT_FALSE(warned.has("name=\"p1-ny\""));
  EXPECT_EQ(case_count(), 1u);

  fields.emplace_back("p3-ny", "ja");
  ASSERT_EQ(submit(cookie, fields).status, 303);
  EXPECT_EQ(case_count(), 5u);
}

TEST_F(WebHouseholdTest, OnePersonTypedTwiceIsNamedAtTheLaterRowAndNothingIsWritten) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  Fields fields = household_of_four();
  set(fields, "p5-fornamn", "amina");
  set(fields, "p5-efternamn", "Haddad");
  set(fields, "p5-fodelsedatum", "2016-05-05");
  set(fields, "p5-kon", "K");
  const Page refused = submit(cookie, fields);
  EXPECT_EQ(refused.status, 400) << refused.html;
  EXPECT_TRUE(refused.has("person 5: samma namn och födelsedatum som person 3")) << refused.html;
  EXPECT_TRUE(refused.has("href=\"#p5-fornamn\""));
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebHouseholdTest, ARefusedEventForSeveralMembersWritesNothing) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  ASSERT_EQ(submit(cookie, household_of_four()).status, 303);
  const Page household = open("/hushall?hushall=HH-4", cookie);
  EXPECT_TRUE(household.has("Registrera en händelse för flera"));
  const std::string nadia = first_group(household.html, "href=\"/arenden/([^\"]+)\">Nadia Haddad</a>");
  const std::string karim = first_group(household.html, "href=\"/arenden/([^\"]+)\">Karim Haddad</a>");
  const Fields future = {{"csrf", csrf(cookie)}, {"hushall", "HH-4"}, {"type", "arrived"},
                         {"date", "2026-11-26"}, {"m-" + nadia, "ja"}, {"m-" + karim, "ja"}};
  const Page refused = post_form("/hushall/handelser", future, cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("får inte ligga efter i dag")) << refused.html;
  EXPECT_EQ(all_events(), 4u);

  const Page none = post_form("/hushall/handelser", {{"csrf", csrf(cookie)}, {"hushall", "HH-4"}, {"type", "arrived"},
                                                     {"date", "2026-11-25"}},
                              cookie);
  EXPECT_EQ(none.status, 400);
  EXPECT_TRUE(none.has("Välj minst en person."));

  Fields arrived = future;
  set(arrived, "date", "2026-11-25");
  ASSERT_EQ(post_form("/hushall/handelser", arrived, cookie).status, 303);
  EXPECT_EQ(event_count(nadia), 2u);
  EXPECT_EQ(event_count(karim), 2u);
}

TEST_F(WebHouseholdTest, AnErrorOnTheFormForSeveralKeepsEveryValueAndLinksToTheDate) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  ASSERT_EQ(submit(cookie, household_of_four()).status, 303);
  const Page household = open("/hushall?hushall=HH-4", cookie);
  const std::string nadia = first_group(household.html, "href=\"/arenden/([^\"]+)\">Nadia Haddad</a>");
  for (const char* date : {"2026-12-24", "2026-02-30"}) {
    const Page refused = post_form("/hushall/handelser",
                                   {{"csrf", csrf(cookie)}, {"formular", "flera"}, {"hushall", "HH-4"},
                                    {"event_id", "web-abc"}, {"type", "civic_orientation_started"},
                                    {"date", date}, {"m-" + nadia, "ja"}},
                                   cookie);
    EXPECT_EQ(refused.status, 400) << date;
    EXPECT_TRUE(refused.has("<option value=\"civic_orientation_started\" selected=\"selected\">")) << date;
    EXPECT_TRUE(refused.has("value=\"" + std::string(date) + "\" aria-describedby=\"flera-date-error\" "
                            "aria-invalid=\"true\"")) << refused.html;
    EXPECT_TRUE(refused.has("id=\"m-" + nadia + "\" name=\"m-" + nadia + "\" value=\"ja\" checked=\"checked\""));
    EXPECT_TRUE(refused.has("href=\"#flera-date\"")) << date;
    EXPECT_TRUE(refused.dangling_links().empty()) << refused.dangling_links().front();
    EXPECT_EQ(all_events(), 4u) << date;
  }
  // Nobody ticked: said at the people, the date and type kept.
  const Page none = post_form("/hushall/handelser",
                              {{"csrf", csrf(cookie)}, {"formular", "flera"}, {"hushall", "HH-4"},
                               {"type", "civic_orientation_started"}, {"date", "2026-11-20"}},
                              cookie);
  EXPECT_EQ(none.status, 400);
  EXPECT_TRUE(none.has("href=\"#flera-personer\""));
  EXPECT_TRUE(none.has("value=\"2026-11-20\""));
  EXPECT_TRUE(none.dangling_links().empty());
  // A household with no member to show has no forms: its errors link nowhere.
  const Page no_members = post_form("/hushall/handelser",
                                    {{"csrf", csrf(cookie)}, {"formular", "flera"}, {"hushall", "HH-inget"},
                                     {"type", "civic_orientation_started"}, {"date", "2026-11-20"}},
                                    cookie);
  EXPECT_EQ(no_members.status, 400);
  EXPECT_TRUE(no_members.dangling_links().empty()) << no_members.dangling_links().front();
}

TEST_F(WebHouseholdTest, AnErrorOnTheSameDayFormKeepsItsTicksAndLinksToItsDate) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  ASSERT_EQ(submit(cookie, household_of_four()).status, 303);
  const Page household = open("/hushall?hushall=HH-4", cookie);
  EXPECT_FALSE(household.has("checked=\"checked\"")) << "no box ticked before anyone ticks it";
  const std::string amina = first_group(household.html, "href=\"/arenden/([^\"]+)\">Amina Haddad</a>");
  const Page refused = post_form("/hushall/handelser",
                                 {{"csrf", csrf(cookie)}, {"formular", "samma-dag"}, {"hushall", "HH-4"},
                                  {"date", "1989-12-31"}, {"hc-" + amina, "ja"}},
                                 cookie);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("Datum måste ligga mellan 1990-01-01 och 2199-12-31")) << refused.html;
  EXPECT_TRUE(refused.has("href=\"#samma-dag-date\""));
  EXPECT_TRUE(refused.has("name=\"hc-" + amina + "\" value=\"ja\" checked=\"checked\""));
  EXPECT_FALSE(refused.has("name=\"skola-" + amina + "\" value=\"ja\" checked"));
  EXPECT_TRUE(refused.dangling_links().empty()) << refused.dangling_links().front();
  EXPECT_EQ(all_events(), 4u);
}

TEST_F(WebHouseholdTest, ADoubleSubmitSaysTheEventsAreAlreadySaved) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  ASSERT_EQ(submit(cookie, household_of_four()).status, 303);
  const std::string amina =
      first_group(open("/hushall?hushall=HH-4", cookie).html, "href=\"/arenden/([^\"]+)\">Amina Haddad</a>");
  const Fields twice = {{"csrf", csrf(cookie)}, {"hushall", "HH-4"}, {"event_id", "web-1"},
                        {"date", "2026-11-25"}, {"hc-" + amina, "ja"}};
  ASSERT_EQ(post_form("/hushall/handelser", twice, cookie).status, 303);
  EXPECT_TRUE(open("/hushall?hushall=HH-4", cookie).has("Sparat för 1 händelse."));
  ASSERT_EQ(post_form("/hushall/handelser", twice, cookie).status, 303);
  const Page again = open("/hushall?hushall=HH-4", cookie);
  EXPECT_TRUE(again.has("Redan sparat: 1 händelse")) << again.html;
  EXPECT_FALSE(again.has("0 händelser"));
  EXPECT_EQ(all_events(), 5u);
}

TEST_F(WebHouseholdTest, TheCoordinatorsRefusalOfAHouseholdIsTitledHushall) {
  const std::string cookie = login_as(Role::coordinator, "lst:jamtland");
  for (const Page& page : {open("/hushall?hushall=HH-4", cookie),
                           post_form("/hushall/handelser", {{"csrf", csrf(cookie)}, {"hushall", "HH-4"}}, cookie)}) {
    EXPECT_EQ(page.status, 403);
    EXPECT_TRUE(page.has("<h1>Hushåll</h1>")) << page.html;
    EXPECT_TRUE(page.has("<title>Hushåll"));
    EXPECT_FALSE(page.has("<h1>Ny ankomst</h1>"));
  }
}

TEST_F(WebHouseholdTest, FlerRaderKeepsEverythingTypedAndWritesNothing) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  const Page form = open("/ny-ankomst", cookie);
  EXPECT_TRUE(form.has("<button type=\"submit\" name=\"fler_rader\" value=\"ja\""));
  EXPECT_FALSE(form.has("href=\"/ny-ankomst?rader="));
  Fields fields = household_of_four();
  fields.emplace_back("rader", "6");
  fields.emplace_back("fler_rader", "ja");
  const Page more = submit(cookie, fields);
  EXPECT_EQ(more.status, 200);
  EXPECT_TRUE(more.has("id=\"p10-fornamn\""));
  EXPECT_FALSE(more.has("id=\"p11-fornamn\""));
  EXPECT_TRUE(more.has("name=\"rader\" value=\"10\""));
  for (const char* kept : {"value=\"HH-4\"", "value=\"arabiska\"", "value=\"Karim\"", "value=\"2023-02-01\"",
                           "value=\"MIG-10\"", "value=\"2026-12-07\""})
    EXPECT_TRUE(more.has(kept)) << kept;
  EXPECT_TRUE(more.has("id=\"tolk\" name=\"tolk\" value=\"ja\" checked=\"checked\""));
  EXPECT_TRUE(more.has("<option value=\"M\" selected=\"selected\">"));
  EXPECT_FALSE(more.has("error-summary"));
  EXPECT_EQ(case_count(), 0u);
}

TEST_F(WebHouseholdTest, ForTheWholeRegionKommunStartsOnValjAndMustBeChosen) {
  const std::string mv = login_as(Role::mv, "mv:jamtland");
  const Page form = open("/ny-ankomst", mv);
  EXPECT_TRUE(form.has("<option value=\"\" selected=\"selected\">Välj kommun</option>")) << form.html;
  Fields fields = household_of_four("");
  const Page refused = submit(mv, fields);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("href=\"#kommun\">kommun: välj kommunen där hushållet ska bo")) << refused.html;
  EXPECT_TRUE(refused.has("id=\"kommun\" name=\"kommun\" aria-describedby=\"kommun-error\" aria-invalid=\"true\""));
  EXPECT_EQ(case_count(), 0u);
  // A reception unit has its own municipality, chosen already.
  const std::string reception = login_as(Role::reception, "reception:krokom");
  EXPECT_FALSE(open("/ny-ankomst", reception).has("Välj kommun"));
}

TEST_F(WebHouseholdTest, DatesOutsideTheirRangeAreRefusedInSwedish) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  static const struct {
    const char* input;
    const char* value;
    const char* shown;
  } cases[] = {
      {"p1-fodelsedatum", "1899-12-31", "person 1: födelsedatum: får inte ligga före 1900-01-01"},
      {"aviseringsdatum", "1989-01-01", "aviseringsdatum: måste ligga mellan 1990-01-01 och 2199-12-31"},
      {"ankomst", "2300-01-01", "förväntad ankomst: måste ligga mellan 1990-01-01 och 2199-12-31"},
  };
  for (const auto& c : cases) {
    Fields fields = household_of_four();
    set(fields, c.input, c.value);
    const Page refused = submit(cookie, fields);
    EXPECT_EQ(refused.status, 400) << c.input;
    EXPECT_TRUE(refused.has(c.shown)) << c.input << "\n" << refused.html;
    EXPECT_FALSE(refused.has("must ")) << c.input;
    EXPECT_TRUE(refused.dangling_links().empty()) << c.input << " " << refused.dangling_links().front();
    EXPECT_EQ(case_count(), 0u);
  }
}

TEST_F(WebHouseholdTest, AChildBornAfterTheArrivalNoticeIsNamedAtItsBirthDate) {
  const std::string cookie = login_as(Role::reception, "reception:krokom");
  Fields fields = household_of_four();
  set(fields, "aviseringsdatum", "2026-11-01");
  set(fields, "p2-fodelsedatum", "2026-11-10");
  const Page refused = submit(cookie, fields);
  EXPECT_EQ(refused.status, 400);
  EXPECT_TRUE(refused.has("href=\"#p2-fodelsedatum\">person 2: födelsedatum: 2026-11-10 är efter aviseringsdatum "
                          "2026-11-01.")) << refused.html;
  EXPECT_TRUE(refused.has("registrera det för sig med ett aviseringsdatum på eller efter födelsedagen"));
  EXPECT_TRUE(refused.has("id=\"p2-fodelsedatum\" name=\"p2-fodelsedatum\" value=\"2026-11-10\" "
                          "aria-describedby=\"p2-fodelsedatum-error\" aria-invalid=\"true\""));
  EXPECT_FALSE(refused.has("id=\"p2-fornamn\" name=\"p2-fornamn\" value=\"Karim\" aria-invalid"));
  EXPECT_EQ(case_count(), 0u);
}

}  // namespace
}  // namespace kedja::server::testing
