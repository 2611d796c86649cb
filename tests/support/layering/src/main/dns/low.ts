import { mid } from '../diagnosis/mid'
export const low = mid
