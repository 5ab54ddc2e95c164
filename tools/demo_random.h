// Deterministic random numbers for `kedja demo`: the same seed gives the
// same region on every standard library. std::mt19937_64 is specified to
// the bit; the std distributions are not, so these helpers are our own.
#pragma once

#include <cstdint>
#include <random>
#include <span>

namespace kedja::tools {

class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n), n ≥ 1 (the modulo bias is below 2^-40 for our n).
  std::uint64_t below(std::uint64_t n) { return engine_() % n; }
  // Uniform in [lo, hi], inclusive.
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1))); }
  // True with probability p.
  bool chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }
  // An index drawn in proportion to the weights (not all zero).
  std::size_t weighted(std::span<const int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int point = between(0, total - 1);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (point < weights[i]) return i;
      point -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  std::mt19937_64 engine_;
};

}  // namespace kedja::tools
