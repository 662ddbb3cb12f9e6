# The Debian package, made by `cpack -G DEB` in a build configured for /usr (scripts/package.sh).
set(CPACK_PACKAGE_NAME socket-workbench)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Socket Workbench developers")
set(CPACK_PACKAGE_CONTACT "Socket Workbench developers <maintainers@socketworkbench.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "workbench for the BSD socket API, in Python's socket vocabulary")
# Lines under 80 columns, as Debian's policy asks of the extended description.
string(CONCAT CPACK_PACKAGE_DESCRIPTION
    "Create TCP, UDP and UNIX sockets, bind, listen, accept, connect, send and\n"
    "receive, set options, shut down and close them, and watch their traffic live\n"
    "as hex and text. Every action is shown as the Python socket call it equals,\n"
    "with its real result or exception, and a session exports as a script that\n"
    "python3 runs. An embedded Python console's socket calls go through the\n"
    "workbench.")
set(CPACK_PACKAGE_HOMEPAGE_URL https://github.com/socketworkbench/socket-workbench)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)

set(CPACK_DEBIAN_PACKAGE_NAME socket-workbench)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # socket-workbench_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries it links, from dpkg-shlibdeps; and what it loads at run time, which that cannot
# see: Qt's platform plugins (xcb, wayland), the SVG icon engine for the window icon
# (libqt6svg6 holds the plugins in Debian 12), and the standard library of the embedded CPython.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
find_package(Python3 REQUIRED COMPONENTS Interpreter) # the one python/ found (Python3_EXECUTABLE)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qt6-qpa-plugins, libqt6svg6, libpython${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}-stdlib")
# python3 for scripts that start the interpreter again (sys.executable) and for exported scripts;
# Qt's own strings in the window's other language (qtbase_zh_CN.qm); a font with Chinese glyphs.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "python3, qt6-translations-l10n, fonts-noto-cjk | fonts-wqy-microhei")

include(CPack)
