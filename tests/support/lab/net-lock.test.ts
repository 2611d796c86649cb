import { spawn } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { acquireNetLock, netLockPath } from './net-lock'

const NET = 251 // only a lock file in the temp dir; nothing binds

afterEach(() => rmSync(netLockPath(NET), { force: true }))

function startSleeper() {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' })
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') }
}

describe('acquireNetLock', () => {
  it('takes a free net and frees it again', async () => {
    const release = await acquireNetLock(NET, { pid: process.pid })
    expect(existsSync(netLockPath(NET))).toBe(true)
    release()
    expect(existsSync(netLockPath(NET))).toBe(false)
  })

  it('refuses a second lab on the same net in the same process at once, instead of waiting forever', async () => {
    const release = await acquireNetLock(NET, { pid: process.pid })
    await expect(acquireNetLock(NET, { pid: process.pid })).rejects.toThrow(/already running in this test process/)
    release()
  })

  it('takes over a lock whose process and reaper are gone', async () => {
    writeFileSync(netLockPath(NET), JSON.stringify({ pid: 2 ** 22 + 1, reaperPid: 2 ** 22 + 2 }))
    const release = await acquireNetLock(NET, { pid: process.pid }, 1_000)
    release()
  })

  it('waits while another live process holds the net, and says who when it gives up', async () => {
    const holder = startSleeper()
    try {
      writeFileSync(netLockPath(NET), JSON.stringify({ pid: holder.pid }))
      await expect(acquireNetLock(NET, { pid: process.pid }, 300)).rejects.toThrow(
        new RegExp(`net ${NET} stayed busy .*process ${holder.pid} \\(sleep 30\\)`)
      )
    } finally {
      holder.stop()
    }
  })

  it('counts the net busy while the reaper of a dead test process still cleans up', async () => {
    const reaper = startSleeper()
    writeFileSync(netLockPath(NET), JSON.stringify({ pid: 2 ** 22 + 1, reaperPid: reaper.pid }))
    const acquiring = acquireNetLock(NET, { pid: process.pid }, 5_000)
    setTimeout(reaper.stop, 200)
    const release = await acquiring
    release()
  })
})
