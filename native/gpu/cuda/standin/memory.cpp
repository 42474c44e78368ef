// Device and page-locked memory, and copies between them. "Device" memory is host memory the kernels read
// directly; every allocation ends right before an inaccessible page, so a kernel reading past its end stops
// the process instead of reading a neighbour, and starts filled with a NaN pattern, as a GPU's fresh memory
// holds garbage, so reading cells never written shows up in results. Copies are checked against the
// allocations before they are queued.
#include "standin.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <vector>

extern "C" CUresult cuStreamSynchronize(Stream* stream);

namespace standin {
namespace {

// A quiet NaN with a payload that no arithmetic produces: the value of memory nothing wrote.
constexpr uint32_t kPoison = 0x7fc0dead;

struct Allocation {
    uintptr_t base;
    size_t bytes;
    void* mapping;
    size_t mappingBytes;
};

std::mutex memoryMutex;
std::map<uintptr_t, Allocation> device;
std::map<uintptr_t, Allocation> pinned;
std::deque<std::pair<uintptr_t, size_t>> freed;  // recent frees, to name the error
std::multimap<uintptr_t, size_t> pendingSources;  // page-locked ranges queued copies will still read

size_t pageSize() { return (size_t) sysconf(_SC_PAGESIZE); }

void poison(void* p, size_t bytes) {
    auto* w = (uint32_t*) p;
    for (size_t i = 0; i < bytes / 4; i++) w[i] = kPoison;
}

// Where the next mapping is asked to go: above 4 GiB, so that a pointer cut to 32 bits (a binding calling
// the legacy cuMemAlloc instead of cuMemAlloc_v2) never lands on a live allocation by luck.
constexpr uintptr_t kAbove4GiB = (uintptr_t) 1 << 36;

// bytes rounded up to 256 (CUDA's allocation alignment), placed above 4 GiB so that they end at a PROT_NONE
// page. Under AddressSanitizer the allocation comes from its malloc instead, whose redzones catch reads
// before the start as well as past the end.
bool allocate(std::map<uintptr_t, Allocation>& into, size_t bytes, uintptr_t* out) {
    const size_t rounded = (bytes + 255) & ~(size_t) 255;
#if defined(__SANITIZE_ADDRESS__)
    void* m = std::aligned_alloc(256, rounded);
    if (m == nullptr) return false;
    const uintptr_t base = (uintptr_t) m;
    const size_t mappingBytes = 0;
    if (base >> 32 == 0) {
        std::free(m);
        return false;
    }
#else
    const size_t page = pageSize();
    const size_t body = (rounded + page - 1) / page * page;
    void* m = mmap((void*) kAbove4GiB, body + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return false;
    if ((uintptr_t) m >> 32 == 0) {  // the hint is only a hint: never hand out a 32-bit address
        munmap(m, body + page);
        return false;
    }
    mprotect((char*) m + body, page, PROT_NONE);
    const uintptr_t base = (uintptr_t) m + (body - rounded);
    const size_t mappingBytes = body + page;
#endif
    poison((void*) base, rounded);
    std::lock_guard<std::mutex> lock(memoryMutex);
    into[base] = Allocation{base, bytes, m, mappingBytes};
    *out = base;
    return true;
}

void unmap(const Allocation& a) {
#if defined(__SANITIZE_ADDRESS__)
    std::free(a.mapping);
#else
    munmap(a.mapping, a.mappingBytes);
#endif
}

CUresult release(std::map<uintptr_t, Allocation>& from, uintptr_t p, const char* call) {
    Allocation a;
    {
        std::lock_guard<std::mutex> lock(memoryMutex);
        auto it = from.find(p);
        if (it == from.end()) {
            bool wasFreed = false;
            for (auto& f : freed) wasFreed |= f.first == p;
            return fail(CUDA_ERROR_INVALID_VALUE, call, wasFreed ? "this pointer was already freed"
                                                                : "not the start of an allocation of this kind");
        }
        a = it->second;
        from.erase(it);
        freed.emplace_back(a.base, a.bytes);
        if (freed.size() > 4096) freed.pop_front();
    }
    unmap(a);
    return CUDA_SUCCESS;
}

const Allocation* containing(const std::map<uintptr_t, Allocation>& in, uintptr_t p) {
    auto it = in.upper_bound(p);
    if (it == in.begin()) return nullptr;
    --it;
    return p < it->second.base + it->second.bytes ? &it->second : nullptr;
}

std::string hex(uintptr_t p) {
    char b[32];
    std::snprintf(b, sizeof b, "0x%llx", (unsigned long long) p);
    return b;
}

// FNV-1a over bytes: cheap enough to detect host staging rewritten while a copy from it waits.
uint64_t digest(const unsigned char* p, size_t n, uint64_t h = 1469598103934665603ull) {
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

}  // namespace

CUresult checkRange(Space space, uintptr_t p, size_t bytes, const char* call, const char* what) {
    std::lock_guard<std::mutex> lock(memoryMutex);
    const auto& in = space == Space::DEVICE ? device : pinned;
    const Allocation* a = containing(in, p);
    if (a == nullptr) {
        for (auto& f : freed) {
            if (p >= f.first && p < f.first + f.second) {
                return fail(CUDA_ERROR_INVALID_VALUE, call, std::string(what) + " " + hex(p) + " lies in memory already freed");
            }
        }
        return fail(CUDA_ERROR_INVALID_VALUE, call, std::string(what) + " " + hex(p) + " is not in any live "
                    + (space == Space::DEVICE ? "device" : "page-locked host") + " allocation");
    }
    if (bytes > a->base + a->bytes - p) {
        return fail(CUDA_ERROR_INVALID_VALUE, call, std::string(what) + ": " + std::to_string(bytes) + " bytes from offset "
                    + std::to_string(p - a->base) + " run past the end of its " + std::to_string(a->bytes)
                    + "-byte allocation");
    }
    return CUDA_SUCCESS;
}

bool isPinned(uintptr_t p) {
    std::lock_guard<std::mutex> lock(memoryMutex);
    return containing(pinned, p) != nullptr;
}

void freeAll() {
    std::lock_guard<std::mutex> lock(memoryMutex);
    for (auto* m : {&device, &pinned}) {
        for (auto& [base, a] : *m) unmap(a);
        m->clear();
    }
    freed.clear();
}

namespace {

// One side of a copy of `height` rows of `width` bytes, `pitch` apart.
struct Side {
    bool isDevice;
    uintptr_t p;
    size_t pitch;
};

size_t span(size_t width, size_t height, size_t pitch) { return height == 0 ? 0 : (height - 1) * pitch + width; }

CUresult checkSide(const Side& s, size_t width, size_t height, const char* call, const char* what) {
    if (height > 1 && s.pitch < width) {
        return fail(CUDA_ERROR_INVALID_VALUE, call, std::string(what) + " pitch " + std::to_string(s.pitch)
                    + " is smaller than WidthInBytes " + std::to_string(width));
    }
    if (s.p == 0) return fail(CUDA_ERROR_INVALID_VALUE, call, std::string(what) + " is null");
    if (s.isDevice) return checkRange(Space::DEVICE, s.p, span(width, height, s.pitch), call, what);
    if (isPinned(s.p)) return checkRange(Space::PINNED, s.p, span(width, height, s.pitch), call, what);
    return CUDA_SUCCESS;  // pageable host memory: its bounds are the caller's business, as with a real driver
}

// True when a queued copy will still read page-locked memory overlapping [p, p + n): poisoning it then
// would change what that copy sends.
bool pendingRead(uintptr_t p, size_t n) {
    std::lock_guard<std::mutex> lock(memoryMutex);
    for (auto& [from, bytes] : pendingSources) {
        if (from < p + n && p < from + bytes) return true;
    }
    return false;
}

void copyRows(const Side& dst, const Side& src, size_t width, size_t height) {
    for (size_t y = 0; y < height; y++) {
        std::memcpy((void*) (dst.p + y * dst.pitch), (const void*) (src.p + y * src.pitch), width);
    }
}

uint64_t digestRows(const Side& s, size_t width, size_t height) {
    uint64_t h = 1469598103934665603ull;
    for (size_t y = 0; y < height; y++) h = digest((const unsigned char*) (s.p + y * s.pitch), width, h);
    return h;
}

// A copy of height rows: checked now; run now on the caller (stream 0) or queued on the stream.
// Page-locked host sources are fingerprinted when queued and again when copied: a difference means the
// host rewrote its staging before the copy ran. Page-locked destinations are filled with NaN when queued,
// so a host that reads them before synchronizing sees NaN, not stale numbers that look right. Pageable
// host memory is copied synchronously, as a real driver stages it.
CUresult copy(const char* call, Side dst, Side src, size_t width, size_t height, Stream* stream, bool async) {
    CUresult r = requireContext(call);
    if (r == CUDA_SUCCESS) r = checkStream(stream, call);
    if (r == CUDA_SUCCESS) r = checkSide(src, width, height, call, "source");
    if (r == CUDA_SUCCESS) r = checkSide(dst, width, height, call, "destination");
    if (r != CUDA_SUCCESS) return r;
    if (width == 0 || height == 0) return CUDA_SUCCESS;
    if (dst.isDevice != src.isDevice) count(dst.isDevice ? COPIES_H2D : COPIES_D2H);
    if (skipWork()) return async ? enqueue(stream, call, [] { return CUDA_SUCCESS; }) : sticky();
    if (!async) {
        drainAll();
        copyRows(dst, src, width, height);
        return sticky();
    }
    if (!src.isDevice && !isPinned(src.p)) {
        auto staged = std::make_shared<std::vector<unsigned char>>(width * height);
        copyRows(Side{false, (uintptr_t) staged->data(), width}, src, width, height);
        return enqueue(stream, call, [=] {
            copyRows(dst, Side{false, (uintptr_t) staged->data(), width}, width, height);
            return CUDA_SUCCESS;
        });
    }
    if (!dst.isDevice && !isPinned(dst.p)) {
        r = enqueue(stream, call, [=] {
            copyRows(dst, src, width, height);
            return CUDA_SUCCESS;
        });
        if (r == CUDA_SUCCESS && stream != nullptr) r = cuStreamSynchronize(stream);
        return r;
    }
    uint64_t before = src.isDevice ? 0 : digestRows(src, width, height);
    const size_t srcSpan = span(width, height, src.pitch);
    if (!dst.isDevice && !pendingRead(dst.p, span(width, height, dst.pitch))) {
        for (size_t y = 0; y < height; y++) poison((void*) (dst.p + y * dst.pitch), width);
    }
    if (!src.isDevice) {
        std::lock_guard<std::mutex> lock(memoryMutex);
        pendingSources.emplace(src.p, srcSpan);
    }
    std::string name = call;
    return enqueue(stream, call, [=] {
        if (!src.isDevice) {
            std::lock_guard<std::mutex> lock(memoryMutex);
            auto range = pendingSources.equal_range(src.p);
            for (auto it = range.first; it != range.second; ++it) {
                if (it->second == srcSpan) {
                    pendingSources.erase(it);
                    break;
                }
            }
        }
        if (!src.isDevice && digestRows(src, width, height) != before) {
            return fail(CUDA_ERROR_ILLEGAL_STATE, name.c_str(),
                        "the page-locked source was written by the host after the copy was queued and before it"
                        " ran: synchronize the stream before reusing host staging");
        }
        copyRows(dst, src, width, height);
        return CUDA_SUCCESS;
    });
}

}  // namespace
}  // namespace standin

using namespace standin;


namespace {

CUresult side(const char* call, const char* what, int type, const void* host, CUdeviceptr dev, size_t x, size_t y,
              size_t pitch, Side* out) {
    if (type != 1 && type != 2) {
        return fail(CUDA_ERROR_NOT_SUPPORTED, call, std::string(what) + " memory type " + std::to_string(type)
                    + ": the stand-in copies host (1) and device (2) memory only");
    }
    const bool isDevice = type == 2;
    const uintptr_t base = isDevice ? (uintptr_t) dev : (uintptr_t) host;
    *out = Side{isDevice, base == 0 ? 0 : base + y * pitch + x, pitch};
    return CUDA_SUCCESS;
}

CUresult copy2d(const Memcpy2D* c, Stream* stream, bool async, const char* call) {
    if (c == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, call, "null copy description");
    Side src, dst;
    CUresult r = side(call, "source", c->srcMemoryType, c->srcHost, c->srcDevice, c->srcXInBytes, c->srcY, c->srcPitch, &src);
    if (r == CUDA_SUCCESS) {
        r = side(call, "destination", c->dstMemoryType, c->dstHost, c->dstDevice, c->dstXInBytes, c->dstY, c->dstPitch, &dst);
    }
    if (r != CUDA_SUCCESS) return r;
    return copy(call, dst, src, c->WidthInBytes, c->Height, stream, async);
}

}  // namespace

extern "C" {


CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t bytes) {
    CUresult r = requireContext("cuMemAlloc");
    if (r != CUDA_SUCCESS) return r;
    if (bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAlloc", "0 bytes");
    uintptr_t base;
    if (!allocate(device, bytes, &base)) return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc", std::to_string(bytes) + " bytes");
    count(DEVICE_ALLOCS);
    *p = base;
    return CUDA_SUCCESS;
}

// Rows padded to 512 bytes, as GPUs align them: a host that assumes pitch == width reads the padding (NaN).
CUresult cuMemAllocPitch_v2(CUdeviceptr* p, size_t* pitch, size_t width, size_t height, unsigned elementBytes) {
    CUresult r = requireContext("cuMemAllocPitch");
    if (r != CUDA_SUCCESS) return r;
    if (width == 0 || height == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAllocPitch", "0 width or height");
    if (elementBytes != 4 && elementBytes != 8 && elementBytes != 16) {
        return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAllocPitch", "ElementSizeBytes must be 4, 8 or 16");
    }
    const size_t rowPitch = (width + 511) & ~(size_t) 511;
    uintptr_t base;
    if (!allocate(device, rowPitch * height, &base)) {
        return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAllocPitch", std::to_string(rowPitch * height) + " bytes");
    }
    count(DEVICE_ALLOCS);
    *p = base;
    *pitch = rowPitch;
    return CUDA_SUCCESS;
}

// Like cudaFree, waits for the streams first: queued work may still use the memory.
CUresult cuMemFree_v2(CUdeviceptr p) {
    CUresult r = requireContext("cuMemFree");
    if (r != CUDA_SUCCESS) return r;
    drainAll();
    r = release(device, (uintptr_t) p, "cuMemFree");
    if (r == CUDA_SUCCESS) count(DEVICE_FREES);
    return r;
}

CUresult cuMemAllocHost_v2(void** p, size_t bytes) {
    CUresult r = requireContext("cuMemAllocHost");
    if (r != CUDA_SUCCESS) return r;
    if (bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemAllocHost", "0 bytes");
    uintptr_t base;
    if (!allocate(pinned, bytes, &base)) return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemAllocHost", std::to_string(bytes) + " bytes");
    count(HOST_ALLOCS);
    *p = (void*) base;
    return CUDA_SUCCESS;
}

// What the gpu device allocates its staging with (flags 0: plain page-locked memory).
CUresult cuMemHostAlloc(void** p, size_t bytes, unsigned flags) {
    if (flags != 0) return fail(CUDA_ERROR_NOT_SUPPORTED, "cuMemHostAlloc", "the stand-in takes flags 0 only");
    CUresult r = requireContext("cuMemHostAlloc");
    if (r != CUDA_SUCCESS) return r;
    if (bytes == 0) return fail(CUDA_ERROR_INVALID_VALUE, "cuMemHostAlloc", "0 bytes");
    uintptr_t base;
    if (!allocate(pinned, bytes, &base)) return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuMemHostAlloc", std::to_string(bytes) + " bytes");
    count(HOST_ALLOCS);
    *p = (void*) base;
    return CUDA_SUCCESS;
}

CUresult cuMemFreeHost(void* p) {
    CUresult r = requireContext("cuMemFreeHost");
    if (r != CUDA_SUCCESS) return r;
    drainAll();
    r = release(pinned, (uintptr_t) p, "cuMemFreeHost");
    if (r == CUDA_SUCCESS) count(HOST_FREES);
    return r;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t n) {
    return copy("cuMemcpyHtoD", Side{true, (uintptr_t) dst, n}, Side{false, (uintptr_t) src, n}, n, 1, nullptr, false);
}

CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n) {
    return copy("cuMemcpyDtoH", Side{false, (uintptr_t) dst, n}, Side{true, (uintptr_t) src, n}, n, 1, nullptr, false);
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr dst, const void* src, size_t n, Stream* s) {
    return copy("cuMemcpyHtoDAsync", Side{true, (uintptr_t) dst, n}, Side{false, (uintptr_t) src, n}, n, 1, s, true);
}

CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, Stream* s) {
    return copy("cuMemcpyDtoHAsync", Side{false, (uintptr_t) dst, n}, Side{true, (uintptr_t) src, n}, n, 1, s, true);
}

CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr dst, CUdeviceptr src, size_t n, Stream* s) {
    return copy("cuMemcpyDtoDAsync", Side{true, (uintptr_t) dst, n}, Side{true, (uintptr_t) src, n}, n, 1, s, true);
}

CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) {
    return copy("cuMemcpyDtoD", Side{true, (uintptr_t) dst, n}, Side{true, (uintptr_t) src, n}, n, 1, nullptr, false);
}

// The gpu device zeroes a REDUCE HLOP's partial result with it before the kernel adds into it.
CUresult cuMemsetD32Async(CUdeviceptr dst, unsigned value, size_t n, Stream* s) {
    const char* call = "cuMemsetD32Async";
    CUresult r = requireContext(call);
    if (r == CUDA_SUCCESS) r = checkStream(s, call);
    if (r == CUDA_SUCCESS && dst % 4 != 0) r = fail(CUDA_ERROR_INVALID_VALUE, call, "destination is not 4-byte aligned");
    if (r == CUDA_SUCCESS) r = checkRange(Space::DEVICE, (uintptr_t) dst, n * 4, call, "destination");
    if (r != CUDA_SUCCESS || n == 0) return r;
    return enqueue(s, call, [=] {
        auto* w = (uint32_t*) (uintptr_t) dst;
        for (size_t i = 0; i < n; i++) w[i] = value;
        return CUDA_SUCCESS;
    });
}

CUresult cuMemcpy2DAsync_v2(const Memcpy2D* c, Stream* s) { return copy2d(c, s, true, "cuMemcpy2DAsync"); }

CUresult cuMemcpy2D_v2(const Memcpy2D* c) { return copy2d(c, nullptr, false, "cuMemcpy2D"); }

CUresult cuMemGetInfo_v2(size_t* free, size_t* total) {
    CUresult r = requireContext("cuMemGetInfo");
    if (r != CUDA_SUCCESS) return r;
    *total = (size_t) sysconf(_SC_PHYS_PAGES) * pageSize();
    *free = (size_t) sysconf(_SC_AVPHYS_PAGES) * pageSize();
    return CUDA_SUCCESS;
}

}  // extern "C"
