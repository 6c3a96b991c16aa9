# Common compile settings for every neurite target.
add_compile_options(-ffp-contract=off)  # identical rounding on host and device
if(NEURITE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

function(neurite_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion -Wcast-align -Wnon-virtual-dtor)
  if(NEURITE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
