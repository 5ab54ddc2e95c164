// The region (län) Kedja serves: its municipalities (kommuner), their units,
// health centres (hälsocentraler) and the regional offices (contract §1).
#pragma once

#include "domain/ids.h"
#include "domain/result.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kedja {

enum class ActorKind {
  reception,      // mottagningsenhet
  school,
  preschool,
  school_health,  // skolhälsovård
  child_health,   // BVC
  sfi,
  hc,             // hälsocentral
  af,             // Arbetsförmedlingen
  mv,             // Migrationsverket
  lst,            // Länsstyrelsen
};

std::string_view to_string(ActorKind kind);
std::optional<ActorKind> actor_kind_from(std::string_view text);
// The kinds that exist once per municipality (reception … sfi).
bool is_municipal_kind(ActorKind kind);

struct Actor {
  ActorId id;
  ActorKind kind;
  std::string name;
  std::optional<std::string> municipality;  // slug; nullopt for regional offices
  // The unit's functional mailbox (funktionsbrevlåda) for the morning digest
  // (`kedja remind`); nullopt: the unit gets no digest. Always an address
  // is_mailbox_address accepts.
  std::optional<std::string> email;
};

// A plain ASCII e-mail address, "local@domain.tld", as a functional mailbox
// has: a local part of 1–64 of the characters RFC 5322 allows unquoted
// (letters, digits, ! # $ % & ' * + / = ? ^ _ ` { | } ~ - and inner dots),
// a domain of at least two dot-separated labels (letters, digits, inner
// '-', 1–63 each), at most 254 characters in all. No spaces, no display
// name, no quoting, no IDN (write its xn-- form): such an address can go
// into a mail header and an SMTP command as it is.
bool is_mailbox_address(std::string_view text);

struct Municipality {
  std::string slug;  // "ostersund"
  std::string name;  // "Östersund"
  ActorId default_health_centre;
};

class Region {
 public:
  Region() = default;
  // Checks the region's consistency (unique ids, ids of the form kind:slug,
  // each municipality with all municipal units and a default health centre
  // in it); names what is wrong.
  static Result<Region> make(std::string name, std::vector<Municipality> municipalities,
                             std::vector<Actor> actors);

  const std::string& name() const { return name_; }
  const std::vector<Actor>& actors() const { return actors_; }  // sorted by id
  const std::vector<Municipality>& municipalities() const { return municipalities_; }
  // Where people report a problem with the pages' accessibility and ask for
  // content in another form (lag 2018:1937; the accessibility statement at
  // /tillganglighet): the region file's "accessibility_contact", a plain
  // e-mail address as is_mailbox_address accepts; nullopt when not given.
  const std::optional<std::string>& accessibility_contact() const { return accessibility_contact_; }
  void set_accessibility_contact(std::optional<std::string> address) {
    accessibility_contact_ = std::move(address);
  }

  const Actor* find_actor(const ActorId& id) const;
  const Municipality* find_municipality(std::string_view slug) const;
  // The unit of `kind` serving `municipality` (municipal kinds), or the
  // region's office of that kind (af, mv, lst). nullptr if there is none.
  const Actor* unit(ActorKind kind, std::string_view municipality) const;

 private:
  std::string name_;
  std::optional<std::string> accessibility_contact_;
  std::vector<Municipality> municipalities_;
  std::vector<Actor> actors_;
  std::map<std::string, std::size_t, std::less<>> actor_index_;
  std::map<std::string, std::size_t, std::less<>> municipality_index_;
  std::map<std::pair<ActorKind, std::string>, std::size_t> unit_index_;
};

}  // namespace kedja
