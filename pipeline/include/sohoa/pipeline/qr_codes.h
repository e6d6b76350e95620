// QR codes on a scanned page: zbar reads them where it can, and where it cannot (a card's code
// scanned at 200 dpi has about 2 pixels a module, and blur greys its light modules), the code's
// module grid is found from its three finder patterns, each module's shade is sampled and
// told dark or light with the blur's spread to its neighbours taken out, and zbar decodes a
// clean drawing of that grid (its format, masking and Reed-Solomon correction are zbar's).
#pragma once

#include <string>
#include <vector>

#include "sohoa/core/image.h"

namespace sohoa::pipeline {

// The texts of the QR codes on `page` (grey or RGB), as encoded (bytes, not converted); empty
// when none decodes. A code whose bytes are not UTF-8 is left out (a record holds text). Of the
// scanned card pages of seven corpora of the samples script, zbar alone read 70 of 70 clean ones,
// 68 of 70 mild ones (300 dpi), none of 70 harsh ones and none of 70 photocopies (200 dpi, the
// copier's toner having filled most of their light modules); with the module grid, 70, 70, 66 and
// 15, in 0.08, 0.16, 0.50 and 0.35 s a page on average (4.4 s at most: the work a page can cause is
// bounded).
std::vector<std::string> ReadQrCodes(const Image& page);

}  // namespace sohoa::pipeline
