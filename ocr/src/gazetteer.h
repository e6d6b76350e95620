// The gazetteer: districts (ocr/data/vi_districts.txt) and communes (ocr/data/vi_communes.txt).
// Private to sohoa_ocr.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sohoa::ocr {

// One line of the gazetteer: "huyện Củ Chi, thành phố Hồ Chí Minh", NFC.
struct District {
  std::vector<std::string> unit;           // "huyện", "quận", "thị xã" or "thành phố"
  std::vector<std::string> name;           // "Củ", "Chi"
  std::vector<std::string> province_unit;  // "tỉnh" or "thành phố"
  std::vector<std::string> province;       // "Hồ", "Chí", "Minh"
};

// Every district of the committed list, read once, in the list's order.
const std::vector<District>& Districts();

// One line of the commune list (ocr/data/vi_communes.txt): a district, its province and its
// communes, NFC, as the list writes them.
struct DistrictCommunes {
  std::vector<std::string> district;  // "Mèo", "Vạc"
  std::vector<std::string> province;  // "Hà", "Giang"
  // Each commune's name, without its unit (xã, phường, thị trấn): {"Pải", "Lủng"}.
  std::vector<std::vector<std::string>> communes;
};

// Every district of the commune list, in the list's order, parsed at each call: the
// post-corrector reads it once into its own index, and nothing else keeps it.
std::vector<DistrictCommunes> Communes();

// A province as the list writes it: its unit ("tỉnh", "thành phố") and its name ("Hà Tĩnh").
struct Province {
  std::string unit;
  std::string name;
  bool operator==(const Province&) const = default;
};

// The provinces of the districts whose name is `name`, compared by letters without marks,
// case or spaces ("Phong Điền" is in Thừa Thiên Huế and in Cần Thơ); each province once, empty
// when no district is named so.
std::vector<Province> ProvincesOfDistrict(std::string_view name);

// The unit the list gives the province `name` ("thành phố" for Hà Nội, "tỉnh" for Thái Bình),
// compared as above; empty for a name it does not list.
std::string_view UnitOfProvince(std::string_view name);

// The district of the province `province` with the unit `unit` ("huyện", "quận", "thị xã" or
// "thành phố") whose name is nearest `name` (a district's name OCR misread: "Hoàng Ha" in
// Thanh Hóa), as the list writes it ("Hoằng Hóa"): within two letters, compared as above (one
// for a name read with five letters or fewer), with no other of them as near. Empty otherwise.
std::string_view NearestDistrictOf(std::string_view province, std::string_view unit,
                                   std::string_view name);

}  // namespace sohoa::ocr
