// The paste box in step 2 reads what CAs really send.
import { expect, test } from '@playwright/test'
import { continueStep, doStep1, openApp, resetApp } from './helpers'

const CASES = [
  { name: 'Chinese labels on one line', text: '主机记录：_dnsauth 记录类型：TXT 记录值：abc123', host: '_dnsauth', type: 'TXT', value: 'abc123' },
  {
    name: 'a table copied from a web page',
    text: 'Host record\tRecord type\tRecord value\n_dnsauth\tCNAME\tabc.dcv.example.net',
    host: '_dnsauth',
    type: 'CNAME',
    value: 'abc.dcv.example.net'
  },
  {
    name: "Let's Encrypt / Certbot",
    text: 'Please deploy a DNS TXT record under the name:\n\n_acme-challenge.good.test.\n\nwith the following value:\n\ngfj9Xq-Rg85nM\n',
    host: '_acme-challenge.good.test',
    type: 'TXT',
    value: 'gfj9Xq-Rg85nM'
  }
]

test('pasting a CA text fills host, type and value', async ({ page }) => {
  await resetApp()
  await openApp(page)
  await doStep1(page, 'good.test')
  await continueStep(page)
  for (const c of CASES) {
    await test.step(c.name, async () => {
      const box = page.getByTestId('paste-box').locator('textarea')
      await box.fill('')
      // A real paste: the fields fill in on the paste event, without pressing the button.
      await page.evaluate((text) => navigator.clipboard?.writeText(text).catch(() => undefined), c.text)
      await box.focus()
      await box.evaluate((element, text) => {
        const area = element as HTMLTextAreaElement
        area.value = text
        area.dispatchEvent(new Event('input', { bubbles: true }))
        area.dispatchEvent(new ClipboardEvent('paste', { bubbles: true }))
      }, c.text)
      await expect(page.locator('#host-input')).toHaveValue(c.host)
      await expect(page.locator('#value-input')).toHaveValue(c.value)
      await expect(page.locator(`input[name="record-type"][value="${c.type}"]`)).toBeChecked()
      await expect(page.getByTestId('paste-result')).toContainText('filled in')
    })
  }
  await expect(page.getByTestId('placements')).toContainText('_acme-challenge.good.test')
})
