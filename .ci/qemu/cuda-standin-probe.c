// Loads a libcuda.so.1 with dlopen and drives it the way the gpu device does on a Jetson: init, the
// primary context, the _v2 allocation and copy entry points, a PTX module and one kernel launch
// (histogram256, which exercises __syncthreads in the stand-in's fibers), checked against the host's
// own count. .ci/qemu-aarch64 builds it with aarch64-linux-gnu-gcc and runs it under QEMU on the
// aarch64 stand-in, so the gpu side is checked even while the JVM cannot reach it.
//
// Usage: cuda-standin-probe LIBCUDA HISTOGRAM_PTX      exit 0 and one "ok" line, or 1 and the reason.
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;  // 64-bit on every 64-bit machine, as in cuda.h

static void* lib;
static CUresult (*getErrorString)(CUresult, const char**);

static void* sym(const char* name) {
    void* f = dlsym(lib, name);
    if (f == NULL) {
        fprintf(stderr, "cuda-standin-probe: %s is not exported: %s\n", name, dlerror());
        exit(1);
    }
    return f;
}

static void check(CUresult r, const char* call) {
    if (r == 0) return;
    const char* text = "(no text)";
    if (getErrorString != NULL) getErrorString(r, &text);
    fprintf(stderr, "cuda-standin-probe: %s returned %d: %s\n", call, r, text);
    exit(1);
}

static char* readAll(const char* path) {
    FILE* f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char* text = malloc((size_t) n + 1);
    if (text == NULL || fread(text, 1, (size_t) n, f) != (size_t) n) {
        fprintf(stderr, "cuda-standin-probe: cannot read %s\n", path);
        exit(1);
    }
    text[n] = '\0';
    fclose(f);
    return text;
}

int main(int argc, char** argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: cuda-standin-probe LIBCUDA HISTOGRAM_PTX\n");
        return 2;
    }
    struct utsname u;
    uname(&u);
    lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        fprintf(stderr, "cuda-standin-probe: dlopen %s failed: %s\n", argv[1], dlerror());
        return 1;
    }
    getErrorString = (CUresult (*)(CUresult, const char**)) sym("cuGetErrorString");
    CUresult (*init)(unsigned) = sym("cuInit");
    CUresult (*driverGetVersion)(int*) = sym("cuDriverGetVersion");
    CUresult (*deviceGet)(int*, int) = sym("cuDeviceGet");
    CUresult (*deviceGetName)(char*, int, int) = sym("cuDeviceGetName");
    CUresult (*retain)(void**, int) = sym("cuDevicePrimaryCtxRetain");
    CUresult (*release)(int) = sym("cuDevicePrimaryCtxRelease_v2");
    CUresult (*setCurrent)(void*) = sym("cuCtxSetCurrent");
    CUresult (*synchronize)(void) = sym("cuCtxSynchronize");
    CUresult (*memAlloc)(CUdeviceptr*, size_t) = sym("cuMemAlloc_v2");
    CUresult (*memFree)(CUdeviceptr) = sym("cuMemFree_v2");
    CUresult (*htod)(CUdeviceptr, const void*, size_t) = sym("cuMemcpyHtoD_v2");
    CUresult (*dtoh)(void*, CUdeviceptr, size_t) = sym("cuMemcpyDtoH_v2");
    CUresult (*moduleLoadData)(void**, const void*) = sym("cuModuleLoadData");
    CUresult (*moduleGetFunction)(void**, void*, const char*) = sym("cuModuleGetFunction");
    CUresult (*moduleUnload)(void*) = sym("cuModuleUnload");
    CUresult (*launch)(void*, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, void*, void**,
                       void**) = sym("cuLaunchKernel");

    check(init(0), "cuInit");
    int version = 0;
    check(driverGetVersion(&version), "cuDriverGetVersion");
    int dev = -1;
    check(deviceGet(&dev, 0), "cuDeviceGet");
    char name[256] = {0};
    check(deviceGetName(name, sizeof name, dev), "cuDeviceGetName");
    void* ctx = NULL;
    check(retain(&ctx, dev), "cuDevicePrimaryCtxRetain");
    check(setCurrent(ctx), "cuCtxSetCurrent");

    // 8 blocks of 256 pixels with values -1.5 .. 300 (some outside [0, 256), which count nowhere).
    enum { N = 2048, BINS = 256 };
    static float pixels[N];
    static unsigned expected[BINS], bins[BINS];
    for (int i = 0; i < N; i++) {
        pixels[i] = (float) ((i * 37) % 302) - 1.5f;
        if (pixels[i] >= 0.0f && pixels[i] < 256.0f) expected[(int) pixels[i]]++;
    }
    CUdeviceptr dPixels = 0, dBins = 0;
    check(memAlloc(&dPixels, sizeof pixels), "cuMemAlloc_v2");
    check(memAlloc(&dBins, sizeof bins), "cuMemAlloc_v2");
    check(htod(dPixels, pixels, sizeof pixels), "cuMemcpyHtoD_v2");
    check(htod(dBins, bins, sizeof bins), "cuMemcpyHtoD_v2");  // bins is all zeros here

    char* ptx = readAll(argv[2]);
    void* module = NULL;
    check(moduleLoadData(&module, ptx), "cuModuleLoadData");
    void* kernel = NULL;
    check(moduleGetFunction(&kernel, module, "histogram256"), "cuModuleGetFunction");
    int rows = 1, cols = N;
    void* params[] = {&dPixels, &dBins, &rows, &cols};  // kernelParams: pointers to each argument's value
    check(launch(kernel, N / 256, 1, 1, 256, 1, 1, 0, NULL, params, NULL), "cuLaunchKernel");
    check(synchronize(), "cuCtxSynchronize");
    check(dtoh(bins, dBins, sizeof bins), "cuMemcpyDtoH_v2");
    for (int b = 0; b < BINS; b++) {
        if (bins[b] != expected[b]) {
            fprintf(stderr, "cuda-standin-probe: histogram256 bin %d is %u, the host counts %u\n", b, bins[b],
                    expected[b]);
            return 1;
        }
    }
    check(moduleUnload(module), "cuModuleUnload");
    check(memFree(dPixels), "cuMemFree_v2");
    check(memFree(dBins), "cuMemFree_v2");
    check(release(dev), "cuDevicePrimaryCtxRelease_v2");
    printf("cuda-standin-probe: ok on %s: '%s', driver %d, cuMemAlloc_v2 at 0x%llx, histogram256 of %d pixels "
           "equal to the host's\n", u.machine, name, version, dPixels, N);
    free(ptx);
    return 0;
}
