// The packaging config and the release workflow agree, and electron-builder itself accepts the config: a mistake here
// would otherwise show only on the release runners, after the tests there have passed.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_USER_MODEL_ID } from '../../../src/main/shell/app-identity'

const REPO = resolve(import.meta.dirname, '../../..')
// js-yaml and the schema check come with electron-builder; load them the way it does.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib'))
const yaml = builderRequire('js-yaml') as { load(text: string): unknown }
const { validateConfiguration } = builderRequire('./util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>
}
const { DebugLogger } = builderRequire('builder-util') as { DebugLogger: new (enabled: boolean) => unknown }

interface TargetSpec {
  target: string
  arch: string[]
}
interface BuilderConfig {
  appId: string
  win: { target: TargetSpec[] }
  mac: { target: TargetSpec[] }
  linux: { target: TargetSpec[] }
  nsis: { artifactName: string }
  dmg: { artifactName: string }
  appImage: { artifactName: string }
}
interface ReleaseWorkflow {
  jobs: { installers: { strategy: { matrix: { include: { os: string; files: string }[] } } } }
}

const builderConfig = yaml.load(readFileSync(join(REPO, 'electron-builder.yml'), 'utf8')) as BuilderConfig
const release = yaml.load(readFileSync(join(REPO, '.github/workflows/release.yml'), 'utf8')) as ReleaseWorkflow

/** A file name electron-builder writes for `artifactName`, as a glob-free sample. */
function sampleName(artifactName: string, ext: string, arch: string): string {
  return artifactName.replace('${version}', '0.1.0').replace('${ext}', ext).replace('${arch}', arch)
}

/** Whether `name` matches an upload pattern of the workflow (`dist/*.dmg`; only `*` is used there). */
function matches(pattern: string, name: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
  return regex.test(`dist/${name}`)
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema", async () => {
    await expect(validateConfiguration(structuredClone(builderConfig), new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('is not accepted vacuously: the same check rejects a wrong architecture', async () => {
    const broken = structuredClone(builderConfig)
    broken.mac.target[0]!.arch = ['x64', 'arm65']
    await expect(validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/mac\.target/)
  })

  it('builds the NSIS installer (x64), a DMG per Mac architecture and the AppImage (x64)', () => {
    expect(builderConfig.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(builderConfig.mac.target).toEqual([{ target: 'dmg', arch: ['x64', 'arm64'] }])
    expect(builderConfig.linux.target).toEqual([{ target: 'AppImage', arch: ['x64'] }])
  })

  it('has the appId the shell gives Windows as its AppUserModelID (notifications need them equal)', () => {
    expect(builderConfig.appId).toBe(APP_USER_MODEL_ID)
  })
})

describe('release.yml', () => {
  it('uploads exactly the installers electron-builder writes on each OS', () => {
    const byOs = Object.fromEntries(release.jobs.installers.strategy.matrix.include.map((entry) => [entry.os, entry.files]))
    expect(Object.keys(byOs).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest'])
    expect(matches(byOs['windows-latest']!, sampleName(builderConfig.nsis.artifactName, 'exe', 'x64'))).toBe(true)
    for (const arch of ['x64', 'arm64']) expect(matches(byOs['macos-latest']!, sampleName(builderConfig.dmg.artifactName, 'dmg', arch))).toBe(true)
    expect(matches(byOs['ubuntu-latest']!, sampleName(builderConfig.appImage.artifactName, 'AppImage', 'x86_64'))).toBe(true)
    // and not the blockmaps or unpacked folders beside them
    expect(matches(byOs['windows-latest']!, 'dns-verify-assistant-0.1.0-setup.exe.blockmap')).toBe(false)
    expect(matches(byOs['macos-latest']!, 'dns-verify-assistant-0.1.0-arm64.dmg.blockmap')).toBe(false)
  })
})
