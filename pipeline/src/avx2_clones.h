// Private: SOHOA_AVX2_CLONES, a function compiled twice where the compiler can (x86-64), for
// AVX2 and for the baseline; the one the processor runs is chosen when the program starts. Its
// plain loops are vectorized with whichever instructions each copy has (at -O3).
#pragma once

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define SOHOA_AVX2_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define SOHOA_AVX2_CLONES
#endif
