// Modules and launches. A module is loaded from PTX text only, and only if the driver version and compute
// capability the stand-in plays (settings.cpp) could JIT-compile its .version and .target. Its .entry
// declarations give the kernel names, parameter lists and .maxntid bounds, and each entry runs as the host
// build of the kernel with that name (kernels.cpp), if its C++ parameters match the PTX's. Fatbins and cubins hold machine code
// for real GPUs, which the stand-in refuses as a driver for another architecture would.
#include "kernels.h"
#include "standin.h"

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <vector>

namespace {

// The first CUDA release whose driver JIT-compiles each PTX ISA version (NVIDIA's PTX ISA release history, as
// cuda-python's _ptx_utils maps it), as {ISA * 10, 1000 * major + 10 * minor}. CUDA 12.6 brought no new ISA.
constexpr int kIsaReleases[][2] = {
    {10, 1000}, {11, 1010}, {12, 2000}, {13, 2010}, {14, 2020}, {20, 3000}, {21, 3010}, {22, 3020}, {23, 4000},
    {30, 4010}, {31, 5000}, {32, 5050}, {40, 6000}, {41, 6050}, {42, 7000}, {43, 7050}, {50, 8000}, {60, 9000},
    {61, 9010}, {62, 9020}, {63, 10000}, {64, 10010}, {65, 10020}, {70, 11000}, {71, 11010}, {72, 11020},
    {73, 11030}, {74, 11040}, {75, 11050}, {76, 11060}, {77, 11070}, {78, 11080}, {80, 12000}, {81, 12010},
    {82, 12020}, {83, 12030}, {84, 12040}, {85, 12050}, {86, 12070}, {87, 12080}, {88, 12090}, {90, 13000},
    {91, 13010},
};

std::string dotted(int tenths) { return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10); }
std::string cudaRelease(int version) { return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10); }

enum class PtxParam { INT32, INT64, F32, F64, OTHER };

struct Entry {
    std::vector<PtxParam> params;
    unsigned maxThreads = 1024;
};

}  // namespace

struct Module {
    std::map<std::string, Entry> entries;
    std::vector<std::unique_ptr<Function>> functions;
};

struct Function {
    Module* module;
    std::string name;
    const standin::HostKernel* kernel;
    Entry entry;
};

using namespace standin;

