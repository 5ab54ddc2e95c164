// An arrival file for `kedja import` (and the web pages' upload) with any
// bytes: decoding, the header, then every row through ArrivalsFile::row
// (the case and arrival-notice parsers and the domain's checks), as the
// command does before it writes anything.
#include "fuzz/support.h"

#include "csv/arrivals.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto file = kedja::csv::ArrivalsFile::read({reinterpret_cast<const char*>(data), size});
  if (!file) return 0;
  const kedja::csv::ArrivalsContext context{kedja::fuzz::shipped_context(), kedja::fuzz::fuzz_today(),
                                            "2026-11-25T08:00:00Z"};
  for (std::size_t row = 0; row < file->row_count(); ++row) (void)file->row(row, context);
  return 0;
}
