// CaDiCaL's C API (Debian package libcadical-dev: /usr/include/ccadical.h and the static libcadical.a).
#include <ccadical.h>
