# The Debian package: `cpack --config build/CPackConfig.cmake -G DEB` (tools/make-deb.sh) writes
# upstander_<version>_amd64.deb. Its Depends are what dpkg-shlibdeps finds the programs need, plus the
# two font packages (share/upstander/fonts links to them), so `apt install ./upstander_*.deb` on a
# fresh Debian 12 brings in everything the kiosk runs with. Checked by tests/tools/deb_install.sh.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME upstander)
set(CPACK_PACKAGE_VENDOR "Upstander maintainers")
set(CPACK_PACKAGE_CONTACT "Upstander maintainers <maintainers@users.noreply.r-seed-97f805d5.example>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "offline classroom workshop kiosk with anonymous voting")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build.*/" "/\\\\.git/")

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # upstander_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION education)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${CPACK_PACKAGE_CONTACT})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-opendyslexic")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "cage")
# The long description: CPack puts the summary line first and indents this (an empty line becomes " .").
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Upstander runs hate-crime awareness workshops in schools with no internet
and no pupil devices. A facilitator steps through a workshop on a projector
while pupils come to the front one at a time and vote anonymously, by keys,
a touchscreen booth, game-controller handsets or printed answer cards read
by a webcam. Only poll totals are saved, and upstander-report merges them
from many kiosks into the partnership's impact report.

Workshops are content packs of JSON files; upstander-pack checks them.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# The package's share/upstander/fonts holds links to fonts-dejavu-core and fonts-opendyslexic (cmake/install.cmake).
set(CPACK_CUSTOM_INSTALL_VARIABLES "UPSTANDER_FONT_LINKS=ON")

include(CPack)
