#!/usr/bin/python3
"""Reads `nm` output on stdin and checks a generated library's symbols.

  nm -u LIB | nm_check.py undefined
      every undefined symbol must come from libc's string functions or libm
      (the design's "nm -u lists only libc/libm symbols"); prints one
      'FORBIDDEN: SYM' line per other symbol, then 'undefined: N symbols'.
  nm -u LIB | nm_check.py undefined threads
      the same for a library built with --threads=N > 1: its default
      parallel_for hook may also call the pthread functions of its pool.
  nm -g --defined-only LIB | nm_check.py prefix NAME
      every global symbol the library defines must carry the model name (C
      symbols NAME_..., C++ ones in namespace NAME), so that several models
      link into one program; prints 'UNPREFIXED: SYM' for the others, then
      'defined: N symbols'.
"""
import re
import sys

# C99/C11 <math.h> functions, each also with the f and l suffixes.
MATH = """acos acosh asin asinh atan atan2 atanh cbrt ceil copysign cos cosh erf erfc
exp exp2 expm1 fabs fdim floor fma fmax fmin fmod frexp hypot ilogb ldexp lgamma
llrint llround log log10 log1p log2 logb lrint lround modf nan nearbyint nextafter
nexttoward pow remainder remquo rint round scalbln scalbn sin sinh sqrt tan tanh
tgamma trunc""".split()
ALLOWED = {f + s for f in MATH for s in ("", "f", "l")}
# <string.h> memory functions the compiler may call for copies and zeroing.
ALLOWED |= {"memcpy", "memmove", "memset", "memcmp"}
# What runtime_stub/parallel_for_pthreads.cpp calls.
THREADS = {"pthread_create", "pthread_attr_init", "pthread_attr_destroy",
           "pthread_attr_setdetachstate", "pthread_attr_setstacksize",
           "pthread_mutex_lock", "pthread_mutex_trylock", "pthread_mutex_unlock",
           "pthread_cond_wait", "pthread_cond_broadcast"}


def symbols():
    for line in sys.stdin:
        parts = line.split()
        # "U sym" (undefined) or "ADDR T sym" (defined); skip "lib.o:" headers.
        if len(parts) >= 2 and len(parts[-2]) == 1:
            yield parts[-2], parts[-1]


def main():
    mode = sys.argv[1]
    count = 0
    if mode == "undefined":
        allowed = ALLOWED | THREADS if sys.argv[2:] == ["threads"] else ALLOWED
        for kind, sym in symbols():
            count += 1
            if kind != "U" or sym.split("@")[0] not in allowed:
                print("FORBIDDEN:", kind, sym)
        print(f"undefined: {count} symbols")
    elif mode == "prefix":
        name = sys.argv[2]
        ok = re.compile(rf"^({re.escape(name)}_|_ZN{len(name)}{re.escape(name)})")
        for kind, sym in symbols():
            count += 1
            if not ok.match(sym):
                print("UNPREFIXED:", kind, sym)
        print(f"defined: {count} symbols")
    else:
        sys.exit(f"unknown mode {mode}")


main()
