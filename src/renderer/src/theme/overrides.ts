/**
 * The app's look on top of Naive UI: fonts, brand colours, and the contrast fixes that keep text at 4.5:1 or better
 * in light and in dark.
 */
import type { GlobalThemeOverrides } from 'naive-ui'

const FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif"
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'Noto Sans Mono CJK SC', monospace"

export function themeOverrides(dark: boolean): GlobalThemeOverrides {
  return dark
    ? {
        common: {
          fontFamily: FONT,
          fontFamilyMono: MONO,
          primaryColor: '#7aa7f7',
          primaryColorHover: '#93b8fa',
          primaryColorPressed: '#6494ea',
          primaryColorSuppl: '#7aa7f7',
          bodyColor: '#111318',
          cardColor: '#181b22',
          modalColor: '#1b1e26',
          popoverColor: '#1f232c'
        },
        // Steps not reached yet stay readable (Naive UI greys them out below 4.5:1).
        Steps: {
          headerTextColorWait: '#a3a8b3',
          headerTextColorFinish: '#c4c8d0',
          indicatorTextColorWait: '#a3a8b3',
          indicatorBorderColorWait: '#6b7080',
          splitorColorWait: '#3a3f4b',
          splitorColorProcess: '#3a3f4b'
        }
      }
    : {
        common: {
          fontFamily: FONT,
          fontFamilyMono: MONO,
          primaryColor: '#1f5fd6',
          primaryColorHover: '#2f6fe6',
          primaryColorPressed: '#184fb5',
          primaryColorSuppl: '#2f6fe6',
          bodyColor: '#f5f7fa',
          cardColor: '#ffffff',
          textColor3: '#5b6170',
          // Darker than Naive UI's defaults so coloured text (tags, status words) reads at 4.5:1 or better.
          successColor: '#157347',
          successColorHover: '#1c8a56',
          successColorPressed: '#105c38',
          successColorSuppl: '#1c8a56',
          warningColor: '#8f5300',
          warningColorHover: '#a86300',
          warningColorPressed: '#754400',
          warningColorSuppl: '#a86300',
          errorColor: '#b92b3b',
          errorColorHover: '#cf3a4b',
          errorColorPressed: '#9a2231',
          errorColorSuppl: '#cf3a4b',
          infoColor: '#1b5bbf',
          infoColorHover: '#2a6cd3',
          infoColorPressed: '#154a9e',
          infoColorSuppl: '#2a6cd3'
        },
        Steps: {
          headerTextColorWait: '#5b6170',
          headerTextColorFinish: '#3b4250',
          indicatorTextColorWait: '#5b6170',
          indicatorBorderColorWait: '#8a909c',
          splitorColorWait: '#d3d7de',
          splitorColorProcess: '#d3d7de'
        }
      }
}
