/** What a CLI command produces; the entry point writes it and sets the exit code. */
export interface CommandResult {
  stdout: string
  stderr?: string
  /** 0 answered / verified, 1 DNS-level failure or not verified yet, 2 bad usage. */
  exitCode: 0 | 1 | 2
}
