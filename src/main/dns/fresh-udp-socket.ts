import { createSocket, type Socket } from 'node:dgram'
import { lookup as dnsLookup } from 'node:dns'
import { isIP } from 'node:net'

/**
 * Fresh UDP sockets, one per try and never reused: every query leaves from a new ephemeral port.
 *
 * Two costs of node:dgram are taken off the query's path here, without sharing a socket between
 * queries:
 * - dgram resolves every address it binds or connects to through dns.lookup, which answers an IP
 *   literal only on the next tick. The lookup given to createSocket answers literals at once, so
 *   bind and connect complete synchronously; anything else still goes through dns.lookup.
 * - Creating and binding a socket (two system calls and a libuv handle) takes longer than the rest
 *   of a loopback query. A few sockets per family are bound ahead of need, while earlier queries
 *   wait for their answers. Each is handed out once, connected by the caller and closed after its
 *   try; an idle one is unref'd so it never keeps the process alive. Datagrams it received before
 *   it was taken were read and dropped by dgram (no listener), and later ones must pass the
 *   caller's source, id and question checks like any other.
 */

/** Sockets kept bound per family; enough to cover a query that starts while another one waits. */
const SPARE_SOCKETS = Number(process.env.DNS_SPARES ?? 2) // TEMP

type Family = 4 | 6
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string, family: number) => void

function literalLookup(address: string, family: number, callback: LookupCallback): void {
  const literalFamily = isIP(address)
  if (literalFamily !== 0) callback(null, address, literalFamily)
  else dnsLookup(address, family, callback)
}

function newSocket(family: Family): Socket {
  // @types/node declares the lookup's second argument as options; dgram passes the family number.
  return createSocket({ type: family === 6 ? 'udp6' : 'udp4', lookup: literalLookup as never })
}

const spares: Record<Family, Socket[]> = { 4: [], 6: [] }
const refilling: Record<Family, boolean> = { 4: false, 6: false }
/** Families that have failed to bind ahead (no IPv6 on this host...): left to the caller's connect. */
const noSpares: Record<Family, boolean> = { 4: false, 6: false }

/**
 * A socket no query has used. It may already be bound to an ephemeral port (wildcard address) or
 * still unbound, in which case connect() binds it; either way the caller connects it, sends once
 * and closes it.
 */
export function takeFreshUdpSocket(family: Family): Socket {
  const pool = spares[family]
  const socket = pool.pop()
  if (SPARE_SOCKETS > 0 && !refilling[family] && !noSpares[family]) {
    refilling[family] = true
    setImmediate(refill, family)
  }
  if (socket === undefined) return newSocket(family)
  socket.removeListener('error', onSpareError)
  socket.ref()
  return socket
}

function refill(family: Family): void {
  refilling[family] = false
  const pool = spares[family]
  while (pool.length < SPARE_SOCKETS) {
    const socket = newSocket(family)
    let failed = false
    const onBindError = (): void => {
      failed = true
    }
    socket.once('error', onBindError)
    // exclusive: in a cluster worker, a shared handle from the primary would not be fresh.
    socket.bind({ port: 0, exclusive: true })
    socket.removeListener('error', onBindError)
    if (failed) {
      // The same bind will fail again in connect(), where the try reports it as a network error.
      socket.close()
      noSpares[family] = true
      return
    }
    socket.on('error', onSpareError)
    socket.unref()
    pool.push(socket)
  }
}

/** An error on an idle, unconnected socket (none is expected): drop the socket. */
function onSpareError(this: Socket): void {
  for (const pool of Object.values(spares)) {
    const at = pool.indexOf(this)
    if (at !== -1) pool.splice(at, 1)
  }
  this.close()
}
