sohoa_add_test(record_test SOURCES record_test.cpp LIBS sohoa_pipeline)
sohoa_add_test(process_test SOURCES process_test.cpp LIBS sohoa_pipeline ${OpenCV_LIBS})
