// Streams as host threads: each runs its queued copies and kernels in order, concurrently with the caller
// and with other streams, so a result read before cuStreamSynchronize is a real race, not hidden. Events
// record when a stream reached them.
#include "standin.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <set>
#include <thread>

struct Stream {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<const char*, std::function<CUresult()>>> queue;
    bool running = false;  // an op is being run
    bool stopping = false;
    std::thread worker;
};

struct Event {
    std::mutex mutex;
    std::condition_variable done;
    bool recorded = false;
    bool reached = false;
    std::chrono::steady_clock::time_point at;
};

namespace standin {
namespace {

std::mutex registryMutex;
std::set<Stream*> streams;
std::set<Event*> events;

void work(Stream* s) {
    std::unique_lock<std::mutex> lock(s->mutex);
    for (;;) {
        s->changed.wait(lock, [s] { return s->stopping || !s->queue.empty(); });
        if (s->queue.empty()) return;
        auto op = std::move(s->queue.front());
        s->queue.pop_front();
        s->running = true;
        lock.unlock();
        // After an asynchronous error the context is spoiled: later work is dropped, as on a GPU.
        if (sticky() == CUDA_SUCCESS) {
            CUresult r = op.second();
            if (r != CUDA_SUCCESS) setSticky(r, std::string(op.first) + " failed on its stream");
        }
        lock.lock();
        s->running = false;
        s->changed.notify_all();
    }
}

void drain(Stream* s) {
    std::unique_lock<std::mutex> lock(s->mutex);
    s->changed.wait(lock, [s] { return s->queue.empty() && !s->running; });
}

bool live(Stream* s) {
    std::lock_guard<std::mutex> lock(registryMutex);
    return streams.count(s) != 0;
}

void stop(Stream* s) {
    drain(s);
    {
        std::lock_guard<std::mutex> lock(s->mutex);
        s->stopping = true;
        s->changed.notify_all();
    }
    s->worker.join();
    delete s;
}

}  // namespace

CUresult checkStream(Stream* stream, const char* call) {
    if (stream != nullptr && !live(stream)) {
        return fail(CUDA_ERROR_INVALID_HANDLE, call, "the stream was destroyed or never created");
    }
    return CUDA_SUCCESS;
}

CUresult enqueue(Stream* stream, const char* call, std::function<CUresult()> op) {
    CUresult r = checkStream(stream, call);
    if (r != CUDA_SUCCESS) return r;
    if (stream == nullptr) return op();
    std::lock_guard<std::mutex> lock(stream->mutex);
    stream->queue.emplace_back(call, std::move(op));
    stream->changed.notify_all();
    return CUDA_SUCCESS;
}

void drainAll() {
    std::lock_guard<std::mutex> lock(registryMutex);
    for (Stream* s : streams) drain(s);
}

void destroyAllStreams() {
    std::set<Stream*> all;
    {
        std::lock_guard<std::mutex> lock(registryMutex);
        all.swap(streams);
    }
    for (Stream* s : all) stop(s);
}

}  // namespace standin

using namespace standin;

