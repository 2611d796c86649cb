import { x } from '../api/x'
import { b } from './b'
export const a = [x, b]
