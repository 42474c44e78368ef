/*
 * A stand-in libcuda.so.1 for tests on machines without an NVIDIA driver: just enough of the driver
 * API for JCuda's binding to load and for the gpu device's detection to run. What it answers is set at
 * build time:
 *   INIT_RESULT     what cuInit returns (100 = CUDA_ERROR_NO_DEVICE)
 *   DRIVER_VERSION  what cuDriverGetVersion reports (12080 = CUDA 12.8)
 *   CC_MAJOR/MINOR  the compute capability of its one listed GPU
 */
#include <stddef.h>
#include <string.h>

#ifndef INIT_RESULT
#define INIT_RESULT 100
#endif
#ifndef DRIVER_VERSION
#define DRIVER_VERSION 12080
#endif
#ifndef CC_MAJOR
#define CC_MAJOR 6
#endif
#ifndef CC_MINOR
#define CC_MINOR 0
#endif

int cuInit(unsigned int flags) { (void) flags; return INIT_RESULT; }
int cuDriverGetVersion(int *v) { *v = DRIVER_VERSION; return 0; }
int cuDeviceGetCount(int *n) { *n = 1; return 0; }
int cuDeviceGet(int *d, int ordinal) { *d = ordinal; return 0; }

int cuDeviceGetName(char *name, int len, int d) {
    (void) d;
    strncpy(name, "Stand-in GPU", (size_t) len);
    return 0;
}

int cuDeviceTotalMem_v2(size_t *bytes, int d) { (void) d; *bytes = (size_t) 16 << 30; return 0; }

int cuDeviceGetAttribute(int *v, int attribute, int d) {
    (void) d;
    switch (attribute) {
        case 75: *v = CC_MAJOR; return 0;  /* CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR */
        case 76: *v = CC_MINOR; return 0;  /* ..._MINOR */
        case 16: *v = 4; return 0;         /* CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT */
        default: *v = 0; return 1;         /* CUDA_ERROR_INVALID_VALUE */
    }
}

/* The driver's own names and texts for the codes it returns, as a real driver gives them. */
int cuGetErrorName(int code, const char **name) {
    switch (code) {
        case 0: *name = "CUDA_SUCCESS"; return 0;
        case 100: *name = "CUDA_ERROR_NO_DEVICE"; return 0;
        case 801: *name = "CUDA_ERROR_NOT_SUPPORTED"; return 0;
        default: *name = NULL; return 1;
    }
}

int cuGetErrorString(int code, const char **text) {
    switch (code) {
        case 0: *text = "no error"; return 0;
        case 100: *text = "no CUDA-capable device is detected"; return 0;
        case 801: *text = "operation not supported"; return 0;
        default: *text = NULL; return 1;
    }
}

/*
 * Every other entry point a binding binds when it loads (the JNA binding resolves all of them up front):
 * present, and failing with CUDA_ERROR_NOT_SUPPORTED, since detection never gets as far as calling them.
 */
#define NOT_SUPPORTED(name) int name(void) { return 801; }
NOT_SUPPORTED(cuDevicePrimaryCtxRetain)
NOT_SUPPORTED(cuDevicePrimaryCtxRelease_v2)
NOT_SUPPORTED(cuCtxSetCurrent)
NOT_SUPPORTED(cuMemGetInfo_v2)
NOT_SUPPORTED(cuModuleLoadData)
NOT_SUPPORTED(cuModuleLoadDataEx)
NOT_SUPPORTED(cuModuleGetFunction)
NOT_SUPPORTED(cuModuleUnload)
NOT_SUPPORTED(cuMemAlloc_v2)
NOT_SUPPORTED(cuMemAllocPitch_v2)
NOT_SUPPORTED(cuMemFree_v2)
NOT_SUPPORTED(cuMemHostAlloc)
NOT_SUPPORTED(cuMemFreeHost)
NOT_SUPPORTED(cuMemcpyHtoD_v2)
NOT_SUPPORTED(cuMemcpyHtoDAsync_v2)
NOT_SUPPORTED(cuMemcpyDtoHAsync_v2)
NOT_SUPPORTED(cuMemcpyDtoDAsync_v2)
NOT_SUPPORTED(cuMemcpy2DAsync_v2)
NOT_SUPPORTED(cuMemsetD32Async)
NOT_SUPPORTED(cuStreamCreate)
NOT_SUPPORTED(cuStreamSynchronize)
NOT_SUPPORTED(cuStreamDestroy_v2)
NOT_SUPPORTED(cuEventCreate)
NOT_SUPPORTED(cuEventRecord)
NOT_SUPPORTED(cuEventSynchronize)
NOT_SUPPORTED(cuEventElapsedTime)
NOT_SUPPORTED(cuEventDestroy_v2)
NOT_SUPPORTED(cuLaunchKernel)
