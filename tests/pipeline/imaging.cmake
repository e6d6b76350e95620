# Intake and cleanup tests (imaging): real decoders, fixtures made by the tests themselves.
sohoa_add_test(intake_test SOURCES intake_test.cpp
  LIBS sohoa_pipeline PkgConfig::LEPTONICA PkgConfig::PODOFO ${OpenCV_LIBS})
sohoa_add_test(cleanup_test SOURCES cleanup_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
# The run-based ink components (a private header of the pipeline) against OpenCV's.
sohoa_add_test(ink_runs_test SOURCES ink_runs_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
target_include_directories(ink_runs_test PRIVATE ${PROJECT_SOURCE_DIR}/pipeline/src)
# The OCR grey's kernels (a private header of the pipeline) against each other.
sohoa_add_test(ocr_grey_test SOURCES ocr_grey_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
target_include_directories(ocr_grey_test PRIVATE ${PROJECT_SOURCE_DIR}/pipeline/src)
# The display page's deskew (a private header of the pipeline) against OpenCV's warp.
sohoa_add_test(deskew_warp_test SOURCES deskew_warp_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
target_include_directories(deskew_warp_test PRIVATE ${PROJECT_SOURCE_DIR}/pipeline/src)
# QR codes (a căn cước card's): pages drawn by the test with codes libqrencode encodes.
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
sohoa_add_test(qr_codes_test SOURCES qr_codes_test.cpp
  LIBS sohoa_pipeline PkgConfig::QRENCODE ${OpenCV_LIBS})