extern "C" {

CUresult cuStreamCreate(Stream** stream, unsigned flags) {
    CUresult r = requireContext("cuStreamCreate");
    if (r != CUDA_SUCCESS) return r;
    if (flags > 1) return fail(CUDA_ERROR_INVALID_VALUE, "cuStreamCreate", "flags must be 0 or CU_STREAM_NON_BLOCKING");
    auto* s = new Stream();
    s->worker = std::thread(work, s);
    {
        std::lock_guard<std::mutex> lock(registryMutex);
        streams.insert(s);
    }
    count(STREAMS_CREATED);
    *stream = s;
    return CUDA_SUCCESS;
}

CUresult cuStreamSynchronize(Stream* stream) {
    CUresult r = requireContext("cuStreamSynchronize");
    if (r != CUDA_SUCCESS) return r;
    r = checkStream(stream, "cuStreamSynchronize");
    if (r != CUDA_SUCCESS) return r;
    if (stream == nullptr) {
        drainAll();
    } else {
        drain(stream);
    }
    count(SYNCHRONIZES);
    return sticky();
}

CUresult cuStreamQuery(Stream* stream) {
    CUresult r = requireContext("cuStreamQuery");
    if (r != CUDA_SUCCESS) return r;
    r = checkStream(stream, "cuStreamQuery");
    if (r != CUDA_SUCCESS || stream == nullptr) return r;
    std::lock_guard<std::mutex> lock(stream->mutex);
    return stream->queue.empty() && !stream->running ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
}

// A destroyed stream finishes its queued work first, as on a GPU.
CUresult cuStreamDestroy_v2(Stream* stream) {
    CUresult r = requireContext("cuStreamDestroy");
    if (r != CUDA_SUCCESS) return r;
    {
        std::lock_guard<std::mutex> lock(registryMutex);
        if (stream == nullptr || streams.erase(stream) == 0) {
            return fail(CUDA_ERROR_INVALID_HANDLE, "cuStreamDestroy", "the stream was destroyed or never created");
        }
    }
    stop(stream);
    return CUDA_SUCCESS;
}

CUresult cuEventCreate(Event** event, unsigned flags) {
    (void) flags;
    CUresult r = requireContext("cuEventCreate");
    if (r != CUDA_SUCCESS) return r;
    auto* e = new Event();
    std::lock_guard<std::mutex> lock(registryMutex);
    events.insert(e);
    *event = e;
    return CUDA_SUCCESS;
}

static CUresult checkEvent(Event* e, const char* call) {
    std::lock_guard<std::mutex> lock(registryMutex);
    if (events.count(e) == 0) return fail(CUDA_ERROR_INVALID_HANDLE, call, "the event was destroyed or never created");
    return CUDA_SUCCESS;
}

CUresult cuEventRecord(Event* event, Stream* stream) {
    CUresult r = requireContext("cuEventRecord");
    if (r == CUDA_SUCCESS) r = checkEvent(event, "cuEventRecord");
    if (r != CUDA_SUCCESS) return r;
    {
        std::lock_guard<std::mutex> lock(event->mutex);
        event->recorded = true;
        event->reached = false;
    }
    return enqueue(stream, "cuEventRecord", [event] {
        std::lock_guard<std::mutex> lock(event->mutex);
        event->at = std::chrono::steady_clock::now();
        event->reached = true;
        event->done.notify_all();
        return CUDA_SUCCESS;
    });
}

CUresult cuEventSynchronize(Event* event) {
    CUresult r = requireContext("cuEventSynchronize");
    if (r == CUDA_SUCCESS) r = checkEvent(event, "cuEventSynchronize");
    if (r != CUDA_SUCCESS) return r;
    std::unique_lock<std::mutex> lock(event->mutex);
    event->done.wait(lock, [event] { return !event->recorded || event->reached; });
    lock.unlock();
    return sticky();
}

CUresult cuEventQuery(Event* event) {
    CUresult r = requireContext("cuEventQuery");
    if (r == CUDA_SUCCESS) r = checkEvent(event, "cuEventQuery");
    if (r != CUDA_SUCCESS) return r;
    std::lock_guard<std::mutex> lock(event->mutex);
    return !event->recorded || event->reached ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
}

CUresult cuEventElapsedTime(float* ms, Event* start, Event* end) {
    CUresult r = requireContext("cuEventElapsedTime");
    if (r == CUDA_SUCCESS) r = checkEvent(start, "cuEventElapsedTime");
    if (r == CUDA_SUCCESS) r = checkEvent(end, "cuEventElapsedTime");
    if (r != CUDA_SUCCESS) return r;
    std::scoped_lock lock(start->mutex, end->mutex);
    if (!start->reached || !end->reached) {
        return fail(CUDA_ERROR_NOT_READY, "cuEventElapsedTime", "an event has not been reached by its stream");
    }
    *ms = std::chrono::duration<float, std::milli>(end->at - start->at).count();
    return CUDA_SUCCESS;
}

CUresult cuEventDestroy_v2(Event* event) {
    {
        std::lock_guard<std::mutex> lock(registryMutex);
        if (events.erase(event) == 0) {
            return fail(CUDA_ERROR_INVALID_HANDLE, "cuEventDestroy", "the event was destroyed or never created");
        }
    }
    // Work queued on a stream may still record it: wait for that before freeing it.
    drainAll();
    delete event;
    return CUDA_SUCCESS;
}

}  // extern "C"
