/* SPDX-License-Identifier: MIT */
/* inspect.h - payload inspection: dispatch a packet to the application
 * decoders (src/proto/), collect the facts they report, decide which
 * device each fact is about, and fold it into that device's evidence.
 *
 * Stateless per packet: decoders are chosen by port (destination, then
 * source) and by the payload's first bytes, so no flow state is needed
 * and the cost is a few comparisons for a packet nobody wants. */
#ifndef VIGIE_INSPECT_H
#define VIGIE_INSPECT_H

#include "../intel/ident.h"
#include "../intel/kb.h"
#include "addr.h"
#include "alerts.h"
#include "host.h"
#include "names.h"
#include "packet.h"
#include "stats.h"

struct inspector;

/* inspect_new: an inspector using kb (read-only), attaching evidence to
 * hosts of ht, with at most max_idents devices carrying evidence. local
 * says which addresses are the organisation's own. Names of remote ends
 * (DNS answers, TLS SNI, HTTP Host) go to names, findings (exploit
 * attempts, cleartext logins, P2P relays) to alerts; either may be NULL.
 * NULL if memory is short. */
struct inspector *inspect_new(const struct kb *kb, struct host_table *ht,
    const struct netset *local, uint32_t max_idents, struct names *names,
    struct alerts *alerts, struct stats *st);

/* inspect_free: release in. */
void inspect_free(struct inspector *in);

/* inspect_packet: decode the payload of packet p (decoded to its
 * transport, or a non-IP frame with p->ethertype set) with the decoders
 * that may want it, and fold what they report into device evidence. p's
 * bytes are only used during the call. */
void inspect_packet(struct inspector *in, const struct pkt *p);

/* inspect_ident: the evidence of host h, or NULL. */
const struct ident *inspect_ident(struct inspector *in, const struct host *h);

/* inspect_host_gone: host h leaves the table: free its evidence. */
void inspect_host_gone(struct inspector *in, const struct host *h);

#endif
