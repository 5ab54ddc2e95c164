// One member's events in `kedja demo`: the chain the household shares, then
// the steps of the seeds for the member's age — the health screening chain
// for children (seed 003, STEG 1–3), school and preschool, and for adults
// SFI, civic orientation and the 24-month establishment plan.
//
// Like a real region on a real day (issue 13): every step with a due date is
// done in the end — most on time, some a few days to a few weeks late, and
// now and then one forgotten for weeks or months (the stuck cases a
// coordinator chases). What is still open today is what is in progress, so
// the overdue lists hold days and weeks, not the year-old steps that a
// notification never recorded made. Voluntary steps are declined by some;
// steps without a due date are left open by some.
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
  // When a unit does a step that is due `due_in` calendar days after `day`
  // (the rule's working days or months, in calendar days, on the safe side):
  // on time in [day + earliest, due], or late by a few days to a few weeks
  // (`late_share` of the time), or, one step in 400, forgotten and found
  // six weeks to five months later.
  Date done_by(Date day, int due_in, double late_share, int earliest = 0) {
    const Date due = add_days(day, due_in);
    if (r_.chance(forgotten_share)) return add_days(due, r_.between(40, 150));
    if (r_.chance(late_share)) return add_days(due, days_late());
    return add_days(day, r_.between(std::min(earliest, due_in), due_in));
  }
  // Calendar days past the due date of a late step: mostly a few days,
  // sometimes two weeks, rarely a month.
  int days_late() {
    const int roll = r_.between(0, 99);
    return roll < 55 ? r_.between(1, 4) : roll < 85 ? r_.between(5, 14) : r_.between(15, 30);
  }
  static constexpr double forgotten_share = 0.0025;

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

  // STEG 1.2: the reception unit tells the HC and the school the same
  // working day, mostly.
  Date notify(EventType type, Date day) {
    Date on = done_by(day, 0, 0.12);
    log_.add(type, on, unit(ActorKind::reception, on));
    return on;
  }

  void plan_child(int age_at_notice) {
    const auto& t = p_.timeline;
    const Date hc_notified = notify(EventType::health_centre_notified, *t.notice);
    std::optional<Date> school_notified;
    if (age_at_notice >= 1) school_notified = notify(EventType::school_notified, *t.notice);
    // A changed arrival date is passed on to both (pass_on_arrival_change,
    // pass_on_arrival_change_to_school).
    std::optional<Date> hc_told_of_change, school_told_of_change;
    if (t.change_on) {
      hc_told_of_change = notify(EventType::health_centre_notified, *t.change_on);
      if (age_at_notice >= 1) school_told_of_change = notify(EventType::school_notified, *t.change_on);
    }
    bool obstacle = false;
    const auto results = plan_health(hc_notified, hc_told_of_change, obstacle);
    // A child of 5 on the notice who is 6 on arrival starts school: the
    // school start is due whichever day decides the age (arrival or notice).
    if (age_at_notice >= 6 || (t.arrival && age(*t.arrival) >= 6))
      plan_school(school_notified, school_told_of_change, obstacle);
    else if (age_at_notice >= 1 && t.arrival && results && r_.chance(0.9))
      log_.add(EventType::preschool_started, add_days(std::max(*t.arrival, *results), r_.between(3, 45)),
               unit(ActorKind::preschool, std::max(*t.arrival, *results)));
  }

  // The health talk is held once the family has arrived: at least 3 days
  // after the booking, within two weeks of the arrival.
  Date talk_appointment(Date booked) {
    const Date earliest = add_days(booked, r_.between(3, 21));
    const auto& arrival = p_.timeline.arrival;
    return arrival ? std::max(earliest, add_days(*arrival, r_.between(1, 14))) : earliest;
  }

  Date book_talk(Date booked, Date appointment) {
    Event booking = make(EventType::health_talk_booked, booked);
    booking.appointment = appointment;
    log_.add(std::move(booking), p_.the_case.health_centre);
    return appointment;
  }

  // STEG 1.3–3; returns the day the test results came, if they did.
  std::optional<Date> plan_health(Date notified, std::optional<Date> told_of_change, bool& obstacle) {
    const ActorId& hc = p_.the_case.health_centre;
    Date booked = done_by(notified, 6, 0.1);
    Date appointment = talk_appointment(booked);
    if (r_.chance(0.03)) {  // a wrong time was booked, voided and booked again
      Event wrong = make(EventType::health_talk_booked, booked);
      wrong.appointment = add_days(appointment, r_.between(7, 30));
      int index = log_.add(std::move(wrong), hc);
      booked = add_days(booked, 1);
      log_.add_void(booked, index, "fel tid bokad", hc);
    }
    book_talk(booked, appointment);
    // Told of a changed arrival after booking: the HC books the talk again
    // for the new date (the talk is after the arrival, so not yet held).
    if (told_of_change && *told_of_change > booked) {
      booked = done_by(*told_of_change, 6, 0.1);
      appointment = book_talk(booked, talk_appointment(booked));
    }
    if (age(booked) <= 17 && r_.chance(0.05)) {
      decline("hold_health_talk", booked, appointment);
      return std::nullopt;
    }
    Date held = done_by(appointment, 0, 0.08);
    log_.add(EventType::health_talk_held, held, hc);
    if (r_.chance(0.85))
      log_.add(EventType::vaccination_plan_made, add_days(held, r_.between(14, 120)),
               unit(age(held) <= 5 ? ActorKind::child_health : ActorKind::school_health, held));
    Date results = done_by(held, 13, 0.08, 5);
    log_.add(EventType::test_results_received, results, hc);
    log_.add(EventType::newcomer_informed, done_by(results, 1, 0.08), hc);
    Event informed = make(EventType::reception_informed, done_by(results, 1, 0.08));
    obstacle = r_.chance(0.03);
    informed.school_start_obstacle = obstacle;  // never the results themselves
    log_.add(std::move(informed), hc);
    plan_health_exam(results);
    return results;
  }

  void plan_health_exam(Date results) {
    const ActorId& hc = p_.the_case.health_centre;
    if (age(results) <= 17 && r_.chance(0.08)) return decline("book_health_exam", results, add_days(results, 5));
    Date booked = done_by(results, 6, 0.1, 1);
    Event booking = make(EventType::health_exam_booked, booked);
    Date appointment = add_days(booked, r_.between(7, 40));
    booking.appointment = appointment;
    log_.add(std::move(booking), hc);
    if (age(booked) <= 17 && r_.chance(0.06)) return decline("hold_health_exam", booked, appointment);
    log_.add(EventType::health_exam_held, done_by(appointment, 0, 0.06), hc);
  }

  // Participation is voluntary: a declined step is closed, never overdue.
  void decline(const char* step, Date opened, Date latest) {
    Event declined = make(EventType::step_declined,
                          add_days(opened, r_.between(0, static_cast<int>((latest - opened).count()))));
    declined.step = step;
    log_.add(std::move(declined), p_.the_case.health_centre);
  }
  // The same, recorded by the municipality's unit that owns the step.
  void decline_own(const char* step, Date opened, Date latest, ActorKind owner) {
    Date on = add_days(opened, r_.between(0, static_cast<int>((latest - opened).count())));
    Event declined = make(EventType::step_declined, on);
    declined.step = step;
    log_.add(std::move(declined), unit(owner, on));
  }

  void plan_school(std::optional<Date> school_notified, std::optional<Date> told_of_change, bool obstacle) {
    const auto& t = p_.timeline;
    if (school_notified) {
      Date plan = done_by(*school_notified, 13, 0.1, 2);
      log_.add(EventType::introduction_plan_made, plan, unit(ActorKind::school, plan));
      // Told of a changed arrival after the plan was made: the plan is
      // made again for the new date.
      if (told_of_change && *told_of_change > plan) {
        plan = done_by(*told_of_change, 13, 0.1, 1);
        log_.add(EventType::introduction_plan_made, plan, unit(ActorKind::school, plan));
      }
    }
    if (t.arrival) {
      // An obstacle to school start (reception_informed) puts it off a month.
      Date start = add_days(done_by(*t.arrival, 27, 0.1, 3), obstacle ? 30 : 0);
      log_.add(EventType::school_started, start, unit(ActorKind::school, start));
    }
  }

  void plan_adult() {
    const auto& t = p_.timeline;
    if (t.arrival && r_.chance(0.9)) {
      Date registered = add_days(*t.arrival, r_.between(5, 60));
      log_.add(EventType::sfi_registered, registered, unit(ActorKind::sfi, registered));
      if (r_.chance(0.06)) {  // SFI is voluntary: some say no
        decline_own("start_sfi", registered, add_days(registered, 60), ActorKind::sfi);
      } else {
        Date started = done_by(registered, 88, 0.1, 10);
        log_.add(EventType::sfi_started, started, unit(ActorKind::sfi, started));
      }
    }
    if (t.arrival && age(*t.arrival) <= 64 && r_.chance(0.9)) {
      Date started = add_days(*t.arrival, r_.between(14, 120));
      log_.add(EventType::civic_orientation_started, started, unit(ActorKind::reception, started));
      if (r_.chance(0.08)) {  // voluntary too: some stop going
        decline_own("complete_civic_orientation", started, add_days(started, 200), ActorKind::reception);
      } else {
        Date completed = done_by(started, 364, 0.06, 150);
        log_.add(EventType::civic_orientation_completed, completed, unit(ActorKind::reception, completed));
      }
    }
    if (t.permit && t.notice && age(*t.permit) >= 20 && age(*t.permit) <= 64 && r_.chance(0.92)) plan_establishment();
  }

  // Arbetsförmedlingen: etableringssamtal, then a plan of at most 24 months.
  void plan_establishment() {
    Date talk = add_days(*p_.timeline.permit, r_.between(7, 40));
    log_.add(EventType::establishment_talk_held, talk, p_.units.af);
    Date started = add_days(talk, r_.between(5, 45));
    log_.add(EventType::establishment_plan_started, started, p_.units.af);
    // A plan lasts at most 24 months (due then); most run their full time.
    bool early = r_.chance(0.35);
    Event ended = make(EventType::establishment_plan_ended,
                       early ? add_days(started, r_.between(120, 700)) : done_by(started, 729, 0.05, 715));
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
