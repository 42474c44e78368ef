// Initialization, the one device, its primary context, error names and strings, and the test hooks.
#include "standin.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace standin {
namespace {

std::atomic<bool> initialized{false};
std::mutex stateMutex;
CUresult stickyCode = CUDA_SUCCESS;
std::string stickyMessage;
int primaryRefs = 0;
thread_local bool contextCurrent = false;
thread_local CUresult lastCode = CUDA_SUCCESS;
thread_local std::string lastMessage;
std::atomic<long long> stats[STAT_COUNT];

std::mutex gateMutex;
std::condition_variable gateChanged;
bool holding = false;
int delayMs = 0;

// The one context handle the stand-in hands out: the primary context of device 0.
char primaryContext;

}  // namespace

// Failures also go to stderr when SHMT_CUDA_STANDIN_LOG is set; the caller sees them through
// cuGetErrorString either way.
bool logging() {
    static const bool on = std::getenv("SHMT_CUDA_STANDIN_LOG") != nullptr;
    return on;
}

CUresult fail(CUresult code, const char* call, const std::string& message) {
    lastCode = code;
    lastMessage = std::string(call) + ": " + message;
    if (logging()) std::fprintf(stderr, "SHMT host CUDA stand-in: %s\n", lastMessage.c_str());
    return code;
}

CUresult sticky() {
    std::lock_guard<std::mutex> lock(stateMutex);
    if (stickyCode != CUDA_SUCCESS) {
        lastCode = stickyCode;
        lastMessage = stickyMessage;
    }
    return stickyCode;
}

void setSticky(CUresult code, const std::string& message) {
    std::lock_guard<std::mutex> lock(stateMutex);
    if (stickyCode == CUDA_SUCCESS) {
        stickyCode = code;
        stickyMessage = message + " (the context is unusable until its last cuDevicePrimaryCtxRelease)";
        if (logging()) std::fprintf(stderr, "SHMT host CUDA stand-in: %s\n", message.c_str());
    }
}

CUresult requireContext(const char* call) {
    if (!initialized) return fail(CUDA_ERROR_NOT_INITIALIZED, call, "cuInit has not been called");
    if (!contextCurrent) {
        return fail(CUDA_ERROR_INVALID_CONTEXT, call, "no context is current on this thread (cuCtxSetCurrent)");
    }
    return sticky();
}

void count(Stat s) { stats[s]++; }

std::mutex& launchLock() {
    static std::mutex m;
    return m;
}

void kernelGate() {
    std::unique_lock<std::mutex> lock(gateMutex);
    gateChanged.wait(lock, [] { return !holding; });
    int ms = delayMs;
    lock.unlock();
    if (ms > 0) usleep((useconds_t) ms * 1000);
}

}  // namespace standin

using namespace standin;

namespace {

const char* nameOf(CUresult code) {
    switch (code) {
        case CUDA_SUCCESS: return "CUDA_SUCCESS";
        case CUDA_ERROR_INVALID_VALUE: return "CUDA_ERROR_INVALID_VALUE";
        case CUDA_ERROR_OUT_OF_MEMORY: return "CUDA_ERROR_OUT_OF_MEMORY";
        case CUDA_ERROR_NOT_INITIALIZED: return "CUDA_ERROR_NOT_INITIALIZED";
        case CUDA_ERROR_INVALID_DEVICE: return "CUDA_ERROR_INVALID_DEVICE";
        case CUDA_ERROR_INVALID_IMAGE: return "CUDA_ERROR_INVALID_IMAGE";
        case CUDA_ERROR_INVALID_CONTEXT: return "CUDA_ERROR_INVALID_CONTEXT";
        case CUDA_ERROR_NO_BINARY_FOR_GPU: return "CUDA_ERROR_NO_BINARY_FOR_GPU";
        case CUDA_ERROR_INVALID_PTX: return "CUDA_ERROR_INVALID_PTX";
        case CUDA_ERROR_UNSUPPORTED_PTX_VERSION: return "CUDA_ERROR_UNSUPPORTED_PTX_VERSION";
        case CUDA_ERROR_INVALID_HANDLE: return "CUDA_ERROR_INVALID_HANDLE";
        case CUDA_ERROR_ILLEGAL_STATE: return "CUDA_ERROR_ILLEGAL_STATE";
        case CUDA_ERROR_NOT_FOUND: return "CUDA_ERROR_NOT_FOUND";
        case CUDA_ERROR_NOT_READY: return "CUDA_ERROR_NOT_READY";
        case CUDA_ERROR_ILLEGAL_ADDRESS: return "CUDA_ERROR_ILLEGAL_ADDRESS";
        case CUDA_ERROR_NOT_SUPPORTED: return "CUDA_ERROR_NOT_SUPPORTED";
        default: return nullptr;
    }
}

}  // namespace

