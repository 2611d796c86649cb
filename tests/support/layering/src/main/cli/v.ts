// @ts-nocheck
import { gone } from './missing'
export const v = gone
