// What the kernels of every module (src/main/cuda) take from CUDA's headers, for clang 14 compiling them to PTX
// ISA 6.5 (build.sh). clang 14's CUDA wrapper cannot read CUDA 13's headers (it knows CUDA up to 11.5), so
// the build passes -nocudainc and -include's this file instead. It uses clang's own device headers, whose
// functions call libdevice (__nv_*), the library nvcc uses for the same functions; atomicAdd, which clang's
// wrapper would take from CUDA's headers, is defined here as CUDA defines it, and sqrtf is made correctly
// rounded (below).
#pragma once

#if !defined(__clang__) || !defined(__CUDA__)
#error "cuda_compat.h is for clang compiling CUDA (build.sh)"
#endif

// clang's device headers check the CUDA version; the kernels need nothing newer than 9.0.
#define CUDA_VERSION 9000
#define __CUDACC__

#define __host__ __attribute__((host))
#define __device__ __attribute__((device))
#define __global__ __attribute__((global))
#define __shared__ __attribute__((shared))
#define __constant__ __attribute__((constant))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))

// clang's own stddef.h and limits.h (its resource headers); HUGE_VAL as math.h would give it, without the
// host's math.h, whose declarations the device headers replace.
#include <limits.h>
#include <stddef.h>
#define HUGE_VAL (__builtin_huge_val())
#define HUGE_VALF (__builtin_huge_valf())

// libdevice's __nv_sqrtf picks sqrt.rn or sqrt.approx by __nvvm_reflect("__CUDA_PREC_SQRT"), which LLVM 14
// answers 0 (approximate) with no option to change it. nvcc's -prec-sqrt=true, and Java's (float)
// Math.sqrt of a float, are correctly rounded: sqrtf calls sqrt.rn.f32 here instead.
#define __nv_sqrtf __shmt_sqrtf_rn

#include <__clang_cuda_builtin_vars.h>
#include <__clang_cuda_libdevice_declares.h>
#include <__clang_cuda_device_functions.h>
#include <__clang_cuda_math.h>

extern "C" __device__ __forceinline__ float __shmt_sqrtf_rn(float a) { return __nvvm_sqrt_rn_f(a); }

static __device__ __forceinline__ unsigned int atomicAdd(unsigned int* p, unsigned int v) { return __uAtomicAdd(p, v); }
