//===- SerialTasks.h - a parallel_for hook for the thread-split tests -*- C++ -*-===//
#ifndef ONNXC_TESTS_UNIT_SERIALTASKS_H
#define ONNXC_TESTS_UNIT_SERIALTASKS_H

#include <cstdint>

/// Runs the tasks one after another: the split, not the threads, is tested.
inline void serial(int64_t count, void (*task)(void *, int64_t), void *context) {
  for (int64_t i = 0; i < count; ++i)
    task(context, i);
}

#endif
