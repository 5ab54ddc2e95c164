// One member's events in `kedja demo`: the chain the household shares, then
// the steps of the seeds for the member's age — the health screening chain
// for children (seed 003, STEG 1–3), school and preschool, and for adults
// SFI, civic orientation and the 24-month establishment plan. Each stage is
// reached by some and missed by others, so every step is open, late, done,
// declined or voided somewhere.
#include "tools/demo_timeline.h"

#include <algorithm>

namespace kedja::tools {
namespace {

Event make(EventType type, Date date) {
  Event event;
  event.type = type;
  event.date = date;
  return event;
}

class PersonPlanner {
 public:
  PersonPlanner(const PersonFacts& p, CaseLog& log, DemoRandom& r) : p_(p), log_(log), r_(r) {}

  void plan() {
    plan_shared_chain();
    const auto& t = p_.timeline;
    if (t.notice) {
      int age = age_on(p_.the_case.birth_date, *t.notice);
      if (age <= 17) plan_child(age);
      else plan_adult();
    }
    if (t.moved_on) {
      Event moved = make(EventType::moved, *t.moved_on);
      moved.municipality = t.moved_to;
      log_.add(std::move(moved), unit(ActorKind::reception, add_days(*t.moved_on, -1)));
    }
    if (t.closed_on) {
      Event closed = make(EventType::case_closed, *t.closed_on);
      closed.reason = t.closed_reason;
      log_.add(std::move(closed), unit(ActorKind::reception, *t.closed_on));
    }
  }

 private:
  // The municipality's unit of `kind` on `day` (after a move: the new one's).
  ActorId unit(ActorKind kind, Date day) const {
    const auto& t = p_.timeline;
    bool moved = t.moved_on && day >= *t.moved_on;
    return p_.units.unit(kind, moved ? t.moved_to : p_.the_case.municipality);
  }
  int age(Date day) const { return age_on(p_.the_case.birth_date, day); }
  // A delay in calendar days: mostly within `usual`, sometimes up to `late`.
  Date after(Date day, int usual_max, int late_max, double late_share, int usual_min = 0) {
    return add_days(day, r_.chance(late_share) ? r_.between(usual_max + 1, late_max) : r_.between(usual_min, usual_max));
  }

  void plan_shared_chain() {
    const auto& t = p_.timeline;
    Event asylum = make(EventType::asylum_registered, t.asylum);
    asylum.housing = t.housing;
    log_.add(std::move(asylum), p_.units.mv);
    if (t.housing_changed) {
      Event changed = make(EventType::housing_changed, *t.housing_changed);
      changed.housing = Housing::EBO;
      log_.add(std::move(changed), p_.units.mv);
    }
    if (t.permit) {
      Event permit = make(EventType::permit_granted, *t.permit);
      permit.permit = t.permit_kind;
      log_.add(std::move(permit), p_.units.mv);
    }
    if (t.refused) log_.add(EventType::permit_refused, *t.refused, p_.units.mv);
    if (t.assigned) {
      Event assigned = make(EventType::municipality_assigned, *t.assigned);
      assigned.municipality = p_.the_case.municipality;
      assigned.latest_reception = t.latest_reception;
      log_.add(std::move(assigned), t.assigned_by_af ? p_.units.af : p_.units.mv);
    }
    if (!t.notice) return;
    Event notice = make(EventType::arrival_notice_received, *t.notice);
    notice.expected_arrival = t.expected;
    log_.add(std::move(notice), unit(ActorKind::reception, *t.notice));
    if (t.change_on) {
      Event change = make(EventType::arrival_date_changed, *t.change_on);
      change.expected_arrival = t.changed_expected;
      log_.add(std::move(change), unit(ActorKind::reception, *t.change_on));
    }
    if (t.arrival) log_.add(EventType::arrived, *t.arrival, unit(ActorKind::reception, *t.arrival));
  }

  // STEG 1.2: the reception unit tells the HC and the school the same day, mostly.
  std::optional<Date> notify(EventType type, Date day, double missed_share) {
    if (r_.chance(missed_share)) return std::nullopt;
    Date on = r_.chance(0.85) ? day : add_days(day, r_.between(1, 6));
    log_.add(type, on, unit(ActorKind::reception, on));
    return on;
  }

  void plan_child(int age_at_notice) {
    const auto& t = p_.timeline;
    auto hc_notified = notify(EventType::health_centre_notified, *t.notice, 0.05);
    if (t.change_on && r_.chance(0.9)) notify(EventType::health_centre_notified, *t.change_on, 0.0);
    std::optional<Date> school_notified;
    if (age_at_notice >= 1) school_notified = notify(EventType::school_notified, *t.notice, 0.03);
    std::optional<Date> results;
    bool obstacle = false;
    if (hc_notified) results = plan_health(*hc_notified, obstacle);
    if (age_at_notice >= 6) plan_school(school_notified, obstacle);
    else if (age_at_notice >= 1 && t.arrival && results && r_.chance(0.9))
      log_.add(EventType::preschool_started, add_days(std::max(*t.arrival, *results), r_.between(3, 45)),
               unit(ActorKind::preschool, std::max(*t.arrival, *results)));
  }

