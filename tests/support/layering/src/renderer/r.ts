import { w } from '../main/cli/w'
export const r = w
