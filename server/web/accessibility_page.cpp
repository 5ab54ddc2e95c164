// GET /tillganglighet (issue 14 §7): the accessibility statement that lag
// (2018:1937) om tillgänglighet till digital offentlig service asks of a
// public body's digital service, after the structure of Digg's model
// statement: who stands behind the service, how accessible it is, what is
// not, how to ask for content in another form and report a problem (the
// region file's `accessibility_contact`), the supervisory authority, and how
// the pages are tested. Reachable without logging in; linked from every
// page's footer.
#include "server/web/page_call.h"

namespace kedja::server::web {
namespace {

// Every word of the statement, in one place.
namespace words {
constexpr std::string_view intro =
    " står bakom Kedja, tjänsten som följer nyanlända genom mottagandekedjan. Vi vill att så många som "
    "möjligt ska kunna använda den. Här beskriver vi hur Kedja uppfyller lagen (2018:1937) om "
    "tillgänglighet till digital offentlig service, vilka brister vi känner till och hur du kan "
    "rapportera brister till oss så att vi kan åtgärda dem.";
constexpr std::string_view how_heading = "Hur tillgänglig är tjänsten?";
constexpr std::string_view how_text =
    "Sidorna är byggda för att användas med tangentbord och skärmläsare: varje fält har en etikett, fel "
    "visas i en sammanfattning överst och vid fältet, och status anges i ord, inte bara med färg. Allt "
    "fungerar utan JavaScript. Vi känner till några brister, som beskrivs nedan.";
constexpr std::string_view other_form_heading = "Vad kan du göra om du inte kan använda delar av tjänsten?";
constexpr std::string_view other_form_text =
    "Om du behöver innehåll från Kedja i ett annat format, eller inte kan använda en funktion, kontakta oss:";
constexpr std::string_view report_heading = "Rapportera brister i tjänstens tillgänglighet";
constexpr std::string_view report_text =
    "Vi strävar hela tiden efter att göra Kedja mer tillgänglig. Om du upptäcker problem som inte beskrivs "
    "på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss så att vi får veta "
    "att problemet finns. Skriv gärna vilken sida det gäller och vilket hjälpmedel du använder:";
constexpr std::string_view no_contact =
    "Kontakta den som administrerar Kedja i din organisation (ingen kontaktadress är inlagd i Kedjas "
    "konfiguration).";
constexpr std::string_view supervision_heading = "Tillsyn";
constexpr std::string_view supervision_text =
    "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till "
    "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du ";
constexpr std::string_view supervision_link = "anmäla det till Digg";
constexpr std::string_view supervision_url = "https://www.digg.se/tdosanmalan";
constexpr std::string_view technical_heading = "Teknisk information om tjänstens tillgänglighet";
constexpr std::string_view technical_text =
    "Kedja är delvis förenlig med lagen om tillgänglighet till digital offentlig service och med "
    "standarden EN 301 549 (WCAG 2.1 nivå AA), på grund av de brister som beskrivs nedan.";
constexpr std::string_view gaps_heading = "Innehåll som inte är tillgängligt";
constexpr std::string_view gaps[] = {
    "En inloggning avslutas efter 30 minuter utan aktivitet, utan varning och utan möjlighet att förlänga "
    "tiden (WCAG 2.2.1 Justerbar tidsgräns). Det som inte hann sparas måste fyllas i igen.",
    "Listor som laddas ned som CSV-filer för Excel är data utan rubriker eller beskrivningar utöver "
    "kolumnnamnen.",
    "Tjänsten har ännu inte granskats manuellt av en fristående granskare; brister som automatiska tester "
    "inte hittar kan finnas.",
};
constexpr std::string_view tested_heading = "Hur vi testat tjänsten";
constexpr std::string_view tested_text =
    "Varje sida testas automatiskt vid varje ändring i en riktig webbläsare (Chromium) med verktyget "
    "axe-core mot kraven i WCAG 2.1 nivå A och AA. Redogörelsen uppdaterades senast den 30 november 2026.";
}  // namespace words

void contact(HtmlWriter& html, const std::optional<std::string>& address) {
  if (!address) {
    html.element("p", words::no_contact);
    return;
  }
  html.open("p");
  html.text("E-post: ");
  html.element("a", *address, {{"href", "mailto:" + *address}});
  html.close("p");
}

}  // namespace

void accessibility_statement(HtmlWriter& html, const Region& region) {
  html.element("h1", "Tillgänglighetsredogörelse för Kedja");
  html.element("p", region.name() + std::string(words::intro), {{"class", "lead"}});
  html.element("h2", words::how_heading);
  html.element("p", words::how_text);
  html.element("h2", words::other_form_heading);
  html.element("p", words::other_form_text);
  contact(html, region.accessibility_contact());
  html.element("h2", words::report_heading);
  html.element("p", words::report_text);
  contact(html, region.accessibility_contact());
  html.element("h2", words::supervision_heading);
  html.open("p");
  html.text(words::supervision_text);
  html.element("a", words::supervision_link, {{"href", words::supervision_url}});
  html.text(".");
  html.close("p");
  html.element("h2", words::technical_heading);
  html.element("p", words::technical_text);
  html.element("h3", words::gaps_heading);
  html.open("ul");
  for (auto gap : words::gaps) html.element("li", gap);
  html.close("ul");
  html.element("h2", words::tested_heading);
  html.element("p", words::tested_text);
}

}  // namespace kedja::server::web
