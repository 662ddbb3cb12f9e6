# The floors, checked on the sources: core/ includes nothing of ui/ or python/ (the front ends and
# the interpreter binding sit above it), and no Widgets or Gui header. Run by ctest as
# tst_includefloors: cmake -DSOURCE_DIR=<top> -P includefloors.cmake; fails with every offending line.
file(GLOB_RECURSE sources "${SOURCE_DIR}/core/*.cpp" "${SOURCE_DIR}/core/*.h")
set(upward "")
foreach(source IN LISTS sources)
    file(STRINGS "${source}" lines REGEX "^[ \t]*#[ \t]*include")
    foreach(line IN LISTS lines)
        if(line MATCHES "#[ \t]*include[ \t]*[\"<](ui|python|tls)/"
           OR line MATCHES "#[ \t]*include[ \t]*<Qt(Widgets|Gui)"
           OR line MATCHES "#[ \t]*include[ \t]*<Q(Widget|Application|GuiApplication)>")
            file(RELATIVE_PATH where "${SOURCE_DIR}" "${source}")
            string(APPEND upward "  ${where}: ${line}\n")
        endif()
        # A core file naming a header that exists only in ui/ or python/ (written without the prefix).
        if(line MATCHES "#[ \t]*include[ \t]*\"([^\"]+)\"")
            set(header "${CMAKE_MATCH_1}")
            get_filename_component(dir "${source}" DIRECTORY)
            if(NOT EXISTS "${dir}/${header}" AND NOT EXISTS "${SOURCE_DIR}/core/${header}"
               AND (EXISTS "${SOURCE_DIR}/ui/${header}" OR EXISTS "${SOURCE_DIR}/python/${header}"))
                file(RELATIVE_PATH where "${SOURCE_DIR}" "${source}")
                string(APPEND upward "  ${where}: ${line} (a header of ui/ or python/)\n")
            endif()
        endif()
    endforeach()
endforeach()
if(upward)
    message(FATAL_ERROR "core/ includes from a floor above it:\n${upward}")
endif()
list(LENGTH sources count)
message(STATUS "core/: ${count} files, no include from ui/ or python/")