  // STEG 1.3–3; returns the day the test results came, if they did.
  std::optional<Date> plan_health(Date notified, bool& obstacle) {
    const ActorId& hc = p_.the_case.health_centre;
    Date booked = after(notified, 6, 25, 0.2);
    Date appointment = add_days(booked, r_.between(3, 21));
    if (r_.chance(0.03)) {  // a wrong time was booked, voided and booked again
      Event wrong = make(EventType::health_talk_booked, booked);
      wrong.appointment = add_days(appointment, r_.between(7, 30));
      int index = log_.add(std::move(wrong), hc);
      booked = add_days(booked, 1);
      log_.add_void(booked, index, "fel tid bokad", hc);
    }
    Event booking = make(EventType::health_talk_booked, booked);
    booking.appointment = appointment;
    log_.add(std::move(booking), hc);
    if (age(booked) <= 17 && r_.chance(0.05)) {
      decline("hold_health_talk", booked, appointment);
      return std::nullopt;
    }
    Date held = after(appointment, 0, 12, 0.15);
    log_.add(EventType::health_talk_held, held, hc);
    if (r_.chance(0.85))
      log_.add(EventType::vaccination_plan_made, add_days(held, r_.between(14, 120)),
               unit(age(held) <= 5 ? ActorKind::child_health : ActorKind::school_health, held));
    if (r_.chance(0.04)) return std::nullopt;  // the results never came
    Date results = add_days(held, r_.between(5, 20));
    log_.add(EventType::test_results_received, results, hc);
    log_.add(EventType::newcomer_informed, after(results, 1, 6, 0.15), hc);
    Event informed = make(EventType::reception_informed, after(results, 1, 6, 0.15));
    obstacle = r_.chance(0.03);
    informed.school_start_obstacle = obstacle;  // never the results themselves
    log_.add(std::move(informed), hc);
    plan_health_exam(results);
    return results;
  }

  void plan_health_exam(Date results) {
    const ActorId& hc = p_.the_case.health_centre;
    if (age(results) <= 17 && r_.chance(0.08)) return decline("book_health_exam", results, add_days(results, 5));
    Date booked = after(results, 7, 30, 0.2, 1);
    Event booking = make(EventType::health_exam_booked, booked);
    Date appointment = add_days(booked, r_.between(7, 40));
    booking.appointment = appointment;
    log_.add(std::move(booking), hc);
    if (age(booked) <= 17 && r_.chance(0.06)) return decline("hold_health_exam", booked, appointment);
    log_.add(EventType::health_exam_held, after(appointment, 0, 10, 0.1), hc);
  }

  // Participation is voluntary: a declined step is closed, never overdue.
  void decline(const char* step, Date opened, Date latest) {
    Event declined = make(EventType::step_declined,
                          add_days(opened, r_.between(0, static_cast<int>((latest - opened).count()))));
    declined.step = step;
    log_.add(std::move(declined), p_.the_case.health_centre);
  }

  void plan_school(std::optional<Date> school_notified, bool obstacle) {
    const auto& t = p_.timeline;
    if (school_notified && r_.chance(0.9)) {
      Date plan = after(*school_notified, 13, 40, 0.2, 2);
      log_.add(EventType::introduction_plan_made, plan, unit(ActorKind::school, plan));
    }
    if (t.arrival && r_.chance(0.95)) {
      Date start = add_days(after(*t.arrival, 30, 80, 0.25, 3), obstacle ? 30 : 0);
      log_.add(EventType::school_started, start, unit(ActorKind::school, start));
    }
  }

  void plan_adult() {
    const auto& t = p_.timeline;
    if (t.arrival && r_.chance(0.9)) {
      Date registered = add_days(*t.arrival, r_.between(5, 60));
      log_.add(EventType::sfi_registered, registered, unit(ActorKind::sfi, registered));
      if (r_.chance(0.85)) {
        Date started = after(registered, 80, 150, 0.25, 10);
        log_.add(EventType::sfi_started, started, unit(ActorKind::sfi, started));
      }
    }
    if (t.arrival && age(*t.arrival) <= 64 && r_.chance(0.9)) {
      Date started = add_days(*t.arrival, r_.between(14, 120));
      log_.add(EventType::civic_orientation_started, started, unit(ActorKind::reception, started));
      if (r_.chance(0.8))
        log_.add(EventType::civic_orientation_completed, add_days(started, r_.between(150, 420)),
                 unit(ActorKind::reception, add_days(started, 150)));
    }
    if (t.permit && t.notice && age(*t.permit) >= 20 && age(*t.permit) <= 64 && r_.chance(0.92)) plan_establishment();
  }

  // Arbetsförmedlingen: etableringssamtal, then a plan of at most 24 months.
  void plan_establishment() {
    Date talk = add_days(*p_.timeline.permit, r_.between(7, 40));
    log_.add(EventType::establishment_talk_held, talk, p_.units.af);
    Date started = add_days(talk, r_.between(5, 45));
    log_.add(EventType::establishment_plan_started, started, p_.units.af);
    bool early = r_.chance(0.35);
    Event ended = make(EventType::establishment_plan_ended,
                       add_days(started, early ? r_.between(120, 700) : r_.between(715, 790)));
    int roll = r_.between(0, 99);
    ended.outcome = early ? (roll < 65 ? Outcome::work : Outcome::studies)
                          : (roll < 35 ? Outcome::work : roll < 55 ? Outcome::studies : Outcome::other);
    log_.add(std::move(ended), p_.units.af);
  }

  const PersonFacts& p_;
  CaseLog& log_;
  DemoRandom& r_;
};

}  // namespace

void plan_person(const PersonFacts& person, CaseLog& log, DemoRandom& random) {
  PersonPlanner(person, log, random).plan();
}

}  // namespace kedja::tools
