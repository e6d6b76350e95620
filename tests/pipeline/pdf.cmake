sohoa_add_test(pdf_writer_test SOURCES pdf_writer_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