namespace {

std::mutex modulesMutex;
std::set<Module*> modules;
std::set<Function*> functions;

PtxParam ptxType(const std::string& param) {
    std::istringstream in(param);
    std::string token;
    while (in >> token) {
        if (token.find('[') != std::string::npos) return PtxParam::OTHER;
        if (token == ".u32" || token == ".s32" || token == ".b32") return PtxParam::INT32;
        if (token == ".u64" || token == ".s64" || token == ".b64") return PtxParam::INT64;
        if (token == ".f32") return PtxParam::F32;
        if (token == ".f64") return PtxParam::F64;
    }
    return PtxParam::OTHER;
}

bool matches(Param host, PtxParam ptx) {
    switch (host) {
        case Param::POINTER:
        case Param::INT64: return ptx == PtxParam::INT64;
        case Param::INT32: return ptx == PtxParam::INT32;
        case Param::FLOAT32: return ptx == PtxParam::F32;
        case Param::FLOAT64: return ptx == PtxParam::F64;
    }
    return false;
}

const char* ptxName(PtxParam p) {
    switch (p) {
        case PtxParam::INT32: return ".b32";
        case PtxParam::INT64: return ".b64";
        case PtxParam::F32: return ".f32";
        case PtxParam::F64: return ".f64";
        default: return "an aggregate";
    }
}

// Reads .version, .target and every .entry of PTX text; returns an empty string or what is wrong.
std::string parse(const std::string& ptx, Module& m, int* code) {
    *code = CUDA_ERROR_INVALID_PTX;
    size_t v = ptx.find(".version");
    if (v == std::string::npos) return "no .version directive: not PTX";
    int major = 0, minor = 0;
    if (std::sscanf(ptx.c_str() + v, ".version %d.%d", &major, &minor) != 2) return "unreadable .version";
    const Settings& s = settings();
    const int isa = major * 10 + minor;
    const int readable = maxPtxIsa(s.driverVersion);
    if (isa > readable) {
        // The driver's JIT compiler rejects the .version. CUDA 11.1 introduced the code that says so; older
        // drivers report a failed JIT compilation (a Jetson Nano given ISA 7.4: rust-cuda issue 34).
        *code = s.driverVersion >= 11010 ? CUDA_ERROR_UNSUPPORTED_PTX_VERSION : CUDA_ERROR_INVALID_PTX;
        return "PTX ISA " + dotted(isa) + " is newer than the " + dotted(readable) + " a CUDA "
               + cudaRelease(s.driverVersion) + " driver reads (ptxas: Unsupported .version " + dotted(isa)
               + "; current version is '" + dotted(readable) + "')";
    }
    size_t t = ptx.find(".target");
    int arch = 0;
    char suffix = 0;
    if (t == std::string::npos || std::sscanf(ptx.c_str() + t, ".target sm_%d%c", &arch, &suffix) < 1) {
        return "no .target sm_XX";
    }
    // A real driver's JIT compiles for the device's own architecture and fails on PTX for a newer one;
    // sm_XXa PTX (architecture-specific features) runs on exactly that architecture.
    const int device = s.ccMajor * 10 + s.ccMinor;
    const std::string cc = std::to_string(s.ccMajor) + "." + std::to_string(s.ccMinor);
    if (arch > device) {
        return "PTX for .target sm_" + std::to_string(arch) + " cannot run on the device's compute capability " + cc
               + " (ptxas: SM version specified by .target is higher than default SM version assumed)";
    }
    if (suffix == 'a' && arch != device) {
        return "PTX for .target sm_" + std::to_string(arch) + "a runs on compute capability " + dotted(arch)
               + " only, not on the device's " + cc;
    }
    for (size_t at = ptx.find(".entry"); at != std::string::npos; at = ptx.find(".entry", at + 6)) {
        size_t open = ptx.find('(', at);
        size_t body = ptx.find('{', at);
        if (body == std::string::npos) return "an .entry without a body";
        std::string name;
        std::istringstream(ptx.substr(at + 6, std::min(open, body) - at - 6)) >> name;
        Entry e;
        if (open != std::string::npos && open < body) {
            size_t close = ptx.find(')', open);
            if (close == std::string::npos || close > body) return "unclosed parameter list of " + name;
            std::string list = ptx.substr(open + 1, close - open - 1);
            std::istringstream params(list);
            std::string param;
            while (std::getline(params, param, ',')) {
                if (param.find(".param") != std::string::npos) e.params.push_back(ptxType(param));
            }
            size_t bound = ptx.find(".maxntid", close);
            if (bound != std::string::npos && bound < body) {
                unsigned x = 1, y = 1, z = 1;
                std::sscanf(ptx.c_str() + bound, ".maxntid %u, %u, %u", &x, &y, &z);
                e.maxThreads = x * y * z;
            }
        }
        m.entries[name] = e;
    }
    if (m.entries.empty()) return "no .entry in the module";
    return "";
}

CUresult load(Module** out, const void* image, const char* call, std::string* log) {
    CUresult r = requireContext(call);
    if (r != CUDA_SUCCESS) return r;
    if (image == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, call, "null image");
    uint32_t magic;
    std::memcpy(&magic, image, sizeof magic);
    if (magic == 0xBA55ED50u || std::memcmp(image, "\177ELF", 4) == 0) {
        *log = "a fatbin or cubin holds GPU machine code; the host stand-in runs PTX only";
        return fail(CUDA_ERROR_NO_BINARY_FOR_GPU, call, *log);
    }
    auto m = std::make_unique<Module>();
    int code;
    *log = parse(std::string((const char*) image), *m, &code);
    if (!log->empty()) return fail(code, call, *log);
    std::lock_guard<std::mutex> lock(modulesMutex);
    modules.insert(m.get());
    *out = m.release();
    return CUDA_SUCCESS;
}

}  // namespace

int standin::maxPtxIsa(int driverVersion) {
    int isa = 0;
    for (const auto& release : kIsaReleases) {
        if (release[1] <= driverVersion) isa = release[0];
    }
    return isa;
}

extern "C" {

CUresult cuModuleLoadData(Module** module, const void* image) {
    std::string log;
    return load(module, image, "cuModuleLoadData", &log);
}

// JIT options honoured: CU_JIT_ERROR_LOG_BUFFER (5) and its size (6), which receive why a load failed.
CUresult cuModuleLoadDataEx(Module** module, const void* image, unsigned n, const int* options, void** values) {
    std::string log;
    CUresult r = load(module, image, "cuModuleLoadDataEx", &log);
    char* buffer = nullptr;
    size_t size = 0;
    for (unsigned i = 0; i < n; i++) {
        if (options[i] == 5) buffer = (char*) values[i];
        if (options[i] == 6) size = (size_t) (uintptr_t) values[i];
    }
    if (buffer != nullptr && size > 0) std::snprintf(buffer, size, "%s", r == CUDA_SUCCESS ? "" : log.c_str());
    return r;
}

CUresult cuModuleGetFunction(Function** function, Module* module, const char* name) {
    CUresult r = requireContext("cuModuleGetFunction");
    if (r != CUDA_SUCCESS) return r;
    std::lock_guard<std::mutex> lock(modulesMutex);
    if (modules.count(module) == 0) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuModuleGetFunction", "the module was unloaded or never loaded");
    }
    auto e = module->entries.find(name);
    if (e == module->entries.end()) {
        std::string names;
        for (auto& [n, entry] : module->entries) names += (names.empty() ? "" : ", ") + n;
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction", std::string("no entry '") + name + "' in the module (it has "
                    + names + ")");
    }
    const HostKernel* k = hostKernel(name);
    if (k == nullptr) {
        return fail(CUDA_ERROR_NOT_FOUND, "cuModuleGetFunction", std::string("entry '") + name
                    + "' has no host build in the stand-in (it runs " + hostKernelNames() + ")");
    }
    const auto& ptx = e->second.params;
    if (ptx.size() != k->params.size()) {
        return fail(CUDA_ERROR_INVALID_PTX, "cuModuleGetFunction", std::string(name) + ": the PTX declares "
                    + std::to_string(ptx.size()) + " parameters, the host build takes " + std::to_string(k->params.size()));
    }
    for (size_t i = 0; i < ptx.size(); i++) {
        if (!matches(k->params[i], ptx[i])) {
            return fail(CUDA_ERROR_INVALID_PTX, "cuModuleGetFunction", std::string(name) + ": parameter " + std::to_string(i)
                        + " is " + ptxName(ptx[i]) + " in the PTX but a " + paramName(k->params[i]) + " in the host build");
        }
    }
    auto f = std::make_unique<Function>(Function{module, name, k, e->second});
    *function = f.get();
    functions.insert(f.get());
    module->functions.push_back(std::move(f));
    return CUDA_SUCCESS;
}

