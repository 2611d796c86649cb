/**
 * The architecture as rules (npm run lint:deps, part of npm test):
 *
 *   shared  ←  main, renderer, preload          shared is pure: no main/renderer/preload, no node:, no electron
 *   main:  dns ← diagnosis ← services ← adapters (api, shell, bridge, cli)
 *   renderer ↮ main                             the two sides meet only in shared (one typed Api)
 *   preload → shared (types) + electron only
 *   no cycles
 *
 * Paths are matched as `src/...` anywhere in the path, so tests/support/layering (a tree of planted violations)
 * is checked by the same rules: tests/unit/layering.test.ts proves each rule fires.
 */
const SRC = '(?:^|/)src/'
const MAIN = `${SRC}main/`
const ADAPTERS = `${MAIN}(api|shell|bridge|cli)/`

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment: 'src/shared is used by both sides: it may not reach into main, renderer or preload.',
      severity: 'error',
      from: { path: `${SRC}shared/` },
      to: { path: `${SRC}(main|renderer|preload)/` }
    },
    {
      name: 'shared-is-pure',
      comment: 'src/shared runs in the renderer too: no node: built-ins, no electron.',
      severity: 'error',
      from: { path: `${SRC}shared/` },
      to: { dependencyTypes: ['core'] }
    },
    {
      name: 'no-electron-outside-shell-and-preload',
      comment: 'Only the Electron shell and the preload may import electron; everything else runs in plain Node or a page.',
      severity: 'error',
      from: { path: SRC, pathNot: `${MAIN}shell/|${SRC}preload/` },
      to: { path: '(?:^|/)node_modules/electron/' }
    },
    {
      name: 'no-main-to-renderer',
      severity: 'error',
      from: { path: MAIN },
      to: { path: `${SRC}(renderer|preload)/` }
    },
    {
      name: 'no-renderer-to-main',
      comment: 'The renderer reaches the main process only through the Api (src/shared/api.ts).',
      severity: 'error',
      from: { path: `${SRC}renderer/` },
      to: { path: `${SRC}(main|preload)/` }
    },
    {
      name: 'preload-imports-shared-and-electron',
      comment: 'The sandboxed preload may import only shared types and electron.',
      severity: 'error',
      from: { path: `${SRC}preload/` },
      to: { pathNot: `${SRC}shared/|(?:^|/)node_modules/electron/|${SRC}preload/` }
    },
    {
      name: 'dns-is-the-bottom',
      comment: 'The DNS client library knows nothing of verification, services or adapters.',
      severity: 'error',
      from: { path: `${MAIN}dns/` },
      to: { path: `${MAIN}(diagnosis|services|api|shell|bridge|cli)/` }
    },
    {
      name: 'diagnosis-below-services',
      severity: 'error',
      from: { path: `${MAIN}diagnosis/` },
      to: { path: `${MAIN}(services|api|shell|bridge|cli)/` }
    },
    {
      name: 'services-below-adapters',
      comment: 'Services may not import an adapter (api, shell, bridge, cli); stored shapes are in services/stored-schemas.ts.',
      severity: 'error',
      from: { path: `${MAIN}services/` },
      to: { path: ADAPTERS }
    },
    {
      name: 'api-below-the-other-adapters',
      comment: 'src/main/api (dispatch, channel schemas, error bodies) is what every adapter shares.',
      severity: 'error',
      from: { path: `${MAIN}api/` },
      to: { path: `${MAIN}(shell|bridge|cli)/` }
    },
    {
      name: 'adapters-apart',
      comment:
        'Adapters share src/main/api only. Two exceptions: the web command reads its flags with the CLI parser, and ' +
        'the bridge serves the page with the same CSP as the Electron shell.',
      severity: 'error',
      from: { path: ADAPTERS },
      to: {
        path: `${MAIN}(shell|bridge|cli)/`,
        pathNot: [
          '$1',
          `${MAIN}cli/(args|usage-error)\\.ts$`,
          `${MAIN}shell/content-security-policy\\.ts$`
        ]
      }
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from main in the renderer is still a dependency on main.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.web.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    exclude: { path: '\\.d\\.ts$' }
  }
}
