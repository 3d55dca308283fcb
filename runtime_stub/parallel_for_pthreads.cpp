// parallel_for_pthreads.cpp - the default parallel_for hook of a library built
// with --threads=N > 1 (onnxc appends it to NAME.cpp and names it
// NAME_parallel_for).
//
// It is weak: a program that defines NAME_parallel_for runs the tasks on its
// own thread pool instead. This default starts count - 1 threads per call;
// the caller and the threads take the next task from a shared counter until
// none is left, so a thread that the OS schedules late (a loaded machine) or
// that cannot be started at all leaves its task to the others rather than
// making the caller wait for it. A persistent pool would save the start-up
// (tens of microseconds a thread, which is why kernels split only work of
// about a millisecond or more) but needs global state: a lock, wake-ups, and
// a policy for concurrent NAME_infer_ws calls and for shutting down.
// Starting threads per call keeps every call independent (reentrant), leaves
// nothing running between calls, and needs nothing but pthread_create and
// pthread_join.
#include <pthread.h>
#include <stdint.h>

namespace {

/// Threads at most started by one call (onnxc's --threads limit).
constexpr int64_t kParallelForMaxThreads = 64;

struct ParallelForTasks {
  void (*task)(void *, int64_t);
  void *context;
  int64_t count;
  int64_t next; ///< the next task nobody has taken (atomic)
};

void *parallel_for_run(void *arg) {
  ParallelForTasks &t = *static_cast<ParallelForTasks *>(arg);
  for (int64_t i; (i = __atomic_fetch_add(&t.next, 1, __ATOMIC_RELAXED)) < t.count;)
    t.task(t.context, i);
  return nullptr;
}

} // namespace

extern "C" __attribute__((weak)) void
ONNXC_PARALLEL_FOR(int64_t count, void (*task)(void *context, int64_t index), void *context) {
  ParallelForTasks tasks = {task, context, count, 0};
  pthread_t threads[kParallelForMaxThreads];
  int64_t started = 0;
  for (int64_t t = 1; t < count && t <= kParallelForMaxThreads; ++t)
    if (pthread_create(&threads[started], nullptr, parallel_for_run, &tasks) == 0)
      ++started;
  parallel_for_run(&tasks);
  for (int64_t t = 0; t < started; ++t)
    pthread_join(threads[t], nullptr);
}
