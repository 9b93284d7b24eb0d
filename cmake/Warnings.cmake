# Warnings are errors in our own code; third-party headers come in as SYSTEM.
function(sb_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
    -Wcast-align -Wunused -Woverloaded-virtual -Wconversion
    -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
    -Werror)
  # GCC 12 reports std::string assignments as overlapping memcpy at -O2
  # (GCC bug 105329); the warning is wrong there and cannot be worked around
  # at the call site.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
