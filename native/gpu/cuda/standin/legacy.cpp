// The driver's legacy entry points: the names cuda.h no longer maps to since CUDA 3.2 (cuMemAlloc is
// cuMemAlloc_v2 there), kept by the real libcuda for programs built before, with 32-bit device pointers and
// sizes. The stand-in exports them with those semantics, so a binding that calls a plain name where cuda.h
// says _v2 gets a pointer cut to 32 bits; allocations lie above 4 GiB, so every later use of it fails.
#include "standin.h"

#include <cstring>

struct Stream;

// CUDA_MEMCPY2D as it was before CUDA 3.2: 32-bit sizes, pitches and device pointers.
struct Memcpy2DV1 {
    unsigned srcXInBytes, srcY;
    int srcMemoryType;
    const void* srcHost;
    unsigned srcDevice;
    void* srcArray;
    unsigned srcPitch;
    unsigned dstXInBytes, dstY;
    int dstMemoryType;
    void* dstHost;
    unsigned dstDevice;
    void* dstArray;
    unsigned dstPitch;
    unsigned WidthInBytes, Height;
};

extern "C" {
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes);
CUresult cuMemAllocPitch_v2(CUdeviceptr* p, size_t* pitch, size_t width, size_t height, unsigned elementBytes);
CUresult cuMemFree_v2(CUdeviceptr p);
CUresult cuMemAllocHost_v2(void** p, size_t bytes);
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t n);
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n);
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t n, Stream* s);
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, Stream* s);
CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n);
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n, Stream* s);
CUresult cuMemcpy2DAsync_v2(const Memcpy2D* c, Stream* s);
CUresult cuMemcpy2D_v2(const Memcpy2D* c);
CUresult cuMemGetInfo_v2(size_t* free, size_t* total);
CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice d);
CUresult cuStreamDestroy_v2(Stream* stream);
CUresult cuEventDestroy_v2(Event* event);
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d);
}

namespace {

Memcpy2D widen(const Memcpy2DV1* c) {
    return Memcpy2D{c->srcXInBytes, c->srcY, c->srcMemoryType, c->srcHost, c->srcDevice, c->srcArray, c->srcPitch,
                      c->dstXInBytes, c->dstY, c->dstMemoryType, c->dstHost, c->dstDevice, c->dstArray, c->dstPitch,
                      c->WidthInBytes, c->Height};
}

}  // namespace

extern "C" {

CUresult cuMemAlloc(unsigned* p, unsigned bytes) {
    CUdeviceptr full;
    CUresult r = cuMemAlloc_v2(&full, bytes);
    if (r == CUDA_SUCCESS) *p = (unsigned) full;  // what a 32-bit CUdeviceptr keeps of it
    return r;
}

CUresult cuMemAllocPitch(unsigned* p, unsigned* pitch, unsigned width, unsigned height, unsigned elementBytes) {
    CUdeviceptr full;
    size_t widePitch;
    CUresult r = cuMemAllocPitch_v2(&full, &widePitch, width, height, elementBytes);
    if (r == CUDA_SUCCESS) {
        *p = (unsigned) full;
        *pitch = (unsigned) widePitch;
    }
    return r;
}

CUresult cuMemFree(unsigned p) { return cuMemFree_v2(p); }

CUresult cuMemAllocHost(void** p, unsigned bytes) { return cuMemAllocHost_v2(p, bytes); }

CUresult cuMemcpyHtoD(unsigned dst, const void* src, unsigned n) { return cuMemcpyHtoD_v2(dst, src, n); }

CUresult cuMemcpyDtoH(void* dst, unsigned src, unsigned n) { return cuMemcpyDtoH_v2(dst, src, n); }

CUresult cuMemcpyHtoDAsync(unsigned dst, const void* src, unsigned n, Stream* s) {
    return cuMemcpyHtoDAsync_v2(dst, src, n, s);
}

CUresult cuMemcpyDtoHAsync(void* dst, unsigned src, unsigned n, Stream* s) { return cuMemcpyDtoHAsync_v2(dst, src, n, s); }

CUresult cuMemcpyDtoD(unsigned dst, unsigned src, unsigned n) { return cuMemcpyDtoD_v2(dst, src, n); }

CUresult cuMemcpyDtoDAsync(unsigned dst, unsigned src, unsigned n, Stream* s) {
    return cuMemcpyDtoDAsync_v2(dst, src, n, s);
}

CUresult cuMemcpy2D(const Memcpy2DV1* c) {
    Memcpy2D wide = widen(c);
    return cuMemcpy2D_v2(&wide);
}

CUresult cuMemcpy2DAsync(const Memcpy2DV1* c, Stream* s) {
    Memcpy2D wide = widen(c);
    return cuMemcpy2DAsync_v2(&wide, s);
}

CUresult cuMemGetInfo(unsigned* free, unsigned* total) {
    size_t f, t;
    CUresult r = cuMemGetInfo_v2(&f, &t);
    if (r == CUDA_SUCCESS) {
        *free = (unsigned) f;
        *total = (unsigned) t;
    }
    return r;
}

CUresult cuDeviceTotalMem(unsigned* bytes, CUdevice d) {
    size_t wide;
    CUresult r = cuDeviceTotalMem_v2(&wide, d);
    if (r == CUDA_SUCCESS) *bytes = (unsigned) wide;
    return r;
}

// The plain names below differ from their _v2 in details the stand-in does not model (error codes for
// handles in use); they behave the same here.
CUresult cuStreamDestroy(Stream* stream) { return cuStreamDestroy_v2(stream); }

CUresult cuEventDestroy(Event* event) { return cuEventDestroy_v2(event); }

// A CUDA 10.2 driver (JetPack 4.6) exports only this name; cuda.h maps to its _v2 from CUDA 11.0 on.
CUresult cuDevicePrimaryCtxRelease(CUdevice d) { return cuDevicePrimaryCtxRelease_v2(d); }

}  // extern "C"
