/**
 * The one typed API between the renderer and the main process. Two transports implement it: the
 * preload (Electron IPC, one `ipcRenderer.invoke` per call) and the loopback HTTP bridge (browser
 * mode). Channel names are `namespace:verb`; `API_CHANNELS` is the whole surface, snapshotted in a
 * test so any change shows in review.
 */
import type { CertificateAuthority, Provider } from './catalog-types'
import type { DiagnoseInput, DiagnosisReport, VerificationRecordInput } from './diagnosis-types'
import type { Verdict } from './findings'
import type { AppLocale } from './app-locales'
import type { MessageRef, ShownMessage } from './messages'

export interface DelegationSummary {
  domain: string
  /** Zone apex holding the domain, null when it does not resolve. */
  zone: string | null
  nameservers: string[]
  provider: { id: string; name: string } | null
  /**
   * Why the lookup found nothing (null on success): `not_found` the domain is not in DNS; `servers_silent` the
   * root and registry answered but the domain's own DNS servers (those of `zone`) did not, so the problem is at
   * those servers, not the user's connection; `unreachable` no server on the way could be reached at all.
   */
  problem: 'not_found' | 'servers_silent' | 'unreachable' | null
  /**
   * The platform the user named, asked directly when the name servers belong to another one: whether the zone is
   * set up there too (records added there are not used). Null when no platform was named, it is the one serving,
   * or the catalog has no shared name servers to ask for it.
   */
  atPlatform: { platform: string; nameservers: string[]; zoneFound: boolean } | null
}

/** A file of the data folder that could not be used and was set aside, for the UI to tell once. */
export interface StoreProblemInfo {
  /** What was lost: a saved domain (session) or the settings. */
  kind: 'session' | 'settings'
  file: string
  /** Where the unreadable file was moved (the copy to look at), or null when it could not be moved. */
  movedTo: string | null
  reason: string
}

export interface ResolverPresetInfo {
  id: string
  name: string
  addresses: string[]
}

export interface AppSettings {
  /** Preset ids that are switched on. */
  presets: string[]
  includeSystemResolvers: boolean
  /** Custom resolvers as typed: `IP[:port]`. */
  customResolvers: string[]
  /** Root servers for iterative resolution (labs); empty = IANA roots. */
  roots: string[]
  authPort: number | null
  timeoutMs: number
  locale: AppLocale
  theme: 'system' | 'light' | 'dark'
  /** Seconds between automatic re-checks in step 4. */
  watchIntervalSeconds: number
}

export type CertificateKind = 'single' | 'multi' | 'wildcard'

/** One domain in progress through the wizard; persisted so it survives a restart. */
export interface VerificationSession {
  id: string
  createdAt: string
  updatedAt: string
  step: 1 | 2 | 3 | 4 | 5
  domain: string
  certificateKind: CertificateKind
  /** The order's records: one per certificate domain, each with the host, type and value the CA gave for it. */
  records: VerificationRecordInput[]
  ca: string | null
  /** Platform the user says they will add the record at. */
  intendedPlatform: string | null
  lastReport: DiagnosisReport | null
  lastVerdict: Verdict | null
}

export type ReportFormat = 'markdown' | 'json'

export interface WatchProgress {
  sessionId: string
  /** `queued`: waiting for other checks to finish first (the app runs a few at once). */
  phase: 'queued' | 'checking' | 'done' | 'error'
  /** 0..1 while checking. */
  progress: number
  report: DiagnosisReport | null
  nextCheckAt: string | null
  /** Why the check failed (phase `error`), else null. */
  error: ShownMessage | null
}

/**
 * Typed error every transport returns for a rejected call. The UI shows `messageId` + `params` (its words are under
 * `errors.<messageId>` in the locale files) in the user's language where the call was made; `message` is the same
 * in English, for logs and for clients that do not translate.
 */
export interface ApiErrorBody extends MessageRef {
  code: 'bad_input' | 'not_found' | 'internal' | 'forbidden'
  message: string
  /** For bad_input: which field, as a dotted path (`domains.0`). */
  field?: string
}

export interface Api {
  'catalog:providers'(): Promise<Provider[]>
  'catalog:cas'(): Promise<CertificateAuthority[]>
  'catalog:resolverPresets'(): Promise<ResolverPresetInfo[]>
  'dns:delegation'(input: { domain: string; platform?: string }): Promise<DelegationSummary>
  'diagnosis:run'(input: DiagnoseInput): Promise<DiagnosisReport>
  'sessions:list'(): Promise<VerificationSession[]>
  'sessions:save'(session: VerificationSession): Promise<VerificationSession>
  'sessions:delete'(input: { id: string }): Promise<void>
  'settings:get'(): Promise<AppSettings>
  'settings:set'(settings: AppSettings): Promise<AppSettings>
  'report:render'(input: { report: DiagnosisReport; format: ReportFormat; locale: AppSettings['locale'] }): Promise<string>
  'watch:start'(input: { sessionId: string; input: DiagnoseInput; intervalSeconds: number }): Promise<void>
  'watch:stop'(input: { sessionId: string }): Promise<void>
  /** Files of the data folder set aside since the last call (each told once). */
  'store:problems'(): Promise<StoreProblemInfo[]>
}

export type ApiChannel = keyof Api

/** Push events from main to renderer (`onDidX`, as VS Code names them). */
export interface ApiEvents {
  onDidWatchProgress: WatchProgress
}

export const API_CHANNELS = [
  'catalog:providers',
  'catalog:cas',
  'catalog:resolverPresets',
  'dns:delegation',
  'diagnosis:run',
  'sessions:list',
  'sessions:save',
  'sessions:delete',
  'settings:get',
  'settings:set',
  'report:render',
  'watch:start',
  'watch:stop',
  'store:problems'
] as const satisfies readonly ApiChannel[]

/** The renderer-side client: the same calls as methods, transport hidden. */
export type ApiClient = { [K in ApiChannel]: Api[K] } & {
  onDidWatchProgress(listener: (event: WatchProgress) => void): () => void
}
