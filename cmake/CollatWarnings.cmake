# collat_target_warnings(target): the warning set every collat target builds with, as errors.
function(collat_target_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wconversion -Wsign-conversion -Wdouble-promotion
    -Wimplicit-fallthrough -Werror)
  # Strict IEEE arithmetic everywhere: the interpreter and the JIT must agree to the bit.
  target_compile_options(${target} PRIVATE -ffp-contract=off -fno-fast-math)
endfunction()
