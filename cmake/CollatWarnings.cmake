# collat_target_warnings(target): the warning set every collat target builds with, as errors.
function(collat_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wconversion -Wsign-conversion -Wdouble-promotion
    -Wimplicit-fallthrough -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # clang flags libstdc++ 12's own use of get_temporary_buffer (std::stable_sort).
    target_compile_options(${target} PRIVATE -Wno-deprecated-declarations)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC 12 at -O3 reports a false -Wrestrict inside libstdc++'s std::string code inlined into
    # our callers (GCC bug 105329); it stays a warning so Release builds work.
    target_compile_options(${target} PRIVATE -Wno-error=restrict)
  endif()
  if(COLLAT_FUZZ OR COLLAT_FUZZ_DIFF)
    # The clang sanitized builds: clang warns where gcc, the main build's compiler, does not; the
    # gcc build keeps them errors, here they stay warnings.
    target_compile_options(${target} PRIVATE -Wno-error)
  endif()
  # Strict IEEE arithmetic everywhere: the interpreter and the JIT must agree to the bit.
  target_compile_options(${target} PRIVATE -ffp-contract=off -fno-fast-math)
endfunction()
