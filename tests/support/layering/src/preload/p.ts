import { r } from '../renderer/r'
export const p = r
