// Reading daemon logs for error messages: a failed start must say what the daemon said.

import { readFileSync, statSync } from 'node:fs'

export function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

export function readFrom(path: string, offset: number): string {
  try {
    return readFileSync(path).subarray(offset).toString('utf8')
  } catch {
    return ''
  }
}

export function addressInUseHint(address: string): string {
  return (
    `Something else holds ${address}:53: a lab process outliving its test run, or a DNS daemon bound to ` +
    `0.0.0.0:53. See \`ss -lnup 'sport = :53'\` (.ci/run stops such daemons).`
  )
}

export function tailOf(path: string, lines = 30): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') || '(empty)'
  } catch {
    return '(missing)'
  }
}