CUresult cuModuleUnload(Module* module) {
    CUresult r = requireContext("cuModuleUnload");
    if (r != CUDA_SUCCESS) return r;
    drainAll();  // queued launches may still use its functions
    std::lock_guard<std::mutex> lock(modulesMutex);
    if (modules.erase(module) == 0) {
        return fail(CUDA_ERROR_INVALID_HANDLE, "cuModuleUnload", "the module was unloaded or never loaded");
    }
    for (auto& f : module->functions) functions.erase(f.get());
    delete module;
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(Function* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned sharedBytes, Stream* stream, void** params, void** extra) {
    const char* call = "cuLaunchKernel";
    CUresult r = requireContext(call);
    if (r != CUDA_SUCCESS) return r;
    {
        std::lock_guard<std::mutex> lock(modulesMutex);
        if (functions.count(f) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, call, "the function's module was unloaded");
    }
    std::string kernel = f->name;
    if (extra != nullptr) return fail(CUDA_ERROR_NOT_SUPPORTED, call, kernel + ": 'extra' parameter packing is not supported");
    if (sharedBytes != 0) return fail(CUDA_ERROR_NOT_SUPPORTED, call, kernel + ": dynamic shared memory is not supported");
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0) {
        return fail(CUDA_ERROR_INVALID_VALUE, call, kernel + ": a grid or block dimension is 0");
    }
    if (gy > 65535 || gz > 65535 || bx > 1024 || by > 1024 || bz > 64) {
        return fail(CUDA_ERROR_INVALID_VALUE, call, kernel + ": grid or block dimension beyond the device's limits");
    }
    const unsigned threads = bx * by * bz;
    if (threads > f->entry.maxThreads) {
        return fail(CUDA_ERROR_INVALID_VALUE, call, kernel + ": " + std::to_string(threads) + " threads per block, but its"
                    " .maxntid allows " + std::to_string(f->entry.maxThreads));
    }
    const size_t n = f->kernel->params.size();
    if (n > 0 && params == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, call, kernel + ": kernelParams is null");
    // The values are copied now, as the driver does: the caller may reuse its parameter memory at once.
    auto values = std::make_shared<std::vector<uint64_t>>(n, 0);
    for (size_t i = 0; i < n; i++) {
        const Param p = f->kernel->params[i];
        if (params[i] == nullptr) {
            return fail(CUDA_ERROR_INVALID_VALUE, call, kernel + ": kernelParams[" + std::to_string(i) + "] is null");
        }
        std::memcpy(&(*values)[i], params[i], paramBytes(p));
        if (p == Param::POINTER) {
            std::string what = kernel + " parameter " + std::to_string(i);
            r = checkRange(Space::DEVICE, (uintptr_t) (*values)[i], 1, call, what.c_str());
            if (r != CUDA_SUCCESS) return r;
        }
    }
    r = checkStream(stream, call);
    if (r != CUDA_SUCCESS) return r;
    count(LAUNCHES);
    const HostKernel* k = f->kernel;
    const unsigned grid[3] = {gx, gy, gz};
    const unsigned block[3] = {bx, by, bz};
    return enqueue(stream, call, [k, values, grid0 = grid[0], grid1 = grid[1], grid2 = grid[2], b0 = block[0], b1 = block[1],
                                  b2 = block[2], n] {
        kernelGate();
        std::vector<void*> pointers(n);
        for (size_t i = 0; i < n; i++) pointers[i] = &(*values)[i];
        const unsigned g[3] = {grid0, grid1, grid2};
        const unsigned b[3] = {b0, b1, b2};
        if (skipWork()) {
            count(KERNELS_DONE);
            return CUDA_SUCCESS;
        }
        try {
            std::lock_guard<std::mutex> lock(launchLock());
            k->run(g, b, pointers.data());
        } catch (const std::exception& e) {
            return fail(CUDA_ERROR_OUT_OF_MEMORY, "cuLaunchKernel", std::string(k->name) + ": " + e.what());
        }
        count(KERNELS_DONE);
        return CUDA_SUCCESS;
    });
}

}  // extern "C"
