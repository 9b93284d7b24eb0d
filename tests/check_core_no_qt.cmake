# Fails when any core source includes a Qt header or the core archive
# references a Qt symbol.
file(GLOB_RECURSE sources ${SOURCE_DIR}/*.h ${SOURCE_DIR}/*.cpp)
foreach(f ${sources})
  file(STRINGS ${f} hits REGEX "#[ \t]*include[ \t]*[<\"](Q[A-Z]|qt)")
  if(hits)
    message(FATAL_ERROR "core includes Qt: ${f}: ${hits}")
  endif()
endforeach()
execute_process(COMMAND nm -C ${TARGET_FILE} OUTPUT_VARIABLE symbols ERROR_QUIET)
if(symbols MATCHES " U Q[A-Z][A-Za-z]+::")
  message(FATAL_ERROR "core archive references Qt symbols")
endif()
message(STATUS "core is Qt-free: ${TARGET_FILE}")
