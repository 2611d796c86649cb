import { low } from '../main/dns/low'
import { readFileSync } from 'node:fs'
export const shared = [low, readFileSync]
