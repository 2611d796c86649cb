/** Something a store found wrong on disk and worked around (the app keeps running; the user's data is kept aside). */
export interface StoreProblem {
  /** The file that could not be used. */
  file: string
  /** Where the unreadable file was moved, or null when it stayed (a field reset, a failed move). */
  movedTo: string | null
  reason: string
}

export interface StoreLogger {
  warn(message: string): void
}

export const consoleLogger: StoreLogger = {
  warn: (message) => console.warn(`[dns-verify] ${message}`)
}
