// The host CUDA driver stand-in: a libcuda.so.1 that implements the part of the CUDA driver API the gpu
// device calls, runs the bundled kernels on the host (compiled with emulate/cuda_fibers.h), and checks what
// a real driver would only get wrong silently: copies outside allocations, pitches below the width, use of
// freed memory, host staging touched while a copy on it is pending, unknown kernels. It names itself
// "SHMT host CUDA stand-in" so that nothing can take it for a GPU. Never installed: users and tests put its
// folder on LD_LIBRARY_PATH (see native/gpu/cuda/standin.sh).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

using CUresult = int;
using CUdevice = int;
using CUdeviceptr = unsigned long long;

struct Stream;
struct Module;

// The driver's CUDA_MEMCPY2D (v2 layout): memory.cpp copies with it, legacy.cpp widens the v1 layout into it.
struct Memcpy2D {
    size_t srcXInBytes, srcY;
    int srcMemoryType;
    const void* srcHost;
    CUdeviceptr srcDevice;
    void* srcArray;
    size_t srcPitch;
    size_t dstXInBytes, dstY;
    int dstMemoryType;
    void* dstHost;
    CUdeviceptr dstDevice;
    void* dstArray;
    size_t dstPitch;
    size_t WidthInBytes, Height;
};
struct Function;
struct Event;
struct Context;

// The driver API's result codes the stand-in returns (cuda.h, CUresult).
constexpr CUresult CUDA_SUCCESS = 0;
constexpr CUresult CUDA_ERROR_INVALID_VALUE = 1;
constexpr CUresult CUDA_ERROR_OUT_OF_MEMORY = 2;
constexpr CUresult CUDA_ERROR_NOT_INITIALIZED = 3;
constexpr CUresult CUDA_ERROR_INVALID_DEVICE = 101;
constexpr CUresult CUDA_ERROR_INVALID_IMAGE = 200;
constexpr CUresult CUDA_ERROR_INVALID_CONTEXT = 201;
constexpr CUresult CUDA_ERROR_NO_BINARY_FOR_GPU = 209;
constexpr CUresult CUDA_ERROR_INVALID_PTX = 218;
constexpr CUresult CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222;  // CUDA 11.1 on; older drivers say INVALID_PTX
constexpr CUresult CUDA_ERROR_INVALID_HANDLE = 400;
constexpr CUresult CUDA_ERROR_ILLEGAL_STATE = 401;
constexpr CUresult CUDA_ERROR_NOT_FOUND = 500;
constexpr CUresult CUDA_ERROR_NOT_READY = 600;
constexpr CUresult CUDA_ERROR_ILLEGAL_ADDRESS = 700;
constexpr CUresult CUDA_ERROR_NOT_SUPPORTED = 801;

namespace standin {

// Records `message` (prefixed by the call's name) as this thread's last error, prints it to stderr, and
// returns code. cuGetErrorString gives the message back for that code, so the Java side can show it.
CUresult fail(CUresult code, const char* call, const std::string& message);

// CUDA_SUCCESS, or the error of an earlier asynchronous failure: like a real driver, a kernel or copy that
// failed on a stream spoils the context, and every later call returns the error until it is released.
CUresult sticky();
void setSticky(CUresult code, const std::string& message);

// CUDA_SUCCESS when cuInit ran and the calling thread has the primary context current.
CUresult requireContext(const char* call);

// The stand-in's counters, read by tests through shmt_standin_stats.
enum Stat {
    DEVICE_ALLOCS, DEVICE_FREES, HOST_ALLOCS, HOST_FREES, LAUNCHES, KERNELS_DONE, COPIES_H2D, COPIES_D2H,
    STREAMS_CREATED, SYNCHRONIZES, STAT_COUNT
};
void count(Stat s);

// --- settings.cpp ---
// What the stand-in reports as its driver and device, read once from the environment so that tests can play
// a Jetson Nano (SHMT_CUDA_STANDIN_DRIVER=10.2, SHMT_CUDA_STANDIN_CC=5.3), a JetPack 5 Xavier (11.4 / 7.2),
// an Orin (12.6 / 8.7) or a board below the SDK's floor. Defaults: a CUDA 12.0 driver, compute capability 7.5.
struct Settings {
    int driverVersion = 12000;  // as cuDriverGetVersion reports it: 1000 * major + 10 * minor
    int ccMajor = 7;
    int ccMinor = 5;
    std::string error;  // empty, or the malformed variable, its value and what was expected
};
const Settings& settings();
// SHMT_CUDA_STANDIN_WORK=skip: every call is checked, counted and queued as usual, but kernels compute nothing
// and copies move no bytes, so a benchmark of a binding's driver traffic measures the calls, not the host's
// memcpy and Sobel. Results are then garbage; nothing but such a benchmark sets it.
bool skipWork();

// --- modules.cpp ---
// The newest PTX ISA (10 * major + minor) that a driver of driverVersion JIT-compiles.
int maxPtxIsa(int driverVersion);

// --- memory.cpp ---
enum class Space { DEVICE, PINNED };
// Checks that [p, p + bytes) lies inside one live allocation of `space`; on failure returns the error
// (naming `call` and `what`) with the reason: outside, freed, or never allocated.
CUresult checkRange(Space space, uintptr_t p, size_t bytes, const char* call, const char* what);
// True when p points into a live page-locked allocation.
bool isPinned(uintptr_t p);
// Frees every allocation (the primary context is being released).
void freeAll();

// --- streams.cpp ---
// Runs op on `stream` after the work queued before it (stream 0: now, on the calling thread). op returns
// CUDA_SUCCESS or an error, which becomes sticky.
CUresult enqueue(Stream* stream, const char* call, std::function<CUresult()> op);
// Waits until every stream has run all its work (what cuMemFree and cuCtxSynchronize imply).
void drainAll();
// Validates a stream handle: CUDA_SUCCESS for 0 or a live stream.
CUresult checkStream(Stream* stream, const char* call);
void destroyAllStreams();

// Every kernel launch runs under this lock: blockIdx and __shared__ are process-wide in the emulation.
std::mutex& launchLock();
// Extra milliseconds each kernel sleeps before it runs, and a switch that holds kernels until released:
// for tests of hung and late GPU work.
void kernelGate();

}  // namespace standin
