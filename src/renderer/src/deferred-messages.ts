/**
 * English messages the first screen (the app's frame and step 1) does not use. The build leaves them out of the
 * initial bundle (scripts/vite-precompiled-messages.ts) and they arrive with the chunks that use them: steps 2–5
 * and the drawers (i18n.ts, withDeferredMessages). Each entry is a subtree of en.json; FIRST_SCREEN_MESSAGES are
 * the keys inside those subtrees that step 1 does show. tests/unit/renderer/deferred-messages.test.ts checks that
 * every key the first screen's files use stays in the first part. Other locales are a chunk each, whole.
 */
/** Sections of `ui` for steps 2–5 and the drawers (named without the prefix: these are subtrees, not messages). */
const DEFERRED_UI_SECTIONS = ['step2', 'step3', 'step4', 'step5', 'settings', 'nslookup', 'report', 'evidence', 'finding', 'status', 'copy']

// `errors`: step 1's own field checks keep theirs (FIRST_SCREEN_MESSAGES); an error from elsewhere that arrives
// before the rest shows the English text it carries and fetches them (use-error-text.ts). `report` words the
// Markdown export; `shell` is for the Electron menus, never the page.
export const DEFERRED_MESSAGES: readonly string[] = [
  ...DEFERRED_UI_SECTIONS.map((section) => `ui.${section}`),
  'findings',
  'diagnosis',
  'errors',
  'report',
  'shell'
]

/**
 * Step 1 words a domain not in DNS and a domain whose servers are silent with those findings' own words, and its
 * domain field is checked in the page (checkCertificateDomain): its errors are `name.*` and `domain.*`.
 */
export const FIRST_SCREEN_MESSAGES: readonly string[] = ['findings.zone.not_found', 'findings.delegation.no_server_answers.fix', 'errors.name', 'errors.domain']
