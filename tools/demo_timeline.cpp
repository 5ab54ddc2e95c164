// The household timelines of `kedja demo`. Durations follow the seeds:
// a referral states the latest reception at most two months on; people with
// a permit often wait months in ABO; EBO households are notified soon after
// the permit; unaccompanied minors are referred at once.
#include "tools/demo_timeline.h"

namespace kedja::tools {
namespace {

constexpr int arrival_window_days = 548;  // the 18 months before today

void plan_expected_arrival(Timeline& t, DemoRandom& r) {
  Date arrival = *t.arrival;
  int lead = static_cast<int>((arrival - *t.notice).count());
  if (lead >= 4 && r.chance(0.10)) {  // the date moves: the notice had another one
    t.change_on = add_days(*t.notice, r.between(1, lead - 1));
    t.expected = add_days(arrival, r.chance(0.5) ? r.between(-10, -1) : r.between(1, 14));
    if (t.expected < *t.notice) t.expected = *t.notice;
    t.changed_expected = arrival;
  } else {
    t.expected = r.chance(0.8) ? arrival : add_days(arrival, r.between(-3, 3));
    if (t.expected < *t.notice) t.expected = *t.notice;
  }
}

void plan_after_arrival(Timeline& t, DemoRandom& r) {
  if (r.chance(0.03)) t.moved_on = add_days(*t.arrival, r.between(60, 400));
  if (r.chance(0.01)) {
    t.closed_on = add_days(*t.arrival, r.between(30, 400));
    t.closed_reason = "flyttat från länet";
  }
}

Timeline settled(Date today, DemoRandom& r) {
  Timeline t;
  t.arrival = add_days(today, -r.between(-30, arrival_window_days));
  t.permit_kind = r.chance(0.3) ? Permit::PUT : Permit::TUT;
  if (r.chance(0.6)) {  // anläggningsboende: referred to a municipality (anvisning)
    t.housing = Housing::ABO;
    t.notice = add_days(*t.arrival, -r.between(5, 40));
    t.assigned = add_days(*t.notice, -r.between(3, 25));
    if (r.chance(0.8)) t.latest_reception = add_months(*t.assigned, 2);
    t.assigned_by_af = r.chance(0.15);
    int waiting_in_abo = r.chance(0.3) ? r.between(120, 330) : r.between(14, 120);
    t.permit = add_days(*t.assigned, -waiting_in_abo);
  } else {  // eget boende: notified soon after the permit
    t.housing = r.chance(0.25) ? Housing::ABO : Housing::EBO;
    t.notice = add_days(*t.arrival, -r.between(0, 20));
    t.permit = add_days(*t.notice, -r.between(1, 14));
  }
  t.asylum = add_days(*t.permit, -r.between(60, 400));
  if (t.housing == Housing::ABO && !t.assigned) t.housing_changed = add_days(t.asylum, r.between(10, 50));
  plan_expected_arrival(t, r);
  plan_after_arrival(t, r);
  return t;
}

Timeline refused(Date today, DemoRandom& r) {
  Timeline t;
  t.path = Path::refused;
  t.housing = r.chance(0.7) ? Housing::ABO : Housing::EBO;
  t.asylum = add_days(today, -r.between(120, 700));
  t.refused = add_days(t.asylum, r.between(90, 400));
  if (r.chance(0.6)) {
    t.closed_on = add_days(*t.refused, r.between(21, 120));
    t.closed_reason = "avslag, utresa";
  }
  return t;
}

Timeline pending(Date today, DemoRandom& r) {
  Timeline t;
  t.path = Path::pending;
  t.housing = r.chance(0.6) ? Housing::ABO : Housing::EBO;
  t.asylum = add_days(today, -r.between(10, 250));
  if (t.housing == Housing::ABO && r.chance(0.1)) t.housing_changed = add_days(t.asylum, r.between(5, 9));
  return t;
}

// Ensamkommande barn: the municipality's responsibility at once.
Timeline unaccompanied(Date today, DemoRandom& r) {
  Timeline t;
  t.housing = Housing::ABO;
  t.asylum = add_days(today, -r.between(10, arrival_window_days + 10));
  t.assigned = add_days(t.asylum, r.between(1, 5));
  t.latest_reception = add_days(*t.assigned, 14);
  t.notice = add_days(*t.assigned, r.between(0, 2));
  t.arrival = add_days(*t.notice, r.between(0, 7));
  t.expected = *t.arrival;
  if (r.chance(0.08)) t.refused = add_days(t.asylum, r.between(120, 450));
  else t.permit = add_days(t.asylum, r.between(90, 450));
  t.permit_kind = r.chance(0.2) ? Permit::PUT : Permit::TUT;
  return t;
}

}  // namespace

Timeline plan_timeline(HouseholdKind kind, Date today, DemoRandom& random) {
  if (kind == HouseholdKind::unaccompanied_minor) return unaccompanied(today, random);
  int roll = random.between(0, 99);
  if (roll < 6) return refused(today, random);
  if (roll < 10) return pending(today, random);
  return settled(today, random);
}

}  // namespace kedja::tools
