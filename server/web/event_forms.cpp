#include "server/web/event_forms.h"

#include "server/web/swedish.h"

#include "domain/text/collation.h"

#include <algorithm>
#include <array>

namespace kedja::server::web {
namespace {

std::string lower_first(std::string_view label) {
  std::string out(label);
  if (out.empty()) return out;
  if (out[0] >= 'A' && out[0] <= 'Z') {
    out[0] = static_cast<char>(out[0] - 'A' + 'a');
  } else if (out.size() > 1 && static_cast<unsigned char>(out[0]) == 0xC3) {
    const auto second = static_cast<unsigned char>(out[1]);  // Å Ä Ö → å ä ö
    if (second == 0x85 || second == 0x84 || second == 0x96) out[1] = static_cast<char>(second + 0x20);
  }
  return out;
}

std::string value_of(const EventFormView& view, std::string_view name, std::string fallback) {
  if (!view.values) return fallback;
  const auto found = view.values->find(name);
  return found == view.values->end() ? fallback : found->second;
}

const FormError* error_for(const EventFormView& view, const std::string& id) {
  if (!view.errors) return nullptr;
  for (const auto& error : *view.errors)
    if (error.field == id) return &error;
  return nullptr;
}

// Opens the field's wrapper, label, hint and error; returns the
// aria-describedby value for the input.
std::string field_start(HtmlWriter& html, const EventFormView& view, const std::string& id,
                        std::string_view label, std::string_view hint) {
  const FormError* error = error_for(view, id);
  html.open("div", {{"class", error ? "field has-error" : "field"}});
  html.element("label", label, {{"for", id}});
  std::string described;
  if (!hint.empty() && !view.compact) {
    html.element("p", hint, {{"class", "hint"}, {"id", id + "-hint"}});
    described = id + "-hint";
  }
  if (error) {
    html.element("p", error->message, {{"class", "field-error"}, {"id", id + "-error"}});
    described += (described.empty() ? "" : " ") + id + "-error";
  }
  return described;
}

void input(HtmlWriter& html, std::vector<Attr> attrs, const std::string& described, bool invalid) {
  if (!described.empty()) attrs.emplace_back("aria-describedby", described);
  if (invalid) attrs.emplace_back("aria-invalid", "true");
  html.empty("input", attrs);
}

void select(HtmlWriter& html, const std::string& id, const std::string& name,
            const std::vector<std::pair<std::string, std::string>>& choices, const std::string& chosen,
            const std::string& described) {
  std::vector<Attr> attrs = {{"id", id}, {"name", name}};
  if (!described.empty()) attrs.emplace_back("aria-describedby", described);
  html.open("select", attrs);
  html.element("option", "Välj …", {{"value", ""}});
  for (const auto& [value, text] : choices) {
    if (value == chosen) html.element("option", text, {{"value", value}, {"selected", "selected"}});
    else html.element("option", text, {{"value", value}});
  }
  html.close("select");
}

void payload_field(HtmlWriter& html, const PageCall& call, const EventFormView& view, FieldSpec spec) {
  const std::string name(to_string(spec.field));
  const std::string id = input_id(view.id_prefix, name);
  const bool invalid = error_for(view, id) != nullptr;
  const std::string value = value_of(view, name, "");
  switch (spec.field) {
    case Field::appointment:
    case Field::expected_arrival:
    case Field::latest_reception: {
      const auto described = field_start(html, view, id, field_label(spec.field),
                                         spec.field == Field::appointment ? "Dagen då besöket är bokat." : "");
      input(html, {{"type", "date"}, {"id", id}, {"name", name}, {"value", value}}, described, invalid);
      html.close("div");
      return;
    }
    case Field::school_start_obstacle: {
      const FormError* error = error_for(view, id);
      html.open("fieldset", {{"class", error ? "field has-error" : "field"}});
      html.element("legend", "Finns hinder för skolstart?");
      if (error) html.element("p", error->message, {{"class", "field-error"}, {"id", id + "-error"}});
      html.open("div", {{"class", "choices"}});
      for (const auto& [v, text] : {std::pair{"false", "Nej"}, std::pair{"true", "Ja"}}) {
        const std::string choice_id = v == std::string_view("false") ? id : id + "-ja";
        std::vector<Attr> attrs = {{"type", "radio"}, {"id", choice_id}, {"name", name}, {"value", v}};
        if (value == v) attrs.emplace_back("checked", "checked");
        html.open("label", {{"for", choice_id}});
        html.empty("input", attrs);
        html.text(text);
        html.close("label");
      }
      html.close("div").close("fieldset");
      return;
    }
    case Field::housing:
    case Field::permit:
    case Field::outcome: {
      std::vector<std::pair<std::string, std::string>> choices;
      const std::vector<std::string_view> values =
          spec.field == Field::housing ? std::vector<std::string_view>{"ABO", "EBO"}
          : spec.field == Field::permit ? std::vector<std::string_view>{"PUT", "TUT"}
                                        : std::vector<std::string_view>{"work", "studies", "other"};
      for (auto v : values) choices.emplace_back(std::string(v), std::string(value_label(spec.field, v)));
      const auto described = field_start(html, view, id, field_label(spec.field), "");
      select(html, id, name, choices, value, described);
      html.close("div");
      return;
    }
    case Field::municipality: {
      std::vector<std::pair<std::string, std::string>> choices;
      for (const auto& m : text::municipalities_by_name(call.context.region)) choices.emplace_back(m.slug, m.name);
      const auto described = field_start(html, view, id, field_label(spec.field), "");
      select(html, id, name, choices, value, described);
      html.close("div");
      return;
    }
    case Field::health_centre: {
      std::vector<std::pair<std::string, std::string>> choices;
      for (const auto& a : call.context.region.actors())
        if (a.kind == ActorKind::hc) choices.emplace_back(a.id.str(), a.name);
      const auto described = field_start(html, view, id, field_label(spec.field), "");
      select(html, id, name, choices, value, described);
      html.close("div");
      return;
    }
    case Field::step: {
      const auto described = field_start(html, view, id, "Steg som avböjs", "");
      select(html, id, name, view.step_choices, value, described);
      html.close("div");
      return;
    }
    case Field::reason: {
      const auto described = field_start(html, view, id, field_label(spec.field), "Högst 500 tecken.");
      std::vector<Attr> attrs = {{"id", id}, {"name", name}, {"rows", "2"}, {"cols", "40"}};
      if (!described.empty()) attrs.emplace_back("aria-describedby", described);
      if (invalid) attrs.emplace_back("aria-invalid", "true");
      html.open("textarea", attrs).text(value).close("textarea");
      html.close("div");
      return;
    }
    default: {  // the voided event's seq
      const auto described = field_start(html, view, id, "Händelse som makuleras", "");
      select(html, id, name, view.event_choices, value, described);
      html.close("div");
      return;
    }
  }
}

}  // namespace

std::string input_id(const std::string& id_prefix, std::string_view field) {
  return id_prefix + "-" + std::string(field);
}

const std::string& record_button_text(EventType type) {
  // Worked out once per type: a list writes one per row.
  static const auto texts = [] {
    std::array<std::string, event_type_count> out;
    for (int i = 0; i < event_type_count; ++i) {
      const auto t = static_cast<EventType>(i);
      if (t == EventType::event_voided) out[i] = "Makulera händelsen";
      else if (t == EventType::step_declined) out[i] = "Registrera att steget avböjts";
      else out[i] = "Registrera " + lower_first(event_label(t));
    }
    return out;
  }();
  return texts[static_cast<std::size_t>(type)];
}

std::vector<EventType> recordable_types(const Caller& caller) {
  std::vector<EventType> types;
  for (int i = 0; i < event_type_count; ++i) {
    const auto type = static_cast<EventType>(i);
    if (type == EventType::step_declined || type == EventType::event_voided) continue;
    if (may_record(caller, type, std::nullopt, std::nullopt)) types.push_back(type);
  }
  return types;
}

void event_form(HtmlWriter& html, const PageCall& call, const CaseId& id, EventType type,
                const EventFormView& view) {
  html.open("form", {{"method", "post"}, {"action", Url("/arenden").segment(id.str()).segment("handelser")},
                     {"class", "event"}, {"novalidate", "novalidate"}});
  csrf_field(html, call.session);
  // A fresh id per rendering: a double click sends it twice, the store keeps one.
  html.empty("input", {{"type", "hidden"}, {"name", "event_id"}, {"value", "web-" + random_hex(12)}});
  html.empty("input", {{"type", "hidden"}, {"name", "type"}, {"value", to_string(type)}});
  const std::string date_id = input_id(view.id_prefix, "date");
  const auto described = field_start(html, view, date_id, "Datum", "Dagen då det hände. Inte efter i dag.");
  input(html, {{"type", "date"}, {"id", date_id}, {"name", "date"},
               {"value", value_of(view, "date", format_date(call.today))}, {"max", format_date(call.today)}},
        described, error_for(view, date_id) != nullptr);
  html.close("div");
  for (const FieldSpec& spec : payload_of(type)) payload_field(html, call, view, spec);
  html.element("button", record_button_text(type), {{"type", "submit"}});
  html.close("form");
}

std::string row_reference(const CaseId& id, EventType type) {
  const std::string_view name = to_string(type);
  std::string out;
  out.reserve(id.str().size() + 1 + name.size() + 4);  // room for ".nej": one allocation a row
  out += id.str();
  out += '.';
  out += name;
  return out;
}

void shared_row_form(HtmlWriter& html, const PageCall& call, const std::string& rendering) {
  html.open("form", {{"id", row_form_id}, {"method", "post"}});
  csrf_field(html, call.session);
  html.empty("input", {{"type", "hidden"}, {"name", "visning"}, {"value", rendering}});
  html.close("form");
}

namespace {

// A row's field, as small as a label and its input can be: no hint (the
// column heading and the button say what the row records), no wrapper, the
// input inside its label (labelled without an id and a `for`).
void row_field(HtmlWriter& html, const PageCall& call, const std::string& id_prefix, FieldSpec spec) {
  const std::string name(to_string(spec.field));
  switch (spec.field) {
    case Field::appointment:
    case Field::expected_arrival:
    case Field::latest_reception:
      html.open("label").text(field_label(spec.field));
      html.empty("input", {{"type", "date"}, {"name", name}});
      html.close("label");
      return;
    default: {
      EventFormView view;
      view.id_prefix = id_prefix;
      view.compact = true;
      payload_field(html, call, view, spec);
      return;
    }
  }
}

void row_button(HtmlWriter& html, std::string_view text, const std::string& rad, bool shared) {
  if (shared)
    html.element("button", text, {{"form", row_form_id}, {"name", "rad"}, {"value", rad}});
  else
    html.element("button", text, {{"name", "rad"}, {"value", rad}});
}

}  // namespace

std::optional<Field> row_choice_field(EventType type) {
  const auto fields = payload_of(type);
  if (fields.size() == 1 && fields[0].field == Field::school_start_obstacle) return fields[0].field;
  return std::nullopt;
}

std::string row_choice_button_text(bool obstacle) {
  // The row's step says whom the unit informs ("Informera mottagningsenheten
  // om hinder för skolstart"); the buttons say what each records.
  return obstacle ? "Registrera: hinder för skolstart" : "Registrera: inget hinder för skolstart";
}

void row_event(HtmlWriter& html, const PageCall& call, const CaseId& id, EventType type,
               const std::string& rendering, const std::string& id_prefix) {
  const auto fields = payload_of(type);
  std::string rad = row_reference(id, type);
  if (fields.empty()) {
    row_button(html, record_button_text(type), rad, true);
    return;
  }
  if (row_choice_field(type)) {
    // The choice is the button (rad = "<case>.<type>.ja|nej"): two buttons
    // of the shared form, no form of the row's own.
    const std::size_t reference = rad.size();
    for (const auto& [choice, obstacle] : {std::pair{".nej", false}, std::pair{".ja", true}}) {
      rad.resize(reference);
      rad += choice;  // within the room row_reference left
      row_button(html, row_choice_button_text(obstacle), rad, true);
    }
    return;
  }
  html.open("form", {{"method", "post"}});  // no action: back to this very view
  csrf_field(html, call.session);
  html.empty("input", {{"type", "hidden"}, {"name", "visning"}, {"value", rendering}});
  for (const FieldSpec& spec : fields) row_field(html, call, id_prefix, spec);
  row_button(html, record_button_text(type), rad, false);
  html.close("form");
}

std::vector<FormError> form_errors(const Problem& problem, const std::string& id_prefix,
                                   const Region& region) {
  (void)region;
  std::vector<FormError> errors;
  switch (problem.kind) {
    case ProblemKind::forbidden:
      errors.push_back({"", "Din roll får inte registrera den här händelsen. Inget sparades."});
      return errors;
    case ProblemKind::conflict:
      errors.push_back({"", "Inget sparades: " + swedish_conflict(problem.detail)});
      return errors;
    case ProblemKind::not_found:
      errors.push_back({"", "Ärendet finns inte, eller så får du inte se det."});
      return errors;
    case ProblemKind::invalid: break;
  }
  for (const auto& error : problem.errors) {
    std::string field = error.field;
    if (const auto dot = field.rfind('.'); dot != std::string::npos) field = field.substr(dot + 1);
    errors.push_back({input_id(id_prefix, field), field_label(field) + " " + swedish_message(error.message)});
  }
  if (errors.empty()) errors.push_back({"", problem.detail});
  return errors;
}

}  // namespace kedja::server::web
