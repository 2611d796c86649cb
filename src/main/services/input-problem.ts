import { ApiError } from '../../shared/api-result'
import { InputError } from '../diagnosis/input'

/** Whether an error is about the input (it will fail the same way on every retry), not about the network or a bug. */
export function isInputProblem(error: unknown): boolean {
  return error instanceof InputError || (error instanceof ApiError && error.code === 'bad_input')
}
