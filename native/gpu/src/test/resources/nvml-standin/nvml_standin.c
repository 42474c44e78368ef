/*
 * A stand-in libnvidia-ml.so.1 for the NVML meter's tests on machines without an NVIDIA driver: the few
 * entry points the meter calls, answering as set at build time:
 *   INIT_RESULT           what nvmlInit_v2 returns (9 = NVML_ERROR_DRIVER_NOT_LOADED)
 *   GPU_COUNT             how many GPUs it lists (default 2)
 *   ENERGY_NOT_SUPPORTED  nvmlDeviceGetTotalEnergyConsumption returns NVML_ERROR_NOT_SUPPORTED, as before Volta
 *   ENERGY_WATTS          the constant power behind the energy counter: its millijoules are this rate times
 *                         the CLOCK_MONOTONIC time since nvmlInit_v2, rounded down (default 250)
 *   POWER_MW              what nvmlDeviceGetPowerUsage reports, milliwatts (default 187500)
 * standin_counter("init" | "shutdown") says how often each was called, for the tests.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#ifndef INIT_RESULT
#define INIT_RESULT 0
#endif
#ifndef GPU_COUNT
#define GPU_COUNT 2
#endif
#ifndef ENERGY_WATTS
#define ENERGY_WATTS 250ULL
#endif
#ifndef POWER_MW
#define POWER_MW 187500U
#endif

/* nvmlReturn_t values, as nvml.h numbers them. */
#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_NOT_SUPPORTED 3
#define NVML_ERROR_DRIVER_NOT_LOADED 9
#define NVML_ERROR_INSUFFICIENT_SIZE 7

/* A device handle is the address of its slot here, as opaque to the caller as the driver's. */
static int gpus[GPU_COUNT > 0 ? GPU_COUNT : 1];
static long inits, shutdowns;
static int open_count;
static unsigned long long init_ns;

static unsigned long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long) ts.tv_sec * 1000000000ULL + (unsigned long long) ts.tv_nsec;
}

static int index_of(void *device) {
    for (int i = 0; i < GPU_COUNT; i++) {
        if (device == &gpus[i]) {
            return i;
        }
    }
    return -1;
}

int nvmlInit_v2(void) {
    inits++;
    if (INIT_RESULT != NVML_SUCCESS) {
        return INIT_RESULT;
    }
    if (open_count++ == 0) {
        init_ns = now_ns();
    }
    return NVML_SUCCESS;
}

int nvmlShutdown(void) {
    shutdowns++;
    if (open_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    open_count--;
    return NVML_SUCCESS;
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (open_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    *count = GPU_COUNT;
    return NVML_SUCCESS;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    if (open_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (index >= GPU_COUNT) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *device = &gpus[index];
    return NVML_SUCCESS;
}

int nvmlDeviceGetName(void *device, char *name, unsigned int length) {
    int i = index_of(device);
    if (i < 0) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (snprintf(name, length, "Stand-in GPU %d", i) >= (int) length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    return NVML_SUCCESS;
}

int nvmlDeviceGetTotalEnergyConsumption(void *device, unsigned long long *energy) {
    if (open_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (index_of(device) < 0) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
#ifdef ENERGY_NOT_SUPPORTED
    (void) energy;
    return NVML_ERROR_NOT_SUPPORTED;
#else
    /* W x ns = nJ; / 1e6 gives mJ. */
    *energy = (now_ns() - init_ns) * ENERGY_WATTS / 1000000ULL;
    return NVML_SUCCESS;
#endif
}

int nvmlDeviceGetPowerUsage(void *device, unsigned int *power) {
    if (open_count == 0) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (index_of(device) < 0) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *power = POWER_MW;
    return NVML_SUCCESS;
}

/* The texts the real library gives for these codes. */
const char *nvmlErrorString(int result) {
    switch (result) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_NOT_SUPPORTED: return "Not Supported";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        default: return "Unknown Error";
    }
}

long standin_counter(const char *name) {
    if (strcmp(name, "init") == 0) {
        return inits;
    }
    if (strcmp(name, "shutdown") == 0) {
        return shutdowns;
    }
    return -1;
}
