# Compiles the device path of the front-ends for a Cortex-M4F with
# arm-none-eabi-g++ (no heap, exceptions or RTTI; newlib's libm only), so that
# a dependency the device cannot have is caught in CI.
# Usage: cmake -DCOMPILER=... -DSOURCE_DIR=... -DOUTPUT_DIR=... -P cortex_m_build.cmake
file(GLOB_RECURSE sources ${SOURCE_DIR}/src/frontend/*.cpp)
list(FILTER sources EXCLUDE REGEX "/host/")
file(MAKE_DIRECTORY ${OUTPUT_DIR})
foreach(source ${sources})
  get_filename_component(name ${source} NAME_WE)
  execute_process(
    COMMAND ${COMPILER} -std=c++17 -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os
      -fno-exceptions -fno-rtti -ffp-contract=off -Wall -Wextra -Wconversion -Wno-sign-conversion -Werror
      -I${SOURCE_DIR}/include -c ${source} -o ${OUTPUT_DIR}/${name}.o
    RESULT_VARIABLE result ERROR_VARIABLE errors)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${source} does not build for Cortex-M4:\n${errors}")
  endif()
endforeach()
list(LENGTH sources count)
message(STATUS "${count} device-path sources build for Cortex-M4")
