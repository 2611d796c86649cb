import { y } from '../shell/y'
export const x = y
