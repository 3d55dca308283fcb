# Writes TargetDescriptions.cpp: every targets/*.json as a string constant,
# so that onnxc carries its target table and the test harness reads the same
# files.
file(GLOB descriptions "${TARGET_DIR}/*.json")
list(SORT descriptions)
set(text "")
foreach(d ${descriptions})
  file(READ "${d}" body)
  string(APPEND text "    R\"onnxc_target(${body})onnxc_target\",\n")
endforeach()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from targets/*.json by EmbedTargets.cmake.\n"
  "namespace onnxc {\nextern const char *const kTargetDescriptions[];\n"
  "const char *const kTargetDescriptions[] = {\n${text}    nullptr};\n}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
