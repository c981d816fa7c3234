/* SPDX-License-Identifier: MIT */
/* dahualogin.h - the Dahua login bypass check, shared by exploit_dahua.c
 * (DHIP frames on TCP 37777) and exploit_http.c (POST /RPC2_Login).
 *
 * Reference: ../shared/docs/network.md section 3 (CVE-2021-33044,
 * CVE-2021-33045).
 * Both carry the same JSON RPC request:
 *
 *   {"method":"global.login","params":{"userName":"admin",
 *    "password":"Not Used","clientType":"NetKeyboard",
 *    "loginType":"Direct",...},"id":1,"session":0}
 *
 * CVE-2021-33045 has "loginType":"Loopback", "clientType":"Local" (and
 * usually "ipAddr":"127.0.0.1"), a mode meant for daemons on the device
 * itself. */
#ifndef VIGIE_DAHUALOGIN_H
#define VIGIE_DAHUALOGIN_H

#include <stdbool.h>

#include "proto.h"

/* exploit_dahua_login: look at the first top-level JSON value in json.
 * If its top-level "method" is "global.login", a "clientType" member of
 * "NetKeyboard" reports exploit.cve-2021-33044, and a "loginType" of
 * "Loopback" with a "clientType" of "Local" reports
 * exploit.cve-2021-33045 (both about the receiver; evidence: the
 * decisive member as written, `"clientType":"NetKeyboard"` or
 * `"loginType":"Loopback"`). Member names match in any case, values
 * exactly; JSON escapes are decoded before comparing, and every
 * occurrence of a repeated member counts. Returns false if the JSON is
 * broken or cut before its end (findings from what was read before are
 * still reported). */
bool exploit_dahua_login(struct cur json, struct proto_ctx *ctx);

#endif
