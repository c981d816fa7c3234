/* SPDX-License-Identifier: MIT */
/* frame.h - the DroneID frame of an OcuSync transport block (frame.c). */
#ifndef VIGIE_OCU_FRAME_H
#define VIGIE_OCU_FRAME_H

#include <stddef.h>
#include <stdint.h>

#include "../core/stats.h"
#include "../proto/uas.h"
#include "ocusync.h"

/* ocu_frame_parse: the frame in the first n bytes of a transport block
 * whose CRC-24A held (n is OCU_TB, or OCU_TB - 3 without the CRC): the
 * length byte, the DJI CRC-16, then the record through djiid_record()
 * into m (counted in st as for Wi-Fi DroneID). OCU_OK when m holds a
 * record; OCU_FAIL_FRAME for an impossible length, an unknown
 * subcommand or version, or a record cut short; OCU_FAIL_CRC16 when the
 * inner CRC is wrong. Never reads outside [tb, tb + n). */
enum ocu_stage ocu_frame_parse(const uint8_t *tb, size_t n,
    struct dji_msg *m, struct stats *st);

#endif
