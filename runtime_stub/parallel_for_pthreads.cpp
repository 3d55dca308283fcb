// parallel_for_pthreads.cpp - the default parallel_for hook of a library built
// with --threads=N > 1 (onnxc appends it to NAME.cpp and names it
// NAME_parallel_for).
//
// It is weak: a program that defines NAME_parallel_for runs the tasks on its
// own thread pool instead. This default starts count - 1 threads per call and
// runs task 0 on the caller. A persistent pool would save the start-up (tens
// of microseconds a thread, which is why kernels split only work of about a
// millisecond or more) but needs global state: a lock, wake-ups, and a
// policy for concurrent NAME_infer_ws calls and for shutting down. Starting
// threads per call keeps every call independent (reentrant), leaves nothing
// running between calls, and needs nothing but pthread_create/pthread_join.
// A thread that cannot be started runs its tasks on the caller instead.
#include <pthread.h>
#include <stdint.h>

namespace {

/// Tasks at most in flight at once (onnxc's --threads limit); a larger count
/// is spread over this many workers.
constexpr int64_t kParallelForMaxWorkers = 64;

struct ParallelForWorker {
  void (*task)(void *, int64_t);
  void *context;
  int64_t first, count, step; ///< runs first, first + step, ... below count
};

void *parallel_for_worker(void *arg) {
  const ParallelForWorker &w = *static_cast<const ParallelForWorker *>(arg);
  for (int64_t i = w.first; i < w.count; i += w.step)
    w.task(w.context, i);
  return nullptr;
}

} // namespace

extern "C" __attribute__((weak)) void
ONNXC_PARALLEL_FOR(int64_t count, void (*task)(void *context, int64_t index), void *context) {
  const int64_t workers = count < kParallelForMaxWorkers ? count : kParallelForMaxWorkers;
  ParallelForWorker work[kParallelForMaxWorkers];
  pthread_t threads[kParallelForMaxWorkers];
  bool started[kParallelForMaxWorkers];
  for (int64_t t = 0; t < workers; ++t) {
    work[t] = {task, context, t, count, workers};
    started[t] = t > 0 && pthread_create(&threads[t], nullptr, parallel_for_worker, &work[t]) == 0;
  }
  for (int64_t t = 0; t < workers; ++t)
    if (!started[t])
      parallel_for_worker(&work[t]);
  for (int64_t t = 1; t < workers; ++t)
    if (started[t])
      pthread_join(threads[t], nullptr);
}