extern "C" {

CUresult cuInit(unsigned flags) {
    if (flags != 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuInit", "flags must be 0");
    if (!settings().error.empty()) return fail(CUDA_ERROR_INVALID_VALUE, "cuInit", settings().error);
    initialized = true;
    return CUDA_SUCCESS;
}

// SHMT_CUDA_STANDIN_DRIVER (default 12.0). Like the real call, it needs no cuInit.
CUresult cuDriverGetVersion(int* version) {
    if (version == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, "cuDriverGetVersion", "null pointer");
    if (!settings().error.empty()) return fail(CUDA_ERROR_INVALID_VALUE, "cuDriverGetVersion", settings().error);
    *version = settings().driverVersion;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int* n) {
    if (!initialized) return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDeviceGetCount", "cuInit has not been called");
    *n = 1;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice* d, int ordinal) {
    if (!initialized) return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDeviceGet", "cuInit has not been called");
    if (ordinal != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceGet", "the stand-in has device 0 only");
    *d = 0;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int len, CUdevice d) {
    if (d != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceGetName", "no device " + std::to_string(d));
    if (len <= 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuDeviceGetName", "len must be positive");
    std::snprintf(name, (size_t) len, "%s", "SHMT host CUDA stand-in");
    return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(size_t* bytes, CUdevice d) {
    if (d != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceTotalMem", "no device " + std::to_string(d));
    *bytes = (size_t) sysconf(_SC_PHYS_PAGES) * (size_t) sysconf(_SC_PAGESIZE);
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* v, int attribute, CUdevice d) {
    if (d != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDeviceGetAttribute", "no device " + std::to_string(d));
    if (!settings().error.empty()) return fail(CUDA_ERROR_INVALID_VALUE, "cuDeviceGetAttribute", settings().error);
    switch (attribute) {
        case 75: *v = settings().ccMajor; return CUDA_SUCCESS;  // compute capability: SHMT_CUDA_STANDIN_CC
        case 76: *v = settings().ccMinor; return CUDA_SUCCESS;
        case 16: *v = 1; return CUDA_SUCCESS;  // one "multiprocessor": blocks run one at a time
        case 1: *v = 1024; return CUDA_SUCCESS;  // max threads per block
        default:
            return fail(CUDA_ERROR_INVALID_VALUE, "cuDeviceGetAttribute",
                        "attribute " + std::to_string(attribute) + " is not answered by the stand-in");
    }
}

CUresult cuDevicePrimaryCtxRetain(void** context, CUdevice d) {
    if (!initialized) return fail(CUDA_ERROR_NOT_INITIALIZED, "cuDevicePrimaryCtxRetain", "cuInit has not been called");
    if (d != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDevicePrimaryCtxRetain", "no device " + std::to_string(d));
    std::lock_guard<std::mutex> lock(stateMutex);
    primaryRefs++;
    *context = &primaryContext;
    return CUDA_SUCCESS;
}

// The last release destroys the context: streams finish and are destroyed, memory is freed, errors clear.
CUresult cuDevicePrimaryCtxRelease_v2(CUdevice d) {
    if (d != 0) return fail(CUDA_ERROR_INVALID_DEVICE, "cuDevicePrimaryCtxRelease", "no device " + std::to_string(d));
    bool last;
    {
        std::lock_guard<std::mutex> lock(stateMutex);
        if (primaryRefs == 0) {
            return fail(CUDA_ERROR_INVALID_CONTEXT, "cuDevicePrimaryCtxRelease", "the primary context is not retained");
        }
        last = --primaryRefs == 0;
    }
    if (last) {
        destroyAllStreams();
        freeAll();
        std::lock_guard<std::mutex> lock(stateMutex);
        stickyCode = CUDA_SUCCESS;
        stickyMessage.clear();
    }
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(void* context) {
    if (!initialized) return fail(CUDA_ERROR_NOT_INITIALIZED, "cuCtxSetCurrent", "cuInit has not been called");
    if (context != nullptr && context != &primaryContext) {
        return fail(CUDA_ERROR_INVALID_CONTEXT, "cuCtxSetCurrent", "not a context of this driver");
    }
    {
        std::lock_guard<std::mutex> lock(stateMutex);
        if (context != nullptr && primaryRefs == 0) {
            return fail(CUDA_ERROR_INVALID_CONTEXT, "cuCtxSetCurrent", "the primary context was released");
        }
    }
    contextCurrent = context != nullptr;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize() {
    CUresult r = requireContext("cuCtxSynchronize");
    if (r != CUDA_SUCCESS) return r;
    drainAll();
    return sticky();
}

CUresult cuGetErrorName(CUresult code, const char** name) {
    const char* n = nameOf(code);
    if (n == nullptr) {
        *name = nullptr;
        return CUDA_ERROR_INVALID_VALUE;
    }
    *name = n;
    return CUDA_SUCCESS;
}

// The message of this thread's last failure when it had this code: what the call found wrong.
CUresult cuGetErrorString(CUresult code, const char** text) {
    if (code == lastCode && code != CUDA_SUCCESS) {
        *text = lastMessage.c_str();
        return CUDA_SUCCESS;
    }
    const char* n = nameOf(code);
    if (n == nullptr) {
        *text = nullptr;
        return CUDA_ERROR_INVALID_VALUE;
    }
    *text = n;
    return CUDA_SUCCESS;
}

// Test hooks, found by tests through JNA in the libcuda.so.1 the JVM loaded.
int shmt_standin_stats(long long* out, int n) {
    for (int i = 0; i < n && i < STAT_COUNT; i++) out[i] = stats[i];
    return STAT_COUNT;
}

void shmt_standin_hold_kernels(int hold) {
    std::lock_guard<std::mutex> lock(gateMutex);
    holding = hold != 0;
    gateChanged.notify_all();
}

void shmt_standin_kernel_delay_ms(int ms) {
    std::lock_guard<std::mutex> lock(gateMutex);
    delayMs = ms;
}

}  // extern "C"
