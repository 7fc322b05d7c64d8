# cmake/embed_text.cmake: what the scripts that compile files into C++ as raw strings share
# (resolve/embed_tables.cmake, serve/embed_assets.cmake).

# The file's text as a C++ raw string literal; fails the build when the text holds the delimiter.
function(raw_string_literal file delimiter out_var)
  file(READ "${file}" text)
  string(FIND "${text}" ")${delimiter}\"" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter ${delimiter}")
  endif()
  set(${out_var} "R\"${delimiter}(${text})${delimiter}\"" PARENT_SCOPE)
endfunction()

# Writes the text unless the file already holds it, so an unchanged input recompiles nothing.
function(write_if_changed path text)
  if(EXISTS "${path}")
    file(READ "${path}" previous)
    if(previous STREQUAL text)
      return()
    endif()
  endif()
  file(WRITE "${path}" "${text}")
endfunction()
