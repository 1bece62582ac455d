# A shorter start-up for the query command: with TELUSUR_STATIC_START (on by
# default, off under the sanitizers) a target whose TELUSUR_STATIC property is
# set links ICU, Boost.Program_options, zstd and xxHash from their static
# archives (Debian's -dev packages ship them), so the dynamic loader resolves
# only Xapian's and the C++ runtime's symbols. Other targets, and machines
# without the archives, link the shared libraries.
#
# telusur_dependency(NAME SHARED_TARGET ARCHIVE...) defines the interface
# library telusur_dep_NAME that links the one or the other per consuming target.
option(TELUSUR_STATIC_START "Link the query command's libraries but Xapian statically" ON)

set(telusur_static_on "$<BOOL:$<TARGET_PROPERTY:TELUSUR_STATIC>>")
function(telusur_dependency name shared)
  add_library(telusur_dep_${name} INTERFACE)
  set(archives "")
  foreach(archive IN LISTS ARGN)
    find_library(telusur_archive_${archive} NAMES ${archive})
    if(NOT telusur_archive_${archive})
      set(archives "")
      break()
    endif()
    list(APPEND archives ${telusur_archive_${archive}})
  endforeach()
  if(NOT TELUSUR_STATIC_START OR TELUSUR_SANITIZERS OR TELUSUR_FUZZ OR archives STREQUAL "")
    target_link_libraries(telusur_dep_${name} INTERFACE ${shared})
    return()
  endif()
  foreach(lib IN LISTS shared)
    target_link_libraries(telusur_dep_${name} INTERFACE "$<$<NOT:${telusur_static_on}>:${lib}>")
  endforeach()
  foreach(archive IN LISTS archives)
    target_link_libraries(telusur_dep_${name} INTERFACE "$<${telusur_static_on}:${archive}>")
  endforeach()
  target_link_libraries(telusur_dep_${name} INTERFACE "$<${telusur_static_on}:${CMAKE_DL_LIBS}>"
                        Threads::Threads)
endfunction()
