#include "domain/text/collation.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/stringpiece.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace kedja::text {
namespace {

// One collator per thread: ICU documents a Collator as safe to share only
// once frozen, and a thread's own costs one open per thread.
const icu::Collator& swedish_collator() {
  thread_local const std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> opened(icu::Collator::createInstance(icu::Locale("sv", "SE"), status));
    if (U_FAILURE(status) || !opened) throw std::runtime_error("ICU has no Swedish collation (sv_SE)");
    return opened;
  }();
  return *collator;
}

}  // namespace

int swedish_compare(std::string_view a, std::string_view b) {
  UErrorCode status = U_ZERO_ERROR;
  const UCollationResult result = swedish_collator().compareUTF8(
      icu::StringPiece(a.data(), static_cast<std::int32_t>(a.size())),
      icu::StringPiece(b.data(), static_cast<std::int32_t>(b.size())), status);
  if (U_FAILURE(status)) return a.compare(b);  // only on an allocation failure inside ICU
  return result;
}

std::vector<Municipality> municipalities_by_name(const Region& region) {
  std::vector<Municipality> out = region.municipalities();
  std::stable_sort(out.begin(), out.end(), [](const Municipality& a, const Municipality& b) {
    return swedish_less(a.name, b.name);
  });
  return out;
}

}  // namespace kedja::text
