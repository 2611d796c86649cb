import type { DnsRecord, ExchangeOutcome } from '../../shared/dns-types'
import type { ResponseMeaning } from './delegation'
import type { ResolveFailure, ResolveFailureCode, ServerRef, TraceStep } from './iterative-types'
import { stripDot } from '../../shared/names'
import { serverToString } from '../../shared/server-address'

// Words and evidence of an iterative resolution: failure messages for people and the trace steps.

/** Problems listed one by one in a failure; the rest are counted. A referral can name hundreds of servers. */
export const MAX_LISTED_PROBLEMS = 20

export function failure(code: ResolveFailureCode, zone: string, message: string, problems: string[] = []): { ok: false; failure: ResolveFailure } {
  const listed =
    problems.length <= MAX_LISTED_PROBLEMS
      ? problems
      : [...problems.slice(0, MAX_LISTED_PROBLEMS - 1), `…and ${problems.length - MAX_LISTED_PROBLEMS + 1} more`]
  return { ok: false, failure: { code, zone, message, problems: listed } }
}

export function serverLabel(server: ServerRef): string {
  const address = serverToString(server.address)
  return server.name === server.address.host ? address : `${server.name} (${address})`
}

export function zoneLabel(zone: string): string {
  return zone === '.' ? 'the root zone' : `the zone ${zone}`
}

/** Problems spelled out in a message; past that, the first ones and a count (issue 10: 200 servers were 30 KB). */
const PROBLEMS_IN_MESSAGE = 4

export function unreachableMessage(at: { zone: string; servers: { name: string }[] }, problems: string[]): string {
  if (at.servers.length === 0) return `${capitalise(zoneLabel(at.zone))} has no name servers to ask.`
  const count = at.servers.length === 1 ? 'The only name server' : `None of the ${at.servers.length} name servers`
  const verb = at.servers.length === 1 ? 'could not be used' : 'could be used'
  const clean = problems.map((p) => p.replace(/\.$/, ''))
  if (clean.length <= PROBLEMS_IN_MESSAGE) return `${count} of ${zoneLabel(at.zone)} ${verb}: ${clean.join('; ')}.`
  const shown = clean.slice(0, 2)
  return `${count} of ${zoneLabel(at.zone)} ${verb}; first: ${shown.join('; ')}; and ${clean.length - shown.length} more.`
}

/** Why a name server's address could not be found, in one clause: the details stay in the lookup's own steps. */
export function lookupFailureText(f: ResolveFailure): string {
  switch (f.code) {
    case 'glueless_loop':
      return `finding it needs ${zoneLabel(f.zone)}, whose name servers cannot be found without this one (a glueless delegation loop)`
    case 'unreachable':
      return `looking it up failed: no name server of ${zoneLabel(f.zone)} could be used`
    default:
      return `looking it up failed: ${f.message.replace(/\.$/, '')}`
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function chainText(name: string, chain: DnsRecord[]): string {
  return [name, ...chain.map((r) => (r.data.kind === 'name' ? stripDot(r.data.target) : '?'))].join(' → ')
}

export function answeredStep(
  zone: string,
  name: string,
  type: string,
  server: ServerRef,
  result: Extract<ExchangeOutcome, { ok: true }>,
  fromCache: boolean,
  meaning: ResponseMeaning
): TraceStep {
  return {
    zone,
    question: { name, type },
    server,
    kind: meaning.kind,
    rcode: result.response.rcode,
    authoritative: result.response.flags.aa,
    referral: meaning.kind === 'referral' ? meaning.referral : null,
    answers: result.response.answers,
    authorities: result.response.authorities,
    responseBytes: result.responseBytes,
    elapsedMs: result.elapsedMs,
    transport: result.transport,
    fromCache,
    problem: meaning.kind === 'lame' ? meaning.reason : null,
    failureCode: null
  }
}

export function failedStep(
  zone: string,
  name: string,
  type: string,
  server: ServerRef,
  result: Extract<ExchangeOutcome, { ok: false }>,
  fromCache: boolean
): TraceStep {
  return {
    zone,
    question: { name, type },
    server,
    kind: 'failed',
    rcode: null,
    authoritative: false,
    referral: null,
    answers: [],
    authorities: [],
    responseBytes: 0,
    elapsedMs: result.elapsedMs,
    transport: null,
    fromCache,
    problem: result.message,
    failureCode: result.code
  }
}
