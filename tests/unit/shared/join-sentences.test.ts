import { describe, expect, it } from 'vitest'
import { findingText, joinSentences } from '../../../src/shared/format-message'
import zh from '../../../src/shared/locales/zh-CN.json'
import en from '../../../src/shared/locales/en.json'

describe('joinSentences', () => {
  it('puts a space after Latin punctuation and none after full-width punctuation', () => {
    expect(joinSentences(['One.', 'Two.'])).toBe('One. Two.')
    expect(joinSentences(['验证一定会失败。', '没有及时收到回复。'])).toBe('验证一定会失败。没有及时收到回复。')
    expect(joinSentences(['是吗？', '是的！', '好：', 'x'])).toBe('是吗？是的！好：x')
    expect(joinSentences(['只有一句'])).toBe('只有一句')
    expect(joinSentences([])).toBe('')
  })

  it('joins a finding explanation and its variant sentence the way each language writes', () => {
    const params = { zone: 'example.com', servers: ['ns1.example.com'], reason: 'timeout' }
    expect(findingText(zh, 'delegation.no_server_answers', params).explain).not.toMatch(/。 /)
    expect(findingText(en, 'delegation.no_server_answers', params).explain).toMatch(/\. \S/)
  })
})
