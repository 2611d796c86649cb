// Types for scripts/build-node.mjs, for the test setups that import it.
export const NODE_OUT_DIR: string
/** Builds out/node; resolves to esbuild's metafile. */
export function buildNode(): Promise<unknown>
/** Why the build in out/node cannot be used as it is, or null when it is up to date. */
export function staleReason(): string | null
/** Builds when the build is missing or older than any of its inputs; resolves to whether it built. */
export function buildNodeIfStale(log?: (line: string) => void): Promise<boolean>
