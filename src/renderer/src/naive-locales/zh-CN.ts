// Naive UI's own words in Chinese, on their own so that i18n.ts can load them on demand.
export { zhCN as default } from 'naive-ui'
