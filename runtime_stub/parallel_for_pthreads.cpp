// parallel_for_pthreads.cpp - the default parallel_for hook of a library built
// with --threads=N > 1 (onnxc appends it to NAME.cpp and names it
// NAME_parallel_for).
//
// It is weak: a program that defines NAME_parallel_for runs the tasks on its
// own thread pool instead. This default keeps a pool of worker threads,
// started on the first call that needs them: starting threads per call costs
// tens of microseconds each, as much as a small kernel's whole run. Between
// calls a worker spins a little (the next kernel usually follows within
// microseconds), then sleeps on a condition variable. The caller and the
// workers take the next task from a shared counter until none is left, so a
// worker the OS schedules late leaves its tasks to the others rather than
// making the caller wait for it.
//
// One call uses the pool at a time. A call that finds it busy (a concurrent
// NAME_infer_ws on another thread, or a hook called from inside a task) runs
// its tasks itself, serially: never a deadlock, and the results are the same.
// The workers live until the process exits.
#include <pthread.h>
#include <stdint.h>

namespace {

/// Workers at most (onnxc's --threads limit, less the caller).
constexpr int kParallelForMaxWorkers = 63;
/// Spins (each a CPU pause) a worker waits for the next job before it sleeps:
/// some tens of microseconds, the gap between a model's consecutive kernels.
constexpr int kParallelForSpins = 1 << 14;

/// A worker's mailbox: the caller posts a job (Idle -> Posted); the worker
/// claims it (Posted -> Running) and hands it back (Running -> Idle). A job
/// whose tasks are all done before a late worker claims it is withdrawn
/// (Posted -> Idle), so the caller never waits for a sleeping thread to wake.
enum ParallelForState : int { kIdle, kPosted, kRunning };
struct alignas(64) ParallelForSlot {
  int state = kIdle; // atomic
};

struct ParallelForPool {
  pthread_mutex_t busy = PTHREAD_MUTEX_INITIALIZER; ///< held by the call using the pool
  pthread_mutex_t wake_lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
  int workers = 0;
  ParallelForSlot slots[kParallelForMaxWorkers];
  // The current job: written by the caller before it posts it, read only by
  // workers that claimed it, unchanged until every claim is handed back.
  void (*task)(void *, int64_t) = nullptr;
  void *context = nullptr;
  int64_t count = 0;
  int64_t next = 0; ///< the next task nobody has taken (atomic)
};

ParallelForPool parallel_for_pool;

inline void parallel_for_pause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#endif
}

void parallel_for_take_tasks(ParallelForPool &p) {
  for (int64_t i; (i = __atomic_fetch_add(&p.next, 1, __ATOMIC_RELAXED)) < p.count;)
    p.task(p.context, i);
}

bool parallel_for_claim(int &state) {
  int posted = kPosted;
  return __atomic_compare_exchange_n(&state, &posted, int(kRunning), false, __ATOMIC_ACQUIRE,
                                     __ATOMIC_RELAXED);
}

void *parallel_for_worker(void *arg) {
  ParallelForPool &p = parallel_for_pool;
  int &state = static_cast<ParallelForSlot *>(arg)->state;
  for (;;) {
    bool claimed = false;
    for (int spin = 0; spin < kParallelForSpins && !claimed; ++spin) {
      parallel_for_pause();
      claimed = __atomic_load_n(&state, __ATOMIC_RELAXED) == kPosted && parallel_for_claim(state);
    }
    if (!claimed) {
      pthread_mutex_lock(&p.wake_lock);
      while (!(claimed = parallel_for_claim(state)))
        pthread_cond_wait(&p.wake, &p.wake_lock);
      pthread_mutex_unlock(&p.wake_lock);
    }
    parallel_for_take_tasks(p);
    __atomic_store_n(&state, int(kIdle), __ATOMIC_RELEASE);
  }
  return nullptr;
}

/// Starts workers until there are `wanted` (fewer if the OS refuses some).
void parallel_for_grow(ParallelForPool &p, int wanted) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 1 << 20); // the GEMM packs on the stack
  for (pthread_t thread; p.workers < wanted; ++p.workers)
    if (pthread_create(&thread, &attr, parallel_for_worker, &p.slots[p.workers]) != 0)
      break;
  pthread_attr_destroy(&attr);
}

} // namespace

extern "C" __attribute__((weak)) void
ONNXC_PARALLEL_FOR(int64_t count, void (*task)(void *context, int64_t index), void *context) {
  ParallelForPool &p = parallel_for_pool;
  if (count < 2 || pthread_mutex_trylock(&p.busy) != 0) {
    for (int64_t i = 0; i < count; ++i)
      task(context, i);
    return;
  }
  const int wanted = count - 1 < kParallelForMaxWorkers ? int(count - 1) : kParallelForMaxWorkers;
  if (p.workers < wanted)
    parallel_for_grow(p, wanted);
  const int helpers = p.workers < wanted ? p.workers : wanted;
  p.task = task;
  p.context = context;
  p.count = count;
  p.next = 0;
  // Under the lock, so that a worker about to sleep either sees its post or
  // is already waiting when the broadcast comes.
  pthread_mutex_lock(&p.wake_lock);
  for (int w = 0; w < helpers; ++w)
    __atomic_store_n(&p.slots[w].state, int(kPosted), __ATOMIC_RELEASE);
  pthread_cond_broadcast(&p.wake);
  pthread_mutex_unlock(&p.wake_lock);
  parallel_for_take_tasks(p);
  for (int w = 0; w < helpers; ++w) {
    int posted = kPosted;
    if (__atomic_compare_exchange_n(&p.slots[w].state, &posted, int(kIdle), false,
                                    __ATOMIC_RELAXED, __ATOMIC_RELAXED))
      continue; // withdrawn: that worker never saw the job
    while (__atomic_load_n(&p.slots[w].state, __ATOMIC_ACQUIRE) != kIdle)
      parallel_for_pause();
  }
  pthread_mutex_unlock(&p.busy);
}
