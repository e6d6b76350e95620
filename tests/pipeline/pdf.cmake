# The PDF tests read the output with independent tools: poppler-utils and qpdf on the command
# line, libxml2 for the XMP packet (Debian package libxml2-dev).
find_package(LibXml2 REQUIRED)
sohoa_add_test(pdf_writer_test SOURCES pdf_writer_test.cpp
  LIBS sohoa_pipeline ${OpenCV_LIBS} LibXml2::LibXml2 nlohmann_json::nlohmann_json)
