import { a } from '../services/a'
export const mid = a
